#pragma once
// The JUnit XML report.
// A pure function of its input: the same results give the same bytes, with
// no time or date; student text is escaped for the format. Listed in the
// format registry, core/report/report_format.h.

#include <string>
#include <string_view>
#include <vector>

#include "core/grade/grade_result.h"
#include "core/report/report_format.h"

namespace sdlab {

/// JUnit XML: one <testsuite> per submission, one <testcase> per check with
/// the student's file and line; failed and partial checks are <failure>,
/// checks needing review are <skipped>, errors <error>; a submission that
/// is not gradable is one <testcase name="gradable"> with an <error>.
std::string WriteJunitReport(const std::vector<GradeResult>& results, const ReportOptions& options);

}  // namespace sdlab
