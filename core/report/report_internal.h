#pragma once
// Helpers shared by the report writers (core/report_*.cpp); not a public API.

#include <string>
#include <string_view>
#include <vector>

#include "core/grade/grade_result.h"

namespace sdlab::report {

/// Line breaks inside a one-line text shown as the two characters \n (\r), so
/// that text from a submission cannot start a line of its own in a log (a
/// GitHub workflow command, say).
std::string OneLine(std::string_view text);

/// "answer.yaml:12:5", "answer.yaml" when the location is unknown.
std::string FileLocation(const std::string& file, Location location);

/// The check's headline, then its details on the next line when both exist.
std::string MessageWithDetails(const CheckResult& check);

/// "5/5", "2.5/10".
std::string PointsFraction(double earned, double possible);

/// One line saying what a student view leaves out, or "" when nothing is:
/// "2 hidden checks worth 15 points are not shown."
std::string WithheldLine(const StudentView& view);

/// The checks a report shows: all of them, or only visible ones.
std::vector<const CheckResult*> ShownChecks(const GradeResult& result, bool student_view);

/// The diagnostics a report shows, each with its file (the submission's
/// when it has none): all of them, except that a student view of a rubric
/// error shows one line, kRubricErrorForStudents (the rubric's own messages
/// may quote its private layer).
std::vector<Diagnostic> ShownDiagnostics(const GradeResult& result, bool student_view);

/// ShownDiagnostics as `file:line:col: error: msg` lines, each on one line.
std::string DiagnosticLines(const GradeResult& result, bool student_view = false);

/// The loop-dominance feedback as plain lines, for the text and Markdown
/// reports: the heading, then per scenario its title and main phases, then
/// the loops they name ("L11 reinforcing: A -> B -> A (your R1 'Retry
/// storm')"). Student text is not escaped here.
struct DominanceText {
  std::string heading;
  struct Block {
    std::string title;               // "in scenario 'traffic_spike' (User traffic x3 ...)"
    std::vector<std::string> lines;  // "5406 to 5717: L11 +66%"
  };
  std::vector<Block> blocks;
  std::vector<std::string> loops;
};
DominanceText DescribeDominance(const std::vector<DominanceFeedback>& feedback);

}  // namespace sdlab::report
