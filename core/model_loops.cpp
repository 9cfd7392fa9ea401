#include "core/model_loops.h"

#include <algorithm>
#include <map>
#include <utility>

#include "core/loop_finder.h"

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

}  // namespace

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
