#include "core/report/report_format.h"

#include "core/report/report_github.h"
#include "core/report/report_gradescope.h"
#include "core/report/report_html.h"
#include "core/report/report_json.h"
#include "core/report/report_junit.h"
#include "core/report/report_markdown.h"
#include "core/report/report_prairielearn.h"
#include "core/report/report_text.h"

namespace sdlab {

const std::vector<ReportFormatSpec>& ReportFormats() {
  static const std::vector<ReportFormatSpec> formats = {
      {ReportFormat::kText, "text", false, nullptr, false},
      {ReportFormat::kMarkdown, "md", false, nullptr, false},
      {ReportFormat::kJson, "json", false, "result.json", false},
      {ReportFormat::kJunit, "junit", false, "junit.xml", false},
      {ReportFormat::kGradescope, "gradescope", true, "gradescope.json", false},
      {ReportFormat::kPrairieLearn, "prairielearn", true, nullptr, false},
      {ReportFormat::kGithub, "github", false, nullptr, false},
      {ReportFormat::kHtml, "html", true, "report.html", true},
  };
  return formats;
}

const ReportFormatSpec& ReportFormatInfo(ReportFormat format) {
  for (const ReportFormatSpec& spec : ReportFormats()) {
    if (spec.format == format) return spec;
  }
  return ReportFormats().front();
}

std::optional<ReportFormat> ParseReportFormat(std::string_view name) {
  if (name == "markdown") return ReportFormat::kMarkdown;
  for (const ReportFormatSpec& spec : ReportFormats()) {
    if (name == spec.name) return spec.format;
  }
  return std::nullopt;
}

const char* ReportFormatName(ReportFormat format) { return ReportFormatInfo(format).name; }

std::vector<std::string> ReportFormatNames() {
  std::vector<std::string> names;
  for (const ReportFormatSpec& spec : ReportFormats()) names.emplace_back(spec.name);
  return names;
}

std::string ReportFormatList(bool batch_only, const char* last_separator) {
  std::vector<const char*> names;
  for (const ReportFormatSpec& spec : ReportFormats()) {
    if (!batch_only || spec.batch_file != nullptr) names.push_back(spec.name);
  }
  std::string list;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) list += i + 1 == names.size() ? last_separator : ", ";
    list += names[i];
  }
  return list;
}

ReportOutput WriteReport(const std::vector<GradeResult>& results, ReportFormat format,
                         const ReportOptions& options) {
  ReportOutput output;
  switch (format) {
    case ReportFormat::kText:
      output.text = WriteTextReport(results, options);
      break;
    case ReportFormat::kMarkdown:
      output.text = WriteMarkdownReport(results, options);
      break;
    case ReportFormat::kJson:
      output.text = WriteJsonReport(results, options);
      break;
    case ReportFormat::kJunit:
      output.text = WriteJunitReport(results, options);
      break;
    case ReportFormat::kGradescope:
      output.text = WriteGradescopeReport(results.at(0), options);
      break;
    case ReportFormat::kPrairieLearn:
      output.text = WritePrairieLearnReport(results.at(0));
      break;
    case ReportFormat::kGithub: {
      GithubReport report = WriteGithubReport(results, options);
      output.text = std::move(report.annotations);
      output.github_summary = std::move(report.summary);
      break;
    }
    case ReportFormat::kHtml: {
      HtmlReportOptions html;
      html.student_view = options.student_view;
      output.text = WriteHtmlReport(results.at(0), html);
      break;
    }
  }
  return output;
}

}  // namespace sdlab
