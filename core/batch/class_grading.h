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
  int not_gradable = 0;
};

/// Grades `submissions` and writes every file of `output`. Returns false and
/// says why in `error` when a file cannot be written; a submission that
/// cannot be graded is a not-gradable entry, never a failure.
bool GradeClass(const Rubric& rubric, const std::vector<BatchSubmission>& submissions,
                const BatchOutput& output, const BatchLimits& limits,
                const BatchProgressFunction& progress, ClassGrading* grading, std::string* error);

}  // namespace sdlab
