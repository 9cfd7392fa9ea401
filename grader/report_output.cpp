#include "grader/report_output.h"

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "core/names.h"
#include "core/output_text.h"

namespace sdlab::cli {

std::optional<ReportFormat> ReadFormatOption(const char* command, const po::variables_map& values) {
  const std::string name = values.count("format") ? values["format"].as<std::string>() : "text";
  std::optional<ReportFormat> format = ParseReportFormat(name);
  if (!format) {
    std::string names;
    for (const std::string& known : ReportFormatNames())
      names += (names.empty() ? "" : ", ") + known;
    const std::string hint = DidYouMean(name, ReportFormatNames());
    std::cerr << "sdlab " << command << ": unknown format '" << name << "': expected " << names
              << (hint.empty() ? "" : " (" + hint + ")") << "\n";
  }
  return format;
}

namespace {

bool WriteText(const std::string& text, const std::string& path, bool append) {
  if (path.empty()) {
    std::cout << text;
    std::cout.flush();
    return static_cast<bool>(std::cout);
  }
  std::ofstream out(path, std::ios::binary | (append ? std::ios::app : std::ios::trunc));
  out << text;
  out.close();
  if (!out) {
    std::cerr << "sdlab: cannot write " << path << "\n";
    return false;
  }
  return true;
}

}  // namespace

bool EmitReport(const std::vector<GradeResult>& results, ReportFormat format,
                const ReportOptions& options, const std::string& out_path) {
  const ReportOutput report = WriteReport(results, format, options);
  bool ok = true;
  if (format == ReportFormat::kGithub && out_path.empty()) {
    // Its annotations are workflow commands by design; stdout's rule would
    // escape them (core/output_text.h). The writer keeps student text from
    // starting a line, so only controls need escaping.
    WriteUnsanitized(std::cout, SanitizeControls(report.text));
    std::cout.flush();
    ok = static_cast<bool>(std::cout);
  } else {
    ok = WriteText(report.text, out_path, false);
  }
  const char* summary = std::getenv("GITHUB_STEP_SUMMARY");
  if (format == ReportFormat::kGithub && summary != nullptr && *summary != '\0')
    ok = WriteText(report.github_summary, summary, true) && ok;
  return ok;
}

void ReportNotGradable(const GradeResult& result, const SourceFile& source) {
  if (result.gradable) return;
  Diagnostics diagnostics(result.submission);
  for (const Diagnostic& diagnostic : result.diagnostics) diagnostics.Add(diagnostic);
  ReportDiagnostics(diagnostics, source);
}

}  // namespace sdlab::cli
