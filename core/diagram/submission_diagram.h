#pragma once
// The diagram `sdlab render` draws for a submission: its causal loop diagram
// (each declared loop's marker where the loop is) or its stock-and-flow
// diagram, from the analysis every command starts from
// (core/loops/submission_analysis.h).

#include <optional>

#include "core/diagnostic.h"
#include "core/diagram/diagram.h"
#include "core/loops/submission_analysis.h"

namespace sdlab {

enum class DiagramKind { kCausalLoop, kStockFlow };

/// Builds the diagram of a loaded submission. A missing section, or a
/// causal loop diagram with errors, is an error in `diagnostics` (the
/// diagram's own diagnostics are appended there) and gives nullopt.
std::optional<Diagram> BuildSubmissionDiagram(const SubmissionAnalysis& analysis, DiagramKind kind,
                                              Diagnostics& diagnostics);

}  // namespace sdlab
