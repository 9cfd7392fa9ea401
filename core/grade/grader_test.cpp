#include "core/grade/grader.h"

#include <gtest/gtest.h>

#include "grading_fixtures.h"
#include "test_support.h"

namespace sdlab {
namespace {

using testing::Edit;
using testing::GradeWeb;
using testing::kWebSubmission;

constexpr const char* kSeveralChecks =
    "  - { id: stocks, kind: stock_count, min: 2, points: 2 }\n"
    "  - { id: queue, kind: element, concept: request_queue, as: stock, points: 3, "
    "visibility: hidden, messages: { pass: Queue found., fail: \"Where is the queue?\" } }\n"
    "  - { id: pods, kind: element, concept: pods, points: 1, hint: Add the pods. }\n";

TEST(GraderTest, GradesEveryCheckInRubricOrder) {
  const GradeResult result = GradeWeb(kSeveralChecks);
  ASSERT_TRUE(result.gradable);
  ASSERT_EQ(result.checks.size(), 3u);
  EXPECT_EQ(result.checks[0].id, "stocks");
  EXPECT_EQ(result.checks[1].visibility, Visibility::kHidden);
  EXPECT_EQ(result.checks[2].hint, "Add the pods.");
  EXPECT_EQ(result.score(), 5);
  EXPECT_EQ(result.max_score(), 6);
  EXPECT_EQ(result.rubric_title, "Web test lab");
  EXPECT_EQ(result.author, "Test Student");
}

TEST(GraderTest, RubricMessagesLeadAndWhatWasFoundFollows) {
  const GradeResult passed = GradeWeb(kSeveralChecks);
  EXPECT_EQ(passed.checks[1].message, "Queue found.");
  EXPECT_EQ(passed.checks[1].details, "'Request Queue' is a stock");
  const std::string renamed =
      Edit(Edit(Edit(kWebSubmission, "name: Request Queue", "name: Pending"), "to: Request Queue",
                "to: Pending"),
           "from: Request Queue", "from: Pending");
  const std::string fixed = testing::EditAll(renamed, "request_queue", "pending");
  const GradeResult failed = GradeWeb(kSeveralChecks, fixed);
  EXPECT_EQ(failed.checks[1].status, CheckStatus::kFailed);
  EXPECT_EQ(failed.checks[1].message, "Where is the queue?");
  EXPECT_EQ(failed.checks[1].details.rfind(
                "in the stock-and-flow model, no element matches the request queue", 0),
            0u)
      << failed.checks[1].details;
}

TEST(GraderTest, ListsConceptBindingsOfBothSections) {
  const GradeResult result = GradeWeb(kSeveralChecks);
  bool model_queue = false, diagram_pods = false;
  for (const ConceptBinding& binding : result.concepts) {
    if (binding.section == "stock_flow" && binding.concept_id == "request_queue") {
      model_queue = binding.element == "Request Queue" && binding.match == "alias";
    }
    if (binding.section == "causal_loop" && binding.concept_id == "pods") {
      diagram_pods = binding.element == "Pods" && binding.match == "alias";
    }
  }
  EXPECT_TRUE(model_queue);
  EXPECT_TRUE(diagram_pods);
}

TEST(GraderTest, WrongLabIsNotGradable) {
  const GradeResult result =
      GradeWeb(kSeveralChecks, Edit(kWebSubmission, "lab: web", "lab: bathtub"));
  EXPECT_FALSE(result.gradable);
  EXPECT_TRUE(result.checks.empty());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(FormatDiagnosticLine(result.diagnostics[0]),
            "answer.yaml:1:6: error: this file answers lab 'bathtub', but the rubric grades lab "
            "'web' (check `lab:` or the rubric you grade with)");
}

TEST(GraderTest, MissingLabIsAWarning) {
  const GradeResult result = GradeWeb(kSeveralChecks, Edit(kWebSubmission, "lab: web\n", ""));
  EXPECT_TRUE(result.gradable);
  ASSERT_FALSE(result.diagnostics.empty());
  EXPECT_EQ(FormatDiagnosticLine(result.diagnostics[0]),
            "answer.yaml:1:1: warning: the file has no `lab:`; graded as lab 'web'");
}

TEST(GraderTest, UnknownConceptTagIsAWarningOfTheResult) {
  const GradeResult result =
      GradeWeb(kSeveralChecks, Edit(kWebSubmission, "    - { name: TTL, value: 600 }",
                                    "    - { name: TTL, value: 600, concept: tll }"));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(result.diagnostics[0].message,
            "'TTL' is tagged with concept 'tll', which this lab's rubric does not use");
}

TEST(GraderTest, FileWithErrorsIsNotGradable) {
  const std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/broken.yaml", "lab: web\nstok_flow: {}\n");
  Rubric rubric =
      testing::LoadRubricOrDie(std::string(testing::kWebRubricHead) + "checks:\n" + kSeveralChecks);
  const GradeResult result = GradeFile(rubric, dir + "/broken.yaml");
  EXPECT_FALSE(result.gradable);
  EXPECT_EQ(result.rubric_lab, "web");
  ASSERT_FALSE(result.diagnostics.empty());
  EXPECT_EQ(result.diagnostics[0].message, "unknown key 'stok_flow'");
  const GradeResult unreadable = GradeFile(rubric, dir + "/missing.yaml");
  EXPECT_FALSE(unreadable.gradable);
  EXPECT_EQ(unreadable.diagnostics[0].message.rfind("cannot read", 0), 0u)
      << unreadable.diagnostics[0].message;
}

}  // namespace
}  // namespace sdlab
