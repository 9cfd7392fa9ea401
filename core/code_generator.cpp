#include "core/code_generator.h"

#include <cstring>

namespace sdlab {
namespace {

class CodeGenerator {
 public:
  CodeGenerator(ModelImpl& model, const std::unordered_map<const Expr*, int>& stateful_by_call,
                CodeNode& node)
      : model_(model), stateful_by_call_(stateful_by_call), node_(node) {}

  void Generate() {
    node_.code.clear();
    node_.offsets.clear();
    Emit(*node_.expr);
    Add(Op::kStore, node_.slot, node_.expr->offset);
  }

 private:
  std::size_t Add(Op op, int a, std::size_t offset, int count = 0) {
    Instruction in;
    in.op = op;
    in.a = a;
    in.count = static_cast<std::uint8_t>(count);
    node_.code.push_back(in);
    node_.offsets.push_back(static_cast<std::uint32_t>(offset));
    return node_.code.size() - 1;
  }

  // Points the jump at `at` to the next instruction to be emitted.
  void PatchJump(std::size_t at) {
    node_.code[at].a = static_cast<std::int32_t>(node_.code.size() - at);
  }

  int Constant(double value) { return ConstantIndex(model_, value); }

  void EmitBinary(const Expr& expr) {
    const Expr& left = *expr.args[0];
    const Expr& right = *expr.args[1];
    std::size_t at = expr.op_offset;
    switch (expr.binary_op) {
      case BinaryOp::kAnd:
      case BinaryOp::kOr: {
        // Short-circuit: `x <> 0 AND y / x > 1` never divides by zero.
        bool is_and = expr.binary_op == BinaryOp::kAnd;
        Emit(left);
        std::size_t skip = Add(is_and ? Op::kJumpIfFalse : Op::kJumpIfTrue, 0, at);
        Emit(right);
        Add(Op::kToBool, 0, at);
        std::size_t done = Add(Op::kJump, 0, at);
        PatchJump(skip);
        Add(Op::kConst, Constant(is_and ? 0 : 1), at);
        PatchJump(done);
        return;
      }
      default:
        break;
    }
    static const struct {
      BinaryOp op;
      Op stack, slot, constant;
    } kFusable[] = {
        {BinaryOp::kAdd, Op::kAdd, Op::kAddSlot, Op::kAddConst},
        {BinaryOp::kSubtract, Op::kSubtract, Op::kSubtractSlot, Op::kSubtractConst},
        {BinaryOp::kMultiply, Op::kMultiply, Op::kMultiplySlot, Op::kMultiplyConst},
        {BinaryOp::kDivide, Op::kDivide, Op::kDivideSlot, Op::kDivideConst},
    };
    Emit(left);
    for (const auto& fusable : kFusable) {
      if (fusable.op != expr.binary_op) continue;
      if (right.kind == ExprKind::kNumber) {
        Add(fusable.constant, Constant(right.number), at);
        return;
      }
      if (right.kind == ExprKind::kVariable) {
        Add(fusable.slot, right.variable, at);
        return;
      }
      Emit(right);
      Add(fusable.stack, 0, at);
      return;
    }
    Emit(right);
    Op op = Op::kAdd;
    switch (expr.binary_op) {
      case BinaryOp::kPower:
        op = Op::kPower;
        break;
      case BinaryOp::kModulo:
        op = Op::kModulo;
        break;
      case BinaryOp::kEqual:
        op = Op::kEqual;
        break;
      case BinaryOp::kNotEqual:
        op = Op::kNotEqual;
        break;
      case BinaryOp::kLess:
        op = Op::kLess;
        break;
      case BinaryOp::kLessEqual:
        op = Op::kLessEqual;
        break;
      case BinaryOp::kGreater:
        op = Op::kGreater;
        break;
      case BinaryOp::kGreaterEqual:
        op = Op::kGreaterEqual;
        break;
      default:
        break;
    }
    Add(op, 0, at);
  }

  void EmitIf(const Expr& condition, const Expr& then_value, const Expr& else_value,
              std::size_t at) {
    Emit(condition);
    std::size_t to_else = Add(Op::kJumpIfFalse, 0, at);
    Emit(then_value);
    std::size_t to_end = Add(Op::kJump, 0, at);
    PatchJump(to_else);
    Emit(else_value);
    PatchJump(to_end);
  }

  void EmitStateful(const Expr& call, const StatefulInstance& instance) {
    std::size_t at = call.op_offset;
    int last_stage = instance.first_slot + instance.order - 1;
    switch (instance.kind) {
      case StatefulKind::kSmooth:
        Add(Op::kLoad, last_stage, at);
        return;
      case StatefulKind::kMaterialDelay:
        // The outflow of the last stage: S_n / (time / n).
        Add(Op::kLoad, last_stage, at);
        Add(Op::kMultiplyConst, Constant(instance.order), at);
        Add(Op::kDivideSlot, instance.time_slot, at);
        return;
      case StatefulKind::kPipelineDelay:
        Add(Op::kDelayOutput, instance.pipeline, at);
        return;
      case StatefulKind::kTrend:
        // (input - average) / (time * average)
        Add(Op::kLoad, instance.input_slot, at);
        Add(Op::kSubtractSlot, instance.first_slot, at);
        Add(Op::kLoad, instance.time_slot, at);
        Add(Op::kMultiplySlot, instance.first_slot, at);
        Add(Op::kDivide, 0, at);
        return;
      case StatefulKind::kInitialValue:
      case StatefulKind::kPreviousValue:
        Add(Op::kLoad, instance.value_slot, at);
        return;
    }
  }

  void Emit(const Expr& expr) {
    switch (expr.kind) {
      case ExprKind::kNumber:
        Add(Op::kConst, Constant(expr.number), expr.offset);
        return;
      case ExprKind::kVariable:
        Add(Op::kLoad, expr.variable, expr.offset);
        return;
      case ExprKind::kUnary:
        Emit(*expr.args[0]);
        if (expr.unary_op == UnaryOp::kNegate) Add(Op::kNegate, 0, expr.offset);
        if (expr.unary_op == UnaryOp::kNot) Add(Op::kNot, 0, expr.offset);
        return;
      case ExprKind::kBinary:
        EmitBinary(expr);
        return;
      case ExprKind::kIf:
        EmitIf(*expr.args[0], *expr.args[1], *expr.args[2], expr.offset);
        return;
      case ExprKind::kLookupCall:
        Emit(*expr.args[0]);
        Add(Op::kLookup, model_.lookup_index[static_cast<std::size_t>(expr.variable)],
            expr.op_offset);
        return;
      case ExprKind::kCall: {
        auto stateful = stateful_by_call_.find(&expr);
        if (stateful != stateful_by_call_.end()) {
          EmitStateful(expr, model_.statefuls[static_cast<std::size_t>(stateful->second)]);
          return;
        }
        if (expr.builtin == kTime) {
          Add(Op::kTime, 0, expr.op_offset);
          return;
        }
        for (const ExprPtr& argument : expr.args) Emit(*argument);
        Add(Op::kCall, expr.builtin, expr.op_offset, static_cast<int>(expr.args.size()));
        return;
      }
    }
  }

  ModelImpl& model_;
  const std::unordered_map<const Expr*, int>& stateful_by_call_;
  CodeNode& node_;
};

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

void GenerateNodeCode(ModelImpl& model,
                      const std::unordered_map<const Expr*, int>& stateful_by_call,
                      CodeNode& node) {
  CodeGenerator(model, stateful_by_call, node).Generate();
}

}  // namespace sdlab
