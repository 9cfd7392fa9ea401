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
    if (!WriteSubmissionFiles(output, ResultFolderName(submission), result, &write_error)) {
      throw std::runtime_error(write_error);
    }
    return MakeGradebookEntry(submission.student_id, result);
  };
  if (diagrams) PrepareGraphviz();  // once here, not in every worker
  grading->entries = RunBatch(submissions, grade, limits, progress);

  // Submissions the runner had to give up on still get their result files;
  // entries that are not submissions get none.
  grading->not_gradable = 0;
  grading->skipped = 0;
  for (std::size_t i = 0; i < grading->entries.size(); ++i) {
    GradebookEntry& entry = grading->entries[i];
    entry.note = submissions[i].note;
    if (entry.skipped) {
      ++grading->skipped;
      continue;
    }
    if (entry.gradable) continue;
    ++grading->not_gradable;
    if (entry.not_gradable_reason == kReasonFileErrors) continue;  // the worker wrote them
    if (!WriteSubmissionFiles(output, ResultFolderName(submissions[i]), ResultForFailedEntry(entry),
                              error)) {
      return false;
    }
  }
  return WriteClassFiles(output, grading->entries, error);
}

bool WriteRubricErrorClass(const std::vector<std::string>& rubric_files, const Diagnostics& rubric,
                           const std::vector<BatchSubmission>& submissions,
                           const BatchOutput& output, ClassGrading* grading, std::string* error) {
  grading->entries.clear();
  grading->not_gradable = grading->skipped = 0;
  std::string first_error;
  for (const Diagnostic& diagnostic : rubric.items()) {
    if (diagnostic.severity != Severity::kError) continue;
    Diagnostic located = diagnostic;
    if (located.file.empty()) located.file = rubric.file();
    first_error = FormatDiagnosticLine(located);
    break;
  }
  for (const BatchSubmission& submission : submissions) {
    GradebookEntry entry;
    entry.student_id = submission.student_id;
    entry.submission = submission.path;
    entry.gradable = false;
    entry.skipped = submission.skipped;
    entry.note = submission.note;
    if (submission.skipped) {
      entry.not_gradable_reason = submission.reason;
      entry.detail = submission.problem;
      ++grading->skipped;
    } else {
      entry.not_gradable_reason = kReasonRubricError;
      entry.detail = first_error;
      ++grading->not_gradable;
      const std::string graded = submission.path.empty() ? submission.student_id : submission.path;
      if (!WriteSubmissionFiles(output, ResultFolderName(submission),
                                RubricErrorResult(graded, rubric_files, rubric), error)) {
        return false;
      }
    }
    grading->entries.push_back(std::move(entry));
  }
  return WriteClassFiles(output, grading->entries, error);
}

}  // namespace sdlab
