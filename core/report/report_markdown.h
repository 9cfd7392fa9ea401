#pragma once
// The Markdown report.
// A pure function of its input: the same results give the same bytes, with
// no time or date; student text is escaped for the format. Listed in the
// format registry, core/report/report_format.h.

#include <string>
#include <string_view>
#include <vector>

#include "core/grade/grade_result.h"
#include "core/report/report_format.h"

namespace sdlab {

/// Markdown: a summary table and a section per failed or partial check.
std::string WriteMarkdownReport(const std::vector<GradeResult>& results,
                                const ReportOptions& options);

/// Inline Markdown (also safe in a table cell and at the start of a line):
/// emphasis, code, link, image, table, heading, strikethrough and math
/// (`$`) characters are backslash-escaped
/// (list markers only where the text starts), '<' '>' '&' become entities,
/// line breaks become spaces.
std::string EscapeMarkdownInline(std::string_view text);

}  // namespace sdlab
