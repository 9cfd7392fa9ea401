#include "core/engine/series_analysis.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sdlab {
namespace {

SeriesSlice Sampled(double start, double stop, double dt, double (*f)(double)) {
  SeriesSlice slice;
  const long steps = std::lround((stop - start) / dt);
  for (long i = 0; i <= steps; ++i) {
    const double t = start + static_cast<double>(i) * dt;
    slice.times.push_back(t);
    slice.values.push_back(f(t));
  }
  return slice;
}

TEST(SliceSeriesTest, KeepsRowsInsideTheWindowInclusive) {
  SeriesSlice slice = SliceSeries({0, 1, 2, 3, 4}, {10, 11, 12, 13, 14}, 1.0, 3.0);
  EXPECT_EQ(slice.times, (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(slice.values, (std::vector<double>{11, 12, 13}));
  EXPECT_EQ(SliceSeries({0, 1, 2}, {1, 2, 3}, std::nullopt, std::nullopt).times.size(), 3u);
  EXPECT_TRUE(SliceSeries({0, 1, 2}, {1, 2, 3}, 5.0, std::nullopt).empty());
}

TEST(ComputeStatsTest, MeasuresAWindow) {
  SeriesSlice slice{{0, 1, 2, 3, 4}, {2, 4, 8, 4, 2}};
  SeriesStats stats = ComputeStats(slice);
  EXPECT_EQ(stats.initial, 2);
  EXPECT_EQ(stats.final, 2);
  EXPECT_EQ(stats.min, 2);
  EXPECT_EQ(stats.max, 8);
  EXPECT_EQ(stats.time_of_max, 2);
  // Trapezoids: 3 + 6 + 6 + 3.
  EXPECT_DOUBLE_EQ(stats.total, 18);
  EXPECT_DOUBLE_EQ(stats.mean, 4.5);
}

TEST(EstimatePeriodTest, FindsTheHourOfASine) {
  SeriesSlice slice = Sampled(
      0, 4 * 3600, 1, [](double t) { return 0.8 + 0.15 * std::sin(2 * M_PI * t / 3600.0); });
  std::optional<PeriodEstimate> estimate = EstimatePeriod(slice);
  ASSERT_TRUE(estimate.has_value());
  EXPECT_NEAR(estimate->period, 3600, 20);
  EXPECT_GT(estimate->correlation, 0.9);
}

TEST(EstimatePeriodTest, FindsNarrowHourlySpikes) {
  // A 60-second spike every hour on a flat base: the shape of hourly
  // latency spikes; averaging into buckets must not lose them.
  SeriesSlice slice =
      Sampled(0, 6 * 3600, 1, [](double t) { return std::fmod(t, 3600.0) < 60 ? 5.0 : 0.2; });
  std::optional<PeriodEstimate> estimate = EstimatePeriod(slice);
  ASSERT_TRUE(estimate.has_value());
  EXPECT_NEAR(estimate->period, 3600, 30);
}

TEST(EstimatePeriodTest, PicksThePeriodNotAMultiple) {
  SeriesSlice slice = Sampled(0, 1000, 0.5, [](double t) {
    return std::sin(2 * M_PI * t / 100.0) + 0.01 * std::sin(t * 7.3);
  });
  std::optional<PeriodEstimate> estimate = EstimatePeriod(slice);
  ASSERT_TRUE(estimate.has_value());
  EXPECT_NEAR(estimate->period, 100, 2);
}

TEST(EstimatePeriodTest, NoPeriodInAFlatARampOrATooShortSeries) {
  EXPECT_FALSE(EstimatePeriod(Sampled(0, 1000, 1, [](double) { return 3.0; })).has_value());
  EXPECT_FALSE(EstimatePeriod(Sampled(0, 1000, 1, [](double t) { return t; })).has_value());
  // Only one and a half cycles fit: no period can be claimed.
  EXPECT_FALSE(EstimatePeriod(Sampled(0, 150, 1, [](double t) {
                 return std::sin(2 * M_PI * t / 100.0);
               })).has_value());
}

}  // namespace
}  // namespace sdlab
