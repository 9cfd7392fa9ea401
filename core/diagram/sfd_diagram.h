#pragma once
// The stock-and-flow diagram as Stella and Vensim users draw it: stocks as
// boxes (name, initial value, capacity), flows as double-line pipes with a
// valve and the flow's name, clouds where material comes from or goes to
// outside the model, auxiliaries and constants as plain text, and thin
// information links from what an equation reads to what it defines. Drawn
// left to right, so inflows enter from the left and outflows leave right.

#include <string>
#include <string_view>
#include <vector>

#include "core/diagram/diagram.h"
#include "core/load/submission.h"

namespace sdlab {

/// Node ids in the diagram: "s0".. for stocks, "f0".. for flows (valves),
/// "a0".. auxiliaries, "k0".. constants, "l0".. lookups, "c0".. clouds, in
/// model order. The valve's glyph is port "v" of its flow node.
Diagram BuildSfdDiagram(const StockFlowModel& model,
                        const DiagramAnnotations* annotations = nullptr);

/// The names an equation mentions, as written, in order of first mention:
/// quoted names ("Request Queue") and identifiers (request_queue,
/// latency_effect in `latency_effect(x)`). Numbers, operators and keywords
/// are skipped; a caller keeps the names that are elements of the model.
std::vector<std::string> EquationNames(std::string_view equation);

/// A number as a person writes it: 100, 0.25, 1e-06.
std::string FormatDiagramNumber(double value);

}  // namespace sdlab
