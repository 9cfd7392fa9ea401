#include "grader/report_output.h"

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "core/names.h"
#include "core/report/report_html.h"

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
  switch (format) {
    case ReportFormat::kText:
      return WriteText(WriteTextReport(results, options), out_path, false);
    case ReportFormat::kMarkdown:
      return WriteText(WriteMarkdownReport(results, options), out_path, false);
    case ReportFormat::kJson:
      return WriteText(WriteJsonReport(results, options), out_path, false);
    case ReportFormat::kJunit:
      return WriteText(WriteJunitReport(results, options), out_path, false);
    case ReportFormat::kGradescope:
      return WriteText(WriteGradescopeReport(results.at(0)), out_path, false);
    case ReportFormat::kPrairieLearn:
      return WriteText(WritePrairieLearnReport(results.at(0)), out_path, false);
    case ReportFormat::kGithub: {
      GithubReport report = WriteGithubReport(results, options);
      bool ok = WriteText(report.annotations, out_path, false);
      const char* summary = std::getenv("GITHUB_STEP_SUMMARY");
      if (summary != nullptr && *summary != '\0')
        ok = WriteText(report.summary, summary, true) && ok;
      return ok;
    }
    case ReportFormat::kHtml: {
      const GradeResult& result = results.at(0);  // with its diagrams attached
      HtmlReportOptions html;
      html.student_view = options.student_view;
      return WriteText(WriteHtmlReport(result, html), out_path, false);
    }
  }
  return false;
}

void ReportNotGradable(const GradeResult& result, const SourceFile& source) {
  if (result.gradable) return;
  Diagnostics diagnostics(result.submission);
  for (const Diagnostic& diagnostic : result.diagnostics) diagnostics.Add(diagnostic);
  ReportDiagnostics(diagnostics, source);
}

}  // namespace sdlab::cli
