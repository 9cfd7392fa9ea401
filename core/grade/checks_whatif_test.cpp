#include <gtest/gtest.h>

#include "grading_fixtures.h"

namespace sdlab {
namespace {

using testing::Edit;
using testing::GradeWeb;
using testing::kWebSubmission;
using testing::OnlyCheck;

constexpr const char* kBreakerCheck =
    "  - id: breaker\n"
    "    kind: what_if\n"
    "    intervention: { level: 7 }\n"
    "    scenario: spike\n"
    "    series: request_queue\n"
    "    measure: max\n"
    "    expect: decreases\n"
    "    points: 5\n";

TEST(WhatIfCheckTest, CircuitBreakerLowersThePeakQueue) {
  const CheckResult& check = OnlyCheck(GradeWeb(kBreakerCheck));
  EXPECT_EQ(check.status, CheckStatus::kPassed) << check.message;
  EXPECT_EQ(check.location.line, 50);
  ASSERT_EQ(check.evidence.measurements.size(), 3u);
  EXPECT_EQ(check.evidence.measurements[0].name, "max without the intervention");
  EXPECT_EQ(check.evidence.measurements[1].name, "max with the intervention");
  EXPECT_LT(check.evidence.measurements[2].value, 0);
  EXPECT_EQ(check.details,
            "what-if: Traffic = 500 (5 x 100); retry_fraction = 0 (scenario 'spike')");
  EXPECT_EQ(check.message.rfind("with \"Add a circuit breaker on database calls\", the max of "
                                "'Request Queue' goes from ",
                                0),
            0u)
      << check.message;
  EXPECT_EQ(check.evidence.series.size(), 2u);
}

TEST(WhatIfCheckTest, TooSmallAChangeFails) {
  // Without the spike, removing retries lowers the queue from 105.3 to 100: 5%.
  const CheckResult& check =
      OnlyCheck(GradeWeb(Edit(kBreakerCheck, "    scenario: spike\n", "") + "    by: \"10%\"\n"));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(
      check.message,
      "with \"Add a circuit breaker on database calls\", the max of 'Request Queue' goes from "
      "105.263 to 100 (-5%), less than the lab looks for");
  const CheckResult& enough =
      OnlyCheck(GradeWeb(Edit(kBreakerCheck, "    scenario: spike\n", "") + "    by: \"4%\"\n"));
  EXPECT_EQ(enough.status, CheckStatus::kPassed);
}

TEST(WhatIfCheckTest, WrongDirectionFails) {
  const CheckResult& check =
      OnlyCheck(GradeWeb(Edit(kBreakerCheck, "expect: decreases", "expect: increases")));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_NE(check.message.find("; the lab expects it to increase"), std::string::npos)
      << check.message;
}

TEST(WhatIfCheckTest, InterventionWithoutWhatIfIsAskedForOne) {
  const std::string submission =
      Edit(kWebSubmission, "      what_if: { set: { retry_fraction: 0 } }\n", "");
  const CheckResult& check = OnlyCheck(GradeWeb(kBreakerCheck, submission));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message,
            "add a `what_if: {set: {...}}` to your level 7 intervention, so that its effect on "
            "your model can be measured");
}

TEST(WhatIfCheckTest, NoInterventionAtTheLevel) {
  const CheckResult& check =
      OnlyCheck(GradeWeb(Edit(kBreakerCheck, "{ level: 7 }", "{ level: 3 }")));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message, "the leverage section has no intervention at level 3 with a `what_if:`");
}

TEST(WhatIfCheckTest, KeywordsSelectTheIntervention) {
  const CheckResult& check =
      OnlyCheck(GradeWeb(Edit(kBreakerCheck, "{ level: 7 }", "{ keywords: [circuit breaker] }")));
  EXPECT_EQ(check.status, CheckStatus::kPassed) << check.message;
}

TEST(WhatIfCheckTest, AWhatIfNamingNothingFails) {
  const std::string submission =
      Edit(kWebSubmission, "set: { retry_fraction: 0 }", "set: { retry_budget: 0 }");
  const CheckResult& check = OnlyCheck(GradeWeb(kBreakerCheck, submission));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message.rfind("your model does not run with the intervention's what_if: ", 0), 0u)
      << check.message;
  EXPECT_EQ(check.location.line, 53);
}

}  // namespace
}  // namespace sdlab
