#pragma once
// The dominance checks of a rubric (`kind: dominance`): in a scenario,
// during a window, a loop of the student's model through some concepts
// drives the behaviour (Loops That Matter), or no longer does
// (docs/rubric-format.md). Called by GradeSubmission (core/grade/grader.h).

#include "core/grade/check_context.h"
#include "core/grade/rubric.h"

namespace sdlab {

/// Evaluates one dominance check over the grading run's shared context.
CheckOutcome EvaluateDominanceCheck(const CheckSpec& check, CheckContext& context);

}  // namespace sdlab
