#include "core/grade/rank_correlation.h"

#include <cmath>

namespace sdlab {

std::optional<double> KendallTauB(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = x.size();
  if (n < 2 || y.size() != n) return std::nullopt;
  // The rankings graded here are short (a dozen items), so the O(n^2) pair
  // count is simpler than Knight's O(n log n) algorithm and as fast.
  long long concordant = 0, discordant = 0, tied_x = 0, tied_y = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double dx = x[i] - x[j];
      const double dy = y[i] - y[j];
      if (dx == 0 && dy == 0) {
        ++tied_x;
        ++tied_y;
      } else if (dx == 0) {
        ++tied_x;
      } else if (dy == 0) {
        ++tied_y;
      } else if ((dx > 0) == (dy > 0)) {
        ++concordant;
      } else {
        ++discordant;
      }
    }
  }
  const long long pairs = static_cast<long long>(n) * static_cast<long long>(n - 1) / 2;
  const double denominator =
      std::sqrt(static_cast<double>(pairs - tied_x) * static_cast<double>(pairs - tied_y));
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(concordant - discordant) / denominator;
}

}  // namespace sdlab
