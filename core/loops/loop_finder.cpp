#include "core/loops/loop_finder.h"

#include <pthread.h>

#include <algorithm>
#include <exception>
#include <functional>
#include <numeric>
#include <utility>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/hawick_circuits.hpp>
#include <boost/graph/strong_components.hpp>

namespace sdlab {

namespace {

// hawick_circuits runs on the simple graph of the diagram: one edge per
// ordered pair of variables, whatever the number of links between them, so
// that it reports each vertex cycle once. The visitor then expands a vertex
// cycle into one loop per combination of parallel links.
using SimpleGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

// Thrown by the visitor to end the search at the cap (Boost 1.74's
// hawick_circuits has no other way to stop); caught in FindLoops.
struct StopSearch {};

// Links between two vertices (in rank order), sorted by link index.
struct Connection {
  int to_rank;
  std::vector<int> links;
};

class LoopCollector {
 public:
  LoopCollector(const CausalGraph& graph, const std::vector<std::vector<Connection>>& connections,
                const std::vector<int>& rank_of_vertex, const LoopSearchOptions& options,
                LoopSearchResult* result)
      : graph_(graph),
        connections_(connections),
        rank_of_vertex_(rank_of_vertex),
        options_(options),
        result_(result) {}

  template <typename Path, typename Graph>
  void cycle(const Path& vertices, const Graph& /*graph*/) {
    const std::size_t length = vertices.size();
    choices_.resize(length);
    alternatives_.resize(length);
    for (std::size_t i = 0; i < length; ++i) {
      alternatives_[i] =
          &LinksBetween(rank_of_vertex_[vertices[i]], rank_of_vertex_[vertices[(i + 1) % length]]);
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
  const std::vector<int>& rank_of_vertex_;
  const LoopSearchOptions& options_;
  LoopSearchResult* result_;
  std::vector<std::size_t> choices_;
  std::vector<const std::vector<int>*> alternatives_;
};

// The strongly connected component of each vertex (by rank), with
// Boost.Graph's Tarjan, whose depth-first search keeps its own stack: a
// chain of 40,000 links cannot deepen the call stack.
std::vector<int> ComponentOfRank(const std::vector<std::vector<Connection>>& connections) {
  SimpleGraph simple(connections.size());
  for (std::size_t rank = 0; rank < connections.size(); ++rank) {
    for (const Connection& connection : connections[rank]) {
      boost::add_edge(rank, static_cast<std::size_t>(connection.to_rank), simple);
    }
  }
  std::vector<int> component(connections.size(), 0);
  if (!component.empty()) boost::strong_components(simple, component.data());
  return component;
}

// The ranks of the vertices that lie on some loop (their component has two
// or more vertices, or a link to itself), in rank order. Every loop lies
// inside one component, so hawick_circuits runs on these alone, with the
// links between components left out: it then meets the same loops in the
// same order as on the whole graph, without walking every chain from every
// vertex (quadratic on a 40,000-link chain) and with its recursion no
// deeper than the largest component.
std::vector<int> CyclicCore(const std::vector<std::vector<Connection>>& connections,
                            const std::vector<int>& component) {
  std::vector<std::size_t> size(connections.size(), 0);
  for (int c : component) ++size[static_cast<std::size_t>(c)];
  std::vector<int> core;
  for (std::size_t rank = 0; rank < connections.size(); ++rank) {
    bool to_itself = std::any_of(
        connections[rank].begin(), connections[rank].end(),
        [&](const Connection& connection) { return connection.to_rank == static_cast<int>(rank); });
    if (size[static_cast<std::size_t>(component[rank])] > 1 || to_itself) {
      core.push_back(static_cast<int>(rank));
    }
  }
  return core;
}

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

// hawick_circuits recurses once per vertex of the path it walks: as deep as
// the longest loop of a component, 10,000 links under the size limits. That
// overflows a default 8 MB stack with sanitizer-sized frames (found by the
// ASan pass on a ring of 10,000), so a large component is searched on a
// thread with a stack of its own; the pages are reserved, not used.
constexpr std::size_t kDeepSearchVertices = 1000;
constexpr std::size_t kDeepSearchStackBytes = std::size_t{256} << 20;

void RunOnLargeStack(const std::function<void()>& work) {
  struct Job {
    const std::function<void()>* work;
    std::exception_ptr error;
  };
  Job job{&work, nullptr};
  pthread_attr_t attributes;
  if (pthread_attr_init(&attributes) != 0) return work();
  pthread_attr_setstacksize(&attributes, kDeepSearchStackBytes);
  auto run = [](void* argument) -> void* {
    Job* running = static_cast<Job*>(argument);
    try {
      (*running->work)();
    } catch (...) {
      running->error = std::current_exception();
    }
    return nullptr;
  };
  pthread_t thread;
  const int created = pthread_create(&thread, &attributes, run, &job);
  pthread_attr_destroy(&attributes);
  if (created != 0) return work();
  pthread_join(thread, nullptr);
  if (job.error) std::rethrow_exception(job.error);
}

LoopSearchResult FindLoops(const CausalGraph& graph, const LoopSearchOptions& options) {
  LoopSearchResult result;
  result.max_loops = options.max_loops;
  const std::size_t n = graph.variables.size();

  // Vertex index = rank of the variable's normalised name. hawick_circuits
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
  const std::vector<int> component = ComponentOfRank(connections);
  const std::vector<int> rank_of_vertex = CyclicCore(connections, component);
  SimpleGraph core(rank_of_vertex.size());
  std::vector<int> vertex_of_rank(n, -1);
  for (std::size_t vertex = 0; vertex < rank_of_vertex.size(); ++vertex) {
    vertex_of_rank[static_cast<std::size_t>(rank_of_vertex[vertex])] = static_cast<int>(vertex);
  }
  for (std::size_t vertex = 0; vertex < rank_of_vertex.size(); ++vertex) {
    const std::size_t rank = static_cast<std::size_t>(rank_of_vertex[vertex]);
    for (const Connection& connection : connections[rank]) {
      const std::size_t to_rank = static_cast<std::size_t>(connection.to_rank);
      if (component[to_rank] != component[rank]) continue;
      boost::add_edge(vertex, static_cast<std::size_t>(vertex_of_rank[to_rank]), core);
    }
  }

  LoopCollector collector(graph, connections, rank_of_vertex, options, &result);
  auto search = [&] {
    try {
      boost::hawick_circuits(core, collector);
    } catch (const StopSearch&) {
      // The cap was reached; `result.complete` says so.
    }
  };
  if (rank_of_vertex.size() > kDeepSearchVertices) {
    RunOnLargeStack(search);
  } else {
    search();
  }

  // hawick_circuits walks each start vertex in rank order and its
  // neighbours in rank order, so it meets loops in lexicographic order of
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
