#include "core/engine/size_limits.h"

#include <gtest/gtest.h>

#include <string>

#include "core/loops/submission_analysis.h"

namespace sdlab {
namespace {

TEST(SizeLimits, AModelOverTheLimitIsRefusedAtItsSectionInTheCompilersWords) {
  StockFlowModel model;
  model.present = true;
  model.location = {4, 3};
  model.constants.resize(3);
  model.stocks.resize(1);
  Diagnostics diagnostics("answer.yaml");
  EXPECT_TRUE(CheckModelSize(model, diagnostics, 4));
  EXPECT_FALSE(diagnostics.has_errors());
  EXPECT_FALSE(CheckModelSize(model, diagnostics, 3));
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].location, (Location{4, 3}));
  EXPECT_EQ(diagnostics.items()[0].message, "the model has 4 elements; at most 3 are allowed");
}

TEST(SizeLimits, ADiagramOverEitherLimitIsRefusedAtItsSection) {
  CausalLoopDiagram diagram;
  diagram.present = true;
  diagram.location = {2, 3};
  diagram.variables.resize(3);
  diagram.links.resize(5);
  Diagnostics diagnostics("answer.yaml");
  EXPECT_TRUE(CheckDiagramSize(diagram, diagnostics, 3, 5));
  EXPECT_FALSE(CheckDiagramSize(diagram, diagnostics, 2, 4));
  ASSERT_EQ(diagnostics.items().size(), 2u);
  EXPECT_EQ(diagnostics.items()[0].message,
            "the causal loop diagram has 3 variables; at most 2 are allowed");
  EXPECT_EQ(diagnostics.items()[1].message,
            "the causal loop diagram has 5 links; at most 4 are allowed");
  EXPECT_EQ(diagnostics.items()[1].location, (Location{2, 3}));
}

TEST(SizeLimits, TheVariablesLinksImplyAreCountedOnceEach) {
  CausalLoopDiagram diagram;
  diagram.present = true;
  diagram.variables.resize(1);
  diagram.variables[0].name = "Load";
  for (const char* text : {"load -> Latency (+)", "Latency -> Pods (-)", "x -> y"}) {
    CldLinkText link;
    link.compact = true;
    link.compact_text = text;
    diagram.links.push_back(link);
  }
  CldLinkText mapping;
  mapping.from = "Pods";
  mapping.to = "Queue";
  diagram.links.push_back(mapping);
  // Load, Latency, Pods, Queue, and x and y of a link without a polarity:
  // the count does not depend on whether each link is valid.
  EXPECT_EQ(DiagramVariableCount(diagram), 6u);
}

TEST(SizeLimits, AnAnalysedSubmissionOverTheLimitIsRefusedBeforeAnyAnalysis) {
  Submission submission;
  submission.path = "answer.yaml";
  submission.causal_loop.present = true;
  submission.causal_loop.location = {3, 3};
  for (std::size_t i = 0; i <= kMaxCldLinks; ++i) {
    CldLinkText link;
    link.compact = true;
    link.compact_text = "v" + std::to_string(i) + " -> v" + std::to_string(i + 1) + " (+)";
    submission.causal_loop.links.push_back(link);
  }
  const SubmissionAnalysis analysis = AnalyseSubmission(submission);
  EXPECT_FALSE(analysis.submission);
  EXPECT_FALSE(analysis.diagram);
  ASSERT_TRUE(analysis.diagnostics.has_errors());
  EXPECT_EQ(analysis.diagnostics.items()[0].message,
            "the causal loop diagram has 10001 links; at most 10000 are allowed");
}

TEST(SizeLimits, LinksThatImplyTooManyVariablesAreRefused) {
  Submission submission;
  submission.path = "answer.yaml";
  submission.causal_loop.present = true;
  submission.causal_loop.location = {3, 3};
  for (std::size_t i = 0; i < 6000; ++i) {  // 6,000 links, 12,000 variables
    CldLinkText link;
    link.compact = true;
    link.compact_text = "a" + std::to_string(i) + " -> b" + std::to_string(i) + " (+)";
    submission.causal_loop.links.push_back(link);
  }
  const SubmissionAnalysis analysis = AnalyseSubmission(submission);
  EXPECT_FALSE(analysis.submission);
  ASSERT_TRUE(analysis.diagnostics.has_errors());
  EXPECT_EQ(analysis.diagnostics.items()[0].message,
            "the causal loop diagram has 12000 variables; at most 10000 are allowed");
}

}  // namespace
}  // namespace sdlab
