// Where the time of grading one Part B submission goes, step by step, so the
// class benchmark (bench/class_batch.sh: 1000 submissions through `sdlab
// batch`, target 30 s on 2 cores) can be explained: loading the file,
// grading it (simulations, loops, every check), drawing the two annotated
// diagrams, and writing the JSON and HTML results.
//
//   cmake --build build --target batch_bench && ./build/bench/batch_bench

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "core/build_config.h"
#include "core/grade/grader.h"
#include "core/grade/rubric.h"
#include "core/grade/rubric_loader.h"
#include "core/load/submission.h"
#include "core/load/submission_loader.h"
#include "core/report/report_diagrams.h"
#include "core/report/report_html.h"
#include "core/report/report_writers.h"

namespace sdlab {
namespace {

std::string SourcePath(const std::string& relative) {
  return std::string(SDLAB_SOURCE_DATA_DIR) + "/" + relative;
}

const Rubric& PartBRubric() {
  static const Rubric rubric = [] {
    Diagnostics diagnostics;
    std::optional<Rubric> loaded =
        LoadRubricFiles({SourcePath("rubrics/part-b-web-app.yaml")}, diagnostics);
    if (!loaded) {
      std::fprintf(stderr, "%s", FormatDiagnostics(diagnostics, nullptr).c_str());
      std::abort();
    }
    return *loaded;
  }();
  return rubric;
}

// The reference answer and a typical mistake (a wrong link sign, so the loop
// checks fail and the diagram carries annotations).
const char* const kFiles[] = {"solutions/part-b-web-app.yaml",
                              "tests/mistakes/part-b/retry-link-negative.yaml"};

Submission LoadOrDie(const std::string& path) {
  Diagnostics diagnostics(path);
  std::optional<Submission> submission = LoadSubmissionFile(path, diagnostics);
  if (!submission) {
    std::fprintf(stderr, "%s", FormatDiagnostics(diagnostics, nullptr).c_str());
    std::abort();
  }
  return *submission;
}

void BM_LoadSubmission(benchmark::State& state) {
  const std::string path = SourcePath(kFiles[state.range(0)]);
  for (auto _ : state) benchmark::DoNotOptimize(LoadOrDie(path));
  state.SetLabel(kFiles[state.range(0)]);
}
BENCHMARK(BM_LoadSubmission)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_GradeSubmission(benchmark::State& state) {
  const Submission submission = LoadOrDie(SourcePath(kFiles[state.range(0)]));
  for (auto _ : state) benchmark::DoNotOptimize(GradeSubmission(PartBRubric(), submission));
  state.SetLabel(kFiles[state.range(0)]);
}
BENCHMARK(BM_GradeSubmission)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_AttachDiagrams(benchmark::State& state) {
  const Submission submission = LoadOrDie(SourcePath(kFiles[state.range(0)]));
  for (auto _ : state) {
    GradeResult result;
    AttachDiagrams(submission, &result);
    benchmark::DoNotOptimize(result);
  }
  state.SetLabel(kFiles[state.range(0)]);
}
BENCHMARK(BM_AttachDiagrams)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_WriteJsonResult(benchmark::State& state) {
  const GradeResult result =
      GradeSubmission(PartBRubric(), LoadOrDie(SourcePath(kFiles[state.range(0)])));
  for (auto _ : state) benchmark::DoNotOptimize(WriteJsonReport({result}, {}));
  state.SetLabel(kFiles[state.range(0)]);
}
BENCHMARK(BM_WriteJsonResult)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_WriteHtmlReport(benchmark::State& state) {
  const Submission submission = LoadOrDie(SourcePath(kFiles[state.range(0)]));
  GradeResult result = GradeSubmission(PartBRubric(), submission);
  AttachDiagrams(submission, &result);
  for (auto _ : state) benchmark::DoNotOptimize(WriteHtmlReport(result, {}));
  state.SetLabel(kFiles[state.range(0)]);
}
BENCHMARK(BM_WriteHtmlReport)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sdlab

BENCHMARK_MAIN();
