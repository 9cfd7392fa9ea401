#include "core/loops/submission_analysis.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace sdlab {
namespace {

constexpr const char* kDiagram = R"yaml(lab: test
causal_loop:
  links:
    - "Load -> Latency (+)"
    - "Latency -> Retries (+)"
    - "Retries -> Load (+)"
  loops:
    - { id: B1, type: balancing, path: [Load, Latency, Retries] }
)yaml";

std::string WriteAnswer(const std::string& text) {
  const std::string path = testing::MakeTempDir() + "/answer.yaml";
  testing::WriteFile(path, text);
  return path;
}

TEST(SubmissionAnalysisTest, LoadsAndAnalysesTheDiagramOnce) {
  const SubmissionAnalysis analysis = AnalyseSubmissionFile(WriteAnswer(kDiagram));
  ASSERT_TRUE(analysis.submission) << FormatDiagnostics(analysis.diagnostics, &analysis.source);
  EXPECT_NE(analysis.source.text().find("Retries -> Load"), std::string::npos);
  ASSERT_TRUE(analysis.diagram);
  EXPECT_EQ(analysis.diagram->graph.variables.size(), 3u);
  ASSERT_EQ(analysis.diagram->loops.loops.size(), 1u);
  ASSERT_TRUE(analysis.diagram->declared_checked);
  ASSERT_EQ(analysis.diagram->declared.findings.size(), 1u);
  // B1 is reinforcing (three + links): the declared-loop check says so.
  EXPECT_EQ(analysis.diagram->declared.findings[0].verdict, LabelVerdict::kMislabelled);
  EXPECT_TRUE(analysis.diagram_problem.empty());
}

TEST(SubmissionAnalysisTest, OptionsLeaveOutWhatACommandDoesNotNeed) {
  const std::string path = WriteAnswer(kDiagram);
  AnalysisOptions no_diagram;
  no_diagram.diagram = false;
  EXPECT_FALSE(AnalyseSubmissionFile(path, no_diagram).diagram);

  AnalysisOptions count_only;
  count_only.check_declared = false;
  const SubmissionAnalysis counted = AnalyseSubmissionFile(path, count_only);
  ASSERT_TRUE(counted.diagram);
  EXPECT_FALSE(counted.diagram->declared_checked);
  EXPECT_TRUE(counted.diagram->declared.findings.empty());
}

TEST(SubmissionAnalysisTest, AFileWithoutADiagramOrWithErrorsHasNone) {
  const SubmissionAnalysis model_only = AnalyseSubmissionFile(
      WriteAnswer("lab: test\nstock_flow:\n  sim: { start: 0, stop: 1, dt: 1 }\n  stocks:\n"
                  "    - { name: Queue, initial: 5 }\n"));
  ASSERT_TRUE(model_only.submission);
  EXPECT_FALSE(model_only.diagram);

  const SubmissionAnalysis broken = AnalyseSubmissionFile(WriteAnswer("lab: [unclosed\n"));
  EXPECT_FALSE(broken.submission);
  EXPECT_FALSE(broken.diagram);
  EXPECT_TRUE(broken.diagnostics.has_errors());
}

TEST(SubmissionAnalysisTest, ADiagramErrorIsLocatedInTheFileOnlyWhenAsked) {
  const std::string path = WriteAnswer(
      "lab: test\ncausal_loop:\n  links:\n    - \"Load -> Latency (+)\"\n"
      "    - \"Latency -> Load (x)\"\n");
  const SubmissionAnalysis located = AnalyseSubmissionFile(path);
  ASSERT_TRUE(located.diagram);
  ASSERT_TRUE(located.diagram->graph_diagnostics.has_errors());
  AnalysisOptions unlocated_options;
  unlocated_options.locate_in_source = false;
  const SubmissionAnalysis unlocated = AnalyseSubmissionFile(path, unlocated_options);
  ASSERT_TRUE(unlocated.diagram);
  ASSERT_TRUE(unlocated.diagram->graph_diagnostics.has_errors());
  const Location with_source = located.diagram->graph_diagnostics.items()[0].location;
  const Location without = unlocated.diagram->graph_diagnostics.items()[0].location;
  EXPECT_EQ(with_source.line, 5);
  EXPECT_GT(with_source.column, without.column);  // inside the string, at the sign
}

}  // namespace
}  // namespace sdlab
