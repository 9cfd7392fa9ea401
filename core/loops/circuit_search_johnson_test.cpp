// ForEachCircuit (core/loops/circuit_search.h) against Boost.Graph's
// hawick_circuits, which it replaced: the same circuits, in the same order,
// on seeded random graphs with self-links, 2-cycles and several components.

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/hawick_circuits.hpp>

#include "core/loops/circuit_search.h"

namespace sdlab {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

struct Recorder {
  std::vector<std::vector<int>>* circuits;
  template <typename Path, typename G>
  void cycle(const Path& path, const G& /*graph*/) {
    circuits->emplace_back(path.begin(), path.end());
  }
};

std::vector<std::vector<int>> Johnson(const std::vector<std::vector<int>>& successors) {
  std::vector<std::vector<int>> circuits;
  ForEachCircuit(successors, [&](const std::vector<int>& path) { circuits.push_back(path); });
  return circuits;
}

std::vector<std::vector<int>> Hawick(const std::vector<std::vector<int>>& successors) {
  Graph graph(successors.size());
  for (std::size_t v = 0; v < successors.size(); ++v) {
    for (int w : successors[v]) boost::add_edge(v, static_cast<std::size_t>(w), graph);
  }
  std::vector<std::vector<int>> circuits;
  boost::hawick_circuits(graph, Recorder{&circuits});
  return circuits;
}

TEST(ForEachCircuit, MeetsTheCircuitsOfHawickInTheSameOrder) {
  std::mt19937 random(20261203);
  int with_circuits = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const int n = 1 + static_cast<int>(random() % 9);
    const double density = (1 + random() % 6) / 10.0;
    std::vector<std::vector<int>> successors(static_cast<std::size_t>(n));
    for (int v = 0; v < n; ++v) {
      for (int w = 0; w < n; ++w) {
        if (std::uniform_real_distribution<double>(0, 1)(random) < density) {
          successors[static_cast<std::size_t>(v)].push_back(w);
        }
      }
    }
    const std::vector<std::vector<int>> expected = Hawick(successors);
    with_circuits += !expected.empty();
    EXPECT_EQ(Johnson(successors), expected) << "trial " << trial << ", " << n << " vertices";
  }
  EXPECT_GT(with_circuits, 300);  // the trials are not trivially empty
}

TEST(ForEachCircuit, FindsEveryCircuitOfACompleteGraph) {
  // K5 with a link from each vertex to itself: sum over k of C(5,k)(k-1)! = 89.
  std::vector<std::vector<int>> successors(5, {0, 1, 2, 3, 4});
  EXPECT_EQ(Johnson(successors).size(), 89u);
  EXPECT_EQ(Johnson(successors), Hawick(successors));
}

TEST(ForEachCircuit, ARingIsOneCircuitAndAChainNone) {
  const int n = 50000;
  std::vector<std::vector<int>> ring(n), chain(n);
  for (int v = 0; v < n; ++v) {
    ring[static_cast<std::size_t>(v)] = {(v + 1) % n};
    if (v + 1 < n) chain[static_cast<std::size_t>(v)] = {v + 1};
  }
  const std::vector<std::vector<int>> circuits = Johnson(ring);
  ASSERT_EQ(circuits.size(), 1u);
  EXPECT_EQ(circuits[0].size(), static_cast<std::size_t>(n));
  EXPECT_EQ(circuits[0].front(), 0);
  EXPECT_TRUE(Johnson(chain).empty());
}

}  // namespace
}  // namespace sdlab
