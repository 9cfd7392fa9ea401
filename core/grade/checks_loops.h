#pragma once
// The loops checks of a rubric: feedback loops: present, polarity, labels, links of the causal loop
// diagram (docs/rubric-format.md). Called by GradeSubmission (core/grade/grader.h).

#include <string>

#include "core/grade/check_context.h"
#include "core/grade/rubric.h"

namespace sdlab {

/// Evaluates one check of this family over the grading run's shared context.
CheckOutcome EvaluateLoopCheck(const CheckSpec& check, CheckContext& context);

}  // namespace sdlab
