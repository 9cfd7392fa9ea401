#pragma once
// Which feedback loop drives a model's behaviour, when: Loops That Matter
// (core/engine/loop_scores.h) over the loops of the model's causal graph —
// every loop when there are few enough, else the loops the strongest-path
// search of Eberlein and Schoenberg ("Finding the loops that matter", 2020)
// finds — with loop scores, relative loop scores per cycle partition, and
// the phases in which one loop or a set of loops dominates.
// docs/loop-dominance.md.

#include <cstddef>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/engine/model.h"
#include "core/engine/simulator.h"
#include "core/loops/causal_graph.h"
#include "core/loops/loop_finder.h"
#include "core/loops/model_loops.h"

namespace sdlab {

struct DominanceOptions {
  /// The run (method, dt, times, overrides). Its observer is taken.
  SimulationOptions simulation;
  /// Every loop is scored when the model has at most this many; beyond it
  /// the strongest-path search finds the loops to score.
  std::size_t max_loops = 1000;
  /// The strongest-path search keeps at most this many loops (the
  /// strongest on average).
  std::size_t max_discovered = 200;
  /// When not empty: only the loops through this element, their relative
  /// scores taken among themselves ("which loop drives the request queue").
  std::string variable;
  /// The model as written (concept bindings, non-negative stocks) for the
  /// causal graph; may be null.
  const StockFlowModel* spec = nullptr;
};

struct DominanceLoop {
  std::string id;  // L1, L2, ...: the numbering of `sdlab loops --source sfd`
  Loop loop;       // links of DominanceResult::graph
  std::string path;
  int partition = 0;
  /// Per saved row: the loop score and the relative loop score (signed;
  /// the absolute values of a partition's loops sum to 1, or all are 0).
  std::vector<double> score;
  std::vector<double> relative;
  double mean_abs_relative = 0;
  /// The student's declared loop this one is (NameDeclaredLoops): "R1
  /// 'Retry storm'"; empty when none.
  std::string declared;
};

/// A time interval in which the same loops dominate: the fewest loops,
/// strongest first, whose relative scores add up to at least half (in
/// absolute value). No loop dominates where every score is 0.
struct DominancePhase {
  int partition = 0;
  double start = 0;  // first saved time of the phase
  double end = 0;    // last saved time of the phase
  std::size_t rows = 0;
  std::vector<int> loops;             // indices into DominanceResult::loops
  std::vector<double> mean_relative;  // per loop of `loops`, over the phase
};

struct DominanceResult {
  enum class Method {
    kEveryLoop,      // every loop of the model was scored
    kStrongestPath,  // the model has more loops than max_loops
  };
  Method method = Method::kEveryLoop;
  /// The model's causal graph (links the loops index).
  ModelCausalGraph model_graph;
  std::vector<double> times;  // saved rows
  std::vector<DominanceLoop> loops;
  std::vector<DominancePhase> phases;
  /// Per partition: its stocks' names (a partition is a group of stocks
  /// connected by feedback; scores are relative within it).
  std::vector<std::vector<std::string>> partition_stocks;
  std::string variable;  // the focus as written, or ""
  /// "every loop (3)", "strongest-path search (12 loops found; the model
  /// has more than 1000)".
  std::string method_text;
};

/// Runs the model once (twice for the strongest-path search) and scores its
/// loops. Errors (the run fails, the focus names no element) go to
/// `diagnostics`; returns false then.
bool AnalyseDominance(const Model& model, const DominanceOptions& options, DominanceResult* result,
                      Diagnostics& diagnostics);

/// Names the model's loops after the loops the student declared in the
/// causal loop diagram: a declared loop is the model loop that passes through
/// every one of its variables the model has (the same name, or the same
/// `concept:`), at least two of them, is not of the other type and has at
/// most four links more than the declared path has variables; of
/// several, the one of the student's type, then the shortest, then the
/// strongest. A model loop keeps the first
/// declared loop that names it.
void NameDeclaredLoops(const CausalGraph& diagram, DominanceResult* result);

}  // namespace sdlab
