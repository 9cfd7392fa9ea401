#pragma once
// Shared by `sdlab check` and `sdlab grade`: reading --format and writing a
// report to stdout, a file, or (github) the job summary.

#include <optional>
#include <string>
#include <vector>

#include "core/grade/grade_result.h"
#include "core/report/report_format.h"
#include "grader/command.h"

namespace sdlab::cli {

/// The --format option's value; prints a usage error and returns nullopt
/// for an unknown one.
std::optional<ReportFormat> ReadFormatOption(const char* command, const po::variables_map& values);

/// Writes the report to `out_path`, or stdout when it is empty. For github,
/// the annotations go there and the Markdown summary is appended to
/// $GITHUB_STEP_SUMMARY when that is set. Returns false after a message on
/// stderr when a file cannot be written.
bool EmitReport(const std::vector<GradeResult>& results, ReportFormat format,
                const ReportOptions& options, const std::string& out_path);

/// The diagnostics of results that could not be graded, on stderr, with the
/// source line and a caret when the text is at hand.
void ReportNotGradable(const GradeResult& result, const SourceFile& source);

}  // namespace sdlab::cli
