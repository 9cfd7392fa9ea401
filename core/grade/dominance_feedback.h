#pragma once
// The loop-dominance feedback of a grade (GradeResult::dominance): for the
// model as written and each scenario a visible check runs, the main phases of
// Loops That Matter and the loops they name, with the student's loop ids.

#include <vector>

#include "core/grade/check_context.h"
#include "core/grade/grade_result.h"
#include "core/grade/rubric.h"

namespace sdlab {

/// The feedback; empty when the model does not compile or run.
std::vector<DominanceFeedback> DominanceFeedbackOf(const Rubric& rubric, CheckContext& context);

}  // namespace sdlab
