#include "core/bytecode.h"

#include <algorithm>
#include <cmath>

namespace sdlab {
namespace {

inline double Modulo(double left, double right) { return left - right * std::floor(left / right); }

}  // namespace

// The top of the stack lives in `top` (a register); `below` points one past
// the values under it. Pushing spills `top`; binary operators combine the
// value under the top with it.
VmResult Execute(const Instruction* code, std::size_t count, double* slots, double* stack,
                 const VmEnvironment& environment) {
  double top = 0;
  double* below = stack;
  const double* constants = environment.constants;

#define SDLAB_BINARY(NAME, EXPRESSION) \
  case Op::k##NAME: {                  \
    double right = top;                \
    double left = *--below;            \
    top = (EXPRESSION);                \
    break;                             \
  }                                    \
  case Op::k##NAME##Slot: {            \
    double right = slots[in.a];        \
    double left = top;                 \
    top = (EXPRESSION);                \
    break;                             \
  }                                    \
  case Op::k##NAME##Const: {           \
    double right = constants[in.a];    \
    double left = top;                 \
    top = (EXPRESSION);                \
    break;                             \
  }
#define SDLAB_CHECKED_BINARY(NAME, EXPRESSION)                  \
  case Op::k##NAME: {                                           \
    double right = top;                                         \
    if (right == 0) return {VmFailure::kDivisionByZero, pc, 0}; \
    double left = *--below;                                     \
    top = (EXPRESSION);                                         \
    break;                                                      \
  }                                                             \
  case Op::k##NAME##Slot: {                                     \
    double right = slots[in.a];                                 \
    if (right == 0) return {VmFailure::kDivisionByZero, pc, 0}; \
    double left = top;                                          \
    top = (EXPRESSION);                                         \
    break;                                                      \
  }                                                             \
  case Op::k##NAME##Const: {                                    \
    double right = constants[in.a];                             \
    if (right == 0) return {VmFailure::kDivisionByZero, pc, 0}; \
    double left = top;                                          \
    top = (EXPRESSION);                                         \
    break;                                                      \
  }

  for (std::size_t pc = 0; pc < count; ++pc) {
    const Instruction& in = code[pc];
    switch (in.op) {
      case Op::kConst:
        *below++ = top;
        top = constants[in.a];
        break;
      case Op::kLoad:
        *below++ = top;
        top = slots[in.a];
        break;
      case Op::kStore:
        if (!std::isfinite(top)) return {VmFailure::kNotFinite, pc, top};
        slots[in.a] = top;
        top = *--below;
        break;
      case Op::kNegate:
        top = -top;
        break;
      case Op::kNot:
        top = top == 0 ? 1.0 : 0.0;
        break;
      case Op::kToBool:
        top = top != 0 ? 1.0 : 0.0;
        break;
        SDLAB_BINARY(Add, left + right)
        SDLAB_BINARY(Subtract, left - right)
        SDLAB_BINARY(Multiply, left * right)
        SDLAB_CHECKED_BINARY(Divide, left / right)
        SDLAB_BINARY(Power, std::pow(left, right))
        SDLAB_CHECKED_BINARY(Modulo, Modulo(left, right))
        SDLAB_BINARY(Equal, left == right ? 1.0 : 0.0)
        SDLAB_BINARY(NotEqual, left != right ? 1.0 : 0.0)
        SDLAB_BINARY(Less, left < right ? 1.0 : 0.0)
        SDLAB_BINARY(LessEqual, left <= right ? 1.0 : 0.0)
        SDLAB_BINARY(Greater, left > right ? 1.0 : 0.0)
        SDLAB_BINARY(GreaterEqual, left >= right ? 1.0 : 0.0)
      // Jumps are relative to the jump itself; the loop's ++pc is undone.
      case Op::kJump:
        pc += in.a - 1;
        break;
      case Op::kJumpIfFalse: {
        double condition = top;
        top = *--below;
        if (condition == 0) pc += in.a - 1;
        break;
      }
      case Op::kJumpIfTrue: {
        double condition = top;
        top = *--below;
        if (condition != 0) pc += in.a - 1;
        break;
      }
      case Op::kTime:
        *below++ = top;
        top = environment.time.time;
        break;
      case Op::kCall:
        if (in.count == 0) {
          *below++ = top;
          top = ApplyPureBuiltin(in.a, nullptr, 0, environment.time);
        } else {
          // Spill the top so that the arguments are contiguous.
          *below = top;
          double* arguments = below - (in.count - 1);
          top = ApplyPureBuiltin(in.a, arguments, in.count, environment.time);
          below = arguments;
        }
        break;
      case Op::kLookup: {
        const LookupTable& table = environment.lookups[in.a];
        top = LookupValue(table.points, table.type, top);
        break;
      }
      case Op::kDelayOutput: {
        const DelayPipeline& pipeline = environment.pipelines[in.a];
        *below++ = top;
        top = pipeline.values[pipeline.head];
        break;
      }
      default:
        __builtin_unreachable();  // every Op is handled: no range check per dispatch
    }
  }
#undef SDLAB_BINARY
#undef SDLAB_CHECKED_BINARY
  return {};
}

int MaxStackDepth(const std::vector<Instruction>& code) {
  // A straight scan over-counts across branches (both arms look stacked),
  // which is a safe upper bound.
  int depth = 0;
  int deepest = 0;
  for (const Instruction& in : code) {
    switch (in.op) {
      case Op::kConst:
      case Op::kLoad:
      case Op::kTime:
      case Op::kDelayOutput:
        ++depth;
        break;
      case Op::kCall:
        depth += 1 - in.count;
        break;
      case Op::kStore:
      case Op::kJumpIfFalse:
      case Op::kJumpIfTrue:
      case Op::kAdd:
      case Op::kSubtract:
      case Op::kMultiply:
      case Op::kDivide:
      case Op::kPower:
      case Op::kModulo:
      case Op::kEqual:
      case Op::kNotEqual:
      case Op::kLess:
      case Op::kLessEqual:
      case Op::kGreater:
      case Op::kGreaterEqual:
        --depth;
        break;
      default:
        break;
    }
    deepest = std::max(deepest, depth);
  }
  return deepest + 2;  // the spilled top and a zero-argument call's push
}

}  // namespace sdlab
