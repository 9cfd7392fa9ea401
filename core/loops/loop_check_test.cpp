#include "core/loops/loop_check.h"

#include <gtest/gtest.h>

#include "loop_fixtures.h"

namespace sdlab {
namespace {

using testing::Diagram;
using testing::LoopText;

struct Checked {
  CausalGraph graph;
  LoopSearchResult found;
  LoopCheckResult check;
  std::vector<std::string> diagnostics;  // checker's diagnostics only
};

Checked Check(const CausalLoopDiagram& diagram, LoopSearchOptions options = {}) {
  Checked checked;
  Diagnostics build_diagnostics("answer.yaml");
  checked.graph = BuildCausalGraph(diagram, build_diagnostics);
  EXPECT_FALSE(build_diagnostics.has_errors()) << FormatDiagnostics(build_diagnostics, nullptr);
  checked.found = FindLoops(checked.graph, options);
  Diagnostics diagnostics("answer.yaml");
  checked.check = CheckDeclaredLoops(checked.graph, checked.found, diagnostics);
  for (const Diagnostic& d : diagnostics.items()) {
    checked.diagnostics.push_back(FormatDiagnosticLine(d));
  }
  return checked;
}

// "id verdict: path" per finding, for compact expectations.
std::vector<std::string> Rows(const Checked& checked) {
  std::vector<std::string> rows;
  for (const LoopFinding& finding : checked.check.findings) {
    rows.push_back(finding.id + " " + LabelVerdictName(finding.verdict) + ": " +
                   LoopPathText(checked.graph, finding.loop));
  }
  return rows;
}

TEST(CheckDeclaredLoops, RetryStormLabelledReinforcingIsCorrectAndSaysWhy) {
  Checked checked = Check(testing::RetryStorm());
  ASSERT_EQ(checked.check.findings.size(), 1u);
  const LoopFinding& r1 = checked.check.findings[0];
  EXPECT_EQ(r1.id, "R1");
  EXPECT_EQ(r1.verdict, LabelVerdict::kCorrect);
  EXPECT_EQ(r1.explanation,
            "0 negative links: an even number of negative links makes a loop reinforcing");
  EXPECT_TRUE(checked.diagnostics.empty());
}

TEST(CheckDeclaredLoops, AutoscalerLabelledBalancingIsCorrectAndNamesItsNegativeLink) {
  Checked checked = Check(testing::Autoscaler());
  ASSERT_EQ(checked.check.findings.size(), 1u);
  EXPECT_EQ(checked.check.findings[0].verdict, LabelVerdict::kCorrect);
  EXPECT_EQ(checked.check.findings[0].explanation,
            "1 negative link (Pod Count -> CPU Usage): an odd number of negative links makes a "
            "loop balancing");
}

TEST(CheckDeclaredLoops, QuizCacheLoopWithTwoNegativeLinksIsReinforcing) {
  Checked checked = Check(testing::CacheLoop());
  ASSERT_EQ(checked.check.findings.size(), 1u);
  EXPECT_EQ(checked.check.findings[0].verdict, LabelVerdict::kCorrect);
  EXPECT_EQ(checked.check.findings[0].explanation,
            "2 negative links (CacheHits -> DBLoad, Latency -> Requests): an even number of "
            "negative links makes a loop reinforcing");
}

TEST(CheckDeclaredLoops, MicroserviceUnderStressR1B2B3AreAllCorrect) {
  Checked checked = Check(testing::MicroserviceUnderStress());
  EXPECT_EQ(Rows(checked),
            (std::vector<std::string>{
                "B2 correct: Latency -(+)-> Pods -(-)-> Latency",
                "B3 correct: Circuit State -(-)-> Load -(+)-> Latency -(+)-> Timeouts -(+)-> "
                "Circuit State",
                "R1 correct: Latency -(+)-> Timeouts -(+)-> Retries -(+)-> Load -(+)-> Latency",
            }));
  EXPECT_EQ(checked.check.correct, 3u);
  EXPECT_TRUE(checked.diagnostics.empty());
}

TEST(CheckDeclaredLoops, AMislabelledLoopIsExplainedByItsNegativeLinks) {
  CausalLoopDiagram diagram = testing::MicroserviceUnderStress();
  diagram.loops[2].type = "R";  // B3, the circuit breaker, is balancing
  Checked checked = Check(diagram);
  EXPECT_EQ(checked.diagnostics,
            (std::vector<std::string>{
                "answer.yaml:19:13: warning: loop 'B3' is labelled reinforcing, but it is "
                "balancing (1 negative link (Circuit State -> Load): an odd number of negative "
                "links makes a loop balancing; a rise in Timeouts comes back around the loop as "
                "a fall in Timeouts)"}));
  EXPECT_EQ(checked.check.mislabelled, 1u);
  EXPECT_EQ(checked.check.findings[1].verdict, LabelVerdict::kMislabelled);
  EXPECT_EQ(checked.check.findings[1].explanation,
            "labelled reinforcing, but it is balancing: 1 negative link (Circuit State -> Load): "
            "an odd number of negative links makes a loop balancing; a rise in Timeouts comes "
            "back around the loop as a fall in Timeouts");
}

TEST(CheckDeclaredLoops, ADeclaredLoopWithAMissingLinkNamesTheLink) {
  CausalLoopDiagram diagram = testing::RetryStorm();
  diagram.loops[0].path = {{"Load", {}}, {"Latency", {}}, {"Retries", {}}};
  Checked checked = Check(diagram);
  EXPECT_EQ(checked.diagnostics,
            (std::vector<std::string>{
                "answer.yaml:6:7: warning: loop 'R1' is not a loop of the diagram: there is no "
                "link Latency -> Retries",
                "answer.yaml: note: 1 loop of the diagram is not declared under 'loops': L1"}));
  EXPECT_EQ(Rows(checked), (std::vector<std::string>{
                               "L1 unlabelled: Latency -(+)-> Timeouts -(+)-> Retries -(+)-> Load "
                               "-(+)-> Latency",
                               "R1 not a loop: ",
                           }));
  const LoopFinding& r1 = checked.check.findings[1];
  ASSERT_EQ(r1.missing_links.size(), 1u);
  EXPECT_EQ(r1.missing_links[0], std::make_pair(checked.graph.FindVariable("Latency"),
                                                checked.graph.FindVariable("Retries")));
}

TEST(CheckDeclaredLoops, APathAgainstTheLinksSaysSoAndGivesTheLoop) {
  CausalLoopDiagram diagram = testing::RetryStorm();
  diagram.loops[0].path = {{"Load", {}}, {"Retries", {}}, {"Timeouts", {}}, {"Latency", {}}};
  Checked checked = Check(diagram);
  ASSERT_FALSE(checked.diagnostics.empty());
  EXPECT_EQ(checked.diagnostics[0],
            "answer.yaml:6:7: warning: loop 'R1' is not a loop of the diagram: there are no links "
            "Load -> Retries, Retries -> Timeouts, Timeouts -> Latency, Latency -> Load (its path "
            "runs against the links; the loop is [Latency, Timeouts, Retries, Load])");
}

TEST(CheckDeclaredLoops, APathThroughAVariableTwiceSuggestsTheLoopInside) {
  // The course writes the autoscaler loop as "Load -> Latency -> Pods -> Latency".
  CausalLoopDiagram diagram = testing::MicroserviceUnderStress();
  diagram.loops[1].path = {{"Load", {}}, {"Latency", {}}, {"Pods", {}}, {"Latency", {}}};
  Checked checked = Check(diagram);
  ASSERT_FALSE(checked.diagnostics.empty());
  EXPECT_EQ(checked.diagnostics[0],
            "answer.yaml:14:7: warning: loop 'B2' is not a loop of the diagram: its path visits "
            "'Latency' twice; a loop passes through each variable once (did you mean [Latency, "
            "Pods]?)");
  EXPECT_EQ(checked.check.not_a_loop, 1u);
  EXPECT_EQ(checked.check.unlabelled, 1u);
}

TEST(CheckDeclaredLoops, AcceptsAPathThatRepeatsItsFirstVariableAtTheEnd) {
  CausalLoopDiagram diagram = testing::RetryStorm();
  diagram.loops[0].path.emplace_back("Load", Location{});
  Checked checked = Check(diagram);
  EXPECT_EQ(Rows(checked), (std::vector<std::string>{"R1 correct: Latency -(+)-> Timeouts -(+)-> "
                                                     "Retries -(+)-> Load -(+)-> Latency"}));
}

TEST(CheckDeclaredLoops, TheSameLoopDeclaredTwiceIsADuplicate) {
  CausalLoopDiagram diagram = testing::MicroserviceUnderStress();
  diagram.loops.push_back(LoopText("B4", "balancing", {"Pods", "Latency"}, 40));
  Checked checked = Check(diagram);
  EXPECT_EQ(
      checked.diagnostics,
      (std::vector<std::string>{
          "answer.yaml:40:1: warning: loop 'B4' is the same loop as 'B2' (declared at 14:7)"}));
  ASSERT_EQ(checked.check.findings.size(), 4u);
  const LoopFinding& b4 = checked.check.findings[3];
  EXPECT_EQ(b4.verdict, LabelVerdict::kDuplicate);
  EXPECT_EQ(b4.duplicate_of, 1);
  EXPECT_EQ(b4.explanation, "the same loop as B2");
  EXPECT_EQ(checked.check.duplicates, 1u);
}

TEST(CheckDeclaredLoops, ListsEveryUndeclaredLoopAsUnlabelled) {
  CausalLoopDiagram diagram = testing::MicroserviceUnderStress();
  diagram.loops.erase(diagram.loops.begin() + 1);  // B2 not declared
  diagram.loops[0].id = "L1";                      // an id the numbering must skip
  Checked checked = Check(diagram);
  EXPECT_EQ(Rows(checked),
            (std::vector<std::string>{
                "L2 unlabelled: Latency -(+)-> Pods -(-)-> Latency",
                "B3 correct: Circuit State -(-)-> Load -(+)-> Latency -(+)-> Timeouts -(+)-> "
                "Circuit State",
                "L1 correct: Latency -(+)-> Timeouts -(+)-> Retries -(+)-> Load -(+)-> Latency",
            }));
  EXPECT_EQ(checked.check.findings[0].explanation,
            "1 negative link (Pods -> Latency): an odd number of negative links makes a loop "
            "balancing");
  EXPECT_EQ(checked.diagnostics,
            (std::vector<std::string>{
                "answer.yaml: note: 1 loop of the diagram is not declared under 'loops': L2"}));
}

TEST(CheckDeclaredLoops, WithoutDeclarationsEveryLoopIsUnlabelledWithoutANote) {
  CausalLoopDiagram diagram = testing::MicroserviceUnderStress();
  diagram.loops.clear();
  Checked checked = Check(diagram);
  EXPECT_EQ(checked.check.unlabelled, 3u);
  EXPECT_EQ(checked.check.findings[2].id, "L3");
  EXPECT_TRUE(checked.diagnostics.empty());
}

TEST(CheckDeclaredLoops, AnUnknownLinkLeavesTheLabelUncheckable) {
  Checked checked = Check(Diagram({"Morale -> Output (?)", "Output -> Morale (+)"},
                                  {LoopText("R1", "reinforcing", {"Morale", "Output"})}));
  EXPECT_EQ(checked.diagnostics,
            (std::vector<std::string>{
                "answer.yaml:5:13: warning: the type of loop 'R1' cannot be checked (1 link of "
                "unknown polarity (Morale -> Output): the loop's type cannot be decided until "
                "every link has a sign)"}));
  EXPECT_EQ(checked.check.findings[0].verdict, LabelVerdict::kUndetermined);
}

TEST(CheckDeclaredLoops, ParallelLinksLetTwoDeclarationsOfOnePathLabelDistinctLoops) {
  Checked checked =
      Check(Diagram({"Latency -> Pods (+)", "Pods -> Latency (+)", "Pods -> Latency (-)"},
                    {LoopText("B1", "balancing", {"Latency", "Pods"}),
                     LoopText("R1", "reinforcing", {"Pods", "Latency"})}));
  EXPECT_EQ(Rows(checked), (std::vector<std::string>{
                               "R1 correct: Latency -(+)-> Pods -(+)-> Latency",
                               "B1 correct: Latency -(+)-> Pods -(-)-> Latency",
                           }));
  EXPECT_TRUE(checked.diagnostics.empty());
}

TEST(CheckDeclaredLoops, JudgesADeclaredLoopTheCappedSearchDidNotReach) {
  CausalLoopDiagram diagram = testing::MicroserviceUnderStress();
  LoopSearchOptions options;
  options.max_loops = 1;
  Checked checked = Check(diagram, options);
  ASSERT_EQ(checked.check.findings.size(), 3u);
  for (const LoopFinding& finding : checked.check.findings) {
    EXPECT_EQ(finding.verdict, LabelVerdict::kCorrect) << finding.id;
  }
}

}  // namespace
}  // namespace sdlab
