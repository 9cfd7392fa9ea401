#pragma once
// What a batch writes: each student's result files under
// OUT/students/<id>/ in the chosen formats, and the class files
// (gradebook.csv, summary.md, summary.json) in OUT.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/batch/batch_discovery.h"
#include "core/batch/gradebook.h"
#include "core/grade/grade_result.h"
#include "core/report/report_format.h"

namespace sdlab {

/// "json,html" -> {kJson, kHtml}, duplicates dropped, in the given order.
/// Only formats with a per-student file (ReportFormatSpec::batch_file in
/// core/report/report_format.h: result.json, gradescope.json, junit.xml,
/// report.html) are batch formats; on another name returns nullopt and
/// says which in `error`.
std::optional<std::vector<ReportFormat>> ParseBatchFormats(std::string_view list,
                                                           std::string* error);

struct BatchOutput {
  std::string out_dir;
  std::vector<ReportFormat> formats;
};

/// The name of a submission's result folder: its `folder`, or
/// OutputFolderName(student_id) when that is empty.
std::string ResultFolderName(const BatchSubmission& submission);

/// The folder of one student's files: OUT/students/<folder>.
std::string StudentFolder(const BatchOutput& output, const std::string& folder);

/// Writes one student's result files in OUT/students/<folder> (each to a
/// temporary name, then renamed, so a reader never sees half a file).
/// Returns false and says why in `error` when a file cannot be written.
bool WriteSubmissionFiles(const BatchOutput& output, const std::string& folder,
                          const GradeResult& result, std::string* error);

/// The result to write for a submission the runner could not grade (time
/// limit, memory limit, crash, no file): not gradable, with one error saying
/// why ("not gradable: time limit (grading took longer than 10 s)").
GradeResult ResultForFailedEntry(const GradebookEntry& entry);

/// gradebook.csv, summary.md and summary.json in OUT.
bool WriteClassFiles(const BatchOutput& output, const std::vector<GradebookEntry>& entries,
                     std::string* error);

}  // namespace sdlab
