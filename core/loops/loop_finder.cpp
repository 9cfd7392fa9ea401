#include "core/loops/loop_finder.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "core/loops/circuit_search.h"

namespace sdlab {

namespace {

// Thrown by the visitor to end the search at the cap; caught in FindLoops.
struct StopSearch {};

// Links between two vertices (in rank order), sorted by link index.
struct Connection {
  int to_rank;
  std::vector<int> links;
};

class LoopCollector {
 public:
  LoopCollector(const CausalGraph& graph, const std::vector<std::vector<Connection>>& connections,
                const LoopSearchOptions& options, LoopSearchResult* result)
      : graph_(graph), connections_(connections), options_(options), result_(result) {}

  // A circuit of the simple graph (one edge per ordered pair of variables,
  // whatever the number of links between them), as the ranks of its
  // variables: one loop per combination of parallel links.
  void Cycle(const std::vector<int>& ranks) {
    const std::size_t length = ranks.size();
    choices_.resize(length);
    alternatives_.resize(length);
    for (std::size_t i = 0; i < length; ++i) {
      alternatives_[i] = &LinksBetween(ranks[i], ranks[(i + 1) % length]);
      choices_[i] = 0;
    }
    // Odometer over the parallel links of each step: one loop per combination.
    while (true) {
      Emit(length);
      std::size_t step = length;
      while (step > 0) {
        --step;
        if (++choices_[step] < alternatives_[step]->size()) break;
        choices_[step] = 0;
        if (step == 0) return;
      }
    }
  }

 private:
  const std::vector<int>& LinksBetween(int from_rank, int to_rank) const {
    const std::vector<Connection>& out = connections_[static_cast<std::size_t>(from_rank)];
    auto found = std::lower_bound(
        out.begin(), out.end(), to_rank,
        [](const Connection& connection, int rank) { return connection.to_rank < rank; });
    return found->links;
  }

  void Emit(std::size_t length) {
    if (options_.max_loops != 0 && result_->counts.total >= options_.max_loops) {
      result_->complete = false;
      throw StopSearch{};
    }
    int negatives = 0, unknowns = 0;
    for (std::size_t i = 0; i < length; ++i) {
      int link = (*alternatives_[i])[choices_[i]];
      LinkPolarity polarity = graph_.links[static_cast<std::size_t>(link)].polarity;
      negatives += polarity == LinkPolarity::kNegative;
      unknowns += polarity == LinkPolarity::kUnknown;
    }
    LoopPolarity polarity = unknowns > 0         ? LoopPolarity::kUndetermined
                            : negatives % 2 == 0 ? LoopPolarity::kReinforcing
                                                 : LoopPolarity::kBalancing;
    LoopCounts& counts = result_->counts;
    ++counts.total;
    if (polarity == LoopPolarity::kReinforcing) ++counts.reinforcing;
    if (polarity == LoopPolarity::kBalancing) ++counts.balancing;
    if (polarity == LoopPolarity::kUndetermined) ++counts.undetermined;
    if (!options_.keep_loops) return;
    Loop loop;
    loop.links.reserve(length);
    for (std::size_t i = 0; i < length; ++i) loop.links.push_back((*alternatives_[i])[choices_[i]]);
    loop.polarity = polarity;
    loop.negative_links = negatives;
    loop.unknown_links = unknowns;
    result_->loops.push_back(std::move(loop));
  }

  const CausalGraph& graph_;
  const std::vector<std::vector<Connection>>& connections_;
  const LoopSearchOptions& options_;
  LoopSearchResult* result_;
  std::vector<std::size_t> choices_;
  std::vector<const std::vector<int>*> alternatives_;
};

}  // namespace

LoopPolarity PolarityOfLinks(const CausalGraph& graph, const std::vector<int>& links,
                             int* negative_links, int* unknown_links) {
  int negatives = 0, unknowns = 0;
  for (int link : links) {
    LinkPolarity polarity = graph.links[static_cast<std::size_t>(link)].polarity;
    negatives += polarity == LinkPolarity::kNegative;
    unknowns += polarity == LinkPolarity::kUnknown;
  }
  if (negative_links != nullptr) *negative_links = negatives;
  if (unknown_links != nullptr) *unknown_links = unknowns;
  if (unknowns > 0) return LoopPolarity::kUndetermined;
  return negatives % 2 == 0 ? LoopPolarity::kReinforcing : LoopPolarity::kBalancing;
}

LoopSearchResult FindLoops(const CausalGraph& graph, const LoopSearchOptions& options) {
  LoopSearchResult result;
  result.max_loops = options.max_loops;
  const std::size_t n = graph.variables.size();

  // Vertex index = rank of the variable's normalised name. The search
  // reports each cycle starting at its lowest-index vertex, which is then
  // the canonical start: no rotation needed afterwards.
  std::vector<int> variable_of_rank(n);
  std::iota(variable_of_rank.begin(), variable_of_rank.end(), 0);
  std::sort(variable_of_rank.begin(), variable_of_rank.end(), [&](int a, int b) {
    return graph.variables[static_cast<std::size_t>(a)].normalized <
           graph.variables[static_cast<std::size_t>(b)].normalized;
  });
  std::vector<int> rank_of_variable(n);
  for (std::size_t rank = 0; rank < n; ++rank) {
    rank_of_variable[static_cast<std::size_t>(variable_of_rank[rank])] = static_cast<int>(rank);
  }

  std::vector<std::vector<Connection>> connections(n);
  for (std::size_t link = 0; link < graph.links.size(); ++link) {
    const CausalLink& l = graph.links[link];
    if (l.from < 0 || l.to < 0) continue;
    std::vector<Connection>& out =
        connections[static_cast<std::size_t>(rank_of_variable[static_cast<std::size_t>(l.from)])];
    int to_rank = rank_of_variable[static_cast<std::size_t>(l.to)];
    auto found = std::find_if(out.begin(), out.end(), [&](const Connection& connection) {
      return connection.to_rank == to_rank;
    });
    if (found == out.end()) {
      out.push_back(Connection{to_rank, {}});
      found = out.end() - 1;
    }
    found->links.push_back(static_cast<int>(link));
  }
  for (std::vector<Connection>& out : connections) {
    std::sort(out.begin(), out.end(),
              [](const Connection& a, const Connection& b) { return a.to_rank < b.to_rank; });
  }
  std::vector<std::vector<int>> successors(n);
  for (std::size_t rank = 0; rank < n; ++rank) {
    for (const Connection& connection : connections[rank]) {
      successors[rank].push_back(connection.to_rank);
    }
  }
  LoopCollector collector(graph, connections, options, &result);
  try {
    ForEachCircuit(successors, [&](const std::vector<int>& ranks) { collector.Cycle(ranks); });
  } catch (const StopSearch&) {
    // The cap was reached; `result.complete` says so.
  }

  // The search walks each start vertex in rank order and its neighbours in
  // rank order, so it meets loops in lexicographic order of
  // their rank sequences (the canonical names), and the odometer adds
  // parallel links in link order: a stable sort by length is all that is
  // left to do (tested against the full comparison in loop_finder_test).
  std::stable_sort(result.loops.begin(), result.loops.end(),
                   [](const Loop& a, const Loop& b) { return a.links.size() < b.links.size(); });
  return result;
}

std::vector<int> LoopVariables(const CausalGraph& graph, const Loop& loop) {
  std::vector<int> variables;
  variables.reserve(loop.links.size());
  for (int link : loop.links) variables.push_back(graph.links[static_cast<std::size_t>(link)].from);
  return variables;
}

std::string LoopPathText(const CausalGraph& graph, const Loop& loop) {
  if (loop.links.empty()) return "";
  std::string text = graph
                         .variables[static_cast<std::size_t>(
                             graph.links[static_cast<std::size_t>(loop.links[0])].from)]
                         .name;
  for (int index : loop.links) {
    const CausalLink& link = graph.links[static_cast<std::size_t>(index)];
    text += std::string(" -(") + PolaritySymbol(link.polarity) + ")-> " +
            graph.variables[static_cast<std::size_t>(link.to)].name;
  }
  return text;
}

std::string LoopCapMessage(const LoopSearchResult& result) {
  if (result.complete) return "";
  return "stopped after " + std::to_string(result.max_loops) + " loops; there are more";
}

}  // namespace sdlab
