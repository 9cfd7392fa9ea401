// AnalyseDominance: the loops to score (all of them, or the strongest-path
// search's), one scoring run, relative scores per cycle partition, phases.

#include "core/loops/loop_dominance.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include "core/engine/loop_scores.h"
#include "core/engine/run_setup.h"
#include "core/names.h"

namespace sdlab {

namespace {

// Strongly connected components of the graph's variables (Tarjan,
// iterative); returns the component of each variable.
std::vector<int> Components(const CausalGraph& graph) {
  const std::size_t n = graph.variables.size();
  std::vector<std::vector<int>> out(n);
  for (const CausalLink& link : graph.links) {
    out[static_cast<std::size_t>(link.from)].push_back(link.to);
  }
  std::vector<int> index(n, -1), low(n, 0), component(n, -1), stack;
  std::vector<bool> on_stack(n, false);
  int counter = 0, components = 0;
  struct Frame {
    int node;
    std::size_t next;
  };
  for (std::size_t root = 0; root < n; ++root) {
    if (index[root] >= 0) continue;
    std::vector<Frame> frames{{static_cast<int>(root), 0}};
    index[root] = low[root] = counter++;
    stack.push_back(static_cast<int>(root));
    on_stack[root] = true;
    while (!frames.empty()) {
      Frame& frame = frames.back();
      std::size_t v = static_cast<std::size_t>(frame.node);
      if (frame.next < out[v].size()) {
        std::size_t w = static_cast<std::size_t>(out[v][frame.next++]);
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack.push_back(static_cast<int>(w));
          on_stack[w] = true;
          frames.push_back({static_cast<int>(w), 0});
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        int w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[static_cast<std::size_t>(w)] = false;
          component[static_cast<std::size_t>(w)] = components;
        } while (static_cast<std::size_t>(w) != v);
        ++components;
      }
      frames.pop_back();
      if (!frames.empty()) {
        std::size_t parent = static_cast<std::size_t>(frames.back().node);
        low[parent] = std::min(low[parent], low[v]);
      }
    }
  }
  return component;
}

// The loop's links rotated to start at its variable with the smallest
// normalised name (FindLoops' canonical rotation).
std::vector<int> Canonical(const CausalGraph& graph, std::vector<int> links) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < links.size(); ++i) {
    const std::string& name = graph
                                  .variables[static_cast<std::size_t>(
                                      graph.links[static_cast<std::size_t>(links[i])].from)]
                                  .normalized;
    const std::string& current = graph
                                     .variables[static_cast<std::size_t>(
                                         graph.links[static_cast<std::size_t>(links[best])].from)]
                                     .normalized;
    if (name < current) best = i;
  }
  std::rotate(links.begin(), links.begin() + static_cast<std::ptrdiff_t>(best), links.end());
  return links;
}

// The strongest-path search at one step: from each stock, follow the
// links in order of their score's size, never reaching a variable with a
// weaker path than one already found to it; every return to the stock is
// a loop. Bounded by `budget` link visits.
void StrongestLoops(const CausalGraph& graph, const std::vector<bool>& is_stock,
                    const std::vector<int>& component, const std::vector<double>& scores,
                    std::set<std::vector<int>>* found, std::size_t cap) {
  const std::size_t n = graph.variables.size();
  std::vector<std::vector<int>> out(n);
  for (std::size_t l = 0; l < graph.links.size(); ++l) {
    if (scores[l] != 0)
      out[static_cast<std::size_t>(graph.links[l].from)].push_back(static_cast<int>(l));
  }
  for (auto& links : out) {
    std::stable_sort(links.begin(), links.end(), [&](int a, int b) {
      return std::fabs(scores[static_cast<std::size_t>(a)]) >
             std::fabs(scores[static_cast<std::size_t>(b)]);
    });
  }
  std::size_t budget = 200000;
  std::vector<double> best(n, 0);
  std::vector<bool> on_path(n, false);
  struct Frame {
    int node;
    double score;
    std::size_t next;
  };
  for (std::size_t start = 0; start < n && budget > 0 && found->size() < cap; ++start) {
    if (!is_stock[start]) continue;
    std::fill(best.begin(), best.end(), 0.0);
    std::vector<Frame> frames{{static_cast<int>(start), 1.0, 0}};
    std::vector<int> path;
    on_path[start] = true;
    while (!frames.empty() && budget > 0) {
      Frame& frame = frames.back();
      std::size_t v = static_cast<std::size_t>(frame.node);
      if (frame.next >= out[v].size()) {
        on_path[v] = false;
        frames.pop_back();
        if (!path.empty()) path.pop_back();
        continue;
      }
      --budget;
      int link = out[v][frame.next++];
      std::size_t w = static_cast<std::size_t>(graph.links[static_cast<std::size_t>(link)].to);
      double score = frame.score * std::fabs(scores[static_cast<std::size_t>(link)]);
      if (w == start) {
        std::vector<int> loop = path;
        loop.push_back(link);
        if (found->size() < cap) found->insert(Canonical(graph, loop));
        continue;
      }
      if (on_path[w] || component[w] != component[start] || score <= best[w]) continue;
      best[w] = score;
      on_path[w] = true;
      path.push_back(link);
      frames.push_back({static_cast<int>(w), score, 0});
    }
    for (std::size_t i = 0; i < n; ++i) on_path[i] = false;
  }
}

// The model links of graph links (Model::variables() indices).
std::vector<ScoredLink> ModelLinks(const ModelCausalGraph& graph, const std::vector<int>& links) {
  std::vector<ScoredLink> result;
  for (int l : links) {
    const CausalLink& link = graph.graph.links[static_cast<std::size_t>(l)];
    result.push_back({graph.element_of_variable[static_cast<std::size_t>(link.from)],
                      graph.element_of_variable[static_cast<std::size_t>(link.to)]});
  }
  return result;
}

// The phases of one partition, row by row: the fewest loops, strongest
// first, whose relative scores cover half; a new phase when they change.
class PhaseTracker {
 public:
  PhaseTracker(int partition, std::vector<int> members)
      : partition_(partition), members_(std::move(members)) {}

  bool Member(int i) const { return std::binary_search(members_.begin(), members_.end(), i); }

  // `candidates`: the loops (of any partition) whose relative score at this
  // row is not 0; `relative(i)`: loop i's relative score.
  template <typename Relative>
  void Row(double time, const std::vector<int>& candidates, const Relative& relative,
           std::vector<DominancePhase>* phases) {
    dominant_.clear();
    double covered = 0;
    // One pass most often: the strongest loop alone covers half.
    while (covered < 0.5) {
      int strongest = -1;
      double value = 0;
      for (int i : candidates) {
        if (!Member(i)) continue;
        double v = std::fabs(relative(i));
        if (v > value && (dominant_.empty() ||
                          std::find(dominant_.begin(), dominant_.end(), i) == dominant_.end())) {
          strongest = i;
          value = v;
        }
      }
      if (strongest < 0) break;
      dominant_.push_back(strongest);
      covered += value;
    }
    std::sort(dominant_.begin(), dominant_.end());
    if (!open_ || dominant_ != phase_.loops) {
      Finish(phases);
      phase_ = DominancePhase{};
      phase_.partition = partition_;
      phase_.start = time;
      phase_.loops = dominant_;
      sums_.assign(dominant_.size(), 0.0);
      open_ = true;
    }
    phase_.end = time;
    ++phase_.rows;
    for (std::size_t k = 0; k < dominant_.size(); ++k) sums_[k] += relative(dominant_[k]);
  }

  // Closes the phase in progress.
  void Finish(std::vector<DominancePhase>* phases) {
    if (!open_) return;
    for (std::size_t k = 0; k < phase_.loops.size(); ++k) {
      phase_.mean_relative.push_back(sums_[k] / static_cast<double>(phase_.rows));
    }
    phases->push_back(phase_);
    open_ = false;
  }

 private:
  int partition_;
  std::vector<int> members_;
  std::vector<int> dominant_;
  DominancePhase phase_;
  std::vector<double> sums_;
  bool open_ = false;
};

}  // namespace

bool AnalyseDominance(const Model& model, const DominanceOptions& options, DominanceResult* result,
                      Diagnostics& diagnostics) {
  *result = DominanceResult{};
  SimulationOptions plain = options.simulation;
  plain.observer = nullptr;
  // Which links exist does not depend on a run (only their polarities
  // do): the loops are found on this graph and scored in the run that then
  // gives the polarities, so that the model runs once.
  const ModelCausalGraph structure = BuildModelCausalGraph(model, nullptr, options.spec);
  const CausalGraph& graph = structure.graph;
  const std::vector<int> component = Components(graph);
  std::vector<bool> is_stock(graph.variables.size(), false);
  for (std::size_t v = 0; v < graph.variables.size(); ++v) {
    int element = structure.element_of_variable[v];
    is_stock[v] = element >= 0 &&
                  model.variables()[static_cast<std::size_t>(element)].kind == ElementKind::kStock;
  }

  int focus = -1;
  if (!options.variable.empty()) {
    result->variable = options.variable;
    focus = graph.FindVariable(options.variable);
    if (focus < 0) {
      std::vector<std::string> names;
      for (const CausalVariable& variable : graph.variables) names.push_back(variable.name);
      std::string hint = DidYouMean(options.variable, names);
      diagnostics.Error(Location{}, "the model has no element '" + options.variable + "'" +
                                        (hint.empty() ? "" : " (" + hint + ")"));
      return false;
    }
  }

  // The loops to score.
  LoopSearchOptions search;
  search.max_loops = options.max_loops;
  LoopSearchResult all = FindLoops(graph, search);
  std::vector<Loop> loops;
  if (all.complete) {
    loops = all.loops;
    result->method = DominanceResult::Method::kEveryLoop;
  } else {
    result->method = DominanceResult::Method::kStrongestPath;
    std::vector<int> every(graph.links.size());
    std::iota(every.begin(), every.end(), 0);
    LinkScorer scorer(model, ModelLinks(structure, every));
    std::set<std::vector<int>> found;
    std::size_t stride = 0;  // about 200 searches over the saved rows
    std::size_t row = 0;
    const std::size_t cap = std::max<std::size_t>(options.max_discovered * 10, 1000);
    SimulationOptions discovery = plain;
    discovery.save_all_variables = false;
    discovery.observer = [&](const StepView& view) {
      scorer.Observe(view);
      if (stride == 0) {
        // The rows the run saves: steps 0..N that are multiples of save_every.
        const auto rows = static_cast<std::size_t>(view.setup->steps / view.setup->save_every + 1);
        stride = std::max<std::size_t>(1, rows / 200);
      }
      if (!view.saved) return;
      if (row++ % stride == 0 && found.size() < cap) {
        StrongestLoops(graph, is_stock, component, scorer.scores(), &found, cap);
      }
    };
    Run ignored;
    if (!Simulate(model, discovery, &ignored, diagnostics)) return false;
    for (const std::vector<int>& links : found) {
      Loop loop;
      loop.links = links;
      loop.polarity = PolarityOfLinks(graph, links, &loop.negative_links, &loop.unknown_links);
      loops.push_back(loop);
    }
    std::stable_sort(loops.begin(), loops.end(),
                     [](const Loop& a, const Loop& b) { return a.links.size() < b.links.size(); });
  }
  if (focus >= 0) {
    std::vector<Loop> through;
    for (const Loop& loop : loops) {
      std::vector<int> variables = LoopVariables(graph, loop);
      if (std::count(variables.begin(), variables.end(), focus) > 0) through.push_back(loop);
    }
    loops = std::move(through);
  }

  // Partitions, numbered in loop order.
  const std::size_t n = loops.size();
  std::map<int, int> partition_of_component;
  std::vector<int> partition(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    int c = focus >= 0 ? component[static_cast<std::size_t>(focus)]
                       : component[static_cast<std::size_t>(
                             graph.links[static_cast<std::size_t>(loops[i].links[0])].from)];
    auto inserted =
        partition_of_component.emplace(c, static_cast<int>(partition_of_component.size()));
    partition[i] = inserted.first->second;
  }
  const std::size_t partitions = partition_of_component.size();
  result->partition_stocks.assign(partitions, {});
  for (const auto& [c, p] : partition_of_component) {
    for (std::size_t v = 0; v < graph.variables.size(); ++v) {
      if (component[v] == c && is_stock[v]) {
        result->partition_stocks[static_cast<std::size_t>(p)].push_back(graph.variables[v].name);
      }
    }
  }

  // Phases are followed during the run, while each row is at hand.
  std::vector<PhaseTracker> trackers;
  for (std::size_t p = 0; p < partitions; ++p) {
    std::vector<int> members;
    for (std::size_t i = 0; i < n; ++i) {
      if (partition[i] == static_cast<int>(p)) members.push_back(static_cast<int>(i));
    }
    trackers.emplace_back(static_cast<int>(p), std::move(members));
  }
  std::vector<DominancePhase> phases;

  // One scoring run over the links the loops use.
  std::vector<int> used;
  for (const Loop& loop : loops) used.insert(used.end(), loop.links.begin(), loop.links.end());
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  std::vector<std::size_t> slot_of_link(graph.links.size(), 0);
  for (std::size_t i = 0; i < used.size(); ++i) slot_of_link[static_cast<std::size_t>(used[i])] = i;
  LinkScorer scorer(model, ModelLinks(structure, used));
  // Each loop's links as positions in the scorer's list, one flat array, and
  // where its product last met a 0 (most often the same link is 0 again:
  // checked first, it ends the product at once).
  std::vector<std::size_t> loop_begin{0}, loop_links;
  for (const Loop& loop : loops) {
    for (int link : loop.links) loop_links.push_back(slot_of_link[static_cast<std::size_t>(link)]);
    loop_begin.push_back(loop_links.size());
  }
  std::vector<std::size_t> last_zero(loop_begin.begin(), loop_begin.end() - 1);
  // Per loop, per saved row: the loop score and the relative loop score;
  // per partition, the sum of its loops' absolute scores at this row.
  std::vector<std::vector<double>> scores(n), relative(n);
  std::vector<double> mean(n, 0.0), total(partitions, 0.0);
  std::size_t row = 0, rows = 0;
  std::vector<int> active;  // the loops not 0 at this row
  SimulationOptions scoring = plain;
  scoring.save_all_variables = true;  // the causal graph samples the run
  scoring.observer = [&](const StepView& view) {
    if (view.step == 0) {
      rows = static_cast<std::size_t>(view.setup->steps / view.setup->save_every + 1);
      for (std::size_t i = 0; i < n; ++i) {
        scores[i].assign(rows, 0.0);
        relative[i].assign(rows, 0.0);
      }
    }
    scorer.Observe(view);
    if (!view.saved || row >= rows) return;
    std::fill(total.begin(), total.end(), 0.0);
    active.clear();
    for (std::size_t i = 0; i < n; ++i) {
      double product = scorer.Score(loop_links[last_zero[i]]);
      if (product == 0) continue;  // scores[i][row] is 0 already
      for (std::size_t k = loop_begin[i]; k < loop_begin[i + 1] && product != 0; ++k) {
        if (k == last_zero[i]) continue;
        double link = scorer.Score(loop_links[k]);
        if (link == 0) last_zero[i] = k;
        product *= link;
      }
      if (!std::isfinite(product) || product == 0) continue;
      scores[i][row] = product;
      total[static_cast<std::size_t>(partition[i])] += std::fabs(product);
      active.push_back(static_cast<int>(i));
    }
    for (int i : active) {
      std::size_t loop = static_cast<std::size_t>(i);
      double value = scores[loop][row] / total[static_cast<std::size_t>(partition[loop])];
      relative[loop][row] = value;
      mean[loop] += std::fabs(value);
    }
    for (PhaseTracker& tracker : trackers) {
      tracker.Row(
          view.time, active, [&](int i) { return relative[static_cast<std::size_t>(i)][row]; },
          &phases);
    }
    ++row;
  };
  Run run;
  if (!Simulate(model, scoring, &run, diagnostics)) return false;
  if (row != run.times.size()) {
    diagnostics.Error(Location{}, "internal error: the scoring run saved other rows");
    return false;
  }
  result->times = run.times;
  result->model_graph = BuildModelCausalGraph(model, &run, options.spec);
  bool same = result->model_graph.graph.links.size() == graph.links.size();
  for (std::size_t l = 0; same && l < graph.links.size(); ++l) {
    same = result->model_graph.graph.links[l].from == graph.links[l].from &&
           result->model_graph.graph.links[l].to == graph.links[l].to;
  }
  if (!same) {
    diagnostics.Error(Location{}, "internal error: the causal graph changed with the run");
    return false;
  }
  for (Loop& loop : loops) {
    loop.polarity = PolarityOfLinks(result->model_graph.graph, loop.links, &loop.negative_links,
                                    &loop.unknown_links);
  }
  if (rows > 0) {
    for (double& value : mean) value /= static_cast<double>(rows);
  }

  // The strongest-path search may find many loops: keep the strongest on
  // average, and take the relative scores again among them.
  std::vector<std::size_t> keep(n);
  std::iota(keep.begin(), keep.end(), 0);
  if (result->method == DominanceResult::Method::kStrongestPath && n > options.max_discovered) {
    std::stable_sort(keep.begin(), keep.end(),
                     [&](std::size_t a, std::size_t b) { return mean[a] > mean[b]; });
    keep.resize(options.max_discovered);
    std::sort(keep.begin(), keep.end());
    phases.clear();  // followed again below, among the loops kept
    std::fill(mean.begin(), mean.end(), 0.0);
    for (std::size_t r = 0; r < rows; ++r) {
      std::fill(total.begin(), total.end(), 0.0);
      for (std::size_t i : keep)
        total[static_cast<std::size_t>(partition[i])] += std::fabs(scores[i][r]);
      for (std::size_t i : keep) {
        double sum = total[static_cast<std::size_t>(partition[i])];
        relative[i][r] = sum > 0 ? scores[i][r] / sum : 0;
        mean[i] += std::fabs(relative[i][r]) / static_cast<double>(rows);
      }
    }
  }
  for (std::size_t k = 0; k < keep.size(); ++k) {
    std::size_t i = keep[k];
    DominanceLoop loop;
    loop.id = "L" + std::to_string(k + 1);
    loop.loop = loops[i];
    loop.path = LoopPathText(result->model_graph.graph, loops[i]);
    loop.partition = partition[i];
    loop.score = std::move(scores[i]);
    loop.relative = std::move(relative[i]);
    loop.mean_abs_relative = mean[i];
    result->loops.push_back(std::move(loop));
  }
  result->method_text = result->method == DominanceResult::Method::kEveryLoop
                            ? "every loop (" + std::to_string(result->loops.size()) + ")"
                            : "strongest-path search (" + std::to_string(result->loops.size()) +
                                  " loops kept of " + std::to_string(loops.size()) +
                                  " found; the model has more than " +
                                  std::to_string(options.max_loops) + ")";

  if (keep.size() == n) {
    for (PhaseTracker& tracker : trackers) tracker.Finish(&phases);
  } else {
    // The loops kept, renumbered: phases again over their new scores.
    std::vector<PhaseTracker> kept;
    for (std::size_t p = 0; p < partitions; ++p) {
      std::vector<int> members;
      for (std::size_t k = 0; k < result->loops.size(); ++k) {
        if (result->loops[k].partition == static_cast<int>(p))
          members.push_back(static_cast<int>(k));
      }
      kept.emplace_back(static_cast<int>(p), std::move(members));
    }
    std::vector<int> nonzero;
    for (std::size_t r = 0; r < rows; ++r) {
      nonzero.clear();
      for (std::size_t k = 0; k < result->loops.size(); ++k) {
        if (result->loops[k].relative[r] != 0) nonzero.push_back(static_cast<int>(k));
      }
      for (PhaseTracker& tracker : kept) {
        tracker.Row(
            result->times[r], nonzero,
            [&](int k) { return result->loops[static_cast<std::size_t>(k)].relative[r]; }, &phases);
      }
    }
    for (PhaseTracker& tracker : kept) tracker.Finish(&phases);
  }
  // Partition by partition, each in time order.
  std::stable_sort(
      phases.begin(), phases.end(),
      [](const DominancePhase& a, const DominancePhase& b) { return a.partition < b.partition; });
  result->phases = std::move(phases);
  return true;
}

void NameDeclaredLoops(const CausalGraph& diagram, DominanceResult* result) {
  const std::vector<int> match = MatchDiagramToModel(diagram, result->model_graph);
  const CausalGraph& graph = result->model_graph.graph;
  for (const DeclaredLoop& declared : diagram.declared_loops) {
    std::vector<int> wanted;
    for (const DeclaredLoop::Step& step : declared.path) {
      if (step.variable < 0) continue;
      int model = match[static_cast<std::size_t>(step.variable)];
      if (model >= 0 && std::find(wanted.begin(), wanted.end(), model) == wanted.end()) {
        wanted.push_back(model);
      }
    }
    if (wanted.size() < 2) continue;
    DominanceLoop* best = nullptr;
    for (DominanceLoop& loop : result->loops) {
      std::vector<int> on = LoopVariables(graph, loop.loop);
      bool all = std::all_of(wanted.begin(), wanted.end(),
                             [&](int v) { return std::find(on.begin(), on.end(), v) != on.end(); });
      if (!all) continue;
      // Not a loop of the other type, nor one much longer than the
      // student's: that would be another loop.
      if (loop.loop.links.size() > declared.path.size() + 4) continue;
      if (declared.label && *declared.label != LoopPolarity::kUndetermined &&
          loop.loop.polarity != LoopPolarity::kUndetermined &&
          loop.loop.polarity != *declared.label) {
        continue;
      }
      // The closest: the student's type first, then the fewest links, then
      // the strongest.
      auto rank = [&](const DominanceLoop& candidate) {
        bool same = declared.label && candidate.loop.polarity == *declared.label;
        return std::make_tuple(same ? 0 : 1, candidate.loop.links.size(),
                               -candidate.mean_abs_relative);
      };
      if (best == nullptr || rank(loop) < rank(*best)) best = &loop;
    }
    if (best == nullptr || !best->declared.empty()) continue;
    best->declared = declared.id + (declared.name.empty() ? "" : " '" + declared.name + "'");
  }
}

}  // namespace sdlab
