// GitHub Actions: workflow-command annotations that point at the student's
// YAML, and Markdown for $GITHUB_STEP_SUMMARY. Every piece of student or
// rubric text goes through the workflow-command escaping, so no text can end
// the line and start a command of its own.

#include "core/report/report_github.h"

#include "core/names.h"
#include "core/report/report_internal.h"
#include "core/report/report_markdown.h"

namespace sdlab {

namespace {

const char* CommandFor(CheckStatus status) {
  switch (status) {
    case CheckStatus::kFailed:
    case CheckStatus::kError:
      return "error";
    case CheckStatus::kPartial:
      return "warning";
    case CheckStatus::kNeedsReview:
    case CheckStatus::kPassed:
      return "notice";
  }
  return "error";
}

std::string Annotation(const char* command, const std::string& file, Location location,
                       const std::string& title, const std::string& message) {
  std::string line = "::";
  line += command;
  line += " file=" + EscapeGithubProperty(file);
  if (location.known()) {
    line += ",line=" + std::to_string(location.line);
    if (location.column > 0) line += ",col=" + std::to_string(location.column);
  }
  line += ",title=" + EscapeGithubProperty(title);
  line += "::" + EscapeGithubData(message) + "\n";
  return line;
}

}  // namespace

GithubReport WriteGithubReport(const std::vector<GradeResult>& results,
                               const ReportOptions& options) {
  GithubReport report;
  report.summary = WriteMarkdownReport(results, options);
  for (const GradeResult& result : results) {
    if (result.rubric_error) {
      for (const Diagnostic& diagnostic : report::ShownDiagnostics(result, options.student_view)) {
        std::string message = diagnostic.message;
        if (!diagnostic.hint.empty()) message += " (" + diagnostic.hint + ")";
        report.annotations += Annotation("error", diagnostic.file, diagnostic.location,
                                         "sdlab: not gradable: rubric error", message);
      }
      report.annotations += Annotation("error", result.submission, {}, "sdlab score",
                                       "Points 0 (not gradable: rubric error)");
      continue;
    }
    if (!result.gradable) {
      for (const Diagnostic& diagnostic : result.diagnostics) {
        const std::string file = diagnostic.file.empty() ? result.submission : diagnostic.file;
        std::string message = diagnostic.message;
        if (!diagnostic.hint.empty()) message += " (" + diagnostic.hint + ")";
        report.annotations +=
            Annotation(diagnostic.severity == Severity::kError ? "error" : "warning", file,
                       diagnostic.location, "sdlab: not gradable", message);
      }
      report.annotations +=
          Annotation("error", result.submission, {}, "sdlab score", "Points 0 (not gradable)");
      continue;
    }
    for (const CheckResult* check : report::ShownChecks(result, options.student_view)) {
      if (check->status == CheckStatus::kPassed) continue;
      std::string message = report::MessageWithDetails(*check);
      if (!check->hint.empty()) message += "\nHint: " + check->hint;
      const std::string title = "sdlab: " + check->title + " (" +
                                report::PointsFraction(check->points, check->max_points) + ")";
      report.annotations +=
          Annotation(CommandFor(check->status), result.submission, check->location, title, message);
    }
    const StudentView view = MakeStudentView(result);
    const double score = options.student_view ? view.shown_score : result.score();
    const double max = options.student_view ? view.shown_max : result.max_score();
    report.annotations += Annotation("notice", result.submission, {}, "sdlab score",
                                     "Points " + report::PointsFraction(score, max));
  }
  return report;
}

std::string EscapeGithubData(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string EscapeGithubProperty(std::string_view text) {
  std::string out;
  for (char c : EscapeGithubData(text)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace sdlab
