#pragma once
// Deterministic number text for data files and tables.

#include <string>

namespace sdlab {

/// The shortest text that reads back to exactly `value` ("0.1", "1e+20",
/// "-3"); "NaN", "Inf", "-Inf" for non-finite values.
std::string FormatShortest(double value);

/// At most `significant` significant digits, trailing zeros dropped
/// ("1234.57", "0.001", "1.5e+07"); for tables people read.
std::string FormatSignificant(double value, int significant = 6);

}  // namespace sdlab
