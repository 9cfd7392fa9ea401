#pragma once
// The text report, for a terminal.
// A pure function of its input: the same results give the same bytes, with
// no time or date; student text is escaped for the format. Listed in the
// format registry, core/report/report_format.h.

#include <string>
#include <string_view>
#include <vector>

#include "core/grade/grade_result.h"
#include "core/report/report_format.h"

namespace sdlab {

/// Plain text for a terminal; control characters in student text are shown
/// escaped, so a submission cannot move the cursor or colour the terminal.
std::string WriteTextReport(const std::vector<GradeResult>& results, const ReportOptions& options);

/// SanitizeOutput (core/output_text.h): control characters (other than
/// newline and tab) and invalid UTF-8 bytes are escaped, and no line starts
/// a CI workflow command.
std::string SanitizeForTerminal(std::string_view text);

}  // namespace sdlab
