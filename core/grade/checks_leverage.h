#pragma once
// The leverage checks of a rubric: the leverage-point table: levels, matches with the catalogue,
// the ranking (docs/rubric-format.md). Called by GradeSubmission (core/grade/grader.h).

#include <string>

#include "core/grade/check_context.h"
#include "core/grade/rubric.h"

namespace sdlab {

/// Evaluates one check of this family over the grading run's shared context.
CheckOutcome EvaluateLeverageCheck(const CheckSpec& check, CheckContext& context);

}  // namespace sdlab
