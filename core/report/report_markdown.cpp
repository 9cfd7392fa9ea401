// The Markdown report: a table of checks and a section per check that lost
// points. Also the GitHub job summary.

#include "core/report/report_markdown.h"

#include <sstream>

#include "core/names.h"
#include "core/report/report_internal.h"

namespace sdlab {

namespace {

const char* StatusMark(CheckStatus status) {
  switch (status) {
    case CheckStatus::kPassed:
      return "✅ passed";
    case CheckStatus::kPartial:
      return "🟡 partial";
    case CheckStatus::kFailed:
      return "❌ failed";
    case CheckStatus::kNeedsReview:
      return "🔍 needs review";
    case CheckStatus::kError:
      return "⚠️ error";
  }
  return "⚠️ error";
}

std::string Code(const std::string& text) {
  // An inline code span cannot escape backticks, so use the escaped text.
  return EscapeMarkdownInline(text);
}

void WriteOne(const GradeResult& result, const ReportOptions& options, std::ostream& out) {
  const std::string file = EscapeMarkdownInline(result.submission);
  if (result.rubric_error) {
    out << "## " << file << ": not gradable: rubric error\n\n"
        << "The rubric has errors, so the submission was not graded.\n\n";
    for (const Diagnostic& diagnostic : report::ShownDiagnostics(result, options.student_view)) {
      out << "- " << EscapeMarkdownInline(FormatDiagnosticLine(diagnostic)) << "\n";
    }
    out << "\n";
    return;
  }
  if (!result.gradable) {
    out << "## " << file << ": not gradable\n\n"
        << "The file has errors; fix them and grade again.\n\n";
    for (const Diagnostic& diagnostic : result.diagnostics) {
      Diagnostic copy = diagnostic;
      if (copy.file.empty()) copy.file = result.submission;
      out << "- " << EscapeMarkdownInline(FormatDiagnosticLine(copy)) << "\n";
    }
    out << "\n";
    return;
  }
  const StudentView view = MakeStudentView(result);
  const double score = options.student_view ? view.shown_score : result.score();
  const double max = options.student_view ? view.shown_max : result.max_score();
  out << "## " << file << ": " << report::PointsFraction(score, max) << " points\n\n";
  if (!result.rubric_title.empty() || !result.rubric_lab.empty()) {
    out << "Rubric: " << EscapeMarkdownInline(result.rubric_title);
    if (!result.rubric_lab.empty()) out << " (lab " << Code(result.rubric_lab);
    if (!result.rubric_version.empty()) {
      out << ", version " << EscapeMarkdownInline(result.rubric_version);
    }
    if (!result.rubric_lab.empty()) out << ")";
    out << "\n\n";
  }
  for (const Diagnostic& diagnostic : result.diagnostics) {
    Diagnostic copy = diagnostic;
    if (copy.file.empty()) copy.file = result.submission;
    out << "> " << EscapeMarkdownInline(FormatDiagnosticLine(copy)) << "\n>\n";
  }
  if (!result.diagnostics.empty()) out << "\n";

  const std::vector<const CheckResult*> shown = report::ShownChecks(result, options.student_view);
  out << "| Status | Check | Points | Feedback |\n|---|---|---:|---|\n";
  for (const CheckResult* check : shown) {
    std::string feedback = check->message;
    if (check->location.known()) {
      feedback = "line " + std::to_string(check->location.line) + ": " + feedback;
    }
    out << "| " << StatusMark(check->status) << " | " << EscapeMarkdownInline(check->title) << " | "
        << report::PointsFraction(check->points, check->max_points) << " | "
        << EscapeMarkdownInline(feedback) << " |\n";
  }
  out << "\n";
  if (options.student_view && view.withheld_checks > 0) {
    out << report::WithheldLine(view) << "\n\n";
  }
  bool any_detail = false;
  for (const CheckResult* check : shown) {
    if (check->status == CheckStatus::kPassed) continue;
    if (!any_detail) out << "### What to look at\n\n";
    any_detail = true;
    out << "**" << EscapeMarkdownInline(check->title) << "** (" << Code(check->id) << ", "
        << report::PointsFraction(check->points, check->max_points) << ")";
    if (check->location.known()) {
      out << " at "
          << EscapeMarkdownInline(report::FileLocation(result.submission, check->location));
    }
    out << "\n\n";
    if (!check->message.empty()) out << EscapeMarkdownInline(check->message) << "\n\n";
    if (!check->details.empty()) out << EscapeMarkdownInline(check->details) << "\n\n";
    for (const std::string& note : check->evidence.notes) {
      out << "- " << EscapeMarkdownInline(note) << "\n";
    }
    if (!check->evidence.notes.empty()) out << "\n";
    if (!check->hint.empty()) out << "*Hint:* " << EscapeMarkdownInline(check->hint) << "\n\n";
  }
  const report::DominanceText dominance = report::DescribeDominance(result.dominance);
  if (!dominance.heading.empty()) {
    out << "### Which loops drive your model\n\n"
        << EscapeMarkdownInline(dominance.heading) << "\n\n";
    for (const report::DominanceText::Block& block : dominance.blocks) {
      out << "- " << EscapeMarkdownInline(block.title) << "\n";
      for (const std::string& line : block.lines) {
        out << "  - " << EscapeMarkdownInline(line) << "\n";
      }
    }
    out << "\n";
    for (const std::string& loop : dominance.loops) {
      out << "- " << EscapeMarkdownInline(loop) << "\n";
    }
    out << "\n";
  }
}

}  // namespace

std::string WriteMarkdownReport(const std::vector<GradeResult>& results,
                                const ReportOptions& options) {
  std::ostringstream out;
  for (const GradeResult& result : results) WriteOne(result, options, out);
  return out.str();
}

std::string EscapeMarkdownInline(std::string_view text) {
  const std::string valid = ValidUtf8(text);
  std::string out;
  out.reserve(valid.size() + valid.size() / 4);
  // Where the text starts a line, list and heading markers need escaping too.
  std::size_t digits = 0;
  while (digits < valid.size() && valid[digits] >= '0' && valid[digits] <= '9') ++digits;
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const char c = valid[i];
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '#':
      case '!':
      case '~':
      case '$':  // GitHub renders $...$ as math
        out += '\\';
        out += c;
        break;
      case '-':
      case '+':
      case '=':
        if (i == 0) out += '\\';
        out += c;
        break;
      case '.':
      case ')':
        if (i == digits && digits > 0) out += '\\';
        out += c;
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out += '?';
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace sdlab
