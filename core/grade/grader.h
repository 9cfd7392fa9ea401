#pragma once
// Grading: a rubric and a submission make a GradeResult. Checks run in rubric
// order over a shared CheckContext (core/grade/check_context.h); each family of
// checks lives in its own core/checks_*.cpp.

#include <string>

#include "core/grade/check_context.h"
#include "core/grade/grade_result.h"
#include "core/grade/rubric.h"
#include "core/load/submission.h"
#include "core/loops/submission_analysis.h"

namespace sdlab {

struct GradeOptions {
  GradeLimits limits;
  /// Add GradeResult::dominance (one loop-dominance analysis per scenario
  /// of a visible check, and of the model as written: tens of
  /// milliseconds each). `check` and `grade` turn it on; `batch` does not.
  bool dominance_feedback = false;
};

/// Grades a loaded submission. Never fails: a check that cannot be
/// evaluated is an `error` result, and a submission for another lab is a
/// result that is not gradable.
GradeResult GradeSubmission(const Rubric& rubric, const Submission& submission,
                            const GradeOptions& options = {},
                            const DiagramAnalysis* diagram = nullptr);

/// How grading analyses a file: the loop cap of `options`, the diagram's
/// problems reported without quoting the file (as warnings of the result).
AnalysisOptions GradingAnalysisOptions(const GradeOptions& options = {});

/// Grades a file already loaded and analysed (AnalyseSubmissionFile with
/// GradingAnalysisOptions): not gradable when it did not load; otherwise
/// the loader's warnings first, then grading's.
GradeResult GradeAnalysis(const Rubric& rubric, const SubmissionAnalysis& analysis,
                          const GradeOptions& options = {});

/// Reads, loads and grades a file. A file that cannot be read or has errors
/// is a result that is not gradable, with the diagnostics. `source_out`, when
/// given, receives the file's text (to quote lines in diagnostics).
GradeResult GradeFile(const Rubric& rubric, const std::string& path,
                      const GradeOptions& options = {}, SourceFile* source_out = nullptr);

/// The result of a file that could not be graded, with why.
GradeResult NotGradableResult(const Rubric* rubric, const std::string& path,
                              const Diagnostics& diagnostics);

}  // namespace sdlab
