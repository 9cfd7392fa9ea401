#pragma once
// The one list of result formats: their names, which ones grade a single
// submission, which ones a batch writes per student (and to which file), and
// the one function that writes results in any of them. `sdlab check`,
// `sdlab grade` and `sdlab batch` all read this list; adding a format is a
// row here, a case in WriteReport and the writer itself (core/report/).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/grade/grade_result.h"

namespace sdlab {

enum class ReportFormat {
  kText,
  kMarkdown,
  kJson,
  kJunit,
  kGradescope,
  kPrairieLearn,
  kGithub,
  kHtml  // one self-contained page per submission: core/report/report_html.h
};

/// "text", "md", "json", "junit", "gradescope", "prairielearn", "github", "html";
/// also accepts "markdown".
std::optional<ReportFormat> ParseReportFormat(std::string_view name);
const char* ReportFormatName(ReportFormat format);
/// The names accepted by ParseReportFormat, for usage messages.
std::vector<std::string> ReportFormatNames();

struct ReportFormatSpec {
  ReportFormat format;
  const char* name;        // as --format and --formats take it
  bool one_submission;     // grades one submission at a time
  const char* batch_file;  // the per-student file `sdlab batch` writes, or nullptr
  bool diagrams;           // shows the student's diagrams (attach them first)
};

/// Every format, in the order usage messages list them.
const std::vector<ReportFormatSpec>& ReportFormats();
const ReportFormatSpec& ReportFormatInfo(ReportFormat format);

/// "text, md, json, junit, gradescope, prairielearn, github or html"; with
/// `batch_only`, only those a batch writes ("json, junit, gradescope, html").
std::string ReportFormatList(bool batch_only = false, const char* last_separator = " or ");

struct ReportOptions {
  /// A student's self-check: only visible checks are shown; the others are
  /// counted ("2 hidden checks worth 15 points are not shown").
  bool student_view = false;
};

/// What a format produces: the report, and for github also the Markdown
/// for $GITHUB_STEP_SUMMARY.
struct ReportOutput {
  std::string text;
  std::string github_summary;
};

/// Writes `results` in `format`. Formats that grade one submission
/// (ReportFormatSpec::one_submission) write the first result only; html
/// shows the diagrams already attached to it (core/report/report_diagrams.h).
ReportOutput WriteReport(const std::vector<GradeResult>& results, ReportFormat format,
                         const ReportOptions& options);

}  // namespace sdlab
