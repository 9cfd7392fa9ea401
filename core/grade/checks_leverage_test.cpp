#include <gtest/gtest.h>

#include "grading_fixtures.h"

namespace sdlab {
namespace {

using testing::Edit;
using testing::GradeWeb;
using testing::kWebSubmission;
using testing::OnlyCheck;

TEST(LeverageLevelsCheckTest, AllRequiredLevelsPresent) {
  const CheckResult& check = OnlyCheck(
      GradeWeb("  - { id: l, kind: leverage_levels, levels: [12, 8, 7, 6, 5], points: 5 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
  EXPECT_EQ(check.message, "an intervention at each of levels 12, 8, 7, 6 and 5");
}

TEST(LeverageLevelsCheckTest, MissingAndBlankLevelsLosePoints) {
  const std::string submission =
      Edit(kWebSubmission, "action: Add distributed tracing and dashboards", "action: \"\"");
  const CheckResult& check = OnlyCheck(
      GradeWeb("  - { id: l, kind: leverage_levels, levels: [12, 8, 7, 6, 5, 3], points: 6 }\n",
               submission));
  EXPECT_EQ(check.status, CheckStatus::kPartial);
  EXPECT_EQ(check.points, 4);
  EXPECT_EQ(check.message, "no intervention (with an action) at levels 6 and 3");
}

TEST(LeverageMatchCheckTest, EveryInterventionFitsItsLevel) {
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: m, kind: leverage_match, points: 5 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kPassed) << check.message;
  EXPECT_EQ(check.message, "5 of 5 interventions are at the right level");
  EXPECT_EQ(
      check.evidence.notes[2],
      "level 7 \"Add a circuit breaker on database calls\": fits level 7 ('circuit breaker')");
}

TEST(LeverageMatchCheckTest, AdjacentLevelEarnsPartialCredit) {
  // A circuit breaker labelled level 8 is one level off.
  const std::string submission = Edit(kWebSubmission, "    - level: 7\n", "    - level: 8\n");
  const CheckResult& check = OnlyCheck(GradeWeb(
      "  - { id: m, kind: leverage_match, adjacent_credit: 0.5, points: 5 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kPartial);
  EXPECT_EQ(check.points, 4.5);
  EXPECT_EQ(check.evidence.notes[2],
            "level 8 \"Add a circuit breaker on database calls\": reads like level 7 ('circuit "
            "breaker'), next to the level given");
  EXPECT_EQ(check.location.line, 51);
}

TEST(LeverageMatchCheckTest, FarLevelEarnsNothingForThatIntervention) {
  const std::string submission =
      Edit(kWebSubmission, "{ level: 12, action: Increase the timeout to 10s",
           "{ level: 5, action: Increase the timeout to 10s");
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: m, kind: leverage_match, points: 5 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kPartial);
  EXPECT_EQ(check.points, 4);
  EXPECT_EQ(check.evidence.notes[0],
            "level 5 \"Increase the timeout to 10s\": reads like level 12 ('timeout')");
}

TEST(LeverageMatchCheckTest, UnrecognisedInterventionNeedsReviewWithoutLosingPoints) {
  const std::string submission =
      Edit(kWebSubmission, "action: Add distributed tracing and dashboards",
           "action: Make the on-call see request paths");
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: m, kind: leverage_match, points: 5 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(check.points, 5);
  EXPECT_EQ(check.message,
            "4 of 5 interventions are at the right level; 1 needs review: level 6 \"Make the "
            "on-call see request paths\" (sdlab does not recognise it)");
  EXPECT_EQ(check.evidence.notes[3],
            "level 6 \"Make the on-call see request paths\": needs review: sdlab does not "
            "recognise it");
}

TEST(LeverageMatchCheckTest, WeakEvidenceNeedsReview) {
  // Only the expected impact mentions a metric: too little to decide.
  const std::string submission =
      Edit(kWebSubmission, "{ level: 6, action: Add distributed tracing and dashboards, rank: 2 }",
           "{ level: 6, action: Talk to the on-call, expected_impact: they watch the metrics, "
           "rank: 2 }");
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: m, kind: leverage_match, points: 5 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(check.points, 5);
  EXPECT_EQ(check.evidence.notes[3],
            "level 6 \"Talk to the on-call\": needs review: the evidence is weak: level 6 "
            "('metric*') at most");
}

TEST(LeverageMatchCheckTest, CircuitBreakerFiledUnderTwelveFails) {
  // "timeouts" is a level-12 word, but the action is about a circuit breaker.
  const std::string submission =
      Edit(kWebSubmission, "{ level: 12, action: Increase the timeout to 10s",
           "{ level: 12, action: Add a circuit breaker that opens after 5 timeouts");
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: m, kind: leverage_match, points: 5 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kPartial);
  EXPECT_EQ(check.points, 4);
  EXPECT_EQ(check.evidence.notes[0],
            "level 12 \"Add a circuit breaker that opens after 5 timeouts\": reads like level 7 "
            "('circuit breaker')");
  EXPECT_EQ(check.location.line, 48);
}

TEST(LeverageMatchCheckTest, NegatedLevelDoesNotCount) {
  const std::string submission =
      Edit(kWebSubmission, "{ level: 12, action: Increase the timeout to 10s",
           "{ level: 12, action: A retry budget instead of more pods");
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: m, kind: leverage_match, points: 5 }\n", submission));
  EXPECT_EQ(check.points, 4);
  EXPECT_EQ(check.evidence.notes[0],
            "level 12 \"A retry budget instead of more pods\": reads like level 7 ('retry "
            "budget')");
}

TEST(LeverageMatchCheckTest, PublishingToTheHpaFitsInformationFlows) {
  // "hpa" is a level-8 phrase, but the action is about publishing a metric.
  const std::string submission =
      Edit(kWebSubmission, "action: Add distributed tracing and dashboards",
           "action: Publish the queue depth metric to the HPA");
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: m, kind: leverage_match, points: 5 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kPassed) << check.message;
  EXPECT_EQ(check.evidence.notes[3],
            "level 6 \"Publish the queue depth metric to the HPA\": fits level 6 ('metric*')");
}

TEST(LeverageMatchCheckTest, WhatIfSwitchSupportsARule) {
  // The breaker is a 0/1 constant gating the retries; with only the expected
  // impact naming it, the what-if tips the verdict.
  std::string submission = Edit(kWebSubmission, "equation: retry_fraction * request_queue / 10",
                                "equation: IF breaker = 1 THEN 0 ELSE retry_fraction * "
                                "request_queue / 10");
  submission = Edit(submission, "    - { name: TTL, value: 600 }\n",
                    "    - { name: TTL, value: 600 }\n    - { name: Breaker, value: 0 }\n");
  submission = Edit(submission, "      action: Add a circuit breaker on database calls\n",
                    "      action: Protect the database\n"
                    "      expected_impact: the circuit breaker stops the storm\n");
  const std::string with_switch = Edit(submission, "what_if: { set: { retry_fraction: 0 } }",
                                       "what_if: { set: { breaker: 1 } }");
  const std::string checks = "  - { id: m, kind: leverage_match, points: 5 }\n";
  const CheckResult& unsure = OnlyCheck(GradeWeb(checks, submission));
  EXPECT_EQ(unsure.status, CheckStatus::kNeedsReview) << unsure.message;
  const CheckResult& decided = OnlyCheck(GradeWeb(checks, with_switch));
  EXPECT_EQ(decided.status, CheckStatus::kPassed) << decided.message;
  EXPECT_EQ(decided.evidence.notes[2],
            "level 7 \"Protect the database\": fits level 7 ('circuit breaker'; the what-if "
            "switches 'Breaker' on, which gates a rule in the model)");
}

TEST(LeverageMatchCheckTest, AllOrNothingWithoutPartialCredit) {
  const std::string submission = Edit(kWebSubmission, "    - level: 7\n", "    - level: 8\n");
  const CheckResult& check = OnlyCheck(GradeWeb(
      "  - { id: m, kind: leverage_match, partial_credit: false, points: 5 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.points, 0);
}

TEST(LeverageRankingCheckTest, LeverageOrderIsFullCredit) {
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: r, kind: leverage_ranking, points: 5 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
  ASSERT_TRUE(check.evidence.tau.has_value());
  EXPECT_DOUBLE_EQ(*check.evidence.tau, 1.0);
  EXPECT_EQ(check.message, "the ranking agrees with leverage order with tau = 1.00");
}

TEST(LeverageRankingCheckTest, PartialCreditByTau) {
  // Two neighbouring pairs swapped (12/8 and 6/5): 8 of 10 pairs agree, tau = 0.6.
  std::string submission = kWebSubmission;
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"10s, rank: 5", "10s, rank: 4"},
           {"HPA, rank: 4", "HPA, rank: 5"},
           {"dashboards, rank: 2", "dashboards, rank: 1"},
           {"deadline, rank: 1", "deadline, rank: 2"}}) {
    submission = Edit(submission, from, to);
  }
  const CheckResult& check = OnlyCheck(GradeWeb(
      "  - { id: r, kind: leverage_ranking, min_tau: 0.8, zero_tau: 0, points: 4 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kPartial);
  EXPECT_NEAR(*check.evidence.tau, 0.6, 1e-12);
  EXPECT_EQ(check.points, 3);
  EXPECT_EQ(check.message,
            "the ranking agrees with leverage order with tau = 0.60 (full credit from 0.8)");
  EXPECT_EQ(check.evidence.notes[0],
            "ranked first: level 6 \"Add distributed tracing and dashboards\"");
  EXPECT_EQ(check.location.line, 54);
}

TEST(LeverageRankingCheckTest, ReversedOrderIsZero) {
  std::string submission = kWebSubmission;
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"10s, rank: 5", "10s, rank: 1"},
           {"HPA, rank: 4", "HPA, rank: 2"},
           {"      rank: 3\n", "      rank: 3\n"},
           {"dashboards, rank: 2", "dashboards, rank: 4"},
           {"deadline, rank: 1", "deadline, rank: 5"}}) {
    submission = Edit(submission, from, to);
  }
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: r, kind: leverage_ranking, points: 4 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_DOUBLE_EQ(*check.evidence.tau, -1.0);
}

TEST(LeverageRankingCheckTest, TooFewRanksFail) {
  std::string submission = Edit(kWebSubmission, ", rank: 5", "");
  submission = Edit(submission, ", rank: 4", "");
  submission = Edit(submission, ", rank: 2", "");
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: r, kind: leverage_ranking, points: 4 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message,
            "2 interventions have a rank; give at least 3 a `rank:` (1 = the most effective)");
}

TEST(LeverageCheckTest, NoLeverageSectionFails) {
  const std::string submission = kWebSubmission;
  const std::size_t begin = submission.find("leverage:");
  const std::size_t end = submission.find("answers:");
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: r, kind: leverage_ranking, points: 4 }\n",
                         submission.substr(0, begin) + submission.substr(end)));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message, "the submission has no leverage section");
}

}  // namespace
}  // namespace sdlab
