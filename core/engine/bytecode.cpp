#include "core/engine/bytecode.h"

#include <cmath>

namespace sdlab {

int SlotOperands(Op op) {
  switch (op) {
    case Op::kCopy:
    case Op::kNegate:
    case Op::kNot:
    case Op::kToBool:
    case Op::kCall:
    case Op::kLookup:
      return 0b011;
    case Op::kJump:
      return 0;
    case Op::kJumpIfFalse:
    case Op::kJumpIfTrue:
      return 0b010;
    case Op::kTime:
    case Op::kDelayOutput:
      return 0b001;
    default:
      return 0b111;  // binary operators
  }
}

VmResult Execute(const Instruction* code, std::size_t count, double* slots,
                 const VmEnvironment& environment) {
  for (std::size_t pc = 0; pc < count; ++pc) {
    const Instruction& in = code[pc];
    double* out = slots + in.d;
    // slots[in.a] is read inside the cases: jumps and a few others do not
    // carry a slot in `a`.
    switch (in.op) {
      case Op::kCopy:
        *out = slots[in.a];
        break;
      case Op::kNegate:
        *out = -slots[in.a];
        break;
      case Op::kNot:
        *out = slots[in.a] == 0 ? 1.0 : 0.0;
        break;
      case Op::kToBool:
        *out = slots[in.a] != 0 ? 1.0 : 0.0;
        break;
      case Op::kAdd:
        *out = slots[in.a] + slots[in.b];
        break;
      case Op::kSubtract:
        *out = slots[in.a] - slots[in.b];
        break;
      case Op::kMultiply:
        *out = slots[in.a] * slots[in.b];
        break;
      case Op::kDivide: {
        double divisor = slots[in.b];
        if (divisor == 0) return {VmFailure::kDivisionByZero, pc};
        *out = slots[in.a] / divisor;
        break;
      }
      case Op::kPower:
        *out = std::pow(slots[in.a], slots[in.b]);
        break;
      case Op::kModulo: {
        double divisor = slots[in.b];
        if (divisor == 0) return {VmFailure::kDivisionByZero, pc};
        *out = slots[in.a] - divisor * std::floor(slots[in.a] / divisor);
        break;
      }
      case Op::kEqual:
        *out = slots[in.a] == slots[in.b] ? 1.0 : 0.0;
        break;
      case Op::kNotEqual:
        *out = slots[in.a] != slots[in.b] ? 1.0 : 0.0;
        break;
      case Op::kLess:
        *out = slots[in.a] < slots[in.b] ? 1.0 : 0.0;
        break;
      case Op::kLessEqual:
        *out = slots[in.a] <= slots[in.b] ? 1.0 : 0.0;
        break;
      case Op::kGreater:
        *out = slots[in.a] > slots[in.b] ? 1.0 : 0.0;
        break;
      case Op::kGreaterEqual:
        *out = slots[in.a] >= slots[in.b] ? 1.0 : 0.0;
        break;
      // Jumps are relative to the jump itself; the loop's ++pc is undone.
      case Op::kJump:
        pc += static_cast<std::size_t>(in.b - 1);
        break;
      case Op::kJumpIfFalse:
        if (slots[in.a] == 0) pc += static_cast<std::size_t>(in.b - 1);
        break;
      case Op::kJumpIfTrue:
        if (slots[in.a] != 0) pc += static_cast<std::size_t>(in.b - 1);
        break;
      case Op::kTime:
        *out = environment.time.time;
        break;
      case Op::kCall:
        *out = ApplyPureBuiltin(in.b, slots + in.a, in.count, environment.time);
        break;
      case Op::kLookup: {
        const LookupTable& table = environment.lookups[in.b];
        *out = LookupValue(table.points, table.type, slots[in.a]);
        break;
      }
      case Op::kDelayOutput: {
        const DelayPipeline& pipeline = environment.pipelines[in.b];
        *out = pipeline.values[pipeline.head];
        break;
      }
      default:
        __builtin_unreachable();  // every Op is handled: no range check per dispatch
    }
  }
  return {};
}

}  // namespace sdlab
