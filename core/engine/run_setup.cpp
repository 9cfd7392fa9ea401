#include "core/engine/run_setup.h"

#include <algorithm>
#include <cmath>

#include "core/engine/simulator.h"
#include "core/names.h"

namespace sdlab {
namespace {

bool CheckTimes(RunSetup& setup, const SimulationOptions& options, Diagnostics& diagnostics) {
  bool ok = true;
  auto finite = [&](double value, const char* what) {
    if (std::isfinite(value)) return true;
    diagnostics.Error({},
                      std::string(what) + " must be a finite number, got " + FormatDouble(value));
    ok = false;
    return false;
  };
  if (finite(setup.dt, "dt") && !(setup.dt > 0)) {
    diagnostics.Error({}, "dt must be positive, got " + FormatDouble(setup.dt));
    ok = false;
  }
  if (finite(setup.start, "start") & finite(setup.stop, "stop") && !(setup.stop > setup.start)) {
    diagnostics.Error({}, "stop (" + FormatDouble(setup.stop) + ") must be after start (" +
                              FormatDouble(setup.start) + ")");
    ok = false;
  }
  if (options.save_every && *options.save_every < 1) {
    diagnostics.Error(
        {}, "save every must be at least 1 step, got " + std::to_string(*options.save_every));
    ok = false;
  }
  return ok;
}

// N = (stop - start) / dt, rounded when within 1e-9 (relative beyond 1) of
// a whole number, else floored; at most `max_steps`.
// The refusal points at the file's `sim:` when any of dt, start and stop
// come from there.
bool CountSteps(RunSetup& setup, const ModelImpl& model, const SimulationOptions& options,
                Diagnostics& diagnostics) {
  const long long max_steps = options.max_steps;
  double span = (setup.stop - setup.start) / setup.dt;
  double nearest = std::round(span);
  double steps = std::fabs(span - nearest) <= 1e-9 * std::max(1.0, std::fabs(span))
                     ? nearest
                     : std::floor(span);
  if (!(steps <= static_cast<double>(max_steps))) {
    const bool from_file = !options.dt || !options.start || !options.stop;
    const Location sim = model.sim.location.known() ? model.sim.location : model.model_location;
    diagnostics.Error(from_file ? sim : Location{},
                      "the run would take " + FormatDouble(steps) +
                          " steps ((stop - start) / dt); at most " + std::to_string(max_steps) +
                          " are allowed",
                      "raise dt or shorten the run");
    return false;
  }
  setup.steps = static_cast<long long>(steps);
  return true;
}

long long SaveEvery(const ModelImpl& model, const SimulationOptions& options, double dt) {
  if (options.save_every) return *options.save_every;
  if (model.sim.save_interval && *model.sim.save_interval > 0) {
    double every = std::round(*model.sim.save_interval / dt);
    return every < 1      ? 1
           : every > 1e15 ? static_cast<long long>(1e15)
                          : static_cast<long long>(every);
  }
  return 1;
}

bool ResolveOverrides(const ModelImpl& model, const SimulationOptions& options, RunSetup& setup,
                      Diagnostics& diagnostics) {
  bool ok = true;
  setup.overridden.assign(model.variables.size(), false);
  std::vector<std::string> settable;
  for (const ModelVariable& variable : model.variables) {
    if (variable.kind != ElementKind::kStock && variable.kind != ElementKind::kLookup) {
      settable.push_back(variable.name);
    }
  }
  for (const auto& [name, value] : options.overrides) {
    auto it = model.index_by_name.find(NormalizeName(name));
    if (it == model.index_by_name.end()) {
      diagnostics.Error({}, "unknown variable '" + name + "'", DidYouMean(name, settable));
      ok = false;
      continue;
    }
    const ModelVariable& variable = model.variables[static_cast<std::size_t>(it->second)];
    if (variable.kind == ElementKind::kStock || variable.kind == ElementKind::kLookup) {
      diagnostics.Error({}, std::string("cannot set ") +
                                (variable.kind == ElementKind::kStock ? "stock" : "lookup") + " '" +
                                variable.name +
                                "': only constants, auxiliaries and flows can be set");
      ok = false;
      continue;
    }
    if (std::find(model.structural_constants.begin(), model.structural_constants.end(),
                  it->second) != model.structural_constants.end()) {
      diagnostics.Error(
          {}, "cannot set '" + variable.name + "': it fixes the order of a SMTHN or DELAYN");
      ok = false;
      continue;
    }
    if (!std::isfinite(value)) {
      diagnostics.Error({}, "cannot set '" + variable.name + "' to " + FormatDouble(value) +
                                ": the value must be finite");
      ok = false;
      continue;
    }
    setup.overridden[static_cast<std::size_t>(it->second)] = true;
    setup.overrides.emplace_back(it->second, value);  // a later --set wins
  }
  return ok;
}

void AssembleProgram(const ModelImpl& model, RunSetup& setup) {
  setup.constants = model.constant_pool;
  std::vector<double> override_value(model.variables.size(), 0);
  for (const auto& [variable, value] : setup.overrides) {
    override_value[static_cast<std::size_t>(variable)] = value;
  }
  for (int index : model.run_order) {
    const CodeNode& node = model.nodes[static_cast<std::size_t>(index)];
    setup.node_starts.push_back(setup.code.size());
    setup.node_ids.push_back(index);
    if (node.kind == NodeKind::kVariable && setup.IsOverridden(node.variable)) {
      Instruction copy;
      copy.op = Op::kCopy;
      copy.d = node.slot;
      copy.a = model.constant_base + static_cast<int>(setup.constants.size());
      setup.constants.push_back(override_value[static_cast<std::size_t>(node.variable)]);
      setup.code.push_back(copy);
      continue;
    }
    setup.code.insert(setup.code.end(), node.code.begin(), node.code.end());
  }
}

}  // namespace

bool PrepareRun(const ModelImpl& model, const SimulationOptions& options, RunSetup* setup,
                Diagnostics& diagnostics) {
  RunSetup& s = *setup;
  s.method = options.method.value_or(model.sim.method);
  s.dt = options.dt.value_or(model.sim.dt);
  s.start = options.start.value_or(model.sim.start);
  s.stop = options.stop.value_or(model.sim.stop);
  bool ok = CheckTimes(s, options, diagnostics);
  ok = ResolveOverrides(model, options, s, diagnostics) && ok;
  if (!ok || !CountSteps(s, model, options, diagnostics)) return false;
  s.save_every = SaveEvery(model, options, s.dt);
  s.save_all_variables = options.save_all_variables;
  s.observer = options.observer;
  double rows = std::floor(static_cast<double>(s.steps) / static_cast<double>(s.save_every)) + 1;
  // The time, the series (at most one per variable), and every variable
  // again when the analysis asks for them.
  const double variables = static_cast<double>(model.variables.size());
  double per_row = (s.save_all_variables ? 2 : 1) * variables + 1;
  if (rows * per_row > kMaxStoredValues) {
    diagnostics.Error({},
                      "the run would save " + FormatDouble(rows) + " rows of " +
                          FormatDouble(per_row) + " values, more than " +
                          FormatDouble(kMaxStoredValues),
                      "save fewer rows: a larger save interval");
    return false;
  }
  AssembleProgram(model, s);
  return true;
}

}  // namespace sdlab
