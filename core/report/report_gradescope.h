#pragma once
// Gradescope's results.json.
// A pure function of its input: the same results give the same bytes, with
// no time or date; student text is escaped for the format. Listed in the
// format registry, core/report/report_format.h.

#include <string>
#include <string_view>
#include <vector>

#include "core/grade/grade_result.h"
#include "core/report/report_format.h"

namespace sdlab {

/// Gradescope's results.json for one submission: every check, each with its
/// visibility; with `options.student_view`, only the visible ones.
std::string WriteGradescopeReport(const GradeResult& result, const ReportOptions& options = {});

}  // namespace sdlab
