#pragma once
// Numbers taken from a simulated series for behaviour checks: a window of
// it, a measure over it (start, end, min, max, mean, total) and its period.

#include <optional>
#include <vector>

namespace sdlab {

/// The rows of a series with start <= time <= end (either bound optional).
struct SeriesSlice {
  std::vector<double> times;
  std::vector<double> values;
  bool empty() const { return times.empty(); }
};
SeriesSlice SliceSeries(const std::vector<double>& times, const std::vector<double>& values,
                        std::optional<double> start, std::optional<double> end);

struct SeriesStats {
  double initial = 0, final = 0, min = 0, max = 0, mean = 0;
  double total = 0;  // the time integral (trapezoids)
  double time_of_max = 0, time_of_min = 0;
};
/// Statistics of a non-empty slice; the mean is time-weighted when the
/// slice spans time (trapezoids), else the plain mean.
SeriesStats ComputeStats(const SeriesSlice& slice);

struct PeriodEstimate {
  double period = 0;       // in time units
  double correlation = 0;  // autocorrelation at that lag, in [-1, 1]
};
/// The dominant period of a slice sampled at (nearly) even times, by the
/// autocorrelation of the mean-free series: the highest autocorrelation
/// peak after the first zero crossing, refined by a parabola through the
/// peak and its neighbours. Long series are averaged down to at most
/// `max_points` buckets first. nullopt when the series is flat, too short
/// (fewer than two periods fit), or the best peak correlates below
/// `min_correlation`.
std::optional<PeriodEstimate> EstimatePeriod(const SeriesSlice& slice, double min_correlation = 0.3,
                                             std::size_t max_points = 2048);

}  // namespace sdlab
