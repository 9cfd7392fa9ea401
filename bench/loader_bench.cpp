// How long loading a submission takes: the strict YAML reader plus the
// submission checks, on a typical lab answer, on the shared 150-link
// benchmark diagram, and on a model that fills most of the 1 MiB limit.
// Run: cmake --build build --target bench && build/bench/loader_bench

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/load/submission.h"
#include "core/load/submission_loader.h"

namespace {

const char kLabAnswer[] = R"yaml(format: sdlab/1
lab: part-b-web-app
author: "Ada Lovelace"
stock_flow:
  sim: { start: 0, stop: 7200, dt: 1, method: euler, time_units: seconds }
  stocks:
    - { name: Request Queue, initial: 50, max: 1000, units: requests }
  flows:
    - { name: Arrivals, to: Request Queue, equation: base_traffic + retries }
    - { name: Processing, from: Request Queue, equation: "MIN(request_queue / DT, capacity)" }
  auxiliaries:
    - name: Latency
      equation: >-
        request_queue /
        MAX(processing, 0.001)
    - { name: Retries, equation: 0.1 * arrivals }
  constants:
    - { name: Base Traffic, value: 100, units: requests/second }
    - { name: Capacity, value: 40 }
causal_loop:
  links:
    - { from: Load, to: Latency, polarity: "+" }
    - "Latency -> Retries (+)"
    - "Retries -> Load (+)"
answers:
  q1: Request Queue
  q2: >
    Every key is cached with the same one-hour TTL.
)yaml";

// About 0.9 MiB: a chain of stocks with flows and auxiliaries.
std::string LargeModel() {
  std::string text = "stock_flow:\n  stocks:\n";
  const int count = 4500;
  for (int i = 0; i < count; ++i) {
    text += "    - { name: Stock " + std::to_string(i) + ", initial: 1 }\n";
  }
  text += "  flows:\n";
  for (int i = 0; i + 1 < count; ++i) {
    text += "    - { name: Flow " + std::to_string(i) + ", from: Stock " + std::to_string(i) +
            ", to: Stock " + std::to_string(i + 1) + ", equation: \"stock_" + std::to_string(i) +
            " * 0.1\" }\n";
  }
  text += "  auxiliaries:\n";
  for (int i = 0; i < count; ++i) {
    text += "    - name: Aux " + std::to_string(i) + "\n      equation: stock_" +
            std::to_string(i) + " + 1\n";
  }
  return text;
}

void Load(benchmark::State& state, const std::string& text) {
  sdlab::SourceFile source("answer.yaml", text);
  for (auto _ : state) {
    sdlab::Diagnostics diagnostics("answer.yaml");
    std::optional<sdlab::Submission> submission = sdlab::LoadSubmission(source, diagnostics);
    if (!submission) state.SkipWithError("the input did not load");
    benchmark::DoNotOptimize(submission);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}

void BM_LoadLabAnswer(benchmark::State& state) { Load(state, kLabAnswer); }
BENCHMARK(BM_LoadLabAnswer);

void BM_LoadSharedBenchDiagram(benchmark::State& state) {
  std::ifstream in(std::string(SDLAB_BENCH_SHARED_DIR) + "/bench/random-cld-60-150-seed1.yaml");
  if (!in) {
    state.SkipWithError("../shared/bench is not beside the repository");
    return;
  }
  std::ostringstream text;
  text << in.rdbuf();
  Load(state, text.str());
}
BENCHMARK(BM_LoadSharedBenchDiagram);

void BM_LoadLargeModel(benchmark::State& state) {
  static const std::string text = LargeModel();
  Load(state, text);
}
BENCHMARK(BM_LoadLargeModel)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
