#pragma once
// The feedback loops of a stock-and-flow model: its causal graph (an edge
// from each element an equation references to the element it defines;
// inflow -> stock +, outflow -> stock -), each link's polarity read from the
// equations (symbolically where the operators make it certain, otherwise
// from the sign of the partial derivative sampled along a simulated run),
// and where the student's causal loop diagram contradicts the model.

#include <cstddef>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/engine/model.h"
#include "core/engine/simulator.h"
#include "core/loops/causal_graph.h"

namespace sdlab {

/// How a link of the model's causal graph got its polarity.
enum class PolarityEvidence {
  kStockFlow,   // inflow -> stock is +, outflow -> stock is - (by definition)
  kSymbolic,    // the operators on the path from the reference to the result
                // make the sign certain (sums, monotone functions, products
                // of positive terms ...)
  kSampled,     // the partial derivative had this one sign wherever it was
                // non-zero along the run
  kMixed,       // the sampled derivative was + at some times and - at others:
                // unknown (MIN/MAX/IF switching branches, ABS around zero ...)
  kNoEffect,    // the sampled derivative was 0 at every sample: unknown
  kNotSampled,  // not symbolic and no run to sample: unknown
};

/// "stock-flow", "symbolic", "sampled", "mixed", "no effect", "not sampled".
const char* PolarityEvidenceName(PolarityEvidence evidence);

/// The causal graph of a model. Its variables are the model's stocks,
/// flows, auxiliaries and constants (lookups are functions, not variables),
/// with their names and concept bindings; it has no declared loops.
struct ModelCausalGraph {
  CausalGraph graph;
  /// graph variable index -> Model::variables() index.
  std::vector<int> element_of_variable;
  /// Per link of `graph`: how its polarity was decided, and a short reason
  /// for people ("inflow", "sum", "MIN() switches branch: + until t=12, -
  /// after").
  std::vector<PolarityEvidence> evidence;
  std::vector<std::string> reason;
};

struct ModelLoopOptions {
  /// At most this many saved rows of the run are sampled (evenly spaced).
  std::size_t max_samples = 200;
};

/// Builds the model's causal graph. Stateful builtins (SMTH*, DELAY*, TREND,
/// PREVIOUS) pass their input through: their output moves with it; their
/// initial-value argument and INIT(x) (fixed after the start) carry no
/// feedback and make no link. `run` (a simulation of `model`) is sampled for
/// links the equations do not settle symbolically; without it those links
/// are unknown (kNotSampled). `spec`, the model as written, when given,
/// supplies `concept:` bindings and which stocks are non-negative (which
/// settles more products and quotients symbolically). Never fails.
ModelCausalGraph BuildModelCausalGraph(const Model& model, const Run* run,
                                       const StockFlowModel* spec = nullptr,
                                       const ModelLoopOptions& options = {});

/// Where the diagram and the model disagree about one diagram link whose
/// two ends both correspond to model elements (same normalised name, or
/// the same `concept:`).
struct LinkContradiction {
  enum class Kind {
    kOppositeSign,  // every way the cause reaches the effect in the model has
                    // the other sign
    kNoInfluence,   // in the model the cause does not reach the effect at all
  };
  Kind kind = Kind::kOppositeSign;
  int diagram_link = -1;  // index into the diagram's links
  LinkPolarity diagram_polarity = LinkPolarity::kUnknown;
  LinkPolarity model_polarity = LinkPolarity::kUnknown;
  /// One model path from cause to effect (link indices into the model
  /// graph), shortest first; empty for kNoInfluence.
  std::vector<int> model_path;
  /// "your diagram says Pods -> Latency is +, but in your model a rise in
  /// Pods lowers Latency (Pods -(-)-> Latency)".
  std::string message;
};

/// Compares each diagram link with known polarity against the model: the
/// model's influence of the cause on the effect is read along its causal
/// paths that pass through no other element the diagram names (a diagram
/// link may summarise a chain of model links). A contradiction is reported
/// (as a located warning at the diagram link, and in the result) when every
/// such path has the opposite sign, or when there is no path at all. Paths
/// with an unknown link, or of both signs, are not contradictions.
std::vector<LinkContradiction> CompareDiagramWithModel(const CausalGraph& diagram,
                                                       const ModelCausalGraph& model,
                                                       Diagnostics& diagnostics);

/// The model element index (into ModelCausalGraph::graph.variables) for
/// each diagram variable, or -1: same normalised name, else same concept.
std::vector<int> MatchDiagramToModel(const CausalGraph& diagram, const ModelCausalGraph& model);

}  // namespace sdlab
