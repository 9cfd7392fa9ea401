#pragma once
// The causal loop diagram as the course and Stella/Vensim users draw it:
// variables as plain text, curved links with `+`/`−` at the arrowhead, `‖`
// across delayed links, and for each declared loop its label (R1, B2 …)
// under a circular arrow that turns the way the loop does, placed inside the
// loop. Loops are coloured by polarity (core/diagram/diagram.h: R orange, B blue,
// U grey), the same in every diagram. Grading annotations mark wrong labels,
// contradicted links and missing links on the student's own drawing.

#include <string>

#include "core/diagram/diagram.h"
#include "core/loops/causal_graph.h"
#include "core/loops/loop_check.h"

namespace sdlab {

/// Node ids: "v0".. for variables (CausalGraph order), "m0".. for loop
/// markers (one per declared loop, in declaration order), "x0".. for the
/// absent ends of missing links. Markers need `loops` (the loop check's
/// result); without it only variables and links are drawn.
Diagram BuildCldDiagram(const CausalGraph& graph, const LoopCheckResult* loops = nullptr,
                        const DiagramAnnotations* annotations = nullptr);

/// What the loop check found, as annotations: each mislabelled loop with its
/// correct type, and each link a declared path needs but the diagram lacks
/// (sign unknown: "?"). For `sdlab check` and the grader.
DiagramAnnotations LoopCheckAnnotations(const CausalGraph& graph, const LoopCheckResult& loops);

/// The sign drawn at an arrowhead: "+", "−" (U+2212) or "?".
const char* LinkSignGlyph(LinkPolarity polarity);

/// The colour of a loop of this polarity (kReinforcingColor ...).
const char* LoopColor(LoopPolarity polarity);

}  // namespace sdlab
