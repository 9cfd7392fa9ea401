// The plain-text report for a terminal (`sdlab check`, `sdlab grade`).

#include "core/report/report_text.h"

#include <sstream>

#include "core/names.h"
#include "core/output_text.h"
#include "core/report/report_internal.h"

namespace sdlab {

namespace {

const char* StatusLabel(CheckStatus status) {
  switch (status) {
    case CheckStatus::kPassed:
      return "pass";
    case CheckStatus::kPartial:
      return "PARTIAL";
    case CheckStatus::kFailed:
      return "FAIL";
    case CheckStatus::kNeedsReview:
      return "REVIEW";
    case CheckStatus::kError:
      return "ERROR";
  }
  return "ERROR";
}

std::string Pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

// Indents every line of a (multi-line) text.
std::string Indented(const std::string& text, const std::string& indent) {
  std::string out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) out += indent + line + "\n";
  return out;
}

std::string Measurements(const Evidence& evidence) {
  std::string text;
  for (const Measurement& measurement : evidence.measurements) {
    text += measurement.name + " = ";
    if (measurement.value == measurement.value) {  // not NaN
      std::ostringstream number;
      number.precision(6);
      number << measurement.value;
      text += number.str();
    } else {
      text += "n/a";
    }
    if (!measurement.units.empty()) text += " " + measurement.units;
    text += "\n";
  }
  return text;
}

void WriteOne(const GradeResult& result, const ReportOptions& options, std::ostream& out) {
  const auto line = [](const std::string& text) {
    return SanitizeForTerminal(report::OneLine(text));
  };
  const std::string file = line(result.submission);
  out << file;
  if (!result.rubric_title.empty()) out << " - " << line(result.rubric_title);
  if (!result.rubric_lab.empty()) {
    out << " (lab " << line(result.rubric_lab);
    if (!result.rubric_version.empty()) out << ", rubric version " << line(result.rubric_version);
    out << ")";
  }
  out << "\n";
  if (result.rubric_error) {
    out << "not gradable: rubric error, the submission was not graded\n"
        << SanitizeForTerminal(report::DiagnosticLines(result, options.student_view))
        << "score: 0 (not gradable)\n";
    return;
  }
  if (!result.gradable) {
    out << "not gradable: the file has errors, fix them and grade again\n"
        << SanitizeForTerminal(report::DiagnosticLines(result)) << "score: 0 (not gradable)\n";
    return;
  }
  if (!result.diagnostics.empty()) {
    out << SanitizeForTerminal(report::DiagnosticLines(result));
  }
  out << "\n";
  for (const CheckResult* check : report::ShownChecks(result, options.student_view)) {
    out << Pad(std::string("[") + StatusLabel(check->status) + "]", 10)
        << Pad(report::PointsFraction(check->points, check->max_points), 8) << line(check->title)
        << " (" << line(check->id) << ")\n";
    if (check->status == CheckStatus::kPassed) continue;
    std::string body;
    if (check->location.known()) {
      body += report::FileLocation(result.submission, check->location) + ": ";
    }
    body += report::MessageWithDetails(*check) + "\n";
    body += Measurements(check->evidence);
    if (!check->evidence.loop_path.empty()) {
      std::string loop;
      for (const std::string& name : check->evidence.loop_path) loop += name + " -> ";
      loop += check->evidence.loop_path.front();
      body += "loop: " + loop + "\n";
    }
    for (const std::string& note : check->evidence.notes) body += "- " + note + "\n";
    if (!check->hint.empty()) body += "hint: " + check->hint + "\n";
    out << Indented(SanitizeForTerminal(body), std::string(10, ' '));
  }
  out << "\n";
  const report::DominanceText dominance = report::DescribeDominance(result.dominance);
  if (!dominance.heading.empty()) {
    std::string body = dominance.heading + "\n";
    for (const report::DominanceText::Block& block : dominance.blocks) {
      body += "  " + block.title + ":\n";
      for (const std::string& text : block.lines) body += "    " + text + "\n";
    }
    for (const std::string& loop : dominance.loops) body += "  " + loop + "\n";
    out << SanitizeForTerminal(body) << "\n";
  }
  if (options.student_view) {
    const StudentView view = MakeStudentView(result);
    out << "score: " << report::PointsFraction(view.shown_score, view.shown_max)
        << (view.withheld_checks > 0 ? " (visible checks)" : "") << "\n";
    if (view.withheld_checks > 0) out << report::WithheldLine(view) << "\n";
  } else {
    out << "score: " << report::PointsFraction(result.score(), result.max_score()) << "\n";
  }
  int reviews = 0;
  for (const CheckResult& check : result.checks) {
    if (check.status == CheckStatus::kNeedsReview) ++reviews;
  }
  if (reviews > 0 && !options.student_view) {
    out << reviews << (reviews == 1 ? " check needs" : " checks need")
        << " an instructor's review (provisional points included)\n";
  }
}

}  // namespace

std::string WriteTextReport(const std::vector<GradeResult>& results, const ReportOptions& options) {
  std::ostringstream out;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (i > 0) out << "\n";
    WriteOne(results[i], options, out);
  }
  return out.str();
}

std::string SanitizeForTerminal(std::string_view text) { return SanitizeOutput(text); }

}  // namespace sdlab
