// Gradescope's results.json (/autograder/results/results.json): a score, an
// overall output and one test per check, each with its own visibility.

#include "core/report/report_gradescope.h"

#include <nlohmann/json.hpp>

#include "core/names.h"
#include "core/report/report_internal.h"

namespace sdlab {

namespace {

using Json = nlohmann::ordered_json;

std::string CheckOutput(const GradeResult& result, const CheckResult& check) {
  std::string text;
  if (check.location.known()) {
    text += report::FileLocation(result.submission, check.location) + ": ";
  }
  text += report::MessageWithDetails(check);
  for (const std::string& note : check.evidence.notes) text += "\n- " + note;
  if (check.status != CheckStatus::kPassed && !check.hint.empty()) {
    text += "\nHint: " + check.hint;
  }
  if (check.status == CheckStatus::kNeedsReview) {
    text += "\nAn instructor will review this answer; the points shown are provisional.";
  }
  return ValidUtf8(text);
}

// The top-level fields every results.json has: the output shown above the
// tests, their formats and visibility, and the rubric it was graded with.
void SetResultFields(const GradeResult& result, const std::string& output, Json* out) {
  (*out)["output"] = ValidUtf8(output);
  (*out)["output_format"] = "text";
  (*out)["test_output_format"] = "text";
  (*out)["visibility"] = "visible";
  (*out)["stdout_visibility"] = "hidden";
  (*out)["extra_data"] = {{"lab", ValidUtf8(result.rubric_lab)},
                          {"rubric_version", ValidUtf8(result.rubric_version)}};
}

// A rubric error is the instructor's to fix, and its messages may quote the
// private layer (hidden checks, answer keys): the student reads only that
// the instructor has been told; the located messages go in a hidden test,
// which Gradescope shows to instructors alone.
std::string WriteRubricError(const GradeResult& result, const ReportOptions& options) {
  Json out;
  out["score"] = 0.0;
  SetResultFields(result, std::string(kRubricErrorForStudents) + ".\n", &out);
  out["extra_data"]["gradable"] = false;
  out["extra_data"]["rubric_error"] = true;
  out["extra_data"]["max_score"] = 0.0;
  Json tests = Json::array();
  if (!options.student_view) {
    Json test;
    test["name"] = "Rubric error (shown to instructors only)";
    test["number"] = "1";
    test["score"] = 0.0;
    test["max_score"] = 0.0;
    test["status"] = "failed";
    test["output"] = ValidUtf8(report::DiagnosticLines(result));
    test["tags"] = Json::array({"rubric_error"});
    test["visibility"] = "hidden";
    tests.push_back(test);
  }
  out["tests"] = tests;
  return out.dump(2) + "\n";
}

}  // namespace

std::string WriteGradescopeReport(const GradeResult& result, const ReportOptions& options) {
  if (result.rubric_error) return WriteRubricError(result, options);
  Json out;
  // The official run lists every check with its visibility, which Gradescope
  // enforces; a student view (`sdlab check`) lists only the visible ones.
  const StudentView view = MakeStudentView(result);
  out["score"] = !result.gradable ? 0.0 : options.student_view ? view.shown_score : result.score();
  std::string output;
  if (!result.gradable) {
    output = "Your submission could not be graded: fix these errors and submit again.\n" +
             report::DiagnosticLines(result);
  } else {
    output = "Graded by sdlab";
    if (!result.rubric_title.empty()) output += " with the rubric \"" + result.rubric_title + "\"";
    if (!result.rubric_version.empty()) output += " (version " + result.rubric_version + ")";
    output += ".\n" + report::DiagnosticLines(result);
  }
  SetResultFields(result, output, &out);
  out["extra_data"]["gradable"] = result.gradable;
  out["extra_data"]["max_score"] = result.max_score();
  Json tests = Json::array();
  int number = 0;
  for (const CheckResult* shown : report::ShownChecks(result, options.student_view)) {
    const CheckResult& check = *shown;
    Json test;
    test["name"] = ValidUtf8(check.title);
    test["number"] = std::to_string(++number);
    test["score"] = RoundPoints(check.points);
    test["max_score"] = RoundPoints(check.max_points);
    test["status"] = check.status == CheckStatus::kPassed ? "passed" : "failed";
    test["output"] = CheckOutput(result, check);
    test["tags"] = Json::array({CheckFamilyName(check.family)});
    test["visibility"] = VisibilityName(check.visibility);
    test["extra_data"] = {{"id", ValidUtf8(check.id)},
                          {"kind", ValidUtf8(check.kind)},
                          {"status", CheckStatusName(check.status)},
                          {"line", check.location.line},
                          {"column", check.location.column}};
    tests.push_back(test);
  }
  out["tests"] = tests;
  return out.dump(2) + "\n";
}

}  // namespace sdlab
