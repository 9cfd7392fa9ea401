// The small helpers every report writer shares.

#include "core/report/report_internal.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "core/grade/check_context.h"
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

DominanceText DescribeDominance(const std::vector<DominanceFeedback>& feedback) {
  DominanceText text;
  if (feedback.empty()) return text;
  text.heading =
      "Which loops drive your model (Loops That Matter; `sdlab loops FILE --dominance` shows "
      "every phase; not graded):";
  std::vector<std::string> described;
  for (const DominanceFeedback& entry : feedback) {
    DominanceText::Block block;
    block.title = entry.scenario.empty()
                      ? "the model as written"
                      : "in scenario '" + entry.scenario + "' (" + entry.title + ")";
    if (entry.window) {
      block.title += ", " + FormatCheckValue(entry.from) + " to " + FormatCheckValue(entry.to);
    }
    for (const DominanceFeedback::Phase& phase : entry.phases) {
      std::string line = FormatCheckValue(phase.start) + " to " + FormatCheckValue(phase.end) + ":";
      for (std::size_t k = 0; k < phase.loops.size(); ++k) {
        char share[32];
        std::snprintf(share, sizeof share, "%+.0f%%", phase.relative[k] * 100);
        line += std::string(k ? "," : "") + " " + phase.loops[k] + " " + share;
      }
      block.lines.push_back(line);
    }
    if (block.lines.empty())
      block.lines.push_back("no loop drives it for long (nothing changes much)");
    text.blocks.push_back(std::move(block));
    for (const DominanceFeedback::LoopInfo& loop : entry.loops) {
      std::string path;
      for (const std::string& name : loop.path) path += name + " -> ";
      if (!loop.path.empty()) path += loop.path.front();
      std::string line = loop.id + " " + loop.polarity + ": " + path +
                         (loop.declared.empty() ? "" : " (your " + loop.declared + ")");
      if (std::find(described.begin(), described.end(), line) == described.end()) {
        described.push_back(line);
      }
    }
  }
  text.loops = described;
  return text;
}

}  // namespace report

}  // namespace sdlab
