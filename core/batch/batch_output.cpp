#include "core/batch/batch_output.h"

#include <filesystem>
#include <fstream>

#include "core/batch/batch_discovery.h"
#include "core/report/report_html.h"
#include "core/report/report_writers.h"

namespace sdlab {

namespace fs = std::filesystem;

namespace {

struct FormatName {
  BatchFormat format;
  const char* name;
  const char* file;
};
constexpr FormatName kFormats[] = {
    {BatchFormat::kJson, "json", "result.json"},
    {BatchFormat::kGradescope, "gradescope", "gradescope.json"},
    {BatchFormat::kJunit, "junit", "junit.xml"},
    {BatchFormat::kHtml, "html", "report.html"},
};

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

std::string Render(BatchFormat format, const GradeResult& result) {
  switch (format) {
    case BatchFormat::kJson:
      return WriteJsonReport({result}, ReportOptions{});
    case BatchFormat::kGradescope:
      return WriteGradescopeReport(result);
    case BatchFormat::kJunit:
      return WriteJunitReport({result}, ReportOptions{});
    case BatchFormat::kHtml:
      return WriteHtmlReport(result, HtmlReportOptions{});
  }
  return "";
}

}  // namespace

std::optional<std::vector<BatchFormat>> ParseBatchFormats(std::string_view list,
                                                          std::string* error) {
  std::vector<BatchFormat> formats;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    const std::string_view name = list.substr(start, comma - start);
    start = comma + 1;
    if (name.empty()) continue;
    const FormatName* found = nullptr;
    for (const FormatName& entry : kFormats) {
      if (name == entry.name) found = &entry;
    }
    if (found == nullptr) {
      *error =
          "unknown format '" + std::string(name) + "' (formats: json, gradescope, junit, html)";
      return std::nullopt;
    }
    bool seen = false;
    for (BatchFormat format : formats) seen = seen || format == found->format;
    if (!seen) formats.push_back(found->format);
  }
  return formats;
}

const char* BatchFileName(BatchFormat format) {
  for (const FormatName& entry : kFormats) {
    if (entry.format == format) return entry.file;
  }
  return "result";
}

std::string StudentFolder(const BatchOutput& output, const std::string& student_id) {
  return (fs::path(output.out_dir) / "students" / OutputFolderName(student_id)).string();
}

bool WriteSubmissionFiles(const BatchOutput& output, const std::string& student_id,
                          const GradeResult& result, std::string* error) {
  if (output.formats.empty()) return true;
  const fs::path folder = StudentFolder(output, student_id);
  std::error_code failed;
  fs::create_directories(folder, failed);
  if (failed) {
    *error = "cannot create " + folder.string() + ": " + failed.message();
    return false;
  }
  for (BatchFormat format : output.formats) {
    if (!WriteAtomically(folder / BatchFileName(format), Render(format, result), error)) {
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
