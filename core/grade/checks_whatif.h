#pragma once
// The whatif checks of a rubric: what-if experiments: change an element, compare the runs
// (docs/rubric-format.md). Called by GradeSubmission (core/grade/grader.h).

#include <string>

#include "core/grade/check_context.h"
#include "core/grade/rubric.h"

namespace sdlab {

/// Evaluates one check of this family over the grading run's shared context.
CheckOutcome EvaluateWhatIfCheck(const CheckSpec& check, CheckContext& context);

}  // namespace sdlab
