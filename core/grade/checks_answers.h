#pragma once
// The answers checks of a rubric: a short answer names the student's own
// element for a concept, or affirms the rubric's keyword ideas in sentences
// consistent with the student's model (docs/rubric-format.md, Answers).
// Called by GradeSubmission (core/grade/grader.h).

#include <string>

#include "core/grade/check_context.h"
#include "core/grade/rubric.h"

namespace sdlab {

/// Evaluates one check of this family over the grading run's shared context.
CheckOutcome EvaluateAnswerCheck(const CheckSpec& check, CheckContext& context);

}  // namespace sdlab
