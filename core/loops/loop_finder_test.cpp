#include "core/loops/loop_finder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <random>
#include <set>

#include "core/names.h"
#include "loop_fixtures.h"
#include "test_support.h"

namespace sdlab {
namespace {

using testing::MakeGraph;

CausalGraph Build(const CausalLoopDiagram& diagram) {
  Diagnostics diagnostics("answer.yaml");
  CausalGraph graph = BuildCausalGraph(diagram, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << FormatDiagnostics(diagnostics, nullptr);
  return graph;
}

std::vector<std::string> PathTexts(const CausalGraph& graph, const LoopSearchResult& result) {
  std::vector<std::string> texts;
  for (const Loop& loop : result.loops) {
    texts.push_back(std::string(LoopPolarityLetter(loop.polarity)) + " " +
                    LoopPathText(graph, loop));
  }
  return texts;
}

TEST(FindLoops, RetryStormHasNoNegativeLinkAndIsReinforcing) {
  CausalGraph graph = Build(testing::RetryStorm());
  LoopSearchResult result = FindLoops(graph);
  ASSERT_EQ(result.loops.size(), 1u);
  EXPECT_TRUE(result.complete);
  EXPECT_EQ(result.loops[0].negative_links, 0);
  EXPECT_EQ(result.loops[0].polarity, LoopPolarity::kReinforcing);
  // Canonical rotation: from the smallest normalised name, "latency".
  EXPECT_EQ(LoopPathText(graph, result.loops[0]),
            "Latency -(+)-> Timeouts -(+)-> Retries -(+)-> Load -(+)-> Latency");
}

TEST(FindLoops, AutoscalerHasOneNegativeLinkAndIsBalancing) {
  CausalGraph graph = Build(testing::Autoscaler());
  LoopSearchResult result = FindLoops(graph);
  ASSERT_EQ(result.loops.size(), 1u);
  EXPECT_EQ(result.loops[0].negative_links, 1);
  EXPECT_EQ(result.loops[0].polarity, LoopPolarity::kBalancing);
  EXPECT_EQ(LoopPathText(graph, result.loops[0]),
            "Compare to Target -(+)-> Scaling Decision -(+)-> Pod Count -(-)-> CPU Usage -(+)-> "
            "Compare to Target");
}

TEST(FindLoops, QuizCacheLoopHasTwoNegativeLinksAndIsReinforcing) {
  CausalGraph graph = Build(testing::CacheLoop());
  LoopSearchResult result = FindLoops(graph);
  ASSERT_EQ(result.loops.size(), 1u);
  EXPECT_EQ(result.loops[0].negative_links, 2);
  EXPECT_EQ(result.loops[0].polarity, LoopPolarity::kReinforcing);
  EXPECT_EQ(LoopPathText(graph, result.loops[0]),
            "CacheHits -(-)-> DBLoad -(+)-> Latency -(-)-> Requests -(+)-> CacheHits");
}

TEST(FindLoops, MicroserviceUnderStressHasTheCoursesThreeLoopsShortestFirst) {
  CausalGraph graph = Build(testing::MicroserviceUnderStress());
  LoopSearchResult result = FindLoops(graph);
  EXPECT_EQ(PathTexts(graph, result),
            (std::vector<std::string>{
                "B Latency -(+)-> Pods -(-)-> Latency",
                "B Circuit State -(-)-> Load -(+)-> Latency -(+)-> Timeouts -(+)-> Circuit State",
                "R Latency -(+)-> Timeouts -(+)-> Retries -(+)-> Load -(+)-> Latency",
            }));
  EXPECT_EQ(result.counts.total, 3u);
  EXPECT_EQ(result.counts.reinforcing, 1u);
  EXPECT_EQ(result.counts.balancing, 2u);
}

TEST(FindLoops, ParallelLinksWithDifferentSignsCloseDistinctLoops) {
  CausalGraph graph = Build(testing::Diagram(
      {"Latency -> Pods (+)", "Pods -> Latency (+)", "Pods -> Latency (-)", "Pods -> Cost (+)"}));
  LoopSearchResult result = FindLoops(graph);
  EXPECT_EQ(PathTexts(graph, result), (std::vector<std::string>{
                                          "R Latency -(+)-> Pods -(+)-> Latency",
                                          "B Latency -(+)-> Pods -(-)-> Latency",
                                      }));
}

TEST(FindLoops, AnUnknownLinkMakesTheLoopUndetermined) {
  CausalGraph graph = Build(testing::Diagram({"Morale -> Output (?)", "Output -> Morale (+)"}));
  LoopSearchResult result = FindLoops(graph);
  ASSERT_EQ(result.loops.size(), 1u);
  EXPECT_EQ(result.loops[0].polarity, LoopPolarity::kUndetermined);
  EXPECT_EQ(result.loops[0].unknown_links, 1);
  EXPECT_EQ(result.counts.undetermined, 1u);
  EXPECT_EQ(LoopPathText(graph, result.loops[0]), "Morale -(?)-> Output -(+)-> Morale");
}

TEST(FindLoops, ReportsASelfLinkAsALoopOfOneLink) {
  CausalGraph graph =
      MakeGraph(2, {{0, 0, LinkPolarity::kNegative}, {0, 1, LinkPolarity::kPositive}});
  LoopSearchResult result = FindLoops(graph);
  EXPECT_EQ(PathTexts(graph, result), (std::vector<std::string>{"B v0 -(-)-> v0"}));
}

TEST(FindLoops, AGraphWithoutLoopsGivesACompleteEmptyResult) {
  CausalGraph graph = Build(testing::Diagram({"A -> B (+)", "B -> C (-)", "A -> C (+)"}));
  LoopSearchResult result = FindLoops(graph);
  EXPECT_TRUE(result.loops.empty());
  EXPECT_TRUE(result.complete);
  EXPECT_EQ(LoopCapMessage(result), "");
}

TEST(FindLoops, StopsACompleteDigraphOnTwelveVariablesAtTheCapAndSaysSo) {
  std::vector<std::tuple<int, int, LinkPolarity>> links;
  for (int i = 0; i < 12; ++i) {
    for (int j = 0; j < 12; ++j) {
      if (i != j)
        links.emplace_back(i, j, (i + j) % 3 ? LinkPolarity::kPositive : LinkPolarity::kNegative);
    }
  }
  CausalGraph graph = MakeGraph(12, links);
  LoopSearchResult result = FindLoops(graph);
  EXPECT_FALSE(result.complete);
  EXPECT_EQ(result.loops.size(), 10000u);
  EXPECT_EQ(result.counts.total, 10000u);
  EXPECT_EQ(result.counts.reinforcing + result.counts.balancing, 10000u);
  EXPECT_EQ(LoopCapMessage(result), "stopped after 10000 loops; there are more");

  LoopSearchOptions options;
  options.max_loops = 250;
  options.keep_loops = false;
  LoopSearchResult counted = FindLoops(graph, options);
  EXPECT_FALSE(counted.complete);
  EXPECT_TRUE(counted.loops.empty());
  EXPECT_EQ(counted.counts.total, 250u);
  EXPECT_EQ(LoopCapMessage(counted), "stopped after 250 loops; there are more");
}

TEST(FindLoops, ACapEqualToTheNumberOfLoopsIsNotReportedAsStopped) {
  CausalGraph graph = Build(testing::MicroserviceUnderStress());
  LoopSearchOptions options;
  options.max_loops = 3;
  EXPECT_TRUE(FindLoops(graph, options).complete);
  options.max_loops = 2;
  LoopSearchResult stopped = FindLoops(graph, options);
  EXPECT_FALSE(stopped.complete);
  EXPECT_EQ(stopped.loops.size(), 2u);
}

TEST(FindLoops, GivesTheSameLoopsWhateverTheOrderOfTheLinks) {
  std::vector<std::string> links = {"Load -> Latency (+)",           "Latency -> Timeouts (+)",
                                    "Timeouts -> Retries (+)",       "Retries -> Load (+)",
                                    "Latency -> Pods (+)",           "Pods -> Latency (-)",
                                    "Timeouts -> Circuit State (+)", "Circuit State -> Load (-)"};
  CausalGraph graph = Build(testing::Diagram(links));
  std::vector<std::string> expected = PathTexts(graph, FindLoops(graph));
  std::reverse(links.begin(), links.end());
  CausalGraph reversed = Build(testing::Diagram(links));
  EXPECT_EQ(PathTexts(reversed, FindLoops(reversed)), expected);
}

// Every elementary loop as a link sequence starting at the link that leaves
// the smallest vertex, by plain depth-first search: the reference the finder
// must agree with on small graphs with parallel links and self-links.
std::set<std::vector<int>> BruteForceLoops(const CausalGraph& graph) {
  std::set<std::vector<int>> loops;
  const int n = static_cast<int>(graph.variables.size());
  std::vector<int> path;
  std::vector<bool> on_path(static_cast<std::size_t>(n), false);
  std::function<void(int, int)> extend = [&](int start, int vertex) {
    for (std::size_t l = 0; l < graph.links.size(); ++l) {
      const CausalLink& link = graph.links[l];
      if (link.from != vertex || link.to < start) continue;
      path.push_back(static_cast<int>(l));
      if (link.to == start) {
        loops.insert(path);
      } else if (!on_path[static_cast<std::size_t>(link.to)]) {
        on_path[static_cast<std::size_t>(link.to)] = true;
        extend(start, link.to);
        on_path[static_cast<std::size_t>(link.to)] = false;
      }
      path.pop_back();
    }
  };
  for (int start = 0; start < n; ++start) {
    on_path[static_cast<std::size_t>(start)] = true;
    extend(start, start);
    on_path[static_cast<std::size_t>(start)] = false;
  }
  return loops;
}

TEST(FindLoops, AgreesWithABruteForceSearchOnRandomMultigraphs) {
  std::mt19937 random(12345);
  for (int trial = 0; trial < 200; ++trial) {
    const int n = 2 + trial % 7;  // v0..v8: names sort like indices
    std::uniform_int_distribution<int> vertex(0, n - 1), sign(0, 2);
    std::vector<std::tuple<int, int, LinkPolarity>> links;
    const int link_count = n + trial % 11;
    for (int i = 0; i < link_count; ++i) {
      links.emplace_back(vertex(random), vertex(random), static_cast<LinkPolarity>(sign(random)));
    }
    CausalGraph graph = MakeGraph(n, links);
    LoopSearchOptions options;
    options.max_loops = 0;
    LoopSearchResult result = FindLoops(graph, options);
    std::set<std::vector<int>> found;
    for (const Loop& loop : result.loops) {
      found.insert(loop.links);
      int negatives = 0, unknowns = 0;
      EXPECT_EQ(PolarityOfLinks(graph, loop.links, &negatives, &unknowns), loop.polarity);
      EXPECT_EQ(negatives, loop.negative_links);
      EXPECT_EQ(unknowns, loop.unknown_links);
    }
    EXPECT_EQ(found.size(), result.loops.size()) << "a loop was reported twice, trial " << trial;
    EXPECT_EQ(found, BruteForceLoops(graph)) << "trial " << trial;
    EXPECT_TRUE(result.complete);
  }
}

TEST(FindLoops, ReportsEveryLoopInCanonicalRotationAndOrderOnRandomMultigraphs) {
  std::mt19937 random(777);
  const std::vector<std::string> words = {"Zeta",  "alpha", "Mu", "beta", "omega",
                                          "Kappa", "delta", "Pi", "eta",  "Gamma"};
  for (int trial = 0; trial < 100; ++trial) {
    const int n = 3 + trial % 8;
    CausalGraph graph;
    for (int i = 0; i < n; ++i) {
      graph.variables.push_back(CausalVariable{words[static_cast<std::size_t>(i)],
                                               NormalizeName(words[static_cast<std::size_t>(i)]),
                                               "", Location{}, true});
    }
    std::uniform_int_distribution<int> vertex(0, n - 1), sign(0, 2);
    for (int i = 0; i < 3 * n; ++i) {
      CausalLink link;
      link.from = vertex(random);
      link.to = vertex(random);
      link.polarity = static_cast<LinkPolarity>(sign(random));
      graph.links.push_back(link);
    }
    LoopSearchOptions options;
    options.max_loops = 0;
    LoopSearchResult result = FindLoops(graph, options);
    auto names = [&](const Loop& loop) {
      std::vector<std::string> sequence;
      for (int variable : LoopVariables(graph, loop)) {
        sequence.push_back(graph.variables[static_cast<std::size_t>(variable)].normalized);
      }
      return sequence;
    };
    for (const Loop& loop : result.loops) {
      std::vector<std::string> sequence = names(loop);
      EXPECT_EQ(std::min_element(sequence.begin(), sequence.end()), sequence.begin())
          << "not in canonical rotation: " << LoopPathText(graph, loop);
    }
    EXPECT_TRUE(std::is_sorted(result.loops.begin(), result.loops.end(),
                               [&](const Loop& a, const Loop& b) {
                                 if (a.links.size() != b.links.size()) {
                                   return a.links.size() < b.links.size();
                                 }
                                 if (names(a) != names(b)) return names(a) < names(b);
                                 return a.links < b.links;
                               }))
        << "trial " << trial;
  }
}

TEST(FindLoops, OrdersLoopsByLengthThenNamesFromTheCanonicalStart) {
  CausalGraph graph = Build(testing::Diagram(
      {"b -> c (+)", "c -> b (+)", "a -> c (+)", "c -> a (+)", "a -> b (+)", "b -> a (-)"}));
  LoopSearchResult result = FindLoops(graph);
  EXPECT_EQ(PathTexts(graph, result), (std::vector<std::string>{
                                          "B a -(+)-> b -(-)-> a",
                                          "R a -(+)-> c -(+)-> a",
                                          "R b -(+)-> c -(+)-> b",
                                          "R a -(+)-> b -(+)-> c -(+)-> a",
                                          "B a -(+)-> c -(+)-> b -(-)-> a",
                                      }));
}

// The seeded random diagrams of ../shared/bench, read line by line (their
// links are all compact strings) so this test does not need the loader.
std::optional<CausalGraph> ReadBenchDiagram(const std::string& file) {
  std::ifstream in(testing::SharedDir() + "/bench/" + file);
  if (!in) return std::nullopt;
  CausalLoopDiagram diagram;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    std::size_t open = line.find("- \"");
    if (open == std::string::npos) continue;
    std::size_t close = line.rfind('"');
    diagram.links.push_back(testing::CompactLink(line.substr(open + 3, close - open - 3),
                                                 line_number, static_cast<int>(open) + 3));
  }
  return Build(diagram);
}

// Large graphs (about a second each in a Release build, several under the
// sanitizers): the counts networkx finds, recorded in ../shared/bench. Not a
// timed test; speed is measured by bench/loops_bench.
TEST(FindLoopsLargeGraphs, FindsExactlyTheNetworkxCountsWithTheCapLifted) {
  const std::pair<const char*, std::size_t> cases[] = {
      {"random-cld-60-150-seed1.yaml", 258906},
      {"random-cld-60-150-seed3.yaml", 449521},
  };
  for (const auto& [file, expected] : cases) {
    std::optional<CausalGraph> graph = ReadBenchDiagram(file);
    if (!graph) GTEST_SKIP() << "../shared/bench/" << file << " is missing";
    ASSERT_EQ(graph->links.size(), 150u);
    LoopSearchOptions options;
    options.max_loops = 0;
    options.keep_loops = false;
    LoopSearchResult result = FindLoops(*graph, options);
    EXPECT_TRUE(result.complete);
    EXPECT_EQ(result.counts.total, expected) << file;
    EXPECT_EQ(result.counts.reinforcing, expected) << file << ": every link is +";
  }
}

}  // namespace
}  // namespace sdlab
