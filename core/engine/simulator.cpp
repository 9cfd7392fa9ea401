// Simulate: fixed-step integration (Euler, RK2 = Heun, RK4) of the model's
// stocks and the internal stocks of stateful builtins over one Eigen state
// vector, with non-negative outflow cutting, capacities with an overflow
// series, DELAY pipelines and PREVIOUS values advanced once per step.

#include "core/engine/simulator.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

#include "core/engine/model_internal.h"
#include "core/engine/run_setup.h"
#include "core/names.h"

namespace sdlab {
namespace {

// x - x is 0 for every finite x and NaN otherwise; four independent sums
// keep the check branch-free and pipelined.
bool AllFinite(const double* values, std::size_t count) {
  double sums[4] = {0, 0, 0, 0};
  std::size_t i = 0;
  for (; i + 4 <= count; i += 4) {
    for (std::size_t lane = 0; lane < 4; ++lane) sums[lane] += values[i + lane] - values[i + lane];
  }
  for (; i < count; ++i) sums[0] += values[i] - values[i];
  return (sums[0] + sums[1]) + (sums[2] + sums[3]) == 0;
}

class Simulation {
 public:
  Simulation(const ModelImpl& model, const RunSetup& setup, Diagnostics& diagnostics)
      : model_(model), setup_(setup), diagnostics_(diagnostics) {}

  bool Run(sdlab::Run* run) {
    Prepare();
    if (!Initialize()) return false;
    StartRun(run);
    const long long steps = setup_.steps;
    const double dt = setup_.dt;
    for (long long step = 0;; ++step) {
      double time = setup_.start + static_cast<double>(step) * dt;
      env_.time.step = step;
      env_.time.step_time = time;
      if (!Evaluate(state_, time, k1_, /*first_stage=*/true)) return false;
      if (step % setup_.save_every == 0) SaveRow(run, time);
      if (setup_.observer) {
        StepView view;
        view.step = step;
        view.time = time;
        view.saved = step % setup_.save_every == 0;
        view.slots = slots_.data();
        view.pipelines = pipelines_.data();
        view.overflow = overflow_.data();
        view.setup = &setup_;
        setup_.observer(view);
      }
      if (step == steps) break;
      CapturePending();
      switch (setup_.method) {
        case IntegrationMethod::kEuler:
          state_ += dt * k1_;
          break;
        case IntegrationMethod::kRk2:
          stage_ = state_ + dt * k1_;
          if (!Evaluate(stage_, time + dt, k2_, false)) return false;
          state_ += (dt / 2) * (k1_ + k2_);
          break;
        case IntegrationMethod::kRk4:
          stage_ = state_ + (dt / 2) * k1_;
          if (!Evaluate(stage_, time + dt / 2, k2_, false)) return false;
          stage_ = state_ + (dt / 2) * k2_;
          if (!Evaluate(stage_, time + dt / 2, k3_, false)) return false;
          stage_ = state_ + dt * k3_;
          if (!Evaluate(stage_, time + dt, k4_, false)) return false;
          state_ += (dt / 6) * (k1_ + 2 * k2_ + 2 * k3_ + k4_);
          break;
      }
      if (setup_.method != IntegrationMethod::kEuler) ClampStocks();
      CommitPending();
      if (!CheckState(time + dt)) return false;
    }
    return true;
  }

 private:
  void Prepare() {
    const std::size_t slot_count = static_cast<std::size_t>(model_.slot_count);
    slots_.assign(slot_count + setup_.constants.size(), 0.0);
    std::copy(setup_.constants.begin(), setup_.constants.end(),
              slots_.begin() + model_.constant_base);
    for (std::size_t i = 0; i < model_.variables.size(); ++i) {
      ElementKind kind = model_.variables[i].kind;
      if (kind == ElementKind::kConstant) slots_[i] = model_.constant_values[i];
      if (kind == ElementKind::kLookup) slots_[i] = std::nan("");
    }
    for (const auto& [variable, value] : setup_.overrides) {
      slots_[static_cast<std::size_t>(variable)] = value;
    }
    PlanStocks();
    checked_slots_.clear();
    for (int index : setup_.node_ids) {
      const CodeNode& node = model_.nodes[static_cast<std::size_t>(index)];
      checked_slots_.push_back(node.slot);
      if (node.kind == NodeKind::kHiddenArgument) hidden_checked_slots_.push_back(node.slot);
    }
    equation_slot_count_ = 0;
    for (const ModelVariable& variable : model_.variables) {
      if (variable.kind == ElementKind::kFlow || variable.kind == ElementKind::kAuxiliary) {
        ++equation_slot_count_;
      }
    }
    pipelines_.assign(static_cast<std::size_t>(model_.pipeline_count), DelayPipeline{});
    pending_.assign(model_.statefuls.size(), 0.0);
    const Eigen::Index n = model_.state_count;
    for (Eigen::VectorXd* vector : {&state_, &stage_, &k1_, &k2_, &k3_, &k4_}) {
      vector->setZero(n);
    }
    overflow_.assign(static_cast<std::size_t>(model_.stock_count), 0.0);
    env_.lookups = model_.lookups.data();
    env_.pipelines = pipelines_.data();
    env_.time.dt = setup_.dt;
    env_.time.start = setup_.start;
    env_.time.stop = setup_.stop;
  }

  std::string Subject(const CodeNode& node) const {
    const std::string& name = model_.variables[static_cast<std::size_t>(node.variable)].name;
    return node.kind == NodeKind::kStockInitial ? "the initial value of '" + name + "'"
                                                : "'" + name + "'";
  }

  std::string EquationOf(int variable) const {
    std::string text;
    bool space = false;
    for (char c : model_.equation_texts[static_cast<std::size_t>(variable)].text) {
      bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
      if (blank) {
        space = !text.empty();
        continue;
      }
      if (space) text += ' ';
      space = false;
      text += c;
    }
    return text;
  }

  Location LocationIn(int variable, std::size_t offset) const {
    return model_.equation_texts[static_cast<std::size_t>(variable)].At(offset);
  }

  void ReportDivisionByZero(const CodeNode& node, std::size_t pc, double time) {
    std::size_t offset =
        node.offsets.empty() ? 0 : node.offsets[std::min(pc, node.offsets.size() - 1)];
    diagnostics_.Error(LocationIn(node.variable, offset), "division by zero in " + Subject(node) +
                                                              " at time " + FormatDouble(time) +
                                                              ": " + EquationOf(node.variable));
  }

  void ReportNotFinite(const CodeNode& node, double value, double time) {
    diagnostics_.Error(LocationIn(node.variable, node.expr ? node.expr->offset : 0),
                       Subject(node) + (std::isnan(value) ? " is NaN" : " is infinite") +
                           " at time " + FormatDouble(time) + ": " + EquationOf(node.variable));
  }

  // The first node (in evaluation order, before `end`) whose value is NaN or
  // infinite: where a bad value started.
  bool ReportFirstNotFinite(std::size_t end, double time) {
    // Fast path: flows and auxiliaries sit in one block of slots (a
    // vectorised check); hidden arguments are few.
    bool finite = AllFinite(slots_.data() + model_.stock_count, equation_slot_count_);
    for (int slot : hidden_checked_slots_) {
      finite = finite && std::isfinite(slots_[static_cast<std::size_t>(slot)]);
    }
    if (finite) return false;
    for (std::size_t i = 0; i < end; ++i) {
      double value = slots_[static_cast<std::size_t>(checked_slots_[i])];
      if (std::isfinite(value)) continue;
      ReportNotFinite(model_.nodes[static_cast<std::size_t>(setup_.node_ids[i])], value, time);
      return true;
    }
    return false;
  }

  bool Initialize() {
    env_.time.time = env_.time.step_time = setup_.start;
    env_.time.step = 0;
    for (int index : model_.init_order) {
      const CodeNode& node = model_.nodes[static_cast<std::size_t>(index)];
      if (node.kind == NodeKind::kStatefulInit) {
        if (!InitializeStateful(model_.statefuls[static_cast<std::size_t>(node.stateful)])) {
          return false;
        }
        continue;
      }
      if (node.kind == NodeKind::kVariable && setup_.IsOverridden(node.variable)) continue;
      VmResult result = Execute(node.code.data(), node.code.size(), slots_.data(), env_);
      if (result.failure != VmFailure::kNone) {
        ReportDivisionByZero(node, result.pc, setup_.start);
        return false;
      }
      double value = slots_[static_cast<std::size_t>(node.slot)];
      if (!std::isfinite(value)) {
        ReportNotFinite(node, value, setup_.start);
        return false;
      }
    }
    for (Eigen::Index i = 0; i < state_.size(); ++i) {
      state_[i] = slots_[static_cast<std::size_t>(model_.state_slots[static_cast<std::size_t>(i)])];
    }
    return CheckState(setup_.start);
  }

  bool InitializeStateful(const StatefulInstance& instance) {
    auto slot = [&](int index) { return slots_[static_cast<std::size_t>(index)]; };
    double value = slot(instance.initial_slot >= 0 ? instance.initial_slot : instance.input_slot);
    const std::string& owner = model_.variables[static_cast<std::size_t>(instance.owner)].name;
    const char* function = GetBuiltin(instance.builtin).name;
    Location location = LocationIn(instance.owner, instance.call->op_offset);
    switch (instance.kind) {
      case StatefulKind::kSmooth:
        for (int stage = 0; stage < instance.order; ++stage) {
          slots_[static_cast<std::size_t>(instance.first_slot + stage)] = value;
        }
        return true;
      case StatefulKind::kMaterialDelay: {
        double per_stage = value * slot(instance.time_slot) / instance.order;
        for (int stage = 0; stage < instance.order; ++stage) {
          slots_[static_cast<std::size_t>(instance.first_slot + stage)] = per_stage;
        }
        return true;
      }
      case StatefulKind::kPipelineDelay: {
        double delay = slot(instance.time_slot);
        double steps = std::round(delay / setup_.dt);
        if (!(delay >= 0) || !(steps <= kMaxPipelineSteps - pipeline_total_)) {
          diagnostics_.Error(location, std::string("the delay time of ") + function + " in '" +
                                           owner + "' is " + FormatDouble(delay) +
                                           ": it must be from 0 to " +
                                           FormatDouble(kMaxPipelineSteps) + " steps of dt");
          return false;
        }
        // At least one step: the output is always the input of an earlier step.
        std::size_t length = std::max<std::size_t>(1, static_cast<std::size_t>(steps));
        pipeline_total_ += static_cast<double>(length);
        pipelines_[static_cast<std::size_t>(instance.pipeline)].values.assign(length, value);
        return true;
      }
      case StatefulKind::kTrend: {
        double trend = instance.initial_slot >= 0 ? slot(instance.initial_slot) : 0.0;
        double denominator = 1 + trend * slot(instance.time_slot);
        if (denominator == 0) {
          diagnostics_.Error(location, "division by zero in '" + owner +
                                           "' at the start: TREND's initial average is undefined");
          return false;
        }
        slots_[static_cast<std::size_t>(instance.first_slot)] =
            slot(instance.input_slot) / denominator;
        return true;
      }
      case StatefulKind::kInitialValue:
        slots_[static_cast<std::size_t>(instance.value_slot)] = slot(instance.input_slot);
        return true;
      case StatefulKind::kPreviousValue:
        slots_[static_cast<std::size_t>(instance.value_slot)] = value;
        return true;
    }
    return true;
  }

  // Computes every flow and auxiliary from `state` at `time` and the state's
  // derivative into `rate`.
  bool Evaluate(const Eigen::VectorXd& state, double time, Eigen::VectorXd& rate,
                bool first_stage) {
    double* slots = slots_.data();
    const int* state_slots = model_.state_slots.data();
    for (Eigen::Index i = 0; i < state.size(); ++i) slots[state_slots[i]] = state[i];
    env_.time.time = time;
    VmResult result = Execute(setup_.code.data(), setup_.code.size(), slots, env_);
    if (result.failure != VmFailure::kNone) {
      std::size_t position = static_cast<std::size_t>(
          std::upper_bound(setup_.node_starts.begin(), setup_.node_starts.end(), result.pc) -
          setup_.node_starts.begin() - 1);
      // A bad value upstream (1 / INF = 0) may be the real cause.
      if (!ReportFirstNotFinite(position, time)) {
        const CodeNode& node = model_.nodes[static_cast<std::size_t>(setup_.node_ids[position])];
        ReportDivisionByZero(node, result.pc - setup_.node_starts[position], time);
      }
      return false;
    }
    if (ReportFirstNotFinite(checked_slots_.size(), time)) return false;
    CutOutflows(state);
    StockRates(state, rate, first_stage);
    return InternalRates(time, rate);
  }

  // Flat per-stock lists of flow slots, so that the per-stage work is a few
  // tight loops over arrays.
  void PlanStocks() {
    for (int stock = 0; stock < model_.stock_count; ++stock) {
      const ModelVariable& variable = model_.variables[static_cast<std::size_t>(stock)];
      StockPlan plan;
      plan.stock = stock;
      plan.inflows_begin = flow_slots_.size();
      flow_slots_.insert(flow_slots_.end(), variable.inflows.begin(), variable.inflows.end());
      plan.outflows_begin = flow_slots_.size();
      flow_slots_.insert(flow_slots_.end(), variable.outflows.begin(), variable.outflows.end());
      plan.outflows_end = flow_slots_.size();
      plan.capacity = model_.stock_max[static_cast<std::size_t>(stock)];
      if (model_.non_negative[static_cast<std::size_t>(stock)] && !variable.outflows.empty()) {
        cut_stocks_.push_back(stocks_.size());
      }
      stocks_.push_back(plan);
    }
  }

  double SumOfFlows(std::size_t begin, std::size_t end) const {
    double sum = 0;
    for (std::size_t i = begin; i < end; ++i)
      sum += slots_[static_cast<std::size_t>(flow_slots_[i])];
    return sum;
  }

  // Non-negative stocks: outflows that would take more than the stock holds
  // (plus this step's inflow) are served in priority order, each cut to what
  // is left. A cut can starve a later stock's inflow, so repeat until stable.
  void CutOutflows(const Eigen::VectorXd& state) {
    const double dt = setup_.dt;
    for (std::size_t pass = 0; pass <= cut_stocks_.size(); ++pass) {
      bool cut = false;
      for (std::size_t index : cut_stocks_) {
        const StockPlan& plan = stocks_[index];
        double available =
            state[plan.stock] + dt * SumOfFlows(plan.inflows_begin, plan.outflows_begin);
        for (std::size_t i = plan.outflows_begin; i < plan.outflows_end; ++i) {
          double& value = slots_[static_cast<std::size_t>(flow_slots_[i])];
          if (value > 0) {
            double allowed = std::max(0.0, available) / dt;
            if (value > allowed) {
              value = allowed;
              cut = true;
            }
          }
          available -= dt * value;
        }
      }
      if (!cut) return;
    }
  }

  void StockRates(const Eigen::VectorXd& state, Eigen::VectorXd& rate, bool first_stage) {
    for (const StockPlan& plan : stocks_) {
      double inflow = SumOfFlows(plan.inflows_begin, plan.outflows_begin);
      double net = inflow - SumOfFlows(plan.outflows_begin, plan.outflows_end);
      double overflow = 0;
      if (!std::isnan(plan.capacity)) {
        double excess = (state[plan.stock] + setup_.dt * net - plan.capacity) / setup_.dt;
        overflow = std::clamp(excess, 0.0, std::max(0.0, inflow));
        if (first_stage) overflow_[static_cast<std::size_t>(plan.stock)] = overflow;
      }
      rate[plan.stock] = net - overflow;
    }
  }

  bool InternalRates(double time, Eigen::VectorXd& rate) {
    const double* slots = slots_.data();
    for (const StatefulInstance& instance : model_.statefuls) {
      if (instance.first_state < 0) continue;
      double input = slots[instance.input_slot];
      double time_constant = slots[instance.time_slot];
      if (instance.kind != StatefulKind::kTrend) time_constant /= instance.order;
      if (time_constant == 0) {
        diagnostics_.Error(LocationIn(instance.owner, instance.call->op_offset),
                           "division by zero in '" +
                               model_.variables[static_cast<std::size_t>(instance.owner)].name +
                               "' at time " + FormatDouble(time) + ": the time of " +
                               GetBuiltin(instance.builtin).name + " is 0");
        return false;
      }
      const double* stages = slots + instance.first_slot;
      Eigen::Index first = instance.first_state;
      if (instance.kind == StatefulKind::kMaterialDelay) {
        // Stage i holds material; it leaves at stage_i / time_constant.
        double upstream = input;
        for (int i = 0; i < instance.order; ++i) {
          double outflow = stages[i] / time_constant;
          rate[first + i] = upstream - outflow;
          upstream = outflow;
        }
      } else {
        // Smoothing (and TREND's average): each stage follows the previous.
        double upstream = input;
        for (int i = 0; i < instance.order; ++i) {
          rate[first + i] = (upstream - stages[i]) / time_constant;
          upstream = stages[i];
        }
      }
    }
    return true;
  }

  void CapturePending() {
    for (std::size_t i = 0; i < model_.statefuls.size(); ++i) {
      const StatefulInstance& instance = model_.statefuls[i];
      if (instance.kind == StatefulKind::kPipelineDelay ||
          instance.kind == StatefulKind::kPreviousValue) {
        pending_[i] = slots_[static_cast<std::size_t>(instance.input_slot)];
      }
    }
  }

  void CommitPending() {
    for (std::size_t i = 0; i < model_.statefuls.size(); ++i) {
      const StatefulInstance& instance = model_.statefuls[i];
      if (instance.kind == StatefulKind::kPipelineDelay) {
        DelayPipeline& pipeline = pipelines_[static_cast<std::size_t>(instance.pipeline)];
        pipeline.values[pipeline.head] = pending_[i];
        pipeline.head = (pipeline.head + 1) % pipeline.values.size();
      } else if (instance.kind == StatefulKind::kPreviousValue) {
        slots_[static_cast<std::size_t>(instance.value_slot)] = pending_[i];
      }
    }
  }

  // RK stages can overshoot a bound that each stage respected.
  void ClampStocks() {
    for (int stock = 0; stock < model_.stock_count; ++stock) {
      double capacity = model_.stock_max[static_cast<std::size_t>(stock)];
      if (!std::isnan(capacity) && state_[stock] > capacity) state_[stock] = capacity;
      if (model_.non_negative[static_cast<std::size_t>(stock)] && state_[stock] < 0) {
        state_[stock] = 0;
      }
    }
  }

  bool CheckState(double time) {
    if (state_.allFinite()) return true;
    for (Eigen::Index i = 0; i < state_.size(); ++i) {
      if (std::isfinite(state_[i])) continue;
      const char* what = std::isnan(state_[i]) ? " is NaN" : " is infinite";
      if (i < model_.stock_count) {
        const ModelVariable& stock = model_.variables[static_cast<std::size_t>(i)];
        diagnostics_.Error(stock.location,
                           "stock '" + stock.name + "'" + what + " at time " + FormatDouble(time));
      } else {
        for (const StatefulInstance& instance : model_.statefuls) {
          if (instance.first_state < 0 || i < instance.first_state ||
              i >= instance.first_state + instance.order) {
            continue;
          }
          diagnostics_.Error(LocationIn(instance.owner, instance.call->op_offset),
                             std::string("the state of ") + GetBuiltin(instance.builtin).name +
                                 " in '" +
                                 model_.variables[static_cast<std::size_t>(instance.owner)].name +
                                 "'" + what + " at time " + FormatDouble(time));
        }
      }
      return false;
    }
    return false;
  }

  void StartRun(sdlab::Run* run) {
    *run = sdlab::Run{};
    std::size_t rows = static_cast<std::size_t>(setup_.steps / setup_.save_every + 1);
    for (std::size_t i = 0; i < model_.variables.size(); ++i) {
      ElementKind kind = model_.variables[i].kind;
      if (kind == ElementKind::kStock || kind == ElementKind::kFlow ||
          kind == ElementKind::kAuxiliary) {
        run->series_names.push_back(model_.variables[i].name);
        run->series_variables.push_back(static_cast<int>(i));
      }
    }
    for (int stock = 0; stock < model_.stock_count; ++stock) {
      if (std::isnan(model_.stock_max[static_cast<std::size_t>(stock)])) continue;
      run->series_names.push_back(model_.variables[static_cast<std::size_t>(stock)].name +
                                  " overflow");
      run->series_variables.push_back(-1);
      overflow_series_.push_back(stock);
    }
    run->times.reserve(rows);
    run->values.assign(run->series_names.size(), {});
    for (auto& series : run->values) series.reserve(rows);
    if (setup_.save_all_variables) {
      run->values_by_variable.assign(model_.variables.size(), {});
      for (auto& series : run->values_by_variable) series.reserve(rows);
    }
  }

  void SaveRow(sdlab::Run* run, double time) {
    run->times.push_back(time);
    std::size_t series = 0;
    for (; series < run->series_variables.size() - overflow_series_.size(); ++series) {
      run->values[series].push_back(
          slots_[static_cast<std::size_t>(run->series_variables[series])]);
    }
    for (int stock : overflow_series_) {
      run->values[series++].push_back(overflow_[static_cast<std::size_t>(stock)]);
    }
    for (std::size_t i = 0; i < run->values_by_variable.size(); ++i) {
      run->values_by_variable[i].push_back(slots_[i]);
    }
  }

  const ModelImpl& model_;
  const RunSetup& setup_;
  Diagnostics& diagnostics_;
  std::vector<double> slots_;
  std::vector<int> checked_slots_;  // per run-order node: its slot
  std::vector<int> hidden_checked_slots_;
  std::size_t equation_slot_count_ = 0;  // flows and auxiliaries, after the stocks
  struct StockPlan {
    int stock = 0;
    std::size_t inflows_begin = 0;  // into flow_slots_; outflows follow the inflows
    std::size_t outflows_begin = 0;
    std::size_t outflows_end = 0;
    double capacity = 0;  // NaN: none
  };
  std::vector<StockPlan> stocks_;
  std::vector<int> flow_slots_;
  std::vector<std::size_t> cut_stocks_;  // stocks_ that are non-negative and have outflows
  std::vector<DelayPipeline> pipelines_;
  std::vector<double> pending_;  // per stateful: the input value at this step
  std::vector<double> overflow_;
  std::vector<int> overflow_series_;
  double pipeline_total_ = 0;
  VmEnvironment env_;
  Eigen::VectorXd state_, stage_, k1_, k2_, k3_, k4_;
};

}  // namespace

int Run::FindSeries(std::string_view name) const {
  std::string key = NormalizeName(name);
  for (std::size_t i = 0; i < series_names.size(); ++i) {
    if (NormalizeName(series_names[i]) == key) return static_cast<int>(i);
  }
  return -1;
}

bool Simulate(const Model& model, const SimulationOptions& options, Run* run,
              Diagnostics& diagnostics) {
  RunSetup setup;
  if (!PrepareRun(model.impl(), options, &setup, diagnostics)) return false;
  Run result;
  if (!Simulation(model.impl(), setup, diagnostics).Run(&result)) return false;
  *run = std::move(result);
  return true;
}

}  // namespace sdlab
