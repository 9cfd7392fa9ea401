// The HTML report. Written as text with every value escaped on the way in:
// the page is small and fixed in shape, so a template engine would add a
// dependency without making it safer.

#include "core/report/report_html.h"

#include <cmath>
#include <cstdio>
#include <string_view>

#include "core/report/html_escape.h"
#include "core/report/report_internal.h"
#include "core/report/svg_chart.h"

namespace sdlab {

namespace {

// No fetch of any kind: even if some text slipped through unescaped, the
// browser would neither load nor run anything.
constexpr std::string_view kHead = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
)";

constexpr std::string_view kStyle = R"(<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px 0; }
h2 { font-size: 18px; margin: 28px 0 10px 0; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
.meta { color: #57606a; margin: 2px 0; }
.card { background: #ffffff; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px; margin: 12px 0; }
.score { display: flex; align-items: center; gap: 24px; flex-wrap: wrap; }
.score .big { font-size: 40px; font-weight: 700; }
.bar { width: 320px; height: 14px; background: #eaeef2; border-radius: 7px; overflow: hidden; }
.bar > div { height: 100%; background: #2da44e; }
.counts span { margin-right: 14px; }
.notgradable { border-color: #cf222e; background: #fff5f5; }
table { border-collapse: collapse; width: 100%; background: #ffffff; }
th, td { border: 1px solid #d0d7de; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
td.points { text-align: right; white-space: nowrap; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #ffffff; font-size: 12px; font-weight: 600; white-space: nowrap; }
.passed { background: #1a7f37; } .partial { background: #9a6700; } .failed { background: #cf222e; }
.needs_review { background: #8250df; } .error { background: #57606a; }
.details { color: #57606a; margin-top: 4px; }
.hint { margin-top: 4px; } .hint b { color: #0969da; }
.where { font-family: ui-monospace, monospace; font-size: 12px; color: #57606a; margin-top: 4px; }
.evidence { margin: 4px 0 0 0; padding-left: 18px; font-size: 13px; }
.diag { font-family: ui-monospace, monospace; font-size: 13px; white-space: pre-wrap; margin: 2px 0; }
.charts, .diagrams { display: flex; flex-wrap: wrap; gap: 16px; }
figure { margin: 0; background: #ffffff; border: 1px solid #d0d7de; border-radius: 8px; padding: 8px; }
figure img { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 13px; color: #57606a; margin-top: 6px; max-width: 560px; }
.legend { font-size: 13px; color: #57606a; }
</style>
</head>
)";

std::string H(std::string_view text) { return EscapeHtml(text); }

std::string FormatNumber(double value) {
  if (!std::isfinite(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

std::string StatusLabel(CheckStatus status) {
  const char* name = CheckStatusName(status);
  std::string label = status == CheckStatus::kNeedsReview ? "needs review" : name;
  return std::string("<span class=\"badge ") + name + "\">" + label + "</span>";
}

void WriteHeader(const GradeResult& result, std::string* html) {
  const std::string name = result.author.empty() ? result.submission : result.author;
  *html += "<title>sdlab report: " + H(name) + "</title>\n";
  *html += kStyle;
  *html += "<body>\n<main>\n<h1>sdlab report: " + H(result.submission) + "</h1>\n";
  if (!result.author.empty()) *html += "<p class=\"meta\">Author: " + H(result.author) + "</p>\n";
  if (!result.lab.empty()) *html += "<p class=\"meta\">Lab: " + H(result.lab) + "</p>\n";
  if (!result.rubric_title.empty() || !result.rubric_lab.empty()) {
    std::string rubric = result.rubric_title.empty() ? result.rubric_lab : result.rubric_title;
    if (!result.rubric_version.empty()) rubric += " (version " + result.rubric_version + ")";
    *html += "<p class=\"meta\">Rubric: " + H(rubric) + "</p>\n";
  }
}

void WriteDiagnostics(const GradeResult& result, bool student_view, std::string* html) {
  for (const Diagnostic& diagnostic : report::ShownDiagnostics(result, student_view)) {
    *html += "<p class=\"diag\">" + H(FormatDiagnosticLine(diagnostic)) + "</p>\n";
  }
}

void WriteScore(const GradeResult& result, const StudentView& view, bool student_view,
                const std::vector<const CheckResult*>& shown, std::string* html) {
  const double score = student_view ? view.shown_score : result.score();
  const double max = student_view ? view.shown_max : result.max_score();
  const double percent = max > 0 ? std::round(score / max * 1000) / 10 : 0;
  int counts[5] = {0, 0, 0, 0, 0};
  for (const CheckResult* check : shown) ++counts[static_cast<int>(check->status)];
  *html += "<section class=\"card score\">\n<div class=\"big\">" + FormatPoints(score) + " / " +
           FormatPoints(max) + "</div>\n";
  *html += "<div><div class=\"bar\"><div style=\"width:" + FormatNumber(percent) +
           "%\"></div></div><div class=\"meta\">" + FormatNumber(percent) + " %</div></div>\n";
  *html += "<div class=\"counts\">";
  const CheckStatus order[] = {CheckStatus::kPassed, CheckStatus::kPartial, CheckStatus::kFailed,
                               CheckStatus::kNeedsReview, CheckStatus::kError};
  for (CheckStatus status : order) {
    const int count = counts[static_cast<int>(status)];
    if (count > 0)
      *html += "<span>" + StatusLabel(status) + " " + std::to_string(count) + "</span>";
  }
  *html += "</div>\n</section>\n";
  if (student_view && view.withheld_checks > 0) {
    *html += "<p class=\"meta\">" + H(report::WithheldLine(view)) + "</p>\n";
  }
}

void WriteEvidence(const Evidence& evidence, std::string* html) {
  std::string items;
  if (!evidence.loop_path.empty()) {
    std::string path;
    for (const std::string& name : evidence.loop_path) path += name + " → ";
    path += evidence.loop_path.front();
    if (!evidence.loop_polarity.empty()) path += " (" + evidence.loop_polarity + ")";
    items += "<li>Loop: " + H(path) + "</li>";
  } else if (!evidence.loop_polarity.empty()) {
    items += "<li>Polarity: " + H(evidence.loop_polarity) + "</li>";
  }
  for (const Measurement& measurement : evidence.measurements) {
    std::string text = measurement.name + ": " + FormatNumber(measurement.value);
    if (!measurement.units.empty()) text += " " + measurement.units;
    items += "<li>" + H(text) + "</li>";
  }
  if (evidence.tau) items += "<li>Kendall τ-b: " + FormatNumber(*evidence.tau) + "</li>";
  for (const std::string& note : evidence.notes) items += "<li>" + H(note) + "</li>";
  if (!items.empty()) *html += "<ul class=\"evidence\">" + items + "</ul>";
}

void WriteChecks(const GradeResult& result, const std::vector<const CheckResult*>& shown,
                 std::string* html) {
  *html +=
      "<h2>Checks</h2>\n<table>\n<thead><tr><th>Status</th><th>Check</th>"
      "<th>Points</th><th>Feedback</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const CheckResult& check = *shown[i];
    *html += "<tr id=\"check-" + std::to_string(i + 1) + "\"><td>" + StatusLabel(check.status) +
             "</td><td>" + H(check.title.empty() ? check.id : check.title) +
             "<div class=\"where\">" + H(check.id) +
             (check.visibility == Visibility::kVisible
                  ? std::string()
                  : std::string(" · ") + VisibilityName(check.visibility)) +
             "</div></td><td class=\"points\">" +
             report::PointsFraction(check.points, check.max_points) + "</td><td>";
    if (!check.message.empty()) *html += "<div>" + H(check.message) + "</div>";
    if (!check.details.empty()) *html += "<div class=\"details\">" + H(check.details) + "</div>";
    if (!check.hint.empty() && check.status != CheckStatus::kPassed) {
      *html += "<div class=\"hint\"><b>Hint:</b> " + H(check.hint) + "</div>";
    }
    if (check.location.known()) {
      *html += "<div class=\"where\">" +
               H(report::FileLocation(result.submission, check.location)) + "</div>";
    }
    WriteEvidence(check.evidence, html);
    if (!check.evidence.series.empty()) {
      *html += "<div class=\"where\"><a href=\"#chart-" + std::to_string(i + 1) +
               "\">see the chart below</a></div>";
    }
    *html += "</td></tr>\n";
  }
  *html += "</tbody>\n</table>\n";
}

void WriteCharts(const std::vector<const CheckResult*>& shown, const HtmlReportOptions& options,
                 std::string* html) {
  bool any = false;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    for (std::size_t k = 0; k < shown[i]->evidence.series.size(); ++k) {
      const SeriesEvidence& series = shown[i]->evidence.series[k];
      if (!any) {
        *html +=
            "<h2>Behaviour over time</h2>\n<p class=\"legend\">Shaded: the time window "
            "the rubric looks at. Dashed red: the thresholds it compares with.</p>\n"
            "<div class=\"charts\">\n";
      }
      any = true;
      ChartOptions chart;
      chart.width = options.chart_width;
      chart.height = options.chart_height;
      chart.standalone = false;
      const std::string id =
          "chart-" + std::to_string(i + 1) + (k == 0 ? std::string() : "-" + std::to_string(k + 1));
      *html += "<figure id=\"" + id + "\">\n" + WriteSvgLineChart(series, chart) + "<figcaption>" +
               StatusLabel(shown[i]->status) + " <a href=\"#check-" + std::to_string(i + 1) +
               "\">" + H(shown[i]->title.empty() ? shown[i]->id : shown[i]->title) +
               "</a></figcaption>\n</figure>\n";
    }
  }
  if (any) *html += "</div>\n";
}

// Which loops drive the model: the phases per scenario, the loops named,
// and a chart of each one's relative score.
void WriteDominance(const GradeResult& result, const HtmlReportOptions& options,
                    std::string* html) {
  const report::DominanceText text = report::DescribeDominance(result.dominance);
  if (text.heading.empty()) return;
  *html += "<h2>Which loops drive your model</h2>\n<p class=\"legend\">" + H(text.heading) +
           " Dashed red: the half that dominance means.</p>\n<ul>\n";
  for (const report::DominanceText::Block& block : text.blocks) {
    *html += "<li>" + H(block.title) + "<ul>\n";
    for (const std::string& line : block.lines) *html += "<li>" + H(line) + "</li>\n";
    *html += "</ul></li>\n";
  }
  *html += "</ul>\n<ul>\n";
  for (const std::string& loop : text.loops) *html += "<li>" + H(loop) + "</li>\n";
  *html += "</ul>\n<div class=\"charts\">\n";
  for (std::size_t i = 0; i < result.dominance.size(); ++i) {
    for (std::size_t k = 0; k < result.dominance[i].series.size(); ++k) {
      ChartOptions chart;
      chart.width = options.chart_width;
      chart.height = options.chart_height;
      chart.standalone = false;
      const SeriesEvidence& series = result.dominance[i].series[k];
      *html += "<figure id=\"dominance-" + std::to_string(i + 1) + "-" + std::to_string(k + 1) +
               "\">\n" + WriteSvgLineChart(series, chart) + "<figcaption>" + H(series.label) +
               "</figcaption>\n</figure>\n";
    }
  }
  *html += "</div>\n";
}

void WriteImages(const GradeResult& result, std::string* html) {
  bool any = false;
  for (const ResultImage& image : result.images) {
    // Only image types a browser shows in <img>, where an SVG cannot run
    // scripts or load anything.
    if (image.mime_type != "image/svg+xml" && image.mime_type != "image/png") continue;
    if (!any) *html += "<h2>Diagrams</h2>\n<div class=\"diagrams\">\n";
    any = true;
    *html += "<figure><img alt=\"" + H(image.label) + "\" src=\"data:" + image.mime_type +
             ";base64," + Base64Encode(image.data) + "\"><figcaption>" + H(image.label) +
             "</figcaption></figure>\n";
  }
  if (any) *html += "</div>\n";
}

void WriteConcepts(const GradeResult& result, std::string* html) {
  if (result.concepts.empty()) return;
  *html +=
      "<h2>How your names were matched</h2>\n<table>\n<thead><tr><th>Concept</th>"
      "<th>Section</th><th>Your element</th><th>Match</th></tr></thead>\n<tbody>\n";
  for (const ConceptBinding& binding : result.concepts) {
    std::string element = binding.element.empty() ? "(none)" : binding.element;
    if (binding.location.known())
      element += " (line " + std::to_string(binding.location.line) + ")";
    *html += "<tr><td>" + H(binding.concept_id) + "</td><td>" + H(binding.section) + "</td><td>" +
             H(element) + "</td><td>" + H(binding.match) + "</td></tr>\n";
  }
  *html += "</tbody>\n</table>\n";
}

}  // namespace

std::string WriteHtmlReport(const GradeResult& result, const HtmlReportOptions& options) {
  std::string html(kHead);
  WriteHeader(result, &html);
  if (!result.gradable) {
    html += result.rubric_error
                ? "<section class=\"card notgradable\">\n<div class=\"big\">Not gradable: rubric "
                  "error</div>\n<p>The rubric has errors, so the submission was not graded.</p>\n"
                : "<section class=\"card notgradable\">\n<div class=\"big\">Not gradable</div>\n"
                  "<p>The file has errors; fix them and grade again.</p>\n";
    WriteDiagnostics(result, options.student_view, &html);
    html += "</section>\n";
    WriteImages(result, &html);
    return html + "</main>\n</body>\n</html>\n";
  }
  const StudentView view = MakeStudentView(result);
  const std::vector<const CheckResult*> shown = report::ShownChecks(result, options.student_view);
  WriteScore(result, view, options.student_view, shown, &html);
  if (!result.diagnostics.empty()) {
    html += "<section class=\"card\">\n";
    WriteDiagnostics(result, options.student_view, &html);
    html += "</section>\n";
  }
  WriteChecks(result, shown, &html);
  WriteCharts(shown, options, &html);
  WriteDominance(result, options, &html);
  WriteImages(result, &html);
  WriteConcepts(result, &html);
  return html + "</main>\n</body>\n</html>\n";
}

}  // namespace sdlab
