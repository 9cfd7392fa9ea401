#include "core/engine/file_run.h"

#include <utility>

#include "core/engine/model_compiler.h"
#include "core/engine/size_limits.h"
#include "core/load/submission_loader.h"
#include "core/load/xmile_import.h"
#include "core/names.h"

namespace sdlab {

namespace {

std::vector<std::string> ElementNames(const Model& model) {
  std::vector<std::string> names;
  for (const ModelVariable& variable : model.variables()) names.push_back(variable.name);
  return names;
}

std::string WithHint(const std::string& message, const std::string& hint) {
  return message + (hint.empty() ? "" : " (" + hint + ")");
}

}  // namespace

std::optional<StockFlowModel> LoadModelOfFile(const std::string& path, const std::string& purpose,
                                              Diagnostics& diagnostics, SourceFile* source,
                                              std::optional<Submission>* submission) {
  // A submission, or a model from Stella or another XMILE tool.
  std::optional<StockFlowModel> stock_flow;
  if (IsXmilePath(path)) {
    stock_flow = ImportXmileFile(path, diagnostics, source);
  } else if (std::optional<Submission> loaded = LoadSubmissionFile(path, diagnostics, source)) {
    if (submission != nullptr) {
      stock_flow = loaded->stock_flow;
      *submission = std::move(loaded);
    } else {
      stock_flow = std::move(loaded->stock_flow);
    }
  }
  if (!stock_flow) return std::nullopt;
  if (!stock_flow->present) {
    diagnostics.Error(Location{}, "no 'stock_flow' section: there is no model to " + purpose);
    return std::nullopt;
  }
  // The same refusal, in the same words, as every other command's
  // (core/loops/submission_analysis.h).
  if (!CheckModelSize(*stock_flow, diagnostics)) return std::nullopt;
  return stock_flow;
}

std::string UnknownOverride(const Model& model,
                            const std::vector<std::pair<std::string, double>>& overrides) {
  for (const auto& [name, value] : overrides) {
    if (model.Find(name) < 0) {
      return WithHint("--set: the model has no element '" + name + "'",
                      DidYouMean(name, ElementNames(model)));
    }
  }
  return "";
}

FileRun RunModelFile(const FileRunRequest& request) {
  FileRun result;
  result.diagnostics = Diagnostics(request.path);
  Diagnostics& diagnostics = result.diagnostics;
  std::optional<StockFlowModel> stock_flow =
      LoadModelOfFile(request.path, "simulate", diagnostics, &result.source);
  if (!stock_flow) return result;
  result.model = CompileModel(*stock_flow, diagnostics);
  if (!result.model) return result;
  result.usage_error = UnknownOverride(*result.model, request.options.overrides);
  if (!result.usage_error.empty()) {
    result.outcome = FileRun::Outcome::kUsageError;
    return result;
  }
  result.diagnostics_before_data = true;
  if (!Simulate(*result.model, request.options, &result.run, diagnostics)) return result;
  for (const std::string& name : request.series) {
    const int index = result.run.FindSeries(name);
    if (index < 0) {
      result.outcome = FileRun::Outcome::kUsageError;
      result.usage_error = WithHint("--series: no series named '" + name + "'",
                                    DidYouMean(name, result.run.series_names));
      return result;
    }
    result.series.push_back(index);
  }
  if (request.series.empty()) {
    for (std::size_t s = 0; s < result.run.series_names.size(); ++s) {
      result.series.push_back(static_cast<int>(s));
    }
  }
  result.outcome = FileRun::Outcome::kRan;
  return result;
}

}  // namespace sdlab
