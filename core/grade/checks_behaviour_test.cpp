#include <gtest/gtest.h>

#include <cmath>

#include "core/grade/check_context.h"
#include "core/grade/checks_behaviour.h"
#include "grading_fixtures.h"

namespace sdlab {
namespace {

using testing::Edit;
using testing::GradeWeb;
using testing::kWebSubmission;
using testing::OnlyCheck;

SeriesSlice Series(std::vector<double> values) {
  SeriesSlice slice;
  for (std::size_t i = 0; i < values.size(); ++i) slice.times.push_back(static_cast<double>(i));
  slice.values = std::move(values);
  return slice;
}

BehaviourParams Expect(BehaviourPattern pattern) {
  BehaviourParams params;
  params.pattern = pattern;
  return params;
}

TEST(JudgeBehaviourTest, GrowsAndDeclines) {
  CheckOutcome grows = JudgeBehaviour(Expect(BehaviourPattern::kGrows), Series({1, 2, 5}), "Queue");
  EXPECT_EQ(grows.fraction, 1);
  EXPECT_EQ(grows.message, "'Queue' grows from 1 to 5");
  CheckOutcome flat = JudgeBehaviour(Expect(BehaviourPattern::kGrows), Series({3, 9, 3}), "Queue");
  EXPECT_EQ(flat.fraction, 0);
  EXPECT_EQ(flat.message, "'Queue' stays level from 3 to 3");
  CheckOutcome declines = JudgeBehaviour(Expect(BehaviourPattern::kDeclines), Series({4, 2}), "Q");
  EXPECT_EQ(declines.fraction, 1);
  CheckOutcome wrong_way = JudgeBehaviour(Expect(BehaviourPattern::kDeclines), Series({2, 4}), "Q");
  EXPECT_EQ(wrong_way.fraction, 0);
  EXPECT_EQ(wrong_way.message, "'Q' grows from 2 to 4");
}

TEST(JudgeBehaviourTest, GrowsByAnAmountOrAPercentage) {
  BehaviourParams params = Expect(BehaviourPattern::kGrows);
  params.by = Amount{0.5, true};
  EXPECT_EQ(JudgeBehaviour(params, Series({10, 16}), "Q").fraction, 1);
  CheckOutcome small = JudgeBehaviour(params, Series({10, 14}), "Q");
  EXPECT_EQ(small.fraction, 0);
  EXPECT_EQ(small.message, "'Q' grows from 10 to 14, less than the 50% the lab looks for");
  params.by = Amount{4, false};
  // Exactly the amount asked for is enough.
  EXPECT_EQ(JudgeBehaviour(params, Series({10, 14}), "Q").fraction, 1);
}

// `lag:` asks for a delayed response: a jump to the new level in one step
// fails, a first-order rise passes, and a decline is timed the same way.
TEST(JudgeBehaviourTest, GrowsWithALag) {
  BehaviourParams params = Expect(BehaviourPattern::kGrows);
  params.lag = 5;
  CheckOutcome jump = JudgeBehaviour(params, Series({15, 40, 40, 40, 40, 40, 40, 40}), "Pods");
  EXPECT_EQ(jump.fraction, 0);
  EXPECT_EQ(jump.message,
            "'Pods' grows from 15 to 40, but half of that within 1 of the start: the lab looks "
            "for a response with a delay (half of it no sooner than 5 after the start)");
  std::vector<double> smooth;
  for (int t = 0; t <= 60; ++t) smooth.push_back(15 + 25 * (1 - std::exp(-t / 20.0)));
  EXPECT_EQ(JudgeBehaviour(params, Series(smooth), "Pods").fraction, 1);
  params.pattern = BehaviourPattern::kDeclines;
  EXPECT_EQ(JudgeBehaviour(params, Series({40, 15, 15, 15, 15, 15, 15}), "Pods").fraction, 0);
  EXPECT_EQ(JudgeBehaviour(params, Series({40, 39, 38, 36, 33, 29, 24, 18, 15}), "Pods").fraction,
            1);
}

TEST(JudgeBehaviourTest, StaysWithinARange) {
  BehaviourParams params = Expect(BehaviourPattern::kStaysWithin);
  params.low = 0;
  params.high = 10;
  EXPECT_EQ(JudgeBehaviour(params, Series({0, 5, 10}), "Q").fraction, 1);
  CheckOutcome out = JudgeBehaviour(params, Series({0, 5, 12, 3}), "Q");
  EXPECT_EQ(out.fraction, 0);
  EXPECT_EQ(out.message, "'Q' ranges from 0 to 12, outside [0, 10] (first leaves it at time 2)");
}

TEST(JudgeBehaviourTest, ExceedsAndFallsBelow) {
  BehaviourParams exceeds = Expect(BehaviourPattern::kExceeds);
  exceeds.threshold = 0;
  EXPECT_EQ(JudgeBehaviour(exceeds, Series({0, 0.5, 0}), "Drops").fraction, 1);
  CheckOutcome never = JudgeBehaviour(exceeds, Series({0, 0, 0}), "Drops");
  EXPECT_EQ(never.fraction, 0);
  EXPECT_EQ(never.message, "'Drops' reaches 0, never above 0");
  BehaviourParams below = Expect(BehaviourPattern::kFallsBelow);
  below.threshold = 0.7;
  EXPECT_EQ(JudgeBehaviour(below, Series({0.95, 0.6, 0.95}), "Hit Rate").fraction, 1);
  EXPECT_EQ(JudgeBehaviour(below, Series({0.95, 0.8}), "Hit Rate").fraction, 0);
}

TEST(JudgeBehaviourTest, PeaksInsideTheWindow) {
  CheckOutcome peak =
      JudgeBehaviour(Expect(BehaviourPattern::kPeaks), Series({1, 3, 9, 4, 1}), "L");
  EXPECT_EQ(peak.fraction, 1);
  EXPECT_EQ(peak.message, "'L' peaks at 9 at time 2");
  CheckOutcome rising = JudgeBehaviour(Expect(BehaviourPattern::kPeaks), Series({1, 3, 9}), "L");
  EXPECT_EQ(rising.fraction, 0);
  EXPECT_EQ(rising.message, "'L' has no peak: its highest value 9 is at an end of the window");
  BehaviourParams above = Expect(BehaviourPattern::kPeaks);
  above.threshold = 10;
  EXPECT_EQ(JudgeBehaviour(above, Series({1, 3, 9, 4, 1}), "L").fraction, 0);
}

TEST(JudgeBehaviourTest, PeriodicWithinTolerance) {
  SeriesSlice slice;
  for (int t = 0; t <= 4 * 3600; t += 10) {
    slice.times.push_back(t);
    slice.values.push_back(0.8 + 0.15 * std::cos(2 * M_PI * t / 3600.0));
  }
  BehaviourParams params = Expect(BehaviourPattern::kPeriodic);
  params.period = 3600;
  params.tolerance = 300;
  CheckOutcome hourly = JudgeBehaviour(params, slice, "Hit Rate");
  EXPECT_EQ(hourly.fraction, 1);
  EXPECT_EQ(hourly.message.rfind("'Hit Rate' repeats every 3", 0), 0u) << hourly.message;
  params.period = 1800;
  EXPECT_EQ(JudgeBehaviour(params, slice, "Hit Rate").fraction, 0);
  CheckOutcome flat = JudgeBehaviour(params, Series(std::vector<double>(100, 1.0)), "Hit Rate");
  EXPECT_EQ(flat.fraction, 0);
  EXPECT_EQ(flat.message,
            "'Hit Rate' does not repeat over the window (the lab expects a period of 1800 ± 300)");
}

TEST(JudgeBehaviourTest, MeasureInRange) {
  BehaviourParams params = Expect(BehaviourPattern::kInRange);
  params.measure = SeriesMeasure::kMin;
  params.low = 0.5;
  params.high = 0.7;
  CheckOutcome dips = JudgeBehaviour(params, Series({0.95, 0.6, 0.95}), "Hit Rate");
  EXPECT_EQ(dips.fraction, 1);
  EXPECT_EQ(dips.message, "the min of 'Hit Rate' is 0.6, within [0.5, 0.7]");
  params.measure = SeriesMeasure::kMean;
  EXPECT_EQ(JudgeBehaviour(params, Series({0.95, 0.6, 0.95}), "Hit Rate").fraction, 0);
}

TEST(BehaviourCheckTest, QueueGrowsInATrafficSpikeButNotAsWritten) {
  const GradeResult result = GradeWeb(
      "  - { id: spike, kind: behaviour, scenario: spike, series: request_queue, expect: grows, "
      "points: 4 }\n"
      "  - { id: calm, kind: behaviour, series: request_queue, expect: grows, by: 1000, "
      "points: 4 }\n");
  ASSERT_EQ(result.checks.size(), 2u);
  const CheckResult& spike = result.checks[0];
  EXPECT_EQ(spike.status, CheckStatus::kPassed) << spike.message;
  EXPECT_EQ(spike.details, "in scenario 'spike': Traffic = 500 (5 x 100)");
  EXPECT_EQ(spike.location.line, 6);
  ASSERT_EQ(spike.evidence.series.size(), 1u);
  EXPECT_LE(spike.evidence.series[0].times.size(), SeriesEvidence::kMaxEvidencePoints);
  EXPECT_EQ(spike.evidence.series[0].label, "Request Queue (spike)");
  const CheckResult& calm = result.checks[1];
  EXPECT_EQ(calm.status, CheckStatus::kFailed);
  // As written the queue only fills one step's arrivals (100 + 5% retries).
  EXPECT_EQ(calm.message,
            "'Request Queue' grows from 0 to 105.263, less than the 1000 the lab looks for");
}

TEST(BehaviourCheckTest, ScenarioWithoutRetriesDoesNotCascade) {
  const GradeResult result = GradeWeb(
      "  - { id: a, kind: behaviour, scenario: spike_no_retries, series: request_queue, expect: "
      "stays_within, range: [0, 300000], points: 1 }\n"
      "  - { id: b, kind: behaviour, scenario: spike, series: request_queue, expect: "
      "stays_within, range: [0, 300000], points: 1 }\n");
  ASSERT_EQ(result.checks.size(), 2u);
  // Without retries the queue grows linearly (350/s for 600 s): 210000.
  EXPECT_EQ(result.checks[0].status, CheckStatus::kPassed) << result.checks[0].message;
  // With retries it compounds past the range.
  EXPECT_EQ(result.checks[1].status, CheckStatus::kFailed) << result.checks[1].message;
}

TEST(BehaviourCheckTest, WindowOutsideTheRunFails) {
  const CheckResult& check = OnlyCheck(GradeWeb(
      "  - { id: w, kind: behaviour, series: request_queue, expect: grows, window: [1000, 2000], "
      "points: 1 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message, "the run (0 to 600) does not reach the time window the lab looks at");
}

// The chart of a series is labelled with the units the submission gives.
TEST(BehaviourCheckTest, EvidenceCarriesTheElementsAndTheRunsUnits) {
  const char* check =
      "  - { id: c, kind: behaviour, series: request_queue, expect: grows, points: 1 }\n";
  const CheckResult& bare = OnlyCheck(GradeWeb(check));
  ASSERT_EQ(bare.evidence.series.size(), 1u);
  EXPECT_EQ(bare.evidence.series[0].units, "");
  EXPECT_EQ(bare.evidence.series[0].time_units, "");
  std::string submission = Edit(kWebSubmission, "sim: { start: 0, stop: 600, dt: 1 }",
                                "sim: { start: 0, stop: 600, dt: 1, time_units: seconds }");
  submission = Edit(submission, "    - name: Request Queue\n",
                    "    - name: Request Queue\n      units: requests\n");
  const CheckResult& labelled = OnlyCheck(GradeWeb(check, submission));
  ASSERT_EQ(labelled.evidence.series.size(), 1u);
  EXPECT_EQ(labelled.evidence.series[0].units, "requests");
  EXPECT_EQ(labelled.evidence.series[0].time_units, "seconds");
}

TEST(BehaviourCheckTest, AConstantHasNoBehaviour) {
  const CheckResult& check = OnlyCheck(
      GradeWeb("  - { id: c, kind: behaviour, series: load, expect: grows, points: 1 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message, "'Traffic' is a constant; it does not change over time");
}

// The map form `scale: {load: 5}` on an auxiliary scales its equation over
// the whole run, as it multiplies a constant's value.
TEST(BehaviourCheckTest, ScalingAnAuxiliaryScalesItsEquation) {
  const std::string submission = Edit(kWebSubmission, "    - { name: Traffic, value: 100 }\n", "");
  const std::string with_aux = Edit(submission, "  auxiliaries:\n",
                                    "  auxiliaries:\n    - name: Traffic\n      equation: 100\n");
  const GradeResult result = GradeWeb(
      "  - { id: s, kind: behaviour, scenario: spike, series: request_queue, "
      "expect: grows, by: 1000, points: 1 }\n"
      "  - { id: t, kind: behaviour, scenario: spike, series: load, expect: in_range, "
      "measure: mean, range: [500, 500], points: 1 }\n",
      with_aux);
  ASSERT_EQ(result.checks.size(), 2u);
  for (const CheckResult& check : result.checks) {
    EXPECT_EQ(check.status, CheckStatus::kPassed) << check.message;
    EXPECT_EQ(check.details, "in scenario 'spike': Traffic x 5");
  }
}

TEST(BehaviourCheckTest, PeriodicHitRate) {
  const std::string submission = R"yaml(lab: web
stock_flow:
  sim: { start: 0, stop: 14400, dt: 10 }
  stocks:
    - { name: Cache Entries, initial: 1000 }
  flows:
    - { name: Expiry, from: Cache Entries, equation: "cache_entries * hit_rate / 1000" }
  auxiliaries:
    - { name: Hit Rate, equation: "0.8 + 0.15 * COS(2 * PI * TIME / 3600)" }
)yaml";
  Rubric rubric = testing::LoadRubricOrDie(
      Edit(testing::kWebRubricHead, "concepts:\n", "concepts:\n  hit_rate: [hit rate]\n") +
      "checks:\n"
      "  - { id: p, kind: behaviour, series: hit_rate, expect: periodic, period: 3600, "
      "tolerance: 300, points: 2 }\n"
      "  - { id: q, kind: behaviour, series: hit_rate, expect: periodic, period: 1800, "
      "tolerance: 300, points: 2 }\n");
  const GradeResult result = GradeSubmission(rubric, testing::LoadSubmissionOrDie(submission));
  ASSERT_EQ(result.checks.size(), 2u);
  EXPECT_EQ(result.checks[0].status, CheckStatus::kPassed) << result.checks[0].message;
  EXPECT_EQ(result.checks[1].status, CheckStatus::kFailed);
  ASSERT_EQ(result.checks[0].evidence.measurements.back().name, "period of Hit Rate");
  EXPECT_NEAR(result.checks[0].evidence.measurements.back().value, 3600, 60);
}

}  // namespace
}  // namespace sdlab
