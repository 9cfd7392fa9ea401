#pragma once
// The simulation checks of a rubric: whether the model runs, and its values at times
// (docs/rubric-format.md). Called by GradeSubmission (core/grade/grader.h).

#include <string>

#include "core/grade/check_context.h"
#include "core/grade/rubric.h"

namespace sdlab {

/// Evaluates one check of this family over the grading run's shared context.
CheckOutcome EvaluateSimulationCheck(const CheckSpec& check, CheckContext& context);

}  // namespace sdlab
