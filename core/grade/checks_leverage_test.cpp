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

TEST(LeverageMatchCheckTest, UnrecognisedInterventionNeedsReview) {
  const std::string submission =
      Edit(kWebSubmission, "action: Add distributed tracing and dashboards",
           "action: Make the on-call see request paths");
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: m, kind: leverage_match, points: 5 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(check.points, 4);
  EXPECT_EQ(
      check.message,
      "4 of 5 interventions are at the right level; 1 could not be judged and will be reviewed");
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
