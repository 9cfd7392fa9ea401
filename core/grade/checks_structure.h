#pragma once
// The structure checks of a rubric: the model's structure: stocks, flows, links and the elements
// concepts name (docs/rubric-format.md). Called by GradeSubmission (core/grade/grader.h).

#include <string>

#include "core/grade/check_context.h"
#include "core/grade/rubric.h"

namespace sdlab {

/// Evaluates one check of this family over the grading run's shared context.
CheckOutcome EvaluateStructureCheck(const CheckSpec& check, CheckContext& context);

}  // namespace sdlab
