#include "core/loops/model_loops.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <utility>

#include "core/engine/simulator.h"
#include "core/equation/equation_ast.h"
#include "core/loops/equation_polarity.h"
#include "core/loops/loop_finder.h"
#include "core/names.h"

namespace sdlab {

namespace {

// Bounds on the search for the model's paths behind one diagram link: a
// dense model must not turn one comparison into an exponential walk. When a
// bound is hit, the link is not judged (no contradiction is claimed).
constexpr std::size_t kMaxPathsPerLink = 1000;
constexpr std::size_t kMaxSearchSteps = 200000;

struct PathSearch {
  const CausalGraph& graph;
  const std::vector<std::vector<int>>& out_links;  // per variable: links leaving it
  const std::vector<bool>& blocked;                // may not be passed through
  int target;
  std::vector<std::vector<int>> paths;
  std::vector<int> path;
  std::vector<bool> on_path;
  std::size_t steps = 0;
  bool exhausted = false;  // a bound was hit

  void From(int vertex) {
    for (int link : out_links[static_cast<std::size_t>(vertex)]) {
      if (exhausted) return;
      if (++steps > kMaxSearchSteps || paths.size() >= kMaxPathsPerLink) {
        exhausted = true;
        return;
      }
      int next = graph.links[static_cast<std::size_t>(link)].to;
      if (on_path[static_cast<std::size_t>(next)]) continue;
      path.push_back(link);
      if (next == target) {
        paths.push_back(path);
      } else if (!blocked[static_cast<std::size_t>(next)]) {
        on_path[static_cast<std::size_t>(next)] = true;
        From(next);
        on_path[static_cast<std::size_t>(next)] = false;
      }
      path.pop_back();
    }
  }
};

LinkPolarity PathPolarity(const CausalGraph& graph, const std::vector<int>& path) {
  switch (PolarityOfLinks(graph, path)) {
    case LoopPolarity::kReinforcing:
      return LinkPolarity::kPositive;
    case LoopPolarity::kBalancing:
      return LinkPolarity::kNegative;
    case LoopPolarity::kUndetermined:
      break;
  }
  return LinkPolarity::kUnknown;
}

// ---- The model's causal graph ----

// The variables an equation references in a way that can carry feedback.
void CollectReferences(const Expr& expr, std::set<int>* references) {
  if (expr.kind == ExprKind::kVariable && expr.variable >= 0) references->insert(expr.variable);
  for (std::size_t i = 0; i < expr.args.size(); ++i) {
    if (expr.kind == ExprKind::kCall && IsInitialValueArgument(expr.builtin, i)) continue;
    CollectReferences(*expr.args[i], references);
  }
}

struct SampledSign {
  std::size_t positive = 0;
  std::size_t negative = 0;
  double first_positive_time = 0;
  double first_negative_time = 0;
};

// The sign of ∂element/∂variable by central differences at sampled rows.
SampledSign SampleDerivative(const Model& model, const Run& run, int element, int variable,
                             const std::vector<std::size_t>& rows) {
  SampledSign sampled;
  const std::size_t count = run.values_by_variable.size();
  std::vector<double> values(count);
  for (std::size_t row : rows) {
    for (std::size_t i = 0; i < count; ++i) values[i] = run.values_by_variable[i][row];
    const double x = values[static_cast<std::size_t>(variable)];
    if (!std::isfinite(x)) continue;
    const double h = 1e-6 * std::max(1.0, std::fabs(x));
    values[static_cast<std::size_t>(variable)] = x + h;
    const double up = model.EvaluateWith(element, values, run.times[row]);
    values[static_cast<std::size_t>(variable)] = x - h;
    const double down = model.EvaluateWith(element, values, run.times[row]);
    if (!std::isfinite(up) || !std::isfinite(down)) continue;
    // A change below rounding noise is no change.
    const double tolerance = 1e-9 * std::max({std::fabs(up), std::fabs(down), 1e-300});
    const double difference = up - down;
    if (difference > tolerance) {
      if (sampled.positive++ == 0) sampled.first_positive_time = run.times[row];
    } else if (difference < -tolerance) {
      if (sampled.negative++ == 0) sampled.first_negative_time = run.times[row];
    }
  }
  return sampled;
}

std::string TimeText(double time) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", time);
  return buffer;
}

}  // namespace

ModelCausalGraph BuildModelCausalGraph(const Model& model, const Run* run,
                                       const StockFlowModel* spec,
                                       const ModelLoopOptions& options) {
  ModelCausalGraph result;
  const std::vector<ModelVariable>& elements = model.variables();
  std::vector<int> vertex_of(elements.size(), -1);
  std::map<std::string, std::string> concepts;
  if (spec != nullptr) {
    auto note = [&](const ElementInfo& info) {
      if (!info.concept_id.empty()) concepts[NormalizeName(info.name)] = info.concept_id;
    };
    for (const Stock& element : spec->stocks) note(element);
    for (const Flow& element : spec->flows) note(element);
    for (const Auxiliary& element : spec->auxiliaries) note(element);
    for (const Constant& element : spec->constants) note(element);
  }
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (elements[i].kind == ElementKind::kLookup) continue;
    vertex_of[i] = static_cast<int>(result.graph.variables.size());
    CausalVariable variable;
    variable.name = elements[i].name;
    variable.normalized = elements[i].normalized;
    auto concept_binding = concepts.find(elements[i].normalized);
    if (concept_binding != concepts.end()) variable.concept_id = concept_binding->second;
    variable.location = elements[i].location;
    variable.declared = true;
    result.graph.variables.push_back(std::move(variable));
    result.element_of_variable.push_back(static_cast<int>(i));
  }

  std::vector<std::size_t> rows;
  const bool can_sample =
      run != nullptr && !run->times.empty() && run->values_by_variable.size() == elements.size();
  if (can_sample) {
    const std::size_t total = run->times.size();
    const std::size_t samples = std::max<std::size_t>(1, std::min(options.max_samples, total));
    for (std::size_t k = 0; k < samples; ++k) {
      rows.push_back(samples == 1 ? 0 : k * (total - 1) / (samples - 1));
    }
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  }

  const EquationPolarity symbolic(model, can_sample ? run : nullptr, spec);
  auto add_link = [&](int from, int to, LinkPolarity polarity, PolarityEvidence evidence,
                      std::string reason) {
    CausalLink link;
    link.from = vertex_of[static_cast<std::size_t>(from)];
    link.to = vertex_of[static_cast<std::size_t>(to)];
    link.polarity = polarity;
    link.location = elements[static_cast<std::size_t>(to)].location;
    result.graph.links.push_back(std::move(link));
    result.evidence.push_back(evidence);
    result.reason.push_back(std::move(reason));
  };

  for (std::size_t i = 0; i < elements.size(); ++i) {
    const ModelVariable& element = elements[i];
    const int to = static_cast<int>(i);
    if (element.kind == ElementKind::kStock) {
      for (int flow : element.inflows) {
        bool also_out = std::count(element.outflows.begin(), element.outflows.end(), flow) > 0;
        if (!also_out) {
          add_link(flow, to, LinkPolarity::kPositive, PolarityEvidence::kStockFlow, "inflow");
        }
      }
      for (int flow : element.outflows) {
        bool also_in = std::count(element.inflows.begin(), element.inflows.end(), flow) > 0;
        if (!also_in) {
          add_link(flow, to, LinkPolarity::kNegative, PolarityEvidence::kStockFlow, "outflow");
        }
      }
      continue;
    }
    if (element.equation == nullptr) continue;  // constants
    std::set<int> references;
    CollectReferences(*element.equation, &references);
    for (int from : references) {
      if (from == to || vertex_of[static_cast<std::size_t>(from)] < 0) continue;
      const std::string equation = element.name + " = " + ExprToString(*element.equation);
      symbolic.ForgetRunUse();
      EquationSign sign = symbolic.Derivative(*element.equation, from);
      if (sign == EquationSign::kPositive || sign == EquationSign::kNegative) {
        const LinkPolarity polarity =
            sign == EquationSign::kPositive ? LinkPolarity::kPositive : LinkPolarity::kNegative;
        if (symbolic.used_run()) {
          add_link(from, to, polarity, PolarityEvidence::kSampled,
                   equation + "; the signs of its terms along the run");
        } else {
          add_link(from, to, polarity, PolarityEvidence::kSymbolic, equation);
        }
        continue;
      }
      if (!can_sample) {
        add_link(from, to, LinkPolarity::kUnknown, PolarityEvidence::kNotSampled,
                 equation + "; no run to sample");
        continue;
      }
      SampledSign sampled = SampleDerivative(model, *run, to, from, rows);
      const std::string points = " at " + std::to_string(rows.size()) + " times of the run";
      if (sampled.positive > 0 && sampled.negative > 0) {
        const std::string positive = "+ at t=" + TimeText(sampled.first_positive_time);
        const std::string negative = "- at t=" + TimeText(sampled.first_negative_time);
        add_link(from, to, LinkPolarity::kUnknown, PolarityEvidence::kMixed,
                 equation + "; " +
                     (sampled.first_positive_time <= sampled.first_negative_time
                          ? positive + ", " + negative
                          : negative + ", " + positive));
      } else if (sampled.positive > 0) {
        add_link(from, to, LinkPolarity::kPositive, PolarityEvidence::kSampled,
                 equation + "; + or no change" + points);
      } else if (sampled.negative > 0) {
        add_link(from, to, LinkPolarity::kNegative, PolarityEvidence::kSampled,
                 equation + "; - or no change" + points);
      } else {
        add_link(from, to, LinkPolarity::kUnknown, PolarityEvidence::kNoEffect,
                 equation + "; no change" + points);
      }
    }
  }
  return result;
}

const char* PolarityEvidenceName(PolarityEvidence evidence) {
  switch (evidence) {
    case PolarityEvidence::kStockFlow:
      return "stock-flow";
    case PolarityEvidence::kSymbolic:
      return "symbolic";
    case PolarityEvidence::kSampled:
      return "sampled";
    case PolarityEvidence::kMixed:
      return "mixed";
    case PolarityEvidence::kNoEffect:
      return "no effect";
    case PolarityEvidence::kNotSampled:
      break;
  }
  return "not sampled";
}

std::vector<int> MatchDiagramToModel(const CausalGraph& diagram, const ModelCausalGraph& model) {
  std::map<std::string, int> by_name, by_concept;
  for (std::size_t i = 0; i < model.graph.variables.size(); ++i) {
    const CausalVariable& variable = model.graph.variables[i];
    by_name.emplace(variable.normalized, static_cast<int>(i));
    if (!variable.concept_id.empty()) by_concept.emplace(variable.concept_id, static_cast<int>(i));
  }
  std::vector<int> match(diagram.variables.size(), -1);
  for (std::size_t i = 0; i < diagram.variables.size(); ++i) {
    const CausalVariable& variable = diagram.variables[i];
    auto name = by_name.find(variable.normalized);
    if (name != by_name.end()) {
      match[i] = name->second;
      continue;
    }
    auto concept_match = by_concept.find(variable.concept_id);
    if (!variable.concept_id.empty() && concept_match != by_concept.end()) {
      match[i] = concept_match->second;
    }
  }
  return match;
}

std::vector<LinkContradiction> CompareDiagramWithModel(const CausalGraph& diagram,
                                                       const ModelCausalGraph& model,
                                                       Diagnostics& diagnostics) {
  std::vector<LinkContradiction> contradictions;
  const CausalGraph& graph = model.graph;
  const std::vector<int> match = MatchDiagramToModel(diagram, model);
  std::vector<bool> named_by_diagram(graph.variables.size(), false);
  for (int element : match) {
    if (element >= 0) named_by_diagram[static_cast<std::size_t>(element)] = true;
  }
  std::vector<std::vector<int>> out_links(graph.variables.size());
  for (std::size_t i = 0; i < graph.links.size(); ++i) {
    out_links[static_cast<std::size_t>(graph.links[i].from)].push_back(static_cast<int>(i));
  }
  const std::vector<bool> unblocked(graph.variables.size(), false);

  for (std::size_t index = 0; index < diagram.links.size(); ++index) {
    const CausalLink& link = diagram.links[index];
    if (link.polarity == LinkPolarity::kUnknown) continue;
    const int cause = match[static_cast<std::size_t>(link.from)];
    const int effect = match[static_cast<std::size_t>(link.to)];
    if (cause < 0 || effect < 0 || cause == effect) continue;
    const std::string& cause_name = diagram.variables[static_cast<std::size_t>(link.from)].name;
    const std::string& effect_name = diagram.variables[static_cast<std::size_t>(link.to)].name;

    // The chain of model links this diagram link stands for: paths through
    // elements the diagram does not name.
    PathSearch direct{graph, out_links, named_by_diagram, effect, {}, {}, {}, 0, false};
    direct.on_path.assign(graph.variables.size(), false);
    direct.on_path[static_cast<std::size_t>(cause)] = true;
    direct.From(cause);
    if (direct.exhausted) continue;

    LinkContradiction contradiction;
    contradiction.diagram_link = static_cast<int>(index);
    contradiction.diagram_polarity = link.polarity;
    if (direct.paths.empty()) {
      // Through other named elements the model may still connect them; the
      // diagram then merely shortcuts its own chain.
      PathSearch any{graph, out_links, unblocked, effect, {}, {}, {}, 0, false};
      any.on_path.assign(graph.variables.size(), false);
      any.on_path[static_cast<std::size_t>(cause)] = true;
      any.From(cause);
      if (any.exhausted || !any.paths.empty()) continue;
      contradiction.kind = LinkContradiction::Kind::kNoInfluence;
      contradiction.message = "your diagram says " + cause_name + " -> " + effect_name +
                              ", but in your model " + cause_name + " does not affect " +
                              effect_name;
    } else {
      bool all_opposite = true;
      for (const std::vector<int>& path : direct.paths) {
        LinkPolarity polarity = PathPolarity(graph, path);
        if (polarity == LinkPolarity::kUnknown || polarity == link.polarity) all_opposite = false;
      }
      if (!all_opposite) continue;
      std::stable_sort(
          direct.paths.begin(), direct.paths.end(),
          [](const std::vector<int>& a, const std::vector<int>& b) { return a.size() < b.size(); });
      contradiction.kind = LinkContradiction::Kind::kOppositeSign;
      contradiction.model_polarity = link.polarity == LinkPolarity::kPositive
                                         ? LinkPolarity::kNegative
                                         : LinkPolarity::kPositive;
      contradiction.model_path = direct.paths.front();
      Loop path;
      path.links = contradiction.model_path;
      contradiction.message =
          "your diagram says " + cause_name + " -> " + effect_name + " is " +
          PolaritySymbol(link.polarity) + ", but in your model a rise in " + cause_name +
          (contradiction.model_polarity == LinkPolarity::kNegative ? " lowers " : " raises ") +
          effect_name + " (" + LoopPathText(graph, path) + ")";
    }
    diagnostics.Warning(link.location, contradiction.message);
    contradictions.push_back(std::move(contradiction));
  }
  return contradictions;
}

}  // namespace sdlab
