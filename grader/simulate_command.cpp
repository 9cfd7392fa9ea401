// sdlab simulate FILE: run a submission's stock-and-flow model and print a
// per-stock summary, or the series as CSV.

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/engine/model.h"
#include "core/engine/model_compiler.h"
#include "core/engine/simulator.h"
#include "core/load/submission.h"
#include "core/load/submission_loader.h"
#include "core/load/xmile_import.h"
#include "core/load/yaml_reader.h"
#include "core/names.h"
#include "core/report/run_output.h"
#include "grader/command.h"

namespace sdlab::cli {
namespace {

bool ParseNumber(const std::string& text, double* value) {
  if (text.empty()) return false;
  errno = 0;
  char* end = nullptr;
  *value = std::strtod(text.c_str(), &end);
  return errno == 0 && end == text.c_str() + text.size();
}

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

std::vector<std::string> ElementNames(const Model& model) {
  std::vector<std::string> names;
  for (const ModelVariable& variable : model.variables()) names.push_back(variable.name);
  return names;
}

int Run(const po::variables_map& values) {
  const std::string path = values["file"].as<std::string>();
  SimulationOptions options;

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
  if (values.count("set")) {
    for (const std::string& assignment : values["set"].as<std::vector<std::string>>()) {
      std::size_t equals = assignment.find('=');
      double number = 0;
      if (equals == std::string::npos || equals == 0 ||
          !ParseNumber(assignment.substr(equals + 1), &number)) {
        return UsageError("--set expects NAME=NUMBER, got '" + assignment + "'");
      }
      options.overrides.emplace_back(assignment.substr(0, equals), number);
    }
  }

  Diagnostics diagnostics(path);
  SourceFile source;
  // A submission, or a model from Stella or another XMILE tool.
  std::optional<StockFlowModel> stock_flow;
  if (IsXmilePath(path)) {
    stock_flow = ImportXmileFile(path, diagnostics, &source);
  } else if (std::optional<Submission> submission =
                 LoadSubmissionFile(path, diagnostics, &source)) {
    stock_flow = std::move(submission->stock_flow);
  }
  if (!stock_flow) {
    ReportDiagnostics(diagnostics, source);
    return kExitInputErrors;
  }
  if (!stock_flow->present) {
    diagnostics.Error(Location{}, "no 'stock_flow' section: there is no model to simulate");
    ReportDiagnostics(diagnostics, source);
    return kExitInputErrors;
  }
  std::optional<Model> model = CompileModel(*stock_flow, diagnostics);
  if (!model) {
    ReportDiagnostics(diagnostics, source);
    return kExitInputErrors;
  }
  for (const auto& [name, value] : options.overrides) {
    if (model->Find(name) < 0) {
      std::string hint = DidYouMean(name, ElementNames(*model));
      return UsageError("--set: the model has no element '" + name + "'" +
                        (hint.empty() ? "" : " (" + hint + ")"));
    }
  }

  sdlab::Run run;
  bool ok = Simulate(*model, options, &run, diagnostics);
  ReportDiagnostics(diagnostics, source);  // warnings too
  if (!ok) return kExitInputErrors;

  std::vector<int> series;
  if (values.count("series")) {
    for (const std::string& name : SplitCommaList(values["series"].as<std::string>())) {
      int index = run.FindSeries(name);
      if (index < 0) {
        std::string hint = DidYouMean(name, run.series_names);
        return UsageError("--series: no series named '" + name + "'" +
                          (hint.empty() ? "" : " (" + hint + ")"));
      }
      series.push_back(index);
    }
  } else {
    for (std::size_t s = 0; s < run.series_names.size(); ++s) series.push_back(static_cast<int>(s));
  }

  if (!values.count("csv")) {
    std::cout << FormatStockSummaries(SummarizeStocks(*model, run), model->sim().time_units);
    return kExitOk;
  }
  const std::string csv_path = values["csv"].as<std::string>();
  if (csv_path == "-") {
    WriteRunCsv(run, series, std::cout);
    std::cout.flush();
    return std::cout ? kExitOk : kExitInternal;
  }
  std::ofstream out(csv_path, std::ios::binary);
  if (!out) {
    std::cerr << "sdlab simulate: cannot write '" << csv_path << "'\n";
    return kExitUsage;
  }
  WriteRunCsv(run, series, out);
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
