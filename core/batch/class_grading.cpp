#include "core/batch/class_grading.h"

#include <algorithm>
#include <stdexcept>

#include "core/diagram/graphviz_adapter.h"
#include "core/grade/grader.h"
#include "core/loops/submission_analysis.h"
#include "core/report/report_diagrams.h"
#include "core/report/report_format.h"

namespace sdlab {

bool GradeClass(const Rubric& rubric, const std::vector<BatchSubmission>& submissions,
                const BatchOutput& output, const BatchLimits& limits,
                const BatchProgressFunction& progress, ClassGrading* grading, std::string* error) {
  const bool diagrams =
      std::any_of(output.formats.begin(), output.formats.end(),
                  [](ReportFormat format) { return ReportFormatInfo(format).diagrams; });
  // Runs in each worker process: grade, write the student's files, and send
  // back the gradebook entry.
  auto grade = [&](const BatchSubmission& submission) {
    const SubmissionAnalysis analysis =
        AnalyseSubmissionFile(submission.path, GradingAnalysisOptions());
    GradeResult result = GradeAnalysis(rubric, analysis);
    if (diagrams && result.gradable) AttachDiagrams(analysis, &result);
    std::string write_error;
    if (!WriteSubmissionFiles(output, submission.student_id, result, &write_error)) {
      throw std::runtime_error(write_error);
    }
    return MakeGradebookEntry(submission.student_id, result);
  };
  if (diagrams) PrepareGraphviz();  // once here, not in every worker
  grading->entries = RunBatch(submissions, grade, limits, progress);

  // Submissions the runner had to give up on still get their result files.
  grading->not_gradable = 0;
  for (const GradebookEntry& entry : grading->entries) {
    if (entry.gradable) continue;
    ++grading->not_gradable;
    if (entry.not_gradable_reason == kReasonFileErrors) continue;  // the worker wrote them
    if (!WriteSubmissionFiles(output, entry.student_id, ResultForFailedEntry(entry), error)) {
      return false;
    }
  }
  return WriteClassFiles(output, grading->entries, error);
}

}  // namespace sdlab
