#include <gtest/gtest.h>

#include "grading_fixtures.h"

namespace sdlab {
namespace {

using testing::Edit;
using testing::GradeWeb;
using testing::kWebSubmission;
using testing::OnlyCheck;

TEST(SimulatesCheckTest, ACorrectModelRuns) {
  const CheckResult& check = OnlyCheck(GradeWeb("  - { id: r, kind: simulates, points: 5 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
  EXPECT_EQ(check.message, "the model runs from 0 to 600");
}

TEST(SimulatesCheckTest, RunsInAScenario) {
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: r, kind: simulates, scenario: spike, points: 5 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
  EXPECT_EQ(check.message, "the model runs in scenario 'spike' from 0 to 600");
}

TEST(SimulatesCheckTest, ADivisionByZeroFailsWithTheEnginesReason) {
  const std::string submission = Edit(kWebSubmission, "equation: cache_entries / ttl",
                                      "equation: cache_entries / (ttl - 600)");
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: r, kind: simulates, points: 5 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.points, 0);
  EXPECT_EQ(check.message,
            "the model does not run: division by zero in 'Expiry' at time 0: cache_entries / (ttl "
            "- 600)");
}

TEST(SimulatesCheckTest, AModelThatDoesNotCompileFails) {
  const std::string submission =
      Edit(kWebSubmission, "equation: traffic + retries", "equation: traffic + retires");
  // The loader accepts the file; the unknown name is the compiler's to find.
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: r, kind: simulates, points: 5 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message,
            "the model does not compile: answer.yaml:13:27: error: unknown variable 'retires' (did "
            "you mean 'Retries'?)");
}

TEST(SimulatesCheckTest, ARunOverTheStepLimitFailsClearly) {
  const std::string submission = Edit(kWebSubmission, "sim: { start: 0, stop: 600, dt: 1 }",
                                      "sim: { start: 0, stop: 1e9, dt: 1 }");
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: r, kind: simulates, points: 5 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  // The reason is the engine's; the limit is the grader's (GradeLimits).
  EXPECT_EQ(check.message.rfind("the model does not run: the run would take ", 0), 0u)
      << check.message;
  EXPECT_NE(check.message.find("at most 2000000 are allowed"), std::string::npos) << check.message;
}

}  // namespace
}  // namespace sdlab
