#pragma once
// The builtin function table of the equation language (XMILE 1.0 §3.5
// semantics, names case-insensitive) and the pure functions' semantics,
// shared by the bytecode VM and the AST evaluator so that both agree.
//
// Stateful builtins (SMTH*, DELAY*, TREND, INIT, PREVIOUS) are not evaluated
// here: the model compiler lowers them into internal stocks and buffers.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/equation/equation_ast.h"
#include "core/equation/lookup_type.h"

namespace sdlab {

enum Builtin : BuiltinId {
  kAbs,
  kMin,
  kMax,
  kExp,
  kLn,
  kLog10,
  kSqrt,
  kSin,
  kCos,
  kTan,
  kArcsin,
  kArccos,
  kArctan,
  kPi,
  kInf,
  kInt,
  kRound,
  kMod,
  kSafeDiv,
  kTime,
  kDt,
  kStartTime,
  kStopTime,
  kStep,
  kRamp,
  kPulse,
  kSmth1,
  kSmth3,
  kSmthN,
  kDelay1,
  kDelay3,
  kDelayN,
  kDelayFixed,
  kTrend,
  kInit,
  kPrevious,
  kIfThenElse,
  kRandom,
  kLookup,
  kBuiltinCount
};

/// How a builtin's value moves when one argument grows and the others stay:
/// what the loop analysis needs to give a link its polarity symbolically.
enum class Monotonicity {
  kIncreasing,  // non-decreasing (a `+` link)
  kDecreasing,  // non-increasing (a `-` link)
  kUnknown,     // depends on the other arguments or the point (ABS, SIN, MOD ...)
};

struct BuiltinInfo {
  const char* name;  // canonical spelling, upper case
  int min_args;
  int max_args;     // -1: any number (MIN, MAX)
  bool stateful;    // lowered to internal stocks/buffers; its output lags its input
  bool reads_time;  // depends on TIME (STEP, RAMP, PULSE, TIME, RANDOM ...)
  /// Per argument; arguments past the list repeat its last entry.
  std::vector<Monotonicity> monotonicity;
};

const BuiltinInfo& GetBuiltin(BuiltinId id);
/// The builtin with this name (any case), or -1.
BuiltinId FindBuiltin(std::string_view name);
/// Every builtin's canonical name, for "did you mean" hints.
const std::vector<std::string>& BuiltinNames();
/// "expects 2 arguments", "expects 2 or 3 arguments", "expects at least 2 arguments".
std::string ArityText(const BuiltinInfo& info);

/// Where in the run an evaluation happens. `time` is the stage's time (RK
/// stages evaluate between steps); `step_time` and `step` are the current
/// step's (start + step·dt), which PULSE and RANDOM use so that every stage
/// of a step sees the same value.
struct TimeContext {
  double time = 0;
  double dt = 1;
  double start = 0;
  double stop = 0;
  double step_time = 0;
  long long step = 0;
};

/// Value of a pure (non-stateful) builtin. Domain errors give NaN; MOD and
/// SAFEDIV never divide by zero here (callers check MOD's divisor first).
double ApplyPureBuiltin(BuiltinId id, const double* args, int count, const TimeContext& context);

/// A graphical function at x: continuous interpolates and holds its end
/// values, extrapolate continues the end segments, discrete holds each y
/// until the next x. `points` are sorted by x and not empty.
double LookupValue(const std::vector<std::pair<double, double>>& points, LookupType type, double x);

/// RANDOM(min, max, seed) at step `step`: a uniform draw in [min, max) that
/// depends only on (seed, step) — SplitMix64 over the seed's integer part and
/// the step number — so results are the same for any evaluation order,
/// integration method or machine. Calls sharing a seed share the stream.
double RandomUniform(double min, double max, double seed, long long step);

}  // namespace sdlab
