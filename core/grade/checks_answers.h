#pragma once
// The answers checks of a rubric: short answers: the concepts and keyword groups a text names
// (docs/rubric-format.md). Called by GradeSubmission (core/grade/grader.h).

#include <string>

#include "core/grade/check_context.h"
#include "core/grade/rubric.h"

namespace sdlab {

/// Evaluates one check of this family over the grading run's shared context.
CheckOutcome EvaluateAnswerCheck(const CheckSpec& check, CheckContext& context);

}  // namespace sdlab
