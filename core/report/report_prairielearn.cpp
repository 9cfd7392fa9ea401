// PrairieLearn's external-grader results.json (/grade/results/results.json,
// at most 1 MB): gradable, score in [0, 1], messages and one test per check.

#include "core/report/report_prairielearn.h"

#include <nlohmann/json.hpp>

#include "core/names.h"
#include "core/report/report_internal.h"
#include "core/report/report_text.h"

namespace sdlab {

namespace {

using Json = nlohmann::ordered_json;

// PrairieLearn rejects results over 1 MB; stay well below it.
constexpr std::size_t kMaxOutputBytes = 256 * 1024;

std::string Truncated(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  text.resize(limit);
  return ValidUtf8(text) + "\n[output truncated]\n";
}

std::string Base64(const std::string& data) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    unsigned int n = (static_cast<unsigned char>(data[i]) << 16) |
                     (static_cast<unsigned char>(data[i + 1]) << 8) |
                     static_cast<unsigned char>(data[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(n >> shift) & 63];
  }
  if (i < data.size()) {
    unsigned int n = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) n |= static_cast<unsigned char>(data[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < data.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace

std::string WritePrairieLearnReport(const GradeResult& result) {
  Json out;
  if (result.rubric_error) {
    // PrairieLearn shows the whole file to the student, and a rubric's
    // messages may quote its private layer: only the sentence goes here,
    // the located messages go to stderr (the grading job's log).
    // gradable: false costs the student no attempt.
    out["gradable"] = false;
    out["score"] = 0.0;
    out["format_errors"] = Json::array({kRubricErrorForStudents});
    out["message"] = std::string(kRubricErrorForStudents) + ".";
    out["output"] = std::string(kRubricErrorForStudents) + ".\n";
    out["images"] = Json::array();
    out["tests"] = Json::array();
    return out.dump(2) + "\n";
  }
  out["gradable"] = result.gradable;
  const double max = result.max_score();
  out["score"] = result.gradable && max > 0 ? std::min(1.0, result.score() / max) : 0.0;
  Json format_errors = Json::array();
  if (!result.gradable) {
    for (const Diagnostic& diagnostic : result.diagnostics) {
      Diagnostic copy = diagnostic;
      if (copy.file.empty()) copy.file = result.submission;
      format_errors.push_back(ValidUtf8(FormatDiagnosticLine(copy)));
    }
  }
  out["format_errors"] = format_errors;
  out["message"] =
      result.gradable
          ? report::PointsFraction(result.score(), max) + " points"
          : std::string("Your submission could not be graded: fix the errors and submit again.");
  // The output is what a student sees: the self-check view, hidden checks withheld.
  ReportOptions student;
  student.student_view = true;
  out["output"] = Truncated(WriteTextReport({result}, student), kMaxOutputBytes);
  Json images = Json::array();
  for (const ResultImage& image : result.images) {
    images.push_back({{"label", ValidUtf8(image.label)},
                      {"url", "data:" + image.mime_type + ";base64," + Base64(image.data)}});
  }
  out["images"] = images;
  // PrairieLearn shows every test to the student: hidden checks count in the
  // score but appear only as one line saying how many there are.
  Json tests = Json::array();
  const StudentView view = MakeStudentView(result);
  for (const CheckResult* check : view.shown) {
    Json test;
    test["name"] = ValidUtf8(check->title);
    test["description"] = ValidUtf8(check->id);
    test["points"] = RoundPoints(check->points);
    test["max_points"] = RoundPoints(check->max_points);
    test["message"] = ValidUtf8(check->message);
    std::string output = report::MessageWithDetails(*check);
    if (check->status != CheckStatus::kPassed && !check->hint.empty()) {
      output += "\nHint: " + check->hint;
    }
    test["output"] = Truncated(ValidUtf8(output), 16 * 1024);
    test["images"] = Json::array();
    tests.push_back(test);
  }
  double hidden_points = 0, hidden_max = 0;
  int hidden = 0;
  for (const CheckResult& check : result.checks) {
    if (check.visibility == Visibility::kVisible) continue;
    ++hidden;
    hidden_points += check.points;
    hidden_max += check.max_points;
  }
  if (hidden > 0) {
    Json test;
    test["name"] = "Hidden checks";
    test["description"] = "hidden";
    test["points"] = RoundPoints(hidden_points);
    test["max_points"] = RoundPoints(hidden_max);
    test["message"] = std::to_string(hidden) + (hidden == 1 ? " check is" : " checks are") +
                      " hidden until your instructor releases them; the points count in the score";
    test["output"] = "";
    test["images"] = Json::array();
    tests.push_back(test);
  }
  out["tests"] = tests;
  return out.dump(2) + "\n";
}

}  // namespace sdlab
