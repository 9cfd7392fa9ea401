#include <gtest/gtest.h>

#include "grading_fixtures.h"

namespace sdlab {
namespace {

using testing::Edit;
using testing::GradeWeb;
using testing::kWebSubmission;
using testing::OnlyCheck;

constexpr const char* kRetryStorm =
    "  - { id: storm, kind: loop, through: [load, latency, retries], polarity: reinforcing, "
    "points: 4 }\n";

TEST(LoopCheckTest, DeclaredReinforcingLoopPasses) {
  const CheckResult& check = OnlyCheck(GradeWeb(kRetryStorm));
  EXPECT_EQ(check.status, CheckStatus::kPassed) << check.message;
  EXPECT_EQ(check.message, "your loop 'R1' is reinforcing, as labelled");
  EXPECT_EQ(check.evidence.loop_path,
            (std::vector<std::string>{"Latency", "Timeouts", "Retries", "Load"}));
  EXPECT_EQ(check.evidence.loop_polarity, "reinforcing");
  EXPECT_EQ(check.location.line, 43);
}

TEST(LoopCheckTest, DelayedLoopNeedsALinkMarkedAsADelay) {
  const std::string delayed_check =
      "  - { id: storm, kind: loop, through: [load, latency, retries], polarity: any, delayed: "
      "true, points: 2 }\n";
  const CheckResult& missing = OnlyCheck(GradeWeb(delayed_check));
  EXPECT_EQ(missing.status, CheckStatus::kFailed);
  EXPECT_EQ(missing.message,
            "your loop 'R1' through 'Load', 'Latency' and 'Retries' has no link marked as a delay "
            "(`delay: true`); which of its links takes time to act?");
  const std::string submission =
      Edit(kWebSubmission, "\"Timeouts -> Retries (+)\"",
           "{ from: Timeouts, to: Retries, polarity: \"+\", delay: true }");
  const CheckResult& marked = OnlyCheck(GradeWeb(delayed_check, submission));
  EXPECT_EQ(marked.status, CheckStatus::kPassed) << marked.message;
  EXPECT_EQ(marked.message,
            "your loop 'R1' is reinforcing, as labelled, with a delay on the link from "
            "'Timeouts' to 'Retries'");
}

TEST(LoopCheckTest, WrongPolarityFailsWithTheReason) {
  const std::string submission =
      Edit(kWebSubmission, "\"Timeouts -> Retries (+)\"", "\"Timeouts -> Retries (-)\"");
  const CheckResult& check = OnlyCheck(GradeWeb(kRetryStorm, submission));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message.rfind(
                "your loop 'R1' through 'Load', 'Latency' and 'Retries' is balancing (", 0),
            0u)
      << check.message;
  EXPECT_NE(check.message.find("is that what this loop does in the system?"), std::string::npos);
  EXPECT_EQ(check.message.find("reinforcing loop here"),
            std::string::npos);  // the answer is not given
}

TEST(LoopCheckTest, UndeclaredLoopEarnsPartialCredit) {
  const std::string submission = Edit(
      kWebSubmission, "    - { id: R1, type: R, path: [Load, Latency, Timeouts, Retries] }\n", "");
  const CheckResult& check = OnlyCheck(GradeWeb(kRetryStorm, submission));
  EXPECT_EQ(check.status, CheckStatus::kPartial);
  EXPECT_EQ(check.points, 2);
  EXPECT_EQ(check.message,
            "the diagram has a reinforcing loop through 'Load', 'Latency' and 'Retries', but it is "
            "not declared under `loops:` with its type");
}

TEST(LoopCheckTest, LabelMustMatchEitherPolarity) {
  const char* rule =
      "  - { id: pods, kind: loop, through: [latency, pods], polarity: label_matches, points: 2 "
      "}\n";
  EXPECT_EQ(OnlyCheck(GradeWeb(rule)).status, CheckStatus::kPassed);
  const std::string mislabelled = Edit(kWebSubmission, "{ id: B1, type: B,", "{ id: B1, type: R,");
  const CheckResult& check = OnlyCheck(GradeWeb(rule, mislabelled));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message.rfind("your loop 'B1' is labelled R but it is balancing: ", 0), 0u)
      << check.message;
}

TEST(LoopCheckTest, MissingLoopPointsAtTheBrokenDeclaration) {
  const std::string submission = Edit(kWebSubmission, "    - \"Retries -> Load (+)\"\n", "");
  const CheckResult& check = OnlyCheck(GradeWeb(kRetryStorm, submission));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message, "no loop in the diagram goes through 'Load', 'Latency' and 'Retries'");
  EXPECT_EQ(check.details.rfind("your loop 'R1': ", 0), 0u) << check.details;
  EXPECT_EQ(check.location.line, 42);
}

TEST(LoopCheckTest, MissingConceptInTheDiagramIsExplained) {
  const CheckResult& check = OnlyCheck(
      GradeWeb("  - { id: c, kind: loop, through: [cache_entries, latency], points: 2 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message.rfind(
                "in the causal loop diagram, no element matches concept 'cache_entries'", 0),
            0u)
      << check.message;
}

TEST(LinkCheckTest, DirectLinkSign) {
  const CheckResult& check = OnlyCheck(
      GradeWeb("  - { id: l, kind: link, from: pods, to: latency, sign: \"-\", points: 2 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
  EXPECT_EQ(check.message, "Pods -> Latency (-): negative");
  const CheckResult& wrong = OnlyCheck(
      GradeWeb("  - { id: l, kind: link, from: latency, to: pods, sign: \"-\", points: 2 }\n"));
  EXPECT_EQ(wrong.status, CheckStatus::kFailed);
  EXPECT_EQ(wrong.message,
            "Latency -> Pods (+): the effect of 'Latency' -> 'Pods' is positive; think again about "
            "which way 'Pods' moves when 'Latency' rises");
}

TEST(LinkCheckTest, ChainsCountOnlyWhenAllowed) {
  const char* direct =
      "  - { id: l, kind: link, from: load, to: timeouts, sign: \"+\", points: 2 }\n";
  const CheckResult& none = OnlyCheck(GradeWeb(direct));
  EXPECT_EQ(none.status, CheckStatus::kFailed);
  EXPECT_EQ(none.message, "there is no link 'Load' -> 'Timeouts'");
  const CheckResult& chain =
      OnlyCheck(GradeWeb("  - { id: l, kind: link, from: load, to: timeouts, sign: \"+\", "
                         "max_steps: 2, points: 2 }\n"));
  EXPECT_EQ(chain.status, CheckStatus::kPassed);
  EXPECT_EQ(chain.message, "Load -> Latency (+), Latency -> Timeouts (+): the chain is positive");
}

TEST(LinkCheckTest, ReversedLinkIsPointedOut) {
  const CheckResult& check = OnlyCheck(
      GradeWeb("  - { id: l, kind: link, from: load, to: retries, sign: \"+\", points: 2 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(
      check.message,
      "there is no link 'Load' -> 'Retries'; the diagram links them the other way (Retries -> "
      "Load (+))");
}

// What the report's diagram marks: an absent link, and a direct link drawn
// with the other sign; a passed check and a wrong chain mark nothing.
TEST(LinkCheckTest, EvidenceNamesTheMissingOrWronglySignedLink) {
  const CheckResult& missing = OnlyCheck(
      GradeWeb("  - { id: l, kind: link, from: load, to: timeouts, sign: \"+\", points: 2 }\n"));
  ASSERT_EQ(missing.evidence.links.size(), 1u);
  EXPECT_EQ(missing.evidence.links[0].from, "Load");
  EXPECT_EQ(missing.evidence.links[0].to, "Timeouts");
  EXPECT_EQ(missing.evidence.links[0].expected_polarity, "+");
  EXPECT_FALSE(missing.evidence.links[0].present);
  const CheckResult& wrong = OnlyCheck(
      GradeWeb("  - { id: l, kind: link, from: latency, to: pods, sign: \"-\", points: 2 }\n"));
  ASSERT_EQ(wrong.evidence.links.size(), 1u);
  EXPECT_EQ(wrong.evidence.links[0].from, "Latency");
  EXPECT_EQ(wrong.evidence.links[0].to, "Pods");
  EXPECT_EQ(wrong.evidence.links[0].expected_polarity, "-");
  EXPECT_TRUE(wrong.evidence.links[0].present);
  const CheckResult& passed = OnlyCheck(
      GradeWeb("  - { id: l, kind: link, from: pods, to: latency, sign: \"-\", points: 2 }\n"));
  EXPECT_TRUE(passed.evidence.links.empty());
  const CheckResult& wrong_chain =
      OnlyCheck(GradeWeb("  - { id: l, kind: link, from: load, to: timeouts, sign: \"-\", "
                         "max_steps: 2, points: 2 }\n"));
  EXPECT_EQ(wrong_chain.status, CheckStatus::kFailed);
  EXPECT_TRUE(wrong_chain.evidence.links.empty());
}

TEST(LoopCheckTest, ThroughAnyNeedsOneOfItsConceptsOnTheLoop) {
  // The diagram has no capacity variable; the loop through the pods counts.
  const std::string any_check =
      "  - { id: l, kind: loop, through_any: [capacity, pods], polarity: label_matches, "
      "points: 2 }\n";
  const CheckResult& passed = OnlyCheck(GradeWeb(any_check));
  EXPECT_EQ(passed.status, CheckStatus::kPassed) << passed.message;
  EXPECT_EQ(passed.message, "your loop 'B1' is balancing, as labelled");
  // With `through:` as well, the loop must hold both.
  const CheckResult& both = OnlyCheck(
      GradeWeb("  - { id: l, kind: loop, through: [retries], through_any: [capacity, pods], "
               "polarity: any, points: 2 }\n"));
  EXPECT_EQ(both.status, CheckStatus::kFailed);
  EXPECT_EQ(both.message, "no loop in the diagram goes through 'Retries' and 'Pods'");
  // None of them in the diagram: the first one's reason.
  const CheckResult& none = OnlyCheck(
      GradeWeb("  - { id: l, kind: loop, through_any: [capacity, request_queue], points: 2 }\n"));
  EXPECT_EQ(none.status, CheckStatus::kFailed);
  EXPECT_NE(none.message.find("capacity"), std::string::npos) << none.message;
}

TEST(LinkCheckTest, AnOrLinkFromAnotherConceptCountsWithItsOwnSign) {
  // No capacity in the diagram: the pods' link, with its own sign, decides.
  const std::string or_check =
      "  - { id: l, kind: link, from: capacity, to: latency, sign: \"-\", "
      "or: { from: pods, sign: \"-\" }, points: 2 }\n";
  const CheckResult& passed = OnlyCheck(GradeWeb(or_check));
  EXPECT_EQ(passed.status, CheckStatus::kPassed) << passed.message;
  EXPECT_EQ(passed.message, "Pods -> Latency (-): negative");
  // The other sign fails, saying what the bound alternative's link does.
  const CheckResult& wrong =
      OnlyCheck(GradeWeb("  - { id: l, kind: link, from: capacity, to: latency, sign: \"-\", "
                         "or: [{ from: pods, sign: \"+\" }], points: 2 }\n"));
  EXPECT_EQ(wrong.status, CheckStatus::kFailed);
  EXPECT_NE(wrong.message.find("'Pods' -> 'Latency' is negative"), std::string::npos)
      << wrong.message;
}

TEST(LoopLabelsCheckTest, AllCorrectAndPartlyWrong) {
  const char* rule = "  - { id: labels, kind: loop_labels, points: 4 }\n";
  EXPECT_EQ(OnlyCheck(GradeWeb(rule)).status, CheckStatus::kPassed);
  const std::string one_wrong = Edit(kWebSubmission, "{ id: B1, type: B,", "{ id: B1, type: R,");
  const CheckResult& check = OnlyCheck(GradeWeb(rule, one_wrong));
  EXPECT_EQ(check.status, CheckStatus::kPartial);
  EXPECT_EQ(check.points, 2);
  EXPECT_EQ(check.message, "1 of 2 declared loops are a loop of the diagram with the right type");
  ASSERT_EQ(check.evidence.notes.size(), 1u);
  EXPECT_EQ(check.evidence.notes[0].rfind("'B1' (mislabelled): ", 0), 0u)
      << check.evidence.notes[0];
  EXPECT_EQ(check.location.line, 44);
}

TEST(LoopCountCheckTest, DeclaredAndFoundLoops) {
  EXPECT_EQ(OnlyCheck(GradeWeb("  - { id: n, kind: loop_count, min: 2, points: 2 }\n")).status,
            CheckStatus::kPassed);
  const CheckResult& three =
      OnlyCheck(GradeWeb("  - { id: n, kind: loop_count, min: 3, points: 3 }\n"));
  EXPECT_EQ(three.status, CheckStatus::kPartial);
  EXPECT_EQ(three.points, 2);
  EXPECT_EQ(three.message, "the diagram has 2 declared loops; the lab asks for at least 3");
  const std::string undeclared =
      Edit(kWebSubmission, "    - { id: B1, type: B, path: [Latency, Pods] }\n", "");
  const CheckResult& found = OnlyCheck(
      GradeWeb("  - { id: n, kind: loop_count, min: 2, source: found, points: 2 }\n", undeclared));
  EXPECT_EQ(found.status, CheckStatus::kPassed);
  const CheckResult& declared =
      OnlyCheck(GradeWeb("  - { id: n, kind: loop_count, min: 2, points: 2 }\n", undeclared));
  EXPECT_EQ(declared.status, CheckStatus::kPartial);
  EXPECT_EQ(declared.details,
            "the diagram has 2 loops in all; declare them under `loops:` with their type");
}

TEST(LoopCheckTest, NoDiagramFails) {
  const std::string submission = kWebSubmission;
  const std::size_t begin = submission.find("causal_loop:");
  const std::size_t end = submission.find("leverage:");
  const CheckResult& check =
      OnlyCheck(GradeWeb(kRetryStorm, submission.substr(0, begin) + submission.substr(end)));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message, "the submission has no causal_loop section");
}

}  // namespace
}  // namespace sdlab
