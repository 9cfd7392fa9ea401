#include "core/engine/code_generator.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace sdlab {
namespace {

// While generating, temporaries and constants get marked operand numbers;
// once every node is generated and their counts are known they are
// rewritten to real slots (temporaries after the internal slots, constants
// after the temporaries).
constexpr std::int32_t kTempMarker = 1 << 28;
constexpr std::int32_t kConstMarker = 1 << 29;

class CodeGenerator {
 public:
  CodeGenerator(ModelImpl& model, const std::unordered_map<const Expr*, int>& stateful_by_call,
                CodeNode& node)
      : model_(model), stateful_by_call_(stateful_by_call), node_(node) {}

  /// Generates the node's code; returns how many temporaries it used.
  int Generate() {
    node_.code.clear();
    node_.offsets.clear();
    Emit(*node_.expr, node_.slot);
    return max_temp_;
  }

 private:
  std::size_t Add(Op op, int d, int a, int b, std::size_t offset, int count = 0) {
    Instruction in;
    in.op = op;
    in.d = d;
    in.a = a;
    in.b = b;
    in.count = static_cast<std::uint16_t>(count);
    node_.code.push_back(in);
    node_.offsets.push_back(static_cast<std::uint32_t>(offset));
    return node_.code.size() - 1;
  }

  // Points the jump at `at` to the next instruction to be emitted.
  void PatchJump(std::size_t at) {
    node_.code[at].b = static_cast<std::int32_t>(node_.code.size() - at);
  }

  int NewTemps(int count) {
    int first = kTempMarker + next_temp_;
    next_temp_ += count;
    max_temp_ = std::max(max_temp_, next_temp_);
    return first;
  }
  int Into(int target) { return target >= 0 ? target : NewTemps(1); }
  int ConstantSlot(double value) { return kConstMarker + ConstantIndex(model_, value); }

  // The value in `slot`, moved to `target` when one is asked for.
  int Place(int slot, int target, std::size_t offset) {
    if (target < 0 || target == slot) return slot;
    Add(Op::kCopy, target, slot, 0, offset);
    return target;
  }

  // Numbers and pure math over numbers are computed once, here. A result
  // that is not finite (1/0) is left to fail at run time with its location.
  bool Fold(const Expr& expr, double* value) const {
    if (expr.kind == ExprKind::kNumber) {
      *value = expr.number;
      return true;
    }
    if (!Foldable(expr)) return false;
    TimeContext unused;
    *value = EvaluateExpr(model_, expr, nullptr, unused);
    return std::isfinite(*value);
  }

  static bool Foldable(const Expr& expr) {
    switch (expr.kind) {
      case ExprKind::kNumber:
        return true;
      case ExprKind::kVariable:
      case ExprKind::kLookupCall:
        return false;
      case ExprKind::kCall:
        // Time, the run's settings (DT, STARTTIME ... can change per run),
        // RANDOM and stateful functions are not constants.
        if (expr.builtin < 0 || GetBuiltin(expr.builtin).stateful ||
            GetBuiltin(expr.builtin).reads_time || expr.builtin == kDt ||
            expr.builtin == kStartTime || expr.builtin == kStopTime) {
          return false;
        }
        break;
      default:
        break;
    }
    for (const ExprPtr& argument : expr.args) {
      if (!Foldable(*argument)) return false;
    }
    return true;
  }

  static Op BinaryOpCode(BinaryOp op) {
    switch (op) {
      case BinaryOp::kAdd:
        return Op::kAdd;
      case BinaryOp::kSubtract:
        return Op::kSubtract;
      case BinaryOp::kMultiply:
        return Op::kMultiply;
      case BinaryOp::kDivide:
        return Op::kDivide;
      case BinaryOp::kPower:
        return Op::kPower;
      case BinaryOp::kModulo:
        return Op::kModulo;
      case BinaryOp::kEqual:
        return Op::kEqual;
      case BinaryOp::kNotEqual:
        return Op::kNotEqual;
      case BinaryOp::kLess:
        return Op::kLess;
      case BinaryOp::kLessEqual:
        return Op::kLessEqual;
      case BinaryOp::kGreater:
        return Op::kGreater;
      case BinaryOp::kGreaterEqual:
        return Op::kGreaterEqual;
      case BinaryOp::kAnd:
      case BinaryOp::kOr:
        break;
    }
    return Op::kAdd;
  }

  int EmitBinary(Op op, const Expr& left, const Expr& right, int target, std::size_t at) {
    int mark = next_temp_;
    int a = Emit(left, -1);
    int b = Emit(right, -1);
    next_temp_ = mark;  // d may reuse a's temporary: the operands are read first
    int d = Into(target);
    Add(op, d, a, b, at);
    return d;
  }

  // Short-circuit: `x <> 0 AND y / x > 1` never divides by zero.
  int EmitLogical(const Expr& expr, int target) {
    bool is_and = expr.binary_op == BinaryOp::kAnd;
    std::size_t at = expr.op_offset;
    int d = Into(target);
    int mark = next_temp_;
    int a = Emit(*expr.args[0], -1);
    next_temp_ = mark;
    std::size_t skip = Add(is_and ? Op::kJumpIfFalse : Op::kJumpIfTrue, 0, a, 0, at);
    int b = Emit(*expr.args[1], -1);
    next_temp_ = mark;
    Add(Op::kToBool, d, b, 0, at);
    std::size_t done = Add(Op::kJump, 0, 0, 0, at);
    PatchJump(skip);
    Add(Op::kCopy, d, ConstantSlot(is_and ? 0 : 1), 0, at);
    PatchJump(done);
    return d;
  }

  int EmitIf(const Expr& expr, int target) {
    int d = Into(target);
    int mark = next_temp_;
    int condition = Emit(*expr.args[0], -1);
    next_temp_ = mark;
    std::size_t to_else = Add(Op::kJumpIfFalse, 0, condition, 0, expr.offset);
    Emit(*expr.args[1], d);
    next_temp_ = mark;
    std::size_t to_end = Add(Op::kJump, 0, 0, 0, expr.offset);
    PatchJump(to_else);
    Emit(*expr.args[2], d);
    next_temp_ = mark;
    PatchJump(to_end);
    return d;
  }

  int EmitStateful(const Expr& call, const StatefulInstance& instance, int target) {
    std::size_t at = call.op_offset;
    int last_stage = instance.first_slot + instance.order - 1;
    switch (instance.kind) {
      case StatefulKind::kSmooth:
        return Place(last_stage, target, at);
      case StatefulKind::kInitialValue:
      case StatefulKind::kPreviousValue:
        return Place(instance.value_slot, target, at);
      case StatefulKind::kMaterialDelay: {
        // The outflow of the last stage: S_n / (time / n).
        int d = Into(target);
        Add(Op::kMultiply, d, last_stage, ConstantSlot(instance.order), at);
        Add(Op::kDivide, d, d, instance.time_slot, at);
        return d;
      }
      case StatefulKind::kPipelineDelay: {
        int d = Into(target);
        Add(Op::kDelayOutput, d, 0, instance.pipeline, at);
        return d;
      }
      case StatefulKind::kTrend: {
        // (input - average) / (time * average)
        int d = Into(target);
        int mark = next_temp_;
        int scale = NewTemps(1);
        Add(Op::kSubtract, d, instance.input_slot, instance.first_slot, at);
        Add(Op::kMultiply, scale, instance.time_slot, instance.first_slot, at);
        Add(Op::kDivide, d, d, scale, at);
        next_temp_ = mark;
        return d;
      }
    }
    return Place(last_stage, target, at);
  }

  int EmitCall(const Expr& expr, int target) {
    std::size_t at = expr.op_offset;
    auto stateful = stateful_by_call_.find(&expr);
    if (stateful != stateful_by_call_.end()) {
      return EmitStateful(expr, model_.statefuls[static_cast<std::size_t>(stateful->second)],
                          target);
    }
    if (expr.builtin == kTime) {
      int d = Into(target);
      Add(Op::kTime, d, 0, 0, at);
      return d;
    }
    if (expr.builtin == kMod) {  // checked: MOD(x, 0) is a division by zero
      return EmitBinary(Op::kModulo, *expr.args[0], *expr.args[1], target, at);
    }
    int count = static_cast<int>(expr.args.size());
    int mark = next_temp_;
    int first = count > 0 ? NewTemps(count) : 0;
    for (int i = 0; i < count; ++i) Emit(*expr.args[static_cast<std::size_t>(i)], first + i);
    next_temp_ = mark;
    int d = Into(target);
    Add(Op::kCall, d, first, expr.builtin, at, count);
    return d;
  }

  // Computes `expr`; returns the slot that holds it (`target` if given).
  int Emit(const Expr& expr, int target) {
    double folded;
    if (Fold(expr, &folded)) return Place(ConstantSlot(folded), target, expr.offset);
    switch (expr.kind) {
      case ExprKind::kNumber:  // folded above
      case ExprKind::kVariable:
        return Place(expr.variable, target, expr.offset);
      case ExprKind::kUnary: {
        int mark = next_temp_;
        int a = Emit(*expr.args[0], -1);
        next_temp_ = mark;
        if (expr.unary_op == UnaryOp::kPlus) return Place(a, target, expr.offset);
        int d = Into(target);
        Add(expr.unary_op == UnaryOp::kNegate ? Op::kNegate : Op::kNot, d, a, 0, expr.offset);
        return d;
      }
      case ExprKind::kBinary:
        if (expr.binary_op == BinaryOp::kAnd || expr.binary_op == BinaryOp::kOr) {
          return EmitLogical(expr, target);
        }
        return EmitBinary(BinaryOpCode(expr.binary_op), *expr.args[0], *expr.args[1], target,
                          expr.op_offset);
      case ExprKind::kIf:
        return EmitIf(expr, target);
      case ExprKind::kLookupCall: {
        int mark = next_temp_;
        int a = Emit(*expr.args[0], -1);
        next_temp_ = mark;
        int d = Into(target);
        Add(Op::kLookup, d, a, model_.lookup_index[static_cast<std::size_t>(expr.variable)],
            expr.op_offset);
        return d;
      }
      case ExprKind::kCall:
        return EmitCall(expr, target);
    }
    return target;
  }

  ModelImpl& model_;
  const std::unordered_map<const Expr*, int>& stateful_by_call_;
  CodeNode& node_;
  int next_temp_ = 0;
  int max_temp_ = 0;
};

std::int32_t RealSlot(std::int32_t operand, int temp_base, int constant_base) {
  if (operand >= kConstMarker) return constant_base + (operand - kConstMarker);
  if (operand >= kTempMarker) return temp_base + (operand - kTempMarker);
  return operand;
}

}  // namespace

int ConstantIndex(ModelImpl& model, double value) {
  // Keyed by the bits, so that 0.0 and -0.0 stay distinct.
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  auto [it, added] =
      model.constant_pool_index.emplace(bits, static_cast<int>(model.constant_pool.size()));
  if (added) model.constant_pool.push_back(value);
  return it->second;
}

void GenerateCode(ModelImpl& model, const std::unordered_map<const Expr*, int>& stateful_by_call) {
  int temps = 0;
  for (CodeNode& node : model.nodes) {
    if (node.expr) temps = std::max(temps, CodeGenerator(model, stateful_by_call, node).Generate());
  }
  // Nodes run one after another, so they share the temporaries.
  const int temp_base = model.slot_count;
  model.slot_count += temps;
  model.constant_base = model.slot_count;
  for (CodeNode& node : model.nodes) {
    for (Instruction& in : node.code) {
      int slots = SlotOperands(in.op);
      if (slots & 0b001) in.d = RealSlot(in.d, temp_base, model.constant_base);
      if (slots & 0b010) in.a = RealSlot(in.a, temp_base, model.constant_base);
      if (slots & 0b100) in.b = RealSlot(in.b, temp_base, model.constant_base);
    }
  }
}

}  // namespace sdlab
