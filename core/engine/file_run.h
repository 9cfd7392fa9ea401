#pragma once
// What `sdlab simulate` does before it prints: a submission (or a model
// saved by Stella or another XMILE tool) loaded, its stock-and-flow model
// compiled and run once with the command line's options, and the series to
// write chosen. The printing is core/report/run_output.h.

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/engine/model.h"
#include "core/engine/simulator.h"
#include "core/load/submission.h"

namespace sdlab {

struct FileRunRequest {
  std::string path;  // .yaml/.yml submission, or .xmile/.stmx/.itmx model
  SimulationOptions options;
  /// Series to write, by name, in this order; empty: every series.
  std::vector<std::string> series;
};

struct FileRun {
  enum class Outcome {
    kRan,          // `run` holds the series
    kInputErrors,  // the file, its model or the run has errors (diagnostics)
    kUsageError,   // an option names no element or series (usage_error)
  };
  Outcome outcome = Outcome::kInputErrors;
  /// The loader's, the compiler's and the run's diagnostics, warnings too.
  Diagnostics diagnostics;
  SourceFile source;
  /// Set once the run was attempted: print the diagnostics before the data.
  bool diagnostics_before_data = false;
  std::string usage_error;  // "--set: the model has no element 'x' (did you mean 'y'?)"
  std::optional<Model> model;
  Run run;
  std::vector<int> series;  // indices into run.series_names
};

/// The stock-and-flow model of a submission (.yaml) or of a model saved by
/// an XMILE tool, size-checked; nullopt with the errors in `diagnostics`
/// when it cannot be read or has none ("no 'stock_flow' section: there is
/// no model to <purpose>").
/// With `submission`, a .yaml file's whole submission is kept there, so
/// that a caller that needs its other sections does not read it twice.
std::optional<StockFlowModel> LoadModelOfFile(const std::string& path, const std::string& purpose,
                                              Diagnostics& diagnostics, SourceFile* source,
                                              std::optional<Submission>* submission = nullptr);

/// "--set: the model has no element 'x' (did you mean 'y'?)" for the first
/// override that names no element of `model`, or "" when all do.
std::string UnknownOverride(const Model& model,
                            const std::vector<std::pair<std::string, double>>& overrides);

/// Loads, compiles and runs. Never throws.
FileRun RunModelFile(const FileRunRequest& request);

}  // namespace sdlab
