#ifndef SDLAB_CORE_LOOPS_CIRCUIT_SEARCH_H_
#define SDLAB_CORE_LOOPS_CIRCUIT_SEARCH_H_

#include <functional>
#include <vector>

namespace sdlab {

/// Every elementary circuit of a directed graph, by Johnson's algorithm
/// (D. B. Johnson, "Finding all the elementary circuits of a directed
/// graph", SIAM J. Comput. 4(1), 1975), without recursion.
///
/// `successors[v]` lists the vertices v links to, in increasing order, at
/// most once each; a vertex may link to itself. Each circuit is reported
/// once, as its vertices starting at its smallest one, and the circuits come
/// in lexicographic order of those sequences: the order of Boost.Graph's
/// `hawick_circuits` on the same graph, which this replaces.
///
/// After the circuits through a start vertex, the search goes on only in
/// the strongly connected components that remain without it, so a graph
/// with few circuits costs time linear in its size (a ring of n vertices is
/// one search, where `hawick_circuits` walks the ring from every vertex),
/// and the call stack does not grow with the graph. `visit` may throw to end
/// the search.
void ForEachCircuit(const std::vector<std::vector<int>>& successors,
                    const std::function<void(const std::vector<int>&)>& visit);

}  // namespace sdlab

#endif  // SDLAB_CORE_LOOPS_CIRCUIT_SEARCH_H_
