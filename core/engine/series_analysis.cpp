#include "core/engine/series_analysis.h"

#include <algorithm>
#include <cmath>

namespace sdlab {

SeriesSlice SliceSeries(const std::vector<double>& times, const std::vector<double>& values,
                        std::optional<double> start, std::optional<double> end) {
  SeriesSlice slice;
  const std::size_t n = std::min(times.size(), values.size());
  // Times are computed as start + n*dt; allow for rounding at the window's ends.
  const double slack = 1e-9 * std::max(1.0, n > 0 ? std::fabs(times[n - 1]) : 1.0);
  for (std::size_t i = 0; i < n; ++i) {
    if (start && times[i] < *start - slack) continue;
    if (end && times[i] > *end + slack) break;
    slice.times.push_back(times[i]);
    slice.values.push_back(values[i]);
  }
  return slice;
}

SeriesStats ComputeStats(const SeriesSlice& slice) {
  SeriesStats stats;
  const std::size_t n = slice.values.size();
  if (n == 0) return stats;
  stats.initial = slice.values.front();
  stats.final = slice.values.back();
  stats.min = stats.max = stats.initial;
  stats.time_of_min = stats.time_of_max = slice.times.front();
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double value = slice.values[i];
    sum += value;
    if (value > stats.max) {
      stats.max = value;
      stats.time_of_max = slice.times[i];
    }
    if (value < stats.min) {
      stats.min = value;
      stats.time_of_min = slice.times[i];
    }
    if (i > 0) {
      stats.total += 0.5 * (value + slice.values[i - 1]) * (slice.times[i] - slice.times[i - 1]);
    }
  }
  const double span = slice.times.back() - slice.times.front();
  stats.mean = span > 0 ? stats.total / span : sum / static_cast<double>(n);
  return stats;
}

std::optional<PeriodEstimate> EstimatePeriod(const SeriesSlice& slice, double min_correlation,
                                             std::size_t max_points) {
  const std::size_t n = slice.values.size();
  if (n < 8) return std::nullopt;
  const double span = slice.times.back() - slice.times.front();
  if (!(span > 0)) return std::nullopt;
  // Average down to at most max_points buckets of equal length: bucket
  // means keep a narrow spike's weight, where taking every k-th sample
  // could step over it.
  const std::size_t buckets = std::min(n, std::max<std::size_t>(max_points, 8));
  std::vector<double> series(buckets, 0.0);
  std::vector<std::size_t> counts(buckets, 0);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t bucket = i * buckets / n;
    series[bucket] += slice.values[i];
    ++counts[bucket];
  }
  for (std::size_t b = 0; b < buckets; ++b) series[b] /= static_cast<double>(counts[b]);
  const double step =
      span * static_cast<double>(n) / static_cast<double>(n - 1) / static_cast<double>(buckets);

  double mean = 0;
  for (double value : series) mean += value;
  mean /= static_cast<double>(buckets);
  double variance = 0;
  for (double& value : series) {
    value -= mean;
    variance += value * value;
  }
  const double scale = std::max(1.0, std::fabs(mean));
  if (variance <= 1e-20 * scale * scale * static_cast<double>(buckets)) return std::nullopt;

  // For each lag, the Pearson correlation of the series with itself shifted
  // by the lag (each overlap with its own mean and spread, so a window that
  // holds a fractional number of periods does not bias the peak). Lags go
  // up to half the series: at least two periods must fit.
  const std::size_t max_lag = buckets / 2;
  std::vector<double> correlation(max_lag + 2, 0.0);
  for (std::size_t lag = 1; lag <= max_lag + 1 && lag < buckets; ++lag) {
    const std::size_t m = buckets - lag;
    double sum_a = 0, sum_b = 0;
    for (std::size_t i = 0; i < m; ++i) {
      sum_a += series[i];
      sum_b += series[i + lag];
    }
    const double mean_a = sum_a / static_cast<double>(m), mean_b = sum_b / static_cast<double>(m);
    double cross = 0, square_a = 0, square_b = 0;
    for (std::size_t i = 0; i < m; ++i) {
      const double a = series[i] - mean_a, b = series[i + lag] - mean_b;
      cross += a * b;
      square_a += a * a;
      square_b += b * b;
    }
    const double spread = std::sqrt(square_a * square_b);
    correlation[lag] = spread > 0 ? cross / spread : 0.0;
  }
  std::size_t lag = 1;
  while (lag <= max_lag && correlation[lag] > 0) ++lag;
  const std::size_t first_negative = lag;
  std::size_t highest = 0;
  for (; lag <= max_lag; ++lag) {
    if (highest == 0 || correlation[lag] > correlation[highest]) highest = lag;
  }
  if (highest == 0 || correlation[highest] < min_correlation) return std::nullopt;
  // Multiples of the period correlate about as well as the period itself;
  // take the first peak that comes close to the highest.
  std::size_t best = highest;
  for (lag = first_negative; lag < highest; ++lag) {
    const bool local_peak =
        correlation[lag] >= correlation[lag - 1] && correlation[lag] >= correlation[lag + 1];
    if (local_peak && correlation[lag] >= 0.9 * correlation[highest]) {
      best = lag;
      break;
    }
  }
  double refined = static_cast<double>(best);
  if (best > 1 && best < max_lag) {
    const double left = correlation[best - 1], mid = correlation[best],
                 right = correlation[best + 1];
    const double curvature = left - 2 * mid + right;
    if (curvature < 0) refined += 0.5 * (left - right) / curvature;
  }
  return PeriodEstimate{refined * step, std::min(1.0, correlation[best])};
}

}  // namespace sdlab
