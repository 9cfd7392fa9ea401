// Loop-finder benchmark: loops per second on the seeded random diagrams of
// ../shared/bench (60 variables, 150 links; 258,906 and 449,521 loops) and
// on a complete digraph stopped at the cap; then, in the same run, the same
// graphs through networkx.simple_cycles (Debian's python3-networkx, run as a
// subprocess) and the speed-up. Target: >= 50x networkx.
//
//   cmake --build build --target loops_bench && build/bench/loops_bench
//   build/bench/loops_bench --no-networkx      # Google Benchmark part only
//
// Build type matters: measure a Release (or RelWithDebInfo) build.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "core/loops/causal_graph.h"
#include "core/loops/loop_finder.h"

namespace {

using sdlab::CausalGraph;
using sdlab::LoopSearchOptions;
using sdlab::LoopSearchResult;

const char* const kBenchFiles[] = {"random-cld-60-150-seed1.yaml", "random-cld-60-150-seed3.yaml"};

// The bench diagrams hold only compact links, one per line; reading them
// directly keeps the benchmark about the loop finder alone.
std::optional<CausalGraph> ReadBenchDiagram(const std::string& file) {
  std::ifstream in(std::string(SDLAB_BENCH_SHARED_DIR) + "/bench/" + file);
  if (!in) return std::nullopt;
  sdlab::CausalLoopDiagram diagram;
  std::string line;
  while (std::getline(in, line)) {
    std::size_t open = line.find("- \"");
    if (open == std::string::npos) continue;
    sdlab::CldLinkText link;
    link.compact = true;
    link.compact_text = line.substr(open + 3, line.rfind('"') - open - 3);
    diagram.links.push_back(link);
  }
  sdlab::Diagnostics diagnostics(file);
  CausalGraph graph = sdlab::BuildCausalGraph(diagram, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return graph;
}

CausalGraph CompleteDigraph(int n) {
  CausalGraph graph;
  for (int i = 0; i < n; ++i) {
    std::string name = "v" + std::to_string(i);
    graph.variables.push_back(sdlab::CausalVariable{name, name, "", {}, true});
  }
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      if (i == j) continue;
      sdlab::CausalLink link;
      link.from = i;
      link.to = j;
      link.polarity = (i + j) % 2 ? sdlab::LinkPolarity::kPositive : sdlab::LinkPolarity::kNegative;
      graph.links.push_back(link);
    }
  }
  return graph;
}

LoopSearchOptions Uncapped(bool keep_loops) {
  LoopSearchOptions options;
  options.max_loops = 0;
  options.keep_loops = keep_loops;
  return options;
}

void FindLoopsBenchmark(benchmark::State& state, const CausalGraph& graph,
                        LoopSearchOptions options) {
  std::size_t loops = 0;
  for (auto _ : state) {
    LoopSearchResult result = sdlab::FindLoops(graph, options);
    loops += result.counts.total;
    benchmark::DoNotOptimize(result);
  }
  state.counters["loops"] =
      benchmark::Counter(static_cast<double>(loops) / static_cast<double>(state.iterations()));
  state.counters["loops_per_second"] =
      benchmark::Counter(static_cast<double>(loops), benchmark::Counter::kIsRate);
}

// Process CPU time: the machine is shared, and networkx is timed the same
// way (time.process_time), so other processes' load does not skew the ratio.
double CpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double SecondsOf(const CausalGraph& graph, LoopSearchOptions options, std::size_t* loops) {
  double best = 1e300;
  for (int run = 0; run < 3; ++run) {
    double start = CpuSeconds();
    LoopSearchResult result = sdlab::FindLoops(graph, options);
    best = std::min(best, CpuSeconds() - start);
    *loops = result.counts.total;
  }
  return best;
}

// Runs networkx.simple_cycles on the graph's links in a python3 subprocess
// (Debian's /usr/bin/python3 first: that is where python3-networkx lives).
// Returns false when no interpreter with networkx is available.
bool RunNetworkx(const CausalGraph& graph, std::size_t* loops, double* seconds,
                 std::string* version) {
  char path[] = "/tmp/sdlab-loops-bench-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return false;
  close(fd);
  {
    std::ofstream edges(path);
    for (const sdlab::CausalLink& link : graph.links) {
      edges << graph.variables[static_cast<std::size_t>(link.from)].normalized << ' '
            << graph.variables[static_cast<std::size_t>(link.to)].normalized << '\n';
    }
  }
  const std::string script =
      "import sys, time, networkx as nx\n"
      "g = nx.DiGraph()\n"
      "g.add_edges_from(tuple(l.split()) for l in open(sys.argv[1]))\n"
      "t = time.process_time()\n"
      "n = sum(1 for _ in nx.simple_cycles(g))\n"
      "print(n, time.process_time() - t, nx.__version__)\n";
  bool ok = false;
  for (const char* python : {"/usr/bin/python3", "python3"}) {
    std::string command = std::string(python) + " -c '" + script + "' " + path + " 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) continue;
    char buffer[256] = {0};
    bool read = std::fgets(buffer, sizeof buffer, pipe) != nullptr;
    int status = pclose(pipe);
    char version_text[64] = {0};
    if (read && status == 0 &&
        std::sscanf(buffer, "%zu %lf %63s", loops, seconds, version_text) == 3) {
      *version = std::string(version_text) + " (" + python + ")";
      ok = true;
      break;
    }
  }
  std::remove(path);
  return ok;
}

void CompareWithNetworkx() {
  std::printf(
      "\nsdlab vs networkx.simple_cycles, same graphs, same run (CPU seconds; sdlab best of 3):\n");
  for (const char* file : kBenchFiles) {
    std::optional<CausalGraph> graph = ReadBenchDiagram(file);
    if (!graph) {
      std::printf("  %s: missing, skipped\n", file);
      continue;
    }
    std::size_t counted = 0, listed = 0, networkx_loops = 0;
    double count_seconds = SecondsOf(*graph, Uncapped(false), &counted);
    double list_seconds = SecondsOf(*graph, Uncapped(true), &listed);
    std::printf("  %s\n", file);
    std::printf("    sdlab count only      %9zu loops %8.3f s %12.0f loops/s\n", counted,
                count_seconds, static_cast<double>(counted) / count_seconds);
    std::printf("    sdlab loops kept+sort %9zu loops %8.3f s %12.0f loops/s\n", listed,
                list_seconds, static_cast<double>(listed) / list_seconds);
    double networkx_seconds = 0;
    std::string version;
    if (!RunNetworkx(*graph, &networkx_loops, &networkx_seconds, &version)) {
      std::printf("    networkx: no python3 with networkx found, skipped\n");
      continue;
    }
    std::printf("    networkx %-13s%9zu loops %8.3f s %12.0f loops/s\n", version.c_str(),
                networkx_loops, networkx_seconds,
                static_cast<double>(networkx_loops) / networkx_seconds);
    std::printf("    speed-up: %.0fx (count only), %.0fx (loops kept); counts %s\n",
                networkx_seconds / count_seconds, networkx_seconds / list_seconds,
                networkx_loops == counted && counted == listed ? "agree" : "DIFFER");
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool networkx = true;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-networkx") == 0) {
      networkx = false;
    } else {
      args.push_back(argv[i]);
    }
  }
  static std::vector<CausalGraph> graphs;
  graphs.reserve(3);
  for (const char* file : kBenchFiles) {
    if (std::optional<CausalGraph> graph = ReadBenchDiagram(file)) {
      graphs.push_back(std::move(*graph));
      const CausalGraph& g = graphs.back();
      std::string name = std::string(file).substr(0, std::strlen(file) - 5);
      benchmark::RegisterBenchmark(("FindLoops/count/" + name).c_str(), FindLoopsBenchmark, g,
                                   Uncapped(false))
          ->Unit(benchmark::kMillisecond);
      benchmark::RegisterBenchmark(("FindLoops/keep/" + name).c_str(), FindLoopsBenchmark, g,
                                   Uncapped(true))
          ->Unit(benchmark::kMillisecond);
    }
  }
  graphs.push_back(CompleteDigraph(12));
  benchmark::RegisterBenchmark("FindLoops/keep/complete-12-capped-10000", FindLoopsBenchmark,
                               graphs.back(), LoopSearchOptions{})
      ->Unit(benchmark::kMillisecond);
  int arg_count = static_cast<int>(args.size());
  benchmark::Initialize(&arg_count, args.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (networkx) CompareWithNetworkx();
  return 0;
}
