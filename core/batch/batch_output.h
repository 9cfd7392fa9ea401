#pragma once
// What a batch writes: each student's result files under
// OUT/students/<id>/ in the chosen formats, and the class files
// (gradebook.csv, summary.md, summary.json) in OUT.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/grade/grade_result.h"
#include "core/batch/gradebook.h"

namespace sdlab {

/// Per-student files: result.json (sdlab-result/1), gradescope.json
/// (Gradescope's results.json), junit.xml, report.html.
enum class BatchFormat { kJson, kGradescope, kJunit, kHtml };

/// "json,html" -> {kJson, kHtml}, duplicates dropped, in the given order;
/// on an unknown name returns nullopt and says which in `error`.
std::optional<std::vector<BatchFormat>> ParseBatchFormats(std::string_view list,
                                                          std::string* error);
/// The file name a format is written to ("result.json" ...).
const char* BatchFileName(BatchFormat format);

struct BatchOutput {
  std::string out_dir;
  std::vector<BatchFormat> formats;
};

/// The folder of one student's files: OUT/students/<OutputFolderName(id)>.
std::string StudentFolder(const BatchOutput& output, const std::string& student_id);

/// Writes one student's result files (each to a temporary name, then
/// renamed, so a reader never sees half a file). Returns false and says why
/// in `error` when a file cannot be written.
bool WriteSubmissionFiles(const BatchOutput& output, const std::string& student_id,
                          const GradeResult& result, std::string* error);

/// The result to write for a submission the runner could not grade (time
/// limit, memory limit, crash, no file): not gradable, with one error saying
/// why ("not gradable: time limit (grading took longer than 10 s)").
GradeResult ResultForFailedEntry(const GradebookEntry& entry);

/// gradebook.csv, summary.md and summary.json in OUT.
bool WriteClassFiles(const BatchOutput& output, const std::vector<GradebookEntry>& entries,
                     std::string* error);

}  // namespace sdlab
