#include "core/grade/checks_dominance.h"

#include <gtest/gtest.h>

#include "core/grade/rubric_loader.h"
#include "grading_fixtures.h"

namespace sdlab {
namespace {

using testing::Edit;
using testing::GradeWeb;
using testing::kWebSubmission;
using testing::OnlyCheck;

// The web submission's queue feeds its retries, which feed the arrivals: a
// reinforcing loop that drives the queue once the traffic (x5) exceeds the
// capacity, and scores 0 without retries.
TEST(DominanceCheckTest, TheRetryLoopDrivesTheQueueInTheSpike) {
  const CheckResult check =
      OnlyCheck(GradeWeb("  - { id: storm, kind: dominance, scenario: spike, through: [retries, "
                         "request_queue], expect: dominates, share: 0.5, points: 2 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kPassed) << check.message;
  EXPECT_EQ(check.points, 2);
  EXPECT_NE(check.message.find("in scenario 'spike', the loop through 'Retries' and 'Request "
                               "Queue' drives the behaviour"),
            std::string::npos)
      << check.message;
  EXPECT_EQ(check.details, "in scenario 'spike': Traffic = 500 (5 x 100)");
  EXPECT_EQ(check.evidence.loop_polarity, "reinforcing");
  ASSERT_FALSE(check.evidence.loop_path.empty());
  ASSERT_EQ(check.evidence.series.size(), 1u);
  EXPECT_EQ(check.evidence.series[0].thresholds, (std::vector<double>{0.5, -0.5}));
  ASSERT_FALSE(check.evidence.measurements.empty());
  EXPECT_GE(check.evidence.measurements[0].value, 0.5);
}

TEST(DominanceCheckTest, WithoutRetriesTheLoopNoLongerDominates) {
  const GradeResult result = GradeWeb(
      "  - { id: off, kind: dominance, scenario: spike_no_retries, through: [retries], "
      "expect: not_dominant, points: 1 }\n"
      "  - { id: on, kind: dominance, scenario: spike, through: [retries], "
      "expect: not_dominant, points: 1 }\n");
  ASSERT_EQ(result.checks.size(), 2u);
  EXPECT_EQ(result.checks[0].status, CheckStatus::kPassed) << result.checks[0].message;
  EXPECT_NE(result.checks[0].message.find("0% of the time"), std::string::npos)
      << result.checks[0].message;
  EXPECT_EQ(result.checks[1].status, CheckStatus::kFailed) << result.checks[1].message;
  EXPECT_NE(result.checks[1].message.find("(less than 10% is needed)"), std::string::npos)
      << result.checks[1].message;
}

// "No longer dominant" must not pass for a model that never had the loop.
TEST(DominanceCheckTest, AModelWithoutTheLoopFailsEitherWay) {
  const std::string submission =
      Edit(kWebSubmission, "equation: traffic + retries", "equation: traffic");
  const GradeResult result = GradeWeb(
      "  - { id: off, kind: dominance, scenario: spike_no_retries, through: [retries], "
      "expect: not_dominant, points: 1 }\n"
      "  - { id: on, kind: dominance, scenario: spike, through: [retries], "
      "expect: dominates, points: 1 }\n",
      submission);
  ASSERT_EQ(result.checks.size(), 2u);
  for (const CheckResult& check : result.checks) {
    EXPECT_EQ(check.status, CheckStatus::kFailed) << check.id;
    EXPECT_EQ(check.message, "your model has no feedback loop through 'Retries'") << check.id;
  }
}

TEST(DominanceCheckTest, AWindowOutsideTheRunFails) {
  const CheckResult check = OnlyCheck(
      GradeWeb("  - { id: late, kind: dominance, through: [retries], window: [900, 1200], "
               "expect: dominates, points: 1 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message, "the run does not reach the time window the lab looks at (900 to 1200)");
}

TEST(DominanceCheckTest, TheRubricLoaderLocatesWhatIsWrong) {
  auto errors = [](const std::string& check) {
    Diagnostics diagnostics;
    LoadRubricText(
        SourceFile("rubric.yaml", std::string(testing::kWebRubricHead) + "checks:\n" + check),
        diagnostics);
    return FormatDiagnostics(diagnostics, nullptr);
  };
  EXPECT_NE(
      errors("  - { id: a, kind: dominance, through: [retries], points: 1 }\n").find("'expect'"),
      std::string::npos);
  EXPECT_NE(
      errors("  - { id: a, kind: dominance, expect: dominates, points: 1 }\n").find("'through'"),
      std::string::npos);
  EXPECT_NE(errors("  - { id: a, kind: dominance, through: [retrys], expect: dominates, "
                   "points: 1 }\n")
                .find("unknown concept 'retrys'"),
            std::string::npos);
  EXPECT_NE(errors("  - { id: a, kind: dominance, through: [retries], expect: dominates, "
                   "share: 2, points: 1 }\n")
                .find("'share'"),
            std::string::npos);
  EXPECT_NE(errors("  - { id: a, kind: dominance, through: [retries], expect: wins, "
                   "points: 1 }\n")
                .find("wins"),
            std::string::npos);
}

}  // namespace
}  // namespace sdlab
