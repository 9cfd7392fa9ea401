// What Loops That Matter costs (issue 16's goal: dominance on a Part B model
// over 14,400 steps adds at most 2x the plain run's time): the bundled Part
// B solution in its traffic spike (Traffic Spike = 2), run plainly (as
// `sdlab simulate` runs it), and analysed for dominance (the run for the
// causal graph's polarities, and the scoring run with every loop's links
// scored at every step).
// Run: cmake --build build --target bench && build/bench/dominance_bench

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "core/engine/model_compiler.h"
#include "core/engine/simulator.h"
#include "core/load/submission_loader.h"
#include "core/loops/loop_dominance.h"

namespace {

struct PartB {
  sdlab::Submission submission;
  std::optional<sdlab::Model> model;
};

const PartB& Solution() {
  static const PartB part_b = [] {
    PartB loaded;
    sdlab::Diagnostics diagnostics("part-b-web-app.yaml");
    std::optional<sdlab::Submission> submission = sdlab::LoadSubmissionFile(
        std::string(SDLAB_BENCH_SOURCE_DIR) + "/solutions/part-b-web-app.yaml", diagnostics);
    if (!submission) std::abort();
    loaded.submission = std::move(*submission);
    loaded.model = sdlab::CompileModel(loaded.submission.stock_flow, diagnostics);
    if (!loaded.model) std::abort();
    return loaded;
  }();
  return part_b;
}

sdlab::SimulationOptions Spike() {
  sdlab::SimulationOptions options;
  options.overrides = {{"traffic_spike", 2}};
  return options;
}

void BM_PlainRun(benchmark::State& state) {
  const PartB& part_b = Solution();
  for (auto _ : state) {
    sdlab::Run run;
    sdlab::Diagnostics diagnostics("part-b");
    bool ok = sdlab::Simulate(*part_b.model, Spike(), &run, diagnostics);
    benchmark::DoNotOptimize(ok);
  }
}
BENCHMARK(BM_PlainRun)->Unit(benchmark::kMillisecond);

void BM_Dominance(benchmark::State& state) {
  const PartB& part_b = Solution();
  std::size_t loops = 0;
  for (auto _ : state) {
    sdlab::DominanceOptions options;
    options.simulation = Spike();
    options.spec = &part_b.submission.stock_flow;
    sdlab::DominanceResult result;
    sdlab::Diagnostics diagnostics("part-b");
    bool ok = sdlab::AnalyseDominance(*part_b.model, options, &result, diagnostics);
    benchmark::DoNotOptimize(ok);
    loops = result.loops.size();
  }
  state.counters["loops"] = static_cast<double>(loops);
}
BENCHMARK(BM_Dominance)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
