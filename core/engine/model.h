#pragma once
// The compiled stock-and-flow model and its simulation. A Model is built once
// from a validated StockFlowModel (names resolved to slots, equations lowered
// to flat bytecode, auxiliaries and flows in dependency order, stateful
// builtins turned into internal stocks or buffers) and can be run any number
// of times with different options.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/load/submission.h"

namespace sdlab {

struct Expr;  // the equation AST, core/equation/equation_ast.h

/// One model element as the compiled model sees it.
struct ModelVariable {
  std::string name;  // as written
  std::string normalized;
  ElementKind kind = ElementKind::kAuxiliary;
  Location location;
  /// Indices (into Model::variables()) of the elements this element's
  /// equation references directly, sorted, without duplicates. For a stock:
  /// its inflows and outflows. Lookups called by an equation are included.
  std::vector<int> dependencies;
  /// For a stock: its inflows and outflows (indices of flows).
  std::vector<int> inflows;
  std::vector<int> outflows;
  /// The parsed equation (stock: initial value); null for constants/lookups.
  const Expr* equation = nullptr;
};

class ModelImpl;

class Model {
 public:
  Model();
  ~Model();
  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;

  /// Stocks, flows, auxiliaries, constants and lookups, in model order
  /// (stocks, flows, auxiliaries, constants, lookups, each as listed).
  const std::vector<ModelVariable>& variables() const;
  /// Index of the element with this name (any spelling that normalises the
  /// same), or -1.
  int Find(std::string_view name) const;
  const SimSpec& sim() const;

  /// Evaluates variable `index`'s equation (not a stock's integration) given
  /// the value of every element as `values[variable index]` at time `time`;
  /// stateful builtins read their current output from `values` of their
  /// input where they cannot be recomputed. Used for numeric partial
  /// derivatives by the loop analysis. Returns NaN for constants/lookups.
  double EvaluateWith(int index, const std::vector<double>& values, double time) const;

  ModelImpl& impl() { return *impl_; }
  const ModelImpl& impl() const { return *impl_; }

 private:
  std::unique_ptr<ModelImpl> impl_;
};

struct CompileLimits {
  std::size_t max_variables = 10000;
};

/// Parses every equation, resolves names, orders auxiliaries and flows and
/// lowers everything to bytecode. Errors are located inside the equation
/// text (file line:col). A cycle without a stock is an error naming it
/// ("latency → processing → latency"). Returns nullopt on any error.
std::optional<Model> CompileModel(const StockFlowModel& model, Diagnostics& diagnostics,
                                  const CompileLimits& limits = {});

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
