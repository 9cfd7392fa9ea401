#pragma once
// The GitHub Actions format: workflow-command annotations and a job summary.
// A pure function of its input: the same results give the same bytes, with
// no time or date; student text is escaped for the format. Listed in the
// format registry, core/report/report_format.h.

#include <string>
#include <string_view>
#include <vector>

#include "core/grade/grade_result.h"
#include "core/report/report_format.h"

namespace sdlab {

/// What the github format produces: workflow commands for the log, and
/// Markdown to append to $GITHUB_STEP_SUMMARY.
struct GithubReport {
  std::string annotations;
  std::string summary;
};
GithubReport WriteGithubReport(const std::vector<GradeResult>& results,
                               const ReportOptions& options);

/// Workflow command message: % CR LF as %25 %0D %0A.
std::string EscapeGithubData(std::string_view text);
/// Workflow command property: also ':' and ',' as %3A and %2C.
std::string EscapeGithubProperty(std::string_view text);

}  // namespace sdlab
