#pragma once
// Flat bytecode for equations: three-address instructions over one slot
// array. Every operand is a slot — a model variable, an internal slot, a
// temporary or a constant — so `F = C / T * E` is two instructions
// (`t = C / T`, `F = t * E`) and evaluation never looks names up or
// reparses. Jumps are relative, so a node's code can be copied anywhere (the
// simulator concatenates nodes in dependency order into one program).
//
// Slot layout of a run: model variables, internal slots (hidden arguments,
// internal stocks ...), temporaries, then constants.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/equation/builtins.h"
#include "core/equation/lookup_type.h"

namespace sdlab {

enum class Op : std::uint8_t {
  kCopy,  // d = a
  kNegate,
  kNot,
  kToBool,  // d = (a != 0)
  // d = a op b
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,  // stops with kDivisionByZero when b is 0
  kPower,
  kModulo,  // floored; stops with kDivisionByZero when b is 0
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kJump,         // pc += b
  kJumpIfFalse,  // if slots[a] == 0: pc += b
  kJumpIfTrue,   // if slots[a] != 0: pc += b
  kTime,         // d = the stage's time
  kCall,         // d = pure builtin b over slots a .. a + count - 1
  kLookup,       // d = lookups[b](slots[a])
  kDelayOutput,  // d = the head of DELAY pipeline b
};

struct Instruction {
  Op op = Op::kCopy;
  std::uint16_t count = 0;  // kCall: number of arguments
  std::int32_t d = 0;
  std::int32_t a = 0;
  std::int32_t b = 0;
};

/// Which of d, a, b are slots for `op` (bit 0: d, bit 1: a, bit 2: b).
int SlotOperands(Op op);

/// One graphical function, ready to evaluate.
struct LookupTable {
  std::vector<std::pair<double, double>> points;
  LookupType type = LookupType::kContinuous;
};

/// A DELAY pipeline: `values` is a ring of the last n inputs, `head` the
/// oldest (the output).
struct DelayPipeline {
  std::vector<double> values;
  std::size_t head = 0;
};

/// What the code reads besides slots.
struct VmEnvironment {
  const LookupTable* lookups = nullptr;
  const DelayPipeline* pipelines = nullptr;
  TimeContext time;
};

enum class VmFailure { kNone, kDivisionByZero };

struct VmResult {
  VmFailure failure = VmFailure::kNone;
  std::size_t pc = 0;  // the failing instruction, relative to `code`
};

/// Runs `count` instructions from `code` over `slots`; stops at the first
/// division by zero. NaN and infinity are not checked here: callers check
/// the slots the code stores (one pass, no branch per instruction).
VmResult Execute(const Instruction* code, std::size_t count, double* slots,
                 const VmEnvironment& environment);

}  // namespace sdlab
