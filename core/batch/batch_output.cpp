#include "core/batch/batch_output.h"

#include <filesystem>
#include <fstream>

#include "core/batch/batch_discovery.h"

namespace sdlab {

namespace fs = std::filesystem;

namespace {

bool WriteAtomically(const fs::path& path, const std::string& text, std::string* error) {
  const fs::path temporary = path.string() + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      *error = "cannot write " + temporary.string();
      return false;
    }
  }
  std::error_code failed;
  fs::rename(temporary, path, failed);
  if (failed) {
    *error = "cannot write " + path.string() + ": " + failed.message();
    return false;
  }
  return true;
}

}  // namespace

std::optional<std::vector<ReportFormat>> ParseBatchFormats(std::string_view list,
                                                           std::string* error) {
  std::vector<ReportFormat> formats;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    const std::string_view name = list.substr(start, comma - start);
    start = comma + 1;
    if (name.empty()) continue;
    const ReportFormatSpec* found = nullptr;
    for (const ReportFormatSpec& spec : ReportFormats()) {
      if (spec.batch_file != nullptr && name == spec.name) found = &spec;
    }
    if (found == nullptr) {
      *error = "unknown format '" + std::string(name) +
               "' (formats: " + ReportFormatList(/*batch_only=*/true, ", ") + ")";
      return std::nullopt;
    }
    bool seen = false;
    for (ReportFormat format : formats) seen = seen || format == found->format;
    if (!seen) formats.push_back(found->format);
  }
  return formats;
}

std::string ResultFolderName(const BatchSubmission& submission) {
  return submission.folder.empty() ? OutputFolderName(submission.student_id) : submission.folder;
}

std::string StudentFolder(const BatchOutput& output, const std::string& folder) {
  return (fs::path(output.out_dir) / "students" / folder).string();
}

bool WriteSubmissionFiles(const BatchOutput& output, const std::string& folder_name,
                          const GradeResult& result, std::string* error) {
  if (output.formats.empty()) return true;
  const fs::path folder = StudentFolder(output, folder_name);
  std::error_code failed;
  fs::create_directories(folder, failed);
  if (failed) {
    *error = "cannot create " + folder.string() + ": " + failed.message();
    return false;
  }
  for (ReportFormat format : output.formats) {
    const std::string text = WriteReport({result}, format, ReportOptions{}).text;
    if (!WriteAtomically(folder / ReportFormatInfo(format).batch_file, text, error)) {
      return false;
    }
  }
  return true;
}

GradeResult ResultForFailedEntry(const GradebookEntry& entry) {
  GradeResult result;
  result.submission = entry.submission;
  result.gradable = false;
  Diagnostic diagnostic;
  diagnostic.file = entry.submission;
  diagnostic.message = "not gradable: " + entry.not_gradable_reason;
  diagnostic.hint = entry.detail;
  result.diagnostics.push_back(diagnostic);
  return result;
}

bool WriteClassFiles(const BatchOutput& output, const std::vector<GradebookEntry>& entries,
                     std::string* error) {
  std::error_code failed;
  fs::create_directories(output.out_dir, failed);
  if (failed) {
    *error = "cannot create " + output.out_dir + ": " + failed.message();
    return false;
  }
  const fs::path dir(output.out_dir);
  return WriteAtomically(dir / "gradebook.csv", WriteGradebookCsv(entries), error) &&
         WriteAtomically(dir / "summary.md", WriteSummaryMarkdown(entries), error) &&
         WriteAtomically(dir / "summary.json", WriteSummaryJson(entries), error);
}

}  // namespace sdlab
