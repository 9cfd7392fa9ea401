#pragma once
// Running a compiled Model (core/engine/model.h): the options of one run and
// the time series it saves. The integration itself (Euler, RK2, RK4 as
// XMILE 1.0 defines them) is in simulator.cpp; what a run needs before it
// starts is core/engine/run_setup.h.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/engine/model.h"
#include "core/load/submission.h"

namespace sdlab {

struct DelayPipeline;  // core/engine/bytecode.h
struct RunSetup;       // core/engine/run_setup.h

/// What an observer of a run sees after each step's flows and auxiliaries
/// are computed from the stocks at `time`: every dt step, saved or not, but
/// not the intermediate stages of RK2/RK4. The pointers are valid during the
/// call only.
struct StepView {
  long long step = 0;
  double time = 0;
  bool saved = false;             // this step is a saved row
  const double* slots = nullptr;  // every slot (core/engine/model_internal.h)
  const DelayPipeline* pipelines = nullptr;
  const double* overflow = nullptr;  // per stock: what its capacity turned away
  const RunSetup* setup = nullptr;   // the run's code (overrides applied)
};

struct SimulationOptions {
  std::optional<IntegrationMethod> method;
  std::optional<double> dt;
  std::optional<double> start;
  std::optional<double> stop;
  /// Save every N-th step (N >= 1); overrides the model's save interval.
  std::optional<long long> save_every;
  /// Overrides by element name: a constant's value, or any auxiliary or
  /// flow replaced by a constant (`--set`, a rubric scenario, a what-if).
  std::vector<std::pair<std::string, double>> overrides;
  long long max_steps = 10'000'000;
  /// Fill Run::values_by_variable (every variable, constants included), which
  /// only the model's loop analysis reads. The grader leaves it off: it
  /// doubles the memory a run writes, and most of grading's time is that.
  bool save_all_variables = true;
  /// Called at every step (StepView); for analyses that need every dt step
  /// without storing them (Loops That Matter, core/engine/loop_scores.h).
  std::function<void(const StepView&)> observer;
};

/// Time series of a run: one row per saved time.
struct Run {
  std::vector<double> times;
  /// Visible series in model order: stocks, flows, auxiliaries, then each
  /// `<stock> overflow`. Constants are not series.
  std::vector<std::string> series_names;
  std::vector<int> series_variables;  // variable index, or -1 for overflow series
  /// values[series][row]
  std::vector<std::vector<double>> values;
  /// Every variable's value per saved row (values_by_variable[var][row]),
  /// constants included; lookups are NaN. For analysis (partial derivatives).
  /// Empty when SimulationOptions::save_all_variables is off.
  std::vector<std::vector<double>> values_by_variable;

  /// Index of a series by name (normalised comparison), or -1.
  int FindSeries(std::string_view name) const;
};

/// Runs the model. A NaN, infinity or division by zero stops the run with an
/// error naming the variable, its equation and the time; limits (steps,
/// options out of range) are errors too. Returns false on error.
bool Simulate(const Model& model, const SimulationOptions& options, Run* run,
              Diagnostics& diagnostics);

}  // namespace sdlab
