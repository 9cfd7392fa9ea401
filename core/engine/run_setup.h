#pragma once
// What one run needs before it starts: the options checked against the
// model (method, dt, times, save interval, step limit), the overrides
// resolved to variables, and one program of the model's per-step code in
// dependency order (overridden equations replaced by their constant).

#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

#include "core/engine/bytecode.h"
#include "core/engine/model_internal.h"
#include "core/engine/simulator.h"

namespace sdlab {

/// A DELAY pipeline longer than this many steps (all pipelines together) is
/// refused: its memory comes from the submission.
constexpr double kMaxPipelineSteps = 1e7;
/// Saved rows × (series + variables) beyond this is refused (~400 MB).
constexpr double kMaxStoredValues = 5e7;

struct RunSetup {
  IntegrationMethod method = IntegrationMethod::kEuler;
  double dt = 1;
  double start = 0;
  double stop = 0;
  long long steps = 0;  // N: rows at start + n·dt for n = 0..N
  long long save_every = 1;
  bool save_all_variables = true;                 // SimulationOptions::save_all_variables
  std::function<void(const StepView&)> observer;  // SimulationOptions::observer
  std::vector<std::pair<int, double>> overrides;  // variable, value
  std::vector<bool> overridden;                   // per variable
  std::vector<double> constants;  // from slot constant_base: the model's pool + override values
  std::vector<Instruction> code;  // every run-order node, concatenated
  std::vector<std::size_t> node_starts;  // where each node's code starts
  std::vector<int> node_ids;             // which node

  bool IsOverridden(int variable) const {
    return variable >= 0 && static_cast<std::size_t>(variable) < overridden.size() &&
           overridden[static_cast<std::size_t>(variable)];
  }
};

/// Checks the options and builds the setup; reports every problem and
/// returns false. Problems have no location (they come from the command line
/// or a rubric), except the step limit: it points at the model's `sim:` settings when
/// the file sets any of the times it counts.
bool PrepareRun(const ModelImpl& model, const SimulationOptions& options, RunSetup* setup,
                Diagnostics& diagnostics);

}  // namespace sdlab
