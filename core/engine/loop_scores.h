#pragma once
// Loops That Matter link scores of a compiled model at every dt step of a
// run (Schoenberg, Davidsen and Eberlein, System Dynamics Review 36(2),
// 2020; the flow-to-stock score as corrected by Schoenberg, Hayward and
// Eberlein, System Dynamics Review 39(2), 2023). docs/loop-dominance.md
// explains the method and the choices below.
//
// For a link x -> z, z = f(x, y, ...) a flow or auxiliary, over the step
// that ends at t:
//
//     LS(x -> z) = |Δx(z) / Δz| · sign(Δx(z) / Δx)     (0 when Δz or Δx is 0)
//     Δx(z)      = z(t) - f(x(t - dt), y(t), ...)
//
// only x held at its previous value ("changed-last"; the papers' and
// simlin's changed-first form holds every other input instead: the two agree
// to first order, and this one reproduces Stella's published logistic-growth
// scores at every step, both ends included). For a flow f into or out of
// stock S:
//
//     LS(f -> S) = ±|Δf / Δnet|,  net = inflows - outflows - overflow
//
// (+ inflow, - outflow; 0 when Δf or Δnet is 0), the same for one net flow
// or several flows. A stateful builtin in z's equation (SMTH1/3/N,
// DELAY1/3/N, DELAY, TREND, PREVIOUS) is a chain from its input to its
// output: its internal stocks are scored as stocks (the smoothing or
// material stages), a pipeline DELAY, PREVIOUS and TREND pass all of their
// output's change on (a unit transfer). The link from the builtin's input x
// to z is the product along that chain.

#include <cstddef>
#include <memory>
#include <vector>

#include "core/engine/model.h"
#include "core/engine/simulator.h"

namespace sdlab {

/// A causal link of the model: Model::variables() indices.
struct ScoredLink {
  int from = -1;
  int to = -1;
};

/// Scores links step by step: pass Observe as (or from)
/// SimulationOptions::observer. Needs no memory per step.
class LinkScorer {
 public:
  LinkScorer(const Model& model, std::vector<ScoredLink> links);
  ~LinkScorer();
  LinkScorer(const LinkScorer&) = delete;
  LinkScorer& operator=(const LinkScorer&) = delete;

  /// Takes the next step of the run (steps in order, from the first). After
  /// the call Score(i) and scores() give the links' scores over the step
  /// that ended at view.time (all 0 at the first step: there is no previous
  /// one). A score is computed when it is first asked for, so steps nobody
  /// reads cost only a copy of the slots.
  void Observe(const StepView& view);
  /// Link i's score at the last step observed.
  double Score(std::size_t link) {
    return scored_[link] == *observed_ ? scores_[link] : ScoreNow(link);
  }
  /// Every link's score at the last step observed.
  const std::vector<double>& scores();

 private:
  double ScoreNow(std::size_t link);

  struct Impl;
  std::unique_ptr<Impl> impl_;
  // Into impl_: the scores, the step each was computed at, the step now.
  const double* scores_ = nullptr;
  const long long* scored_ = nullptr;
  const long long* observed_ = nullptr;
};

}  // namespace sdlab
