#pragma once
// Grading results written out: text, Markdown, JSON (docs/result-schema.json),
// JUnit XML, Gradescope and PrairieLearn results.json, and GitHub Actions
// (job summary + workflow-command annotations). Every writer is a pure
// function of its input: the same results give byte-identical output, and no
// writer adds a time or a date. Student text is escaped for each format.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/grade/grade_result.h"
#include "core/report/report_format.h"

namespace sdlab {

/// Plain text for a terminal; control characters in student text are shown
/// as '?', so a submission cannot move the cursor or colour the terminal.
std::string WriteTextReport(const std::vector<GradeResult>& results, const ReportOptions& options);

/// Markdown: a summary table and a section per failed or partial check.
std::string WriteMarkdownReport(const std::vector<GradeResult>& results,
                                const ReportOptions& options);

/// One result as an `sdlab-result/1` JSON object (docs/result-schema.json);
/// several as a JSON array of such objects. Pretty-printed, keys in a fixed
/// order, ending with a newline.
std::string WriteJsonReport(const std::vector<GradeResult>& results, const ReportOptions& options);

/// JUnit XML: one <testsuite> per submission, one <testcase> per check with
/// the student's file and line; failed and partial checks are <failure>,
/// checks needing review are <skipped>, errors <error>; a submission that
/// is not gradable is one <testcase name="gradable"> with an <error>.
std::string WriteJunitReport(const std::vector<GradeResult>& results, const ReportOptions& options);

/// Gradescope's results.json for one submission.
std::string WriteGradescopeReport(const GradeResult& result);

/// PrairieLearn's external-grader results.json for one submission. Checks
/// that are not visible count in the score but their messages are withheld.
std::string WritePrairieLearnReport(const GradeResult& result);

/// What the github format produces: workflow commands for the log, and
/// Markdown to append to $GITHUB_STEP_SUMMARY.
struct GithubReport {
  std::string annotations;
  std::string summary;
};
GithubReport WriteGithubReport(const std::vector<GradeResult>& results,
                               const ReportOptions& options);

/// Escaping used by the writers, exposed for tests and other writers.
/// Workflow command message: % CR LF as %25 %0D %0A.
std::string EscapeGithubData(std::string_view text);
/// Workflow command property: also ':' and ',' as %3A and %2C.
std::string EscapeGithubProperty(std::string_view text);
/// Inline Markdown (also safe in a table cell and at the start of a line):
/// emphasis, code, link, table and heading characters are backslash-escaped
/// (list markers only where the text starts), '<' '>' '&' become entities,
/// line breaks become spaces.
std::string EscapeMarkdownInline(std::string_view text);
/// Control characters (other than newline and tab) and invalid UTF-8 bytes
/// become '?'.
std::string SanitizeForTerminal(std::string_view text);

}  // namespace sdlab
