// The small helpers every report writer shares.

#include "core/report/report_internal.h"

#include <cstdint>

#include "core/names.h"

namespace sdlab {

namespace report {

std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

std::string FileLocation(const std::string& file, Location location) {
  if (!location.known()) return file;
  std::string text = file + ":" + std::to_string(location.line);
  if (location.column > 0) text += ":" + std::to_string(location.column);
  return text;
}

std::string MessageWithDetails(const CheckResult& check) {
  if (check.details.empty()) return check.message;
  if (check.message.empty()) return check.details;
  return check.message + "\n" + check.details;
}

std::string PointsFraction(double earned, double possible) {
  return FormatPoints(earned) + "/" + FormatPoints(possible);
}

std::string WithheldLine(const StudentView& view) {
  if (view.withheld_checks == 0) return "";
  const bool one = view.withheld_checks == 1;
  return std::to_string(view.withheld_checks) + (one ? " hidden check" : " hidden checks") +
         " worth " + FormatPoints(view.withheld_points) +
         (view.withheld_points == 1 ? " point " : " points ") + (one ? "is" : "are") +
         " not shown; " + (one ? "it is" : "they are") + " graded when your work is submitted.";
}

std::vector<const CheckResult*> ShownChecks(const GradeResult& result, bool student_view) {
  if (student_view) return MakeStudentView(result).shown;
  std::vector<const CheckResult*> shown;
  for (const CheckResult& check : result.checks) shown.push_back(&check);
  return shown;
}

std::vector<Diagnostic> ShownDiagnostics(const GradeResult& result, bool student_view) {
  if (result.rubric_error && student_view) {
    Diagnostic only;
    only.file = result.submission;
    only.message = kRubricErrorForStudents;
    return {only};
  }
  std::vector<Diagnostic> shown = result.diagnostics;
  for (Diagnostic& diagnostic : shown) {
    if (diagnostic.file.empty()) diagnostic.file = result.submission;
  }
  return shown;
}

std::string DiagnosticLines(const GradeResult& result, bool student_view) {
  std::string text;
  for (const Diagnostic& diagnostic : ShownDiagnostics(result, student_view)) {
    text += OneLine(FormatDiagnosticLine(diagnostic)) + "\n";
  }
  return text;
}

}  // namespace report
}  // namespace sdlab
