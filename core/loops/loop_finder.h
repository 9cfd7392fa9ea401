#pragma once
// Every feedback loop of a causal graph: its links in order, its polarity,
// in a canonical rotation and a deterministic order, found with Johnson's
// algorithm (circuit_search.h) and capped so that a dense diagram cannot run
// away.

#include <cstddef>
#include <string>
#include <vector>

#include "core/loops/causal_graph.h"

namespace sdlab {

/// One elementary loop (no variable twice), as a sequence of links. Parallel
/// links between the same variables make distinct loops.
struct Loop {
  /// Link indices (into CausalGraph::links) in order around the loop. The
  /// first link leaves the loop's variable with the smallest normalised name
  /// (the canonical rotation); the last link returns to it.
  std::vector<int> links;
  LoopPolarity polarity = LoopPolarity::kUndetermined;
  int negative_links = 0;
  int unknown_links = 0;
};

struct LoopCounts {
  std::size_t total = 0;
  std::size_t reinforcing = 0;
  std::size_t balancing = 0;
  std::size_t undetermined = 0;
};

struct LoopSearchOptions {
  static constexpr std::size_t kDefaultMaxLoops = 10000;
  /// Stop after this many loops; 0 lifts the cap (the search then runs for
  /// as long as the graph has loops: use with `keep_loops = false` on
  /// graphs with millions of loops).
  std::size_t max_loops = kDefaultMaxLoops;
  /// False: count loops by polarity without keeping them (`sdlab loops
  /// --count`), which needs no memory per loop.
  bool keep_loops = true;
};

struct LoopSearchResult {
  /// The loops found, shortest first, then by the normalised names of their
  /// variables from the canonical start, then by link index (so parallel
  /// links give a fixed order). Empty when `keep_loops` was false.
  std::vector<Loop> loops;
  LoopCounts counts;
  /// False when the search stopped at the cap and more loops exist.
  bool complete = true;
  std::size_t max_loops = LoopSearchOptions::kDefaultMaxLoops;
};

/// Finds every elementary loop of the graph (up to the cap). Never fails:
/// a graph without loops gives an empty, complete result. The same graph
/// always gives the same loops in the same order. When the cap stops the
/// search, the loops kept are the first ones the search met (not
/// necessarily the shortest), still sorted as above.
LoopSearchResult FindLoops(const CausalGraph& graph, const LoopSearchOptions& options = {});

/// The polarity of a sequence of links: even number of negative links ->
/// reinforcing, odd -> balancing, any unknown link -> undetermined.
/// Optionally returns the counts of negative and unknown links.
LoopPolarity PolarityOfLinks(const CausalGraph& graph, const std::vector<int>& links,
                             int* negative_links = nullptr, int* unknown_links = nullptr);

/// The variables of a loop in order, starting at its first variable.
std::vector<int> LoopVariables(const CausalGraph& graph, const Loop& loop);

/// The loop as a path with the sign of each link, back to its start:
/// "Latency -(+)-> Timeouts -(+)-> Retries -(+)-> Load -(+)-> Latency".
std::string LoopPathText(const CausalGraph& graph, const Loop& loop);

/// "stopped after 10000 loops; there are more", or "" when the search was
/// complete.
std::string LoopCapMessage(const LoopSearchResult& result);

}  // namespace sdlab
