#include "core/number_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace sdlab {

namespace {
std::string NonFinite(double value) {
  if (std::isnan(value)) return "NaN";
  return value > 0 ? "Inf" : "-Inf";
}
}  // namespace

std::string FormatShortest(double value) {
  if (!std::isfinite(value)) return NonFinite(value);
  if (value == 0) return "0";  // also turns -0 into 0
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string FormatSignificant(double value, int significant) {
  if (!std::isfinite(value)) return NonFinite(value);
  if (value == 0) return "0";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*g", significant, value);
  return buffer;
}

}  // namespace sdlab
