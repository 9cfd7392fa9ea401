// The loop finder's circuit search on the graphs a submission can inflate:
// long chains, long rings, components joined by links that lie on no loop.
// The search runs on the strongly connected components alone
// (core/loops/loop_finder.cpp); these tests pin that it finds the same
// loops in the same order as on the whole graph, caps included.

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "core/loops/loop_finder.h"
#include "core/names.h"
#include "loop_fixtures.h"

namespace sdlab {
namespace {

using testing::MakeGraph;

using LinkList = std::vector<std::tuple<int, int, LinkPolarity>>;

std::vector<std::string> PathTexts(const CausalGraph& graph, const LoopSearchResult& result) {
  std::vector<std::string> texts;
  for (const Loop& loop : result.loops) texts.push_back(LoopPathText(graph, loop));
  return texts;
}

constexpr LinkPolarity kPlus = LinkPolarity::kPositive;
constexpr LinkPolarity kMinus = LinkPolarity::kNegative;

TEST(CircuitSearch, AChainOfAHundredThousandLinksHasNoLoopAndDoesNotDeepenTheStack) {
  const int n = 100001;
  LinkList links;
  for (int i = 0; i + 1 < n; ++i) links.emplace_back(i, i + 1, kPlus);
  const CausalGraph graph = MakeGraph(n, links);
  const LoopSearchResult result = FindLoops(graph);
  EXPECT_TRUE(result.complete);
  EXPECT_EQ(result.counts.total, 0u);
  EXPECT_TRUE(result.loops.empty());
}

TEST(CircuitSearch, ARingOfTenThousandVariablesIsOneLoop) {
  const int n = 10000;
  LinkList links;
  for (int i = 0; i < n; ++i) links.emplace_back(i, (i + 1) % n, i == 0 ? kMinus : kPlus);
  const LoopSearchResult result = FindLoops(MakeGraph(n, links));
  ASSERT_EQ(result.loops.size(), 1u);
  EXPECT_TRUE(result.complete);
  EXPECT_EQ(result.loops[0].links.size(), static_cast<std::size_t>(n));
  EXPECT_EQ(result.loops[0].polarity, LoopPolarity::kBalancing);
}

TEST(CircuitSearch, FindsOnlyTheLoopBetweenTheChainsLeadingInAndOut) {
  // v0 -> v1 -> v2 <-> v3 -> v4 -> v5: one loop, v2 <-> v3.
  const CausalGraph graph = MakeGraph(
      6,
      {{0, 1, kPlus}, {1, 2, kPlus}, {2, 3, kPlus}, {3, 2, kMinus}, {3, 4, kPlus}, {4, 5, kPlus}});
  const LoopSearchResult result = FindLoops(graph);
  EXPECT_EQ(PathTexts(graph, result), std::vector<std::string>{"v2 -(+)-> v3 -(-)-> v2"});
}

TEST(CircuitSearch, ALinkToItselfIsALoopOfOne) {
  const CausalGraph graph = MakeGraph(3, {{0, 1, kPlus}, {1, 1, kMinus}, {1, 2, kPlus}});
  const LoopSearchResult result = FindLoops(graph);
  ASSERT_EQ(result.loops.size(), 1u);
  EXPECT_EQ(LoopPathText(graph, result.loops[0]), "v1 -(-)-> v1");
}

// Two dense components whose variables interleave in name order, joined by
// links that lie on no loop: removing those links must change neither the
// loops found nor, under any cap, which loops are kept.
TEST(CircuitSearch, LinksBetweenComponentsChangeNeitherTheLoopsNorWhichTheCapKeeps) {
  LinkList within;
  for (int a = 0; a < 10; a += 2) {
    for (int b = 0; b < 10; b += 2) {
      if (a != b) within.emplace_back(a, b, (a + b) % 4 == 0 ? kPlus : kMinus);
    }
  }
  for (int a = 1; a < 10; a += 2) {
    for (int b = 1; b < 10; b += 2) {
      if (a != b && (a * b) % 3 != 0) within.emplace_back(a, b, kPlus);
    }
  }
  LinkList bridged = within;
  for (int a = 0; a < 10; a += 2) {
    for (int b = 1; b < 10; b += 2) bridged.emplace_back(a, b, kPlus);  // even -> odd only
  }
  const CausalGraph alone = MakeGraph(10, within);
  const CausalGraph joined = MakeGraph(10, bridged);
  const LoopSearchResult all = FindLoops(alone);
  ASSERT_TRUE(all.complete);
  ASSERT_GT(all.loops.size(), 80u);
  EXPECT_EQ(PathTexts(joined, FindLoops(joined)), PathTexts(alone, all));
  for (std::size_t cap : {1u, 2u, 7u, 40u, 80u}) {
    LoopSearchOptions options;
    options.max_loops = cap;
    const LoopSearchResult capped_alone = FindLoops(alone, options);
    const LoopSearchResult capped_joined = FindLoops(joined, options);
    EXPECT_FALSE(capped_joined.complete) << cap;
    EXPECT_EQ(PathTexts(joined, capped_joined), PathTexts(alone, capped_alone)) << cap;
  }
}

TEST(CircuitSearch, ACompleteGraphStopsAtTheCapAndSaysSo) {
  LinkList links;
  for (int a = 0; a < 30; ++a) {
    for (int b = 0; b < 30; ++b) {
      if (a != b) links.emplace_back(a, b, kPlus);
    }
  }
  const LoopSearchResult result = FindLoops(MakeGraph(30, links));
  EXPECT_FALSE(result.complete);
  EXPECT_EQ(result.loops.size(), LoopSearchOptions::kDefaultMaxLoops);
  EXPECT_EQ(LoopCapMessage(result), "stopped after 10000 loops; there are more");
}

}  // namespace
}  // namespace sdlab
