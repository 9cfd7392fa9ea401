// How long drawing takes. Target (issue 4): a 30-variable causal loop
// diagram rendered to SVG in under 50 ms.
//
//   cmake --build build --target render_bench && ./build/bench/render_bench

#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "core/diagram/cld_diagram.h"
#include "core/diagram/graphviz_adapter.h"
#include "core/diagram/sfd_diagram.h"
#include "core/loops/causal_graph.h"
#include "core/loops/loop_check.h"
#include "core/loops/loop_finder.h"
#include "core/names.h"

namespace sdlab {
namespace {

std::string VariableName(int i) {
  static const char* const kWords[] = {"Load",  "Latency", "Queue",  "Retries", "Pods",
                                       "Cache", "Errors",  "Budget", "Alerts",  "Fatigue"};
  return std::string(kWords[i % 10]) + " " + std::to_string(i / 10 + 1);
}

CldLinkText Link(int from, int to, bool negative, bool delay = false) {
  CldLinkText link;
  link.from = VariableName(from);
  link.to = VariableName(to);
  link.polarity = negative ? "-" : "+";
  link.delay = delay;
  return link;
}

// 30 variables in a ring with chords forward and back (48 links), and the
// first eight loops the finder meets declared as R/B loops, labelled right.
CausalLoopDiagram ThirtyVariableDiagram() {
  CausalLoopDiagram diagram;
  diagram.present = true;
  const int n = 30;
  for (int i = 0; i < n; ++i) diagram.links.push_back(Link(i, (i + 1) % n, i % 7 == 3));
  for (int i = 0; i < n; i += 3) diagram.links.push_back(Link(i, (i + 5) % n, i % 2 == 1, i == 9));
  for (int i = 2; i < n; i += 4) diagram.links.push_back(Link(i, (i + n - 3) % n, i % 3 == 0));
  Diagnostics diagnostics;
  CausalGraph graph = BuildCausalGraph(diagram, diagnostics);
  LoopSearchResult found = FindLoops(graph);
  for (std::size_t k = 0; k < found.loops.size() && k < 8; ++k) {
    const Loop& loop = found.loops[k];
    CldLoopText declared;
    bool reinforcing = loop.polarity == LoopPolarity::kReinforcing;
    declared.id = (reinforcing ? "R" : "B") + std::to_string(k + 1);
    declared.type = reinforcing ? "reinforcing" : "balancing";
    for (int variable : LoopVariables(graph, loop)) {
      declared.path.emplace_back(graph.variables[variable].name, Location{});
    }
    diagram.loops.push_back(declared);
  }
  return diagram;
}

struct Prepared {
  CausalGraph graph;
  LoopCheckResult loops;
};

Prepared Prepare(const CausalLoopDiagram& diagram) {
  Prepared prepared;
  Diagnostics diagnostics;
  prepared.graph = BuildCausalGraph(diagram, diagnostics);
  prepared.loops = CheckDeclaredLoops(prepared.graph, FindLoops(prepared.graph), diagnostics);
  return prepared;
}

void RenderOrFail(benchmark::State& state, const Diagram& diagram, ImageFormat format) {
  RenderOutput output;
  Diagnostics diagnostics;
  if (!RenderDiagram(diagram, format, &output, diagnostics)) {
    state.SkipWithError(FormatDiagnostics(diagnostics, nullptr).c_str());
  }
  benchmark::DoNotOptimize(output.data.data());
}

// Graphviz loads its plugins on first use; keep that out of the timings.
void WarmUp() {
  static bool warm = [] {
    Diagram diagram;
    diagram.AddNode("a", Label::Text("warm up"));
    RenderOutput output;
    Diagnostics diagnostics;
    return RenderDiagram(diagram, ImageFormat::kSvg, &output, diagnostics);
  }();
  benchmark::DoNotOptimize(warm);
}

// The target: lay out and render a built 30-variable CLD (8 loop markers).
void BM_RenderCld30Svg(benchmark::State& state) {
  WarmUp();
  Prepared prepared = Prepare(ThirtyVariableDiagram());
  Diagram diagram = BuildCldDiagram(prepared.graph, &prepared.loops);
  state.counters["variables"] = static_cast<double>(prepared.graph.variables.size());
  state.counters["links"] = static_cast<double>(prepared.graph.links.size());
  state.counters["markers"] = static_cast<double>(prepared.graph.declared_loops.size());
  for (auto _ : state) RenderOrFail(state, diagram, ImageFormat::kSvg);
}
BENCHMARK(BM_RenderCld30Svg)->Unit(benchmark::kMillisecond);

// Everything `sdlab render --diagram cld` does after loading: graph, loops,
// loop check, diagram, layout, SVG.
void BM_CheckAndRenderCld30Svg(benchmark::State& state) {
  WarmUp();
  CausalLoopDiagram diagram = ThirtyVariableDiagram();
  for (auto _ : state) {
    Prepared prepared = Prepare(diagram);
    RenderOrFail(state, BuildCldDiagram(prepared.graph, &prepared.loops), ImageFormat::kSvg);
  }
}
BENCHMARK(BM_CheckAndRenderCld30Svg)->Unit(benchmark::kMillisecond);

// The same diagram without loop markers: the cost of the second pass.
void BM_RenderCld30SvgNoMarkers(benchmark::State& state) {
  WarmUp();
  Prepared prepared = Prepare(ThirtyVariableDiagram());
  Diagram diagram = BuildCldDiagram(prepared.graph);
  for (auto _ : state) RenderOrFail(state, diagram, ImageFormat::kSvg);
}
BENCHMARK(BM_RenderCld30SvgNoMarkers)->Unit(benchmark::kMillisecond);

void BM_RenderCld30Png(benchmark::State& state) {
  WarmUp();
  if (!GraphvizCanRender(ImageFormat::kPng)) {
    state.SkipWithError("no Graphviz cairo plugin");
    return;
  }
  Prepared prepared = Prepare(ThirtyVariableDiagram());
  Diagram diagram = BuildCldDiagram(prepared.graph, &prepared.loops);
  for (auto _ : state) RenderOrFail(state, diagram, ImageFormat::kPng);
}
BENCHMARK(BM_RenderCld30Png)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sdlab

BENCHMARK_MAIN();
