#pragma once
// Grading a class with a rubric: each submission loaded, analysed and
// graded once in a worker process (core/batch/batch_runner.h), its result
// files written there, then the files of the submissions the runner gave up
// on and the class files (gradebook.csv, summary.md, summary.json).

#include <string>
#include <vector>

#include "core/batch/batch_discovery.h"
#include "core/batch/batch_output.h"
#include "core/batch/batch_runner.h"
#include "core/batch/gradebook.h"
#include "core/grade/rubric.h"

namespace sdlab {

struct ClassGrading {
  std::vector<GradebookEntry> entries;  // in submission order
  int not_gradable = 0;                 // submissions not graded
  int skipped = 0;                      // entries that are not submissions
};

/// Grades `submissions` and writes every file of `output`. Returns false and
/// says why in `error` when a file cannot be written; a submission that
/// cannot be graded is a not-gradable entry, never a failure.
bool GradeClass(const Rubric& rubric, const std::vector<BatchSubmission>& submissions,
                const BatchOutput& output, const BatchLimits& limits,
                const BatchProgressFunction& progress, ClassGrading* grading, std::string* error);

/// For a rubric that did not load: every submission's result files say "not
/// gradable: rubric error" (its messages where only an instructor sees
/// them, core/grade/grade_result.h), and the class files list every
/// student with that reason. Returns false and says why in `error` when a
/// file cannot be written.
bool WriteRubricErrorClass(const std::vector<std::string>& rubric_files, const Diagnostics& rubric,
                           const std::vector<BatchSubmission>& submissions,
                           const BatchOutput& output, ClassGrading* grading, std::string* error);

}  // namespace sdlab
