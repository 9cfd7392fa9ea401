#pragma once
// The diagrams a report shows: the student's causal loop diagram marked
// with what the grading found (a wrong R/B label in red with the right one
// beside it; a link a declared loop or a rubric check needs but the diagram
// lacks, dashed; a link a check found with the wrong sign, red) and their
// stock-and-flow diagram, both as SVG images on the result.

#include "core/diagram/diagram.h"
#include "core/diagram/graphviz_adapter.h"
#include "core/grade/grade_result.h"
#include "core/load/submission.h"
#include "core/loops/submission_analysis.h"

namespace sdlab {

/// Appends "Causal loop diagram" and "Stock-and-flow diagram" (for the
/// sections the submission has) to `result->images` as image/svg+xml,
/// unless the result already carries images. The
/// diagram is drawn from the analysis grading used (no second load, no
/// second loop search). A diagram that cannot be drawn (too large, a
/// Graphviz failure) is left out and a warning added to
/// `result->diagnostics` says why. Never throws. With `student_view`, only
/// visible checks mark the diagram, so a hidden check's expected link is
/// not given away.
void AttachDiagrams(const SubmissionAnalysis& analysis, GradeResult* result,
                    const RenderLimits& limits = {}, bool student_view = false);

/// The same for a submission in memory, analysed here (tests, benchmarks).
void AttachDiagrams(const Submission& submission, GradeResult* result,
                    const RenderLimits& limits = {}, bool student_view = false);

/// The marks the checks' link evidence adds to the loop check's own:
/// missing links (dashed) and links with the wrong sign (red).
void AddCheckedLinks(const GradeResult& result, bool student_view, DiagramAnnotations* annotations);

}  // namespace sdlab
