#include "core/bytecode.h"

#include <algorithm>
#include <cmath>

namespace sdlab {

VmResult Execute(const Instruction* code, std::size_t count, double* slots, double* stack,
                 const VmEnvironment& environment) {
  double* top = stack - 1;  // points at the top value
  const double* constants = environment.constants;
  for (std::size_t pc = 0; pc < count; ++pc) {
    const Instruction& in = code[pc];
    switch (in.op) {
      case Op::kConst:
        *++top = constants[in.a];
        break;
      case Op::kLoad:
        *++top = slots[in.a];
        break;
      case Op::kStore: {
        double value = *top--;
        if (!std::isfinite(value)) return {VmFailure::kNotFinite, pc, value};
        slots[in.a] = value;
        break;
      }
      case Op::kNegate:
        *top = -*top;
        break;
      case Op::kNot:
        *top = *top == 0 ? 1.0 : 0.0;
        break;
      case Op::kToBool:
        *top = *top != 0 ? 1.0 : 0.0;
        break;
      case Op::kAdd:
        top[-1] += top[0];
        --top;
        break;
      case Op::kSubtract:
        top[-1] -= top[0];
        --top;
        break;
      case Op::kMultiply:
        top[-1] *= top[0];
        --top;
        break;
      case Op::kDivide:
        if (top[0] == 0) return {VmFailure::kDivisionByZero, pc, 0};
        top[-1] /= top[0];
        --top;
        break;
      case Op::kPower:
        top[-1] = std::pow(top[-1], top[0]);
        --top;
        break;
      case Op::kModulo:
        if (top[0] == 0) return {VmFailure::kDivisionByZero, pc, 0};
        top[-1] = top[-1] - top[0] * std::floor(top[-1] / top[0]);
        --top;
        break;
      case Op::kAddSlot:
        *top += slots[in.a];
        break;
      case Op::kSubtractSlot:
        *top -= slots[in.a];
        break;
      case Op::kMultiplySlot:
        *top *= slots[in.a];
        break;
      case Op::kDivideSlot:
        if (slots[in.a] == 0) return {VmFailure::kDivisionByZero, pc, 0};
        *top /= slots[in.a];
        break;
      case Op::kAddConst:
        *top += constants[in.a];
        break;
      case Op::kSubtractConst:
        *top -= constants[in.a];
        break;
      case Op::kMultiplyConst:
        *top *= constants[in.a];
        break;
      case Op::kDivideConst:
        if (constants[in.a] == 0) return {VmFailure::kDivisionByZero, pc, 0};
        *top /= constants[in.a];
        break;
      case Op::kEqual:
        top[-1] = top[-1] == top[0] ? 1.0 : 0.0;
        --top;
        break;
      case Op::kNotEqual:
        top[-1] = top[-1] != top[0] ? 1.0 : 0.0;
        --top;
        break;
      case Op::kLess:
        top[-1] = top[-1] < top[0] ? 1.0 : 0.0;
        --top;
        break;
      case Op::kLessEqual:
        top[-1] = top[-1] <= top[0] ? 1.0 : 0.0;
        --top;
        break;
      case Op::kGreater:
        top[-1] = top[-1] > top[0] ? 1.0 : 0.0;
        --top;
        break;
      case Op::kGreaterEqual:
        top[-1] = top[-1] >= top[0] ? 1.0 : 0.0;
        --top;
        break;
      // Jumps are relative to the jump itself; the loop's ++pc is undone.
      case Op::kJump:
        pc += in.a - 1;
        break;
      case Op::kJumpIfFalse:
        if (*top-- == 0) pc += in.a - 1;
        break;
      case Op::kJumpIfTrue:
        if (*top-- != 0) pc += in.a - 1;
        break;
      case Op::kTime:
        *++top = environment.time.time;
        break;
      case Op::kCall: {
        top -= in.count - 1;  // now at the first argument (or one past for 0 args)
        if (in.count == 0) {
          *top = ApplyPureBuiltin(in.a, nullptr, 0, environment.time);
        } else {
          *top = ApplyPureBuiltin(in.a, top, in.count, environment.time);
        }
        break;
      }
      case Op::kLookup: {
        const LookupTable& table = environment.lookups[in.a];
        *top = LookupValue(table.points, table.type, *top);
        break;
      }
      case Op::kDelayOutput: {
        const DelayPipeline& pipeline = environment.pipelines[in.a];
        *++top = pipeline.values[pipeline.head];
        break;
      }
    }
  }
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
  return deepest + 1;
}

}  // namespace sdlab
