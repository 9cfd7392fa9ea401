#pragma once
// The behaviour checks of a rubric: the shape of a series over a window: grows, peaks, periodic, a
// measure in range (docs/rubric-format.md). Called by GradeSubmission (core/grade/grader.h).

#include <string>

#include "core/grade/check_context.h"
#include "core/grade/rubric.h"

namespace sdlab {

/// Evaluates one check of this family over the grading run's shared context.
CheckOutcome EvaluateBehaviourCheck(const CheckSpec& check, CheckContext& context);

/// Judges a behaviour pattern on a window of a series (the pure part of a
/// behaviour check). `name` is the series as the student wrote it.
CheckOutcome JudgeBehaviour(const BehaviourParams& params, const SeriesSlice& slice,
                            const std::string& name);

}  // namespace sdlab
