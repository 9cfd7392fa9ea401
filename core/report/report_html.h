#pragma once
// The HTML report: one self-contained page per submission that a student can
// open offline. No scripts, no network: styles are inline, diagrams are
// `data:` images, charts are inline SVG, and a Content-Security-Policy
// forbids any fetch. Every piece of student text is escaped.

#include <string>

#include "core/grade/grade_result.h"

namespace sdlab {

struct HtmlReportOptions {
  /// A student's self-check: only visible checks; the others are counted.
  bool student_view = false;
  /// Size of each behaviour chart in CSS pixels.
  int chart_width = 500;  // two charts side by side
  int chart_height = 260;
};

/// A complete HTML5 document for one result: header (submission, author,
/// lab, rubric), score, the diagnostics, a table of checks (status, points,
/// message, details, hint, location, evidence), a chart per simulated series
/// a check looked at (with its window and thresholds), the result's images
/// (the annotated diagrams) and the concept bindings. A result that is not
/// gradable shows its diagnostics instead of checks. Deterministic.
std::string WriteHtmlReport(const GradeResult& result, const HtmlReportOptions& options);

}  // namespace sdlab
