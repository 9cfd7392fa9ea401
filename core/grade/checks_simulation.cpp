// The simulation check: the model compiles and runs over its horizon.

#include "core/grade/checks_simulation.h"

#include "core/grade/check_context.h"

namespace sdlab {

CheckOutcome EvaluateSimulationCheck(const CheckSpec& check, CheckContext& context) {
  CheckOutcome outcome;
  const StockFlowModel& model = context.submission().stock_flow;
  outcome.location = model.sim.location.known() ? model.sim.location : model.location;
  const ScenarioRun& run = context.Run(check.scenario);
  if (!run.ok) {
    outcome.message = run.error;
    return outcome;
  }
  outcome.fraction = 1;
  const std::vector<double>& times = run.run.times;
  outcome.message = "the model runs";
  if (!check.scenario.empty()) outcome.message += " in scenario '" + check.scenario + "'";
  if (!times.empty()) {
    outcome.message += " from " + FormatCheckValue(times.front()) + " to " +
                       FormatCheckValue(times.back()) +
                       (model.sim.time_units.empty() ? "" : " " + model.sim.time_units);
  }
  outcome.evidence.measurements.push_back({"saved rows", static_cast<double>(times.size()), ""});
  return outcome;
}

}  // namespace sdlab
