#pragma once
// The JSON result (docs/result-schema.json).
// A pure function of its input: the same results give the same bytes, with
// no time or date; student text is escaped for the format. Listed in the
// format registry, core/report/report_format.h.

#include <string>
#include <string_view>
#include <vector>

#include "core/grade/grade_result.h"
#include "core/report/report_format.h"

namespace sdlab {

/// One result as an `sdlab-result/1` JSON object (docs/result-schema.json);
/// several as a JSON array of such objects. Pretty-printed, keys in a fixed
/// order, ending with a newline.
std::string WriteJsonReport(const std::vector<GradeResult>& results, const ReportOptions& options);

}  // namespace sdlab
