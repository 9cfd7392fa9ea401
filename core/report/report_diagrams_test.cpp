#include "core/report/report_diagrams.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/load/submission_loader.h"
#include "core/report/report_html.h"

namespace sdlab {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Submission Load(const std::string& text) {
  Diagnostics diagnostics("answer.yaml");
  std::optional<Submission> submission =
      LoadSubmission(SourceFile("answer.yaml", text), diagnostics);
  EXPECT_TRUE(submission) << FormatDiagnostics(diagnostics, nullptr);
  return submission ? *submission : Submission{};
}

// A reinforcing loop labelled B, and a declared loop missing its last link.
constexpr const char* kMislabelled = R"yaml(lab: test
stock_flow:
  sim: { start: 0, stop: 10, dt: 1 }
  stocks:
    - { name: Queue, initial: 5 }
  flows:
    - { name: Served, from: Queue, equation: queue / 2 }
causal_loop:
  links:
    - "Load -> Latency (+)"
    - "Latency -> Retries (+)"
    - "Retries -> Load (+)"
    - "Pods -> Latency (-)"
  loops:
    - { id: B1, type: balancing, path: [Load, Latency, Retries] }
    - { id: B2, type: balancing, path: [Latency, Pods] }
)yaml";

TEST(ReportDiagramsTest, AttachesBothDiagramsAsSvg) {
  GradeResult result;
  AttachDiagrams(Load(kMislabelled), &result);
  ASSERT_EQ(result.images.size(), 2u);
  EXPECT_EQ(result.images[0].label, "Causal loop diagram");
  EXPECT_EQ(result.images[1].label, "Stock-and-flow diagram");
  for (const ResultImage& image : result.images) {
    EXPECT_EQ(image.mime_type, "image/svg+xml");
    EXPECT_THAT(image.data, HasSubstr("<svg"));
  }
  EXPECT_THAT(result.images[1].data, HasSubstr(">Queue<"));
}

TEST(ReportDiagramsTest, MarksAWrongLabelAndAMissingLink) {
  GradeResult result;
  AttachDiagrams(Load(kMislabelled), &result);
  ASSERT_FALSE(result.images.empty());
  const std::string& svg = result.images[0].data;
  EXPECT_THAT(svg, HasSubstr(kErrorColor));         // B1 is reinforcing: marked red
  EXPECT_THAT(svg, HasSubstr("stroke-dasharray"));  // Pods -> Latency -> Pods lacks a link
}

// A diagram without mistakes of its own: one balancing loop, labelled right.
constexpr const char* kCorrect = R"yaml(lab: test
causal_loop:
  links:
    - "Load -> Latency (+)"
    - "Latency -> Pods (+)"
    - "Pods -> Load (-)"
  loops:
    - { id: B1, type: balancing, path: [Load, Latency, Pods] }
)yaml";

CheckResult LinkCheck(Visibility visibility, const LinkEvidence& link) {
  CheckResult check;
  check.visibility = visibility;
  check.status = CheckStatus::kFailed;
  check.evidence.links.push_back(link);
  return check;
}

// A student's view marks the links a check judged but not the sign the
// rubric expects (that is the answer); the instructor's view gives it.
TEST(ReportDiagramsTest, ChecksMarkMissingLinksAndWrongSignsHiddenOnesOnlyForInstructors) {
  GradeResult result;
  result.checks.push_back(LinkCheck(Visibility::kVisible, {"Latency", "Retries", "+", false}));
  result.checks.push_back(LinkCheck(Visibility::kVisible, {"Load", "Latency", "-", true}));
  result.checks.push_back(LinkCheck(Visibility::kHidden, {"Retries", "Load", "+", false}));
  DiagramAnnotations student;
  AddCheckedLinks(result, /*student_view=*/true, &student);
  ASSERT_EQ(student.missing_links.size(), 1u);
  EXPECT_EQ(student.missing_links[0].from, "Latency");
  EXPECT_EQ(student.missing_links[0].to, "Retries");
  EXPECT_EQ(student.missing_links[0].polarity, "?");
  ASSERT_EQ(student.contradicted_links.size(), 1u);
  EXPECT_EQ(student.contradicted_links[0].to, "Latency");
  EXPECT_EQ(student.contradicted_links[0].polarity, "?");
  EXPECT_EQ(student.contradicted_links[0].note, "check this sign");
  DiagramAnnotations instructor;
  AddCheckedLinks(result, /*student_view=*/false, &instructor);
  EXPECT_EQ(instructor.missing_links.size(), 2u);
  EXPECT_EQ(instructor.missing_links[0].polarity, "+");
  ASSERT_EQ(instructor.contradicted_links.size(), 1u);
  EXPECT_EQ(instructor.contradicted_links[0].note, "expected: \u2212");

  // A link the loop check already marks (sign unknown) takes the check's sign.
  DiagramAnnotations gap;
  gap.missing_links.push_back({"latency", "retries", "?", ""});
  AddCheckedLinks(result, false, &gap);
  ASSERT_EQ(gap.missing_links.size(), 2u);  // and the hidden check's link
  EXPECT_EQ(gap.missing_links[0].polarity, "+");
}

TEST(ReportDiagramsTest, AMissingLinkACheckFoundIsDrawnDashedUnlessItsCheckIsHidden) {
  const Submission submission = Load(kCorrect);
  GradeResult clean;
  AttachDiagrams(submission, &clean);
  ASSERT_EQ(clean.images.size(), 1u);
  EXPECT_THAT(clean.images[0].data, Not(HasSubstr("stroke-dasharray")));

  GradeResult graded;
  graded.checks.push_back(LinkCheck(Visibility::kHidden, {"Latency", "Retries", "+", false}));
  AttachDiagrams(submission, &graded);
  ASSERT_EQ(graded.images.size(), 1u);
  EXPECT_THAT(graded.images[0].data, HasSubstr("stroke-dasharray"));
  EXPECT_THAT(graded.images[0].data, HasSubstr(">Retries<"));

  GradeResult self_check;
  self_check.checks = graded.checks;
  AttachDiagrams(submission, &self_check, {}, /*student_view=*/true);
  ASSERT_EQ(self_check.images.size(), 1u);
  EXPECT_EQ(self_check.images[0].data, clean.images[0].data);
}

TEST(ReportDiagramsTest, LeavesImagesTheGraderAttachedAlone) {
  GradeResult result;
  result.images.push_back({"mine", "image/png", "x"});
  AttachDiagrams(Load(kMislabelled), &result);
  ASSERT_EQ(result.images.size(), 1u);
  EXPECT_EQ(result.images[0].label, "mine");
}

TEST(ReportDiagramsTest, ADiagramTooLargeIsAWarningNotAFailure) {
  GradeResult result;
  RenderLimits limits;
  limits.max_nodes = 2;
  AttachDiagrams(Load(kMislabelled), &result, limits);
  EXPECT_TRUE(result.images.empty());
  ASSERT_EQ(result.diagnostics.size(), 2u);
  EXPECT_EQ(result.diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(result.diagnostics[0].message.rfind("Causal loop diagram not drawn: ", 0), 0u)
      << result.diagnostics[0].message;
}

}  // namespace
}  // namespace sdlab
