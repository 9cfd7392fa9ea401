#include "core/report/report_diagrams.h"

#include <algorithm>

#include "core/diagram/cld_diagram.h"
#include "core/diagram/sfd_diagram.h"
#include "core/names.h"

namespace sdlab {

namespace {

void Attach(const Diagram& diagram, const char* label, const std::string& file,
            const Location& section, const RenderLimits& limits, GradeResult* result) {
  Diagnostics diagnostics(file);
  RenderOutput output;
  if (!CheckDrawable(diagram, section, diagnostics, limits) ||
      !RenderDiagram(diagram, ImageFormat::kSvg, &output, diagnostics, limits)) {
    for (Diagnostic diagnostic : diagnostics.items()) {
      diagnostic.severity = Severity::kWarning;
      diagnostic.message = std::string(label) + " not drawn: " + diagnostic.message;
      result->diagnostics.push_back(diagnostic);
    }
    return;
  }
  result->images.push_back({label, "image/svg+xml", std::move(output.data)});
}

}  // namespace

void AddCheckedLinks(const GradeResult& result, bool student_view,
                     DiagramAnnotations* annotations) {
  for (const CheckResult& check : result.checks) {
    if (student_view && check.visibility != Visibility::kVisible) continue;
    for (const LinkEvidence& link : check.evidence.links) {
      std::vector<LinkAnnotation>& marks =
          link.present ? annotations->contradicted_links : annotations->missing_links;
      auto same = std::find_if(marks.begin(), marks.end(), [&](const LinkAnnotation& mark) {
        return NormalizeName(mark.from) == NormalizeName(link.from) &&
               NormalizeName(mark.to) == NormalizeName(link.to);
      });
      // A wrong sign says what the rubric expects (the diagram's default
      // note would call it the model's sign); a student's view marks the
      // link without giving the expected sign away.
      const std::string polarity = student_view ? "?" : link.expected_polarity;
      std::string note;
      if (link.present) {
        note = student_view
                   ? "check this sign"
                   : std::string("expected: ") + LinkSignGlyph(link.expected_polarity == "-"
                                                                   ? LinkPolarity::kNegative
                                                                   : LinkPolarity::kPositive);
      }
      if (same == marks.end()) {
        marks.push_back({link.from, link.to, polarity, note});
      } else {
        same->polarity = polarity;  // the check knows the sign; a loop gap does not
        same->note = note;
      }
    }
  }
}

void AttachDiagrams(const SubmissionAnalysis& analysis, GradeResult* result,
                    const RenderLimits& limits, bool student_view) {
  if (!result->images.empty() || !analysis.submission) return;
  const Submission& submission = *analysis.submission;
  try {
    if (submission.causal_loop.present && !analysis.diagram && !analysis.diagram_problem.empty()) {
      Diagnostic warning;
      warning.severity = Severity::kWarning;
      warning.file = submission.path;
      warning.message = "Causal loop diagram not drawn: " + analysis.diagram_problem;
      result->diagnostics.push_back(warning);
    }
    if (submission.causal_loop.present && analysis.diagram) {
      // Problems in the diagram are the grader's to report; here they only
      // decide what is drawn and marked.
      const DiagramAnalysis& diagram = *analysis.diagram;
      DiagramAnnotations annotations = LoopCheckAnnotations(diagram.graph, diagram.declared);
      AddCheckedLinks(*result, student_view, &annotations);
      Attach(BuildCldDiagram(diagram.graph, &diagram.declared, &annotations), "Causal loop diagram",
             submission.path, submission.causal_loop.location, limits, result);
    }
    if (submission.stock_flow.present) {
      Attach(BuildSfdDiagram(submission.stock_flow), "Stock-and-flow diagram", submission.path,
             submission.stock_flow.location, limits, result);
    }
  } catch (const std::exception& error) {
    // Out of memory, say: the report goes out without the diagrams.
    Diagnostic warning;
    warning.severity = Severity::kWarning;
    warning.file = submission.path;
    warning.message = std::string("the diagrams could not be drawn: ") + error.what();
    result->diagnostics.push_back(warning);
  }
}

void AttachDiagrams(const Submission& submission, GradeResult* result, const RenderLimits& limits,
                    bool student_view) {
  if (!result->images.empty()) return;
  AttachDiagrams(AnalyseSubmission(submission), result, limits, student_view);
}

}  // namespace sdlab
