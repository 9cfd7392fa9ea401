#pragma once
// PrairieLearn's external-grader results.json.
// A pure function of its input: the same results give the same bytes, with
// no time or date; student text is escaped for the format. Listed in the
// format registry, core/report/report_format.h.

#include <string>
#include <string_view>
#include <vector>

#include "core/grade/grade_result.h"
#include "core/report/report_format.h"

namespace sdlab {

/// PrairieLearn's external-grader results.json for one submission.
/// PrairieLearn shows every test, so checks that are not visible count in
/// the score but appear only as one "Hidden checks" test (how many, their
/// points): no id, title or message of theirs.
std::string WritePrairieLearnReport(const GradeResult& result);

}  // namespace sdlab
