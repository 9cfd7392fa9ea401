#include "core/diagram/submission_diagram.h"

#include "core/diagram/cld_diagram.h"
#include "core/diagram/graphviz_adapter.h"
#include "core/diagram/sfd_diagram.h"

namespace sdlab {

std::optional<Diagram> BuildSubmissionDiagram(const SubmissionAnalysis& analysis, DiagramKind kind,
                                              Diagnostics& diagnostics) {
  if (!analysis.submission) return std::nullopt;
  const Submission& submission = *analysis.submission;
  if (kind == DiagramKind::kCausalLoop) {
    if (!submission.causal_loop.present) {
      diagnostics.Error({}, "there is no 'causal_loop' section to draw");
      return std::nullopt;
    }
    if (!analysis.diagram) {
      diagnostics.Error({}, analysis.diagram_problem);
      return std::nullopt;
    }
    diagnostics.Append(analysis.diagram->graph_diagnostics);
    if (diagnostics.has_errors()) return std::nullopt;
    // The loop check's own findings are `sdlab loops`' business; here it
    // only says which declared loop is where and of which polarity.
    Diagram diagram = BuildCldDiagram(analysis.diagram->graph, &analysis.diagram->declared);
    // Refused here, at the section, rather than by the renderer, which
    // knows no location.
    if (!CheckDrawable(diagram, submission.causal_loop.location, diagnostics)) return std::nullopt;
    return diagram;
  }
  if (!submission.stock_flow.present) {
    diagnostics.Error({}, "there is no 'stock_flow' section to draw");
    return std::nullopt;
  }
  Diagram diagram = BuildSfdDiagram(submission.stock_flow);
  if (!CheckDrawable(diagram, submission.stock_flow.location, diagnostics)) return std::nullopt;
  return diagram;
}

}  // namespace sdlab
