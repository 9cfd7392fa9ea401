#pragma once
// Flat bytecode for equations: a stack machine over a slot array (one double
// per model variable plus internal slots). Evaluation never looks names up
// or reparses: every operand is a slot index, a constant-pool index or a
// builtin id. Jumps are relative, so a node's code can be copied anywhere
// (the simulator concatenates nodes in dependency order into one program).

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/builtins.h"
#include "core/submission.h"

namespace sdlab {

enum class Op : std::uint8_t {
  kConst,  // push constants[a]
  kLoad,   // push slots[a]
  kStore,  // slots[a] = pop; a NaN or infinity stops with kNotFinite
  kNegate,
  kNot,
  kToBool,  // top = (top != 0)
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kPower,
  kModulo,
  // The same with the right operand taken from slots[a] / constants[a]
  // instead of the stack: most operands are a name or a number.
  kAddSlot,
  kSubtractSlot,
  kMultiplySlot,
  kDivideSlot,
  kAddConst,
  kSubtractConst,
  kMultiplyConst,
  kDivideConst,
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kJump,         // pc += a
  kJumpIfFalse,  // pops; if zero, pc += a
  kJumpIfTrue,   // pops; if non-zero, pc += a
  kTime,         // push the stage's time
  kCall,         // pure builtin a over the top `count` values
  kLookup,       // top = lookups[a](top)
  kDelayOutput,  // push the head of DELAY pipeline a
};

struct Instruction {
  Op op = Op::kConst;
  std::uint8_t count = 0;  // kCall: number of arguments
  std::int32_t a = 0;
};

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
  const double* constants = nullptr;
  const LookupTable* lookups = nullptr;
  const DelayPipeline* pipelines = nullptr;
  TimeContext time;
};

enum class VmFailure { kNone, kDivisionByZero, kNotFinite };

struct VmResult {
  VmFailure failure = VmFailure::kNone;
  std::size_t pc = 0;  // the failing instruction, relative to `code`
  double value = 0;    // kNotFinite: the value that was to be stored
};

/// Runs `count` instructions from `code` over `slots` with `stack` as scratch
/// (at least the code's max stack depth). Stops at the first failure.
VmResult Execute(const Instruction* code, std::size_t count, double* slots, double* stack,
                 const VmEnvironment& environment);

/// The most values `code` can have on the stack at once.
int MaxStackDepth(const std::vector<Instruction>& code);

}  // namespace sdlab
