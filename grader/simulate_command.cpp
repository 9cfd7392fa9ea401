// sdlab simulate FILE: run a submission's stock-and-flow model and print a
// per-stock summary, or the series as CSV.

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/engine/file_run.h"
#include "core/names.h"
#include "core/report/run_output.h"
#include "grader/command.h"

namespace sdlab::cli {
namespace {

std::vector<std::string> SplitCommaList(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    if (!NormalizeName(item).empty()) items.push_back(item);
  }
  return items;
}

int UsageError(const std::string& message) {
  std::cerr << "sdlab simulate: " << message << "\n";
  return kExitUsage;
}

int Run(const po::variables_map& values) {
  FileRunRequest request;
  request.path = values["file"].as<std::string>();
  SimulationOptions& options = request.options;

  if (values.count("method")) {
    std::string method = NormalizeName(values["method"].as<std::string>());
    if (method == "euler") {
      options.method = IntegrationMethod::kEuler;
    } else if (method == "rk2") {
      options.method = IntegrationMethod::kRk2;
    } else if (method == "rk4") {
      options.method = IntegrationMethod::kRk4;
    } else {
      std::string hint = DidYouMean(method, {"euler", "rk2", "rk4"});
      return UsageError("unknown method '" + values["method"].as<std::string>() +
                        "': expected euler, rk2 or rk4" + (hint.empty() ? "" : " (" + hint + ")"));
    }
  }
  if (values.count("dt")) options.dt = values["dt"].as<double>();
  if (values.count("start")) options.start = values["start"].as<double>();
  if (values.count("stop")) options.stop = values["stop"].as<double>();
  if (values.count("save-every")) {
    long long every = values["save-every"].as<long long>();
    if (every < 1) return UsageError("--save-every must be a whole number of steps >= 1");
    options.save_every = every;
  }
  if (std::string error = ParseSetOptions(values, &options.overrides); !error.empty()) {
    return UsageError(error);
  }

  if (values.count("series")) request.series = SplitCommaList(values["series"].as<std::string>());

  const FileRun run = RunModelFile(request);
  if (run.outcome == FileRun::Outcome::kUsageError && !run.diagnostics_before_data) {
    return UsageError(run.usage_error);
  }
  ReportDiagnostics(run.diagnostics, run.source);  // warnings too
  if (run.outcome == FileRun::Outcome::kInputErrors) return kExitInputErrors;
  if (run.outcome == FileRun::Outcome::kUsageError) return UsageError(run.usage_error);
  const Model& model = *run.model;
  const std::vector<int>& series = run.series;

  if (!values.count("csv")) {
    std::cout << FormatStockSummaries(SummarizeStocks(model, run.run), model.sim().time_units);
    return kExitOk;
  }
  const std::string csv_path = values["csv"].as<std::string>();
  if (csv_path == "-") {
    WriteRunCsv(run.run, series, std::cout);
    std::cout.flush();
    return std::cout ? kExitOk : kExitInternal;
  }
  std::ofstream out(csv_path, std::ios::binary);
  if (!out) {
    std::cerr << "sdlab simulate: cannot write '" << csv_path << "'\n";
    return kExitUsage;
  }
  WriteRunCsv(run.run, series, out);
  out.close();
  if (!out) {
    std::cerr << "sdlab simulate: writing '" << csv_path << "' failed\n";
    return kExitInternal;
  }
  return kExitOk;
}

}  // namespace

CommandSpec SimulateCommand() {
  CommandSpec command;
  command.name = "simulate";
  command.summary = "run a submission's stock-and-flow model; print a summary or CSV";
  command.usage =
      "sdlab simulate FILE [--csv OUT] [--method M] [--dt X] [--start T] [--stop T]\n"
      "                    [--save-every N] [--set NAME=VALUE]... [--series a,b]";
  command.options = [](po::options_description& options,
                       po::positional_options_description& positional) {
    options.add_options()("file", po::value<std::string>()->required(),
                          "the submission (YAML), or an XMILE model (.xmile, .stmx, .itmx)")(
        "csv", po::value<std::string>()->value_name("OUT"),
        "write every series as CSV to OUT ('-' = stdout) instead of the summary")(
        "method", po::value<std::string>()->value_name("M"),
        "integration method: euler, rk2 or rk4 (default: the model's)")(
        "dt", po::value<double>()->value_name("X"), "time step (default: the model's)")(
        "start", po::value<double>()->value_name("T"), "start time")(
        "stop", po::value<double>()->value_name("T"), "stop time")(
        "save-every", po::value<long long>()->value_name("N"), "save every N-th step")(
        "set", po::value<std::vector<std::string>>()->composing()->value_name("NAME=VALUE"),
        "override a constant (or replace a variable by a constant); repeatable")(
        "series", po::value<std::string>()->value_name("a,b"),
        "only these series in the CSV, in this order");
    positional.add("file", 1);
  };
  command.run = Run;
  return command;
}

}  // namespace sdlab::cli
