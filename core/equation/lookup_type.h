#pragma once
// How a graphical function (lookup) reads between and beyond its points. In
// the equation stage because LookupValue (core/equation/builtins.h) evaluates
// it; the submission (core/load/submission.h) stores it.

namespace sdlab {

/// continuous: interpolates and holds its end values; extrapolate: continues
/// the end segments; discrete: holds each y until the next x.
enum class LookupType { kContinuous, kExtrapolate, kDiscrete };

}  // namespace sdlab
