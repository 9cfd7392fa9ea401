// LinkScorer: every step, one evaluation of each scored equation as it is
// and one per input with that input (or a builtin's output) at its previous
// value, on a copy of the run's slots.

#include "core/engine/loop_scores.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <set>

#include "core/engine/bytecode.h"
#include "core/engine/model_internal.h"
#include "core/engine/run_setup.h"

namespace sdlab {

namespace {

double Sign(double value) { return value > 0 ? 1.0 : (value < 0 ? -1.0 : 0.0); }

// |numerator / change| · sign(numerator / cause): the link score of one
// input, 0 when either change is 0 or the result is not finite.
double PartialScore(double numerator, double change, double cause_change) {
  if (change == 0 || cause_change == 0) return 0;
  double score = std::fabs(numerator / change) * Sign(numerator) * Sign(cause_change);
  return std::isfinite(score) ? score : 0;
}

// A stateful builtin the scored equation reads, and how its input reaches x.
struct Channel {
  int stateful = -1;
  bool input_is_source = false;  // the builtin's input is x itself
  int hidden_node = -1;          // else: the setup position of the argument's code
};

struct Plan {
  enum class Kind { kNone, kFlowToStock, kEquation };
  Kind kind = Kind::kNone;
  int sign = 1;       // kFlowToStock: +1 inflow, -1 outflow
  int position = -1;  // kEquation: the target's code in the setup
  bool direct = false;
  // The target is an outflow of a non-negative stock: its slot may hold a
  // cut value, so its equation's own value is computed again.
  bool recompute = false;
  std::vector<Channel> channels;
};

}  // namespace

struct LinkScorer::Impl {
  const ModelImpl& model;
  std::vector<ScoredLink> links;
  std::vector<double> scores;

  const RunSetup* setup = nullptr;
  std::vector<Plan> plans;
  std::vector<int> node_position;  // per model node: its position in the setup, or -1
  // The slots at the previous and the current step; equations are evaluated
  // on `current` itself, each slot changed put back after.
  std::vector<double> previous, current;
  std::vector<double> previous_overflow, current_overflow;
  std::vector<double> previous_heads, current_heads;
  std::vector<DelayPipeline> heads;  // one-value pipelines the code reads
  VmEnvironment environment;
  bool have_previous = false;
  // Per step memo of each setup position's value as computed, and of each
  // stateful builtin's chain score.
  std::vector<double> base;
  std::vector<long long> base_step;
  std::vector<double> chain;
  std::vector<long long> chain_step;
  long long step = 0;
  // Which links are scored at this step: scored[i] == observed.
  long long observed = 0;
  long long scored_step = -1;
  std::vector<long long> scored;

  double Lazy(std::size_t i) {
    if (scored[i] != observed) {
      scores[i] = observed > 1 ? ScoreLink(i) : 0;
      scored[i] = observed;
    }
    return scores[i];
  }

  const std::vector<double>& All() {
    if (scored_step != observed) {
      for (std::size_t i = 0; i < links.size(); ++i) Lazy(i);
      scored_step = observed;
    }
    return scores;
  }

  Impl(const ModelImpl& m, std::vector<ScoredLink> l) : model(m), links(std::move(l)) {
    scores.assign(links.size(), 0.0);
    scored.assign(links.size(), -1);
  }

  std::pair<std::size_t, std::size_t> Code(int position) const {
    std::size_t begin = setup->node_starts[static_cast<std::size_t>(position)];
    std::size_t end = static_cast<std::size_t>(position) + 1 < setup->node_starts.size()
                          ? setup->node_starts[static_cast<std::size_t>(position) + 1]
                          : setup->code.size();
    return {begin, end};
  }

  void Reads(int position, std::set<int>* slots, std::set<int>* pipelines) const {
    auto [begin, end] = Code(position);
    for (std::size_t pc = begin; pc < end; ++pc) {
      const Instruction& in = setup->code[pc];
      int operands = SlotOperands(in.op);
      if (in.op == Op::kDelayOutput) pipelines->insert(in.b);
      if (operands & 0b010) slots->insert(in.a);
      if (operands & 0b100) slots->insert(in.b);
    }
  }

  // The slots that carry a stateful builtin's output into the owner's code.
  static bool ReadsOutput(const StatefulInstance& s, const std::set<int>& slots,
                          const std::set<int>& pipelines) {
    switch (s.kind) {
      case StatefulKind::kSmooth:
      case StatefulKind::kMaterialDelay:
        return slots.count(s.first_slot + s.order - 1) > 0;
      case StatefulKind::kPreviousValue:
        return slots.count(s.value_slot) > 0;
      case StatefulKind::kTrend:
        return slots.count(s.first_slot) > 0;
      case StatefulKind::kPipelineDelay:
        return pipelines.count(s.pipeline) > 0;
      case StatefulKind::kInitialValue:
        return false;  // fixed after the start: no link
    }
    return false;
  }

  void PlanLinks(const StepView& view) {
    setup = view.setup;
    node_position.assign(model.nodes.size(), -1);
    for (std::size_t i = 0; i < setup->node_ids.size(); ++i) {
      node_position[static_cast<std::size_t>(setup->node_ids[i])] = static_cast<int>(i);
    }
    auto variable_position = [&](int variable) {
      for (std::size_t n = 0; n < model.nodes.size(); ++n) {
        const CodeNode& node = model.nodes[n];
        if (node.kind == NodeKind::kVariable && node.variable == variable) return node_position[n];
      }
      return -1;
    };
    auto hidden_position = [&](int slot) {
      for (std::size_t n = 0; n < model.nodes.size(); ++n) {
        const CodeNode& node = model.nodes[n];
        if (node.kind == NodeKind::kHiddenArgument && node.slot == slot) return node_position[n];
      }
      return -1;
    };
    plans.assign(links.size(), Plan{});
    for (std::size_t i = 0; i < links.size(); ++i) {
      const ScoredLink& link = links[i];
      Plan& plan = plans[i];
      if (link.from < 0 || link.to < 0 ||
          static_cast<std::size_t>(link.from) >= model.variables.size() ||
          static_cast<std::size_t>(link.to) >= model.variables.size()) {
        continue;
      }
      const ModelVariable& to = model.variables[static_cast<std::size_t>(link.to)];
      if (to.kind == ElementKind::kStock) {
        bool in = std::count(to.inflows.begin(), to.inflows.end(), link.from) > 0;
        bool out = std::count(to.outflows.begin(), to.outflows.end(), link.from) > 0;
        if (in || out) {
          plan.kind = Plan::Kind::kFlowToStock;
          plan.sign = in ? 1 : -1;
        }
        continue;
      }
      if (to.kind != ElementKind::kFlow && to.kind != ElementKind::kAuxiliary) continue;
      plan.position = variable_position(link.to);
      if (plan.position < 0) continue;
      plan.kind = Plan::Kind::kEquation;
      for (int stock = 0; stock < model.stock_count && to.kind == ElementKind::kFlow; ++stock) {
        const ModelVariable& variable = model.variables[static_cast<std::size_t>(stock)];
        if (model.non_negative[static_cast<std::size_t>(stock)] &&
            std::count(variable.outflows.begin(), variable.outflows.end(), link.to) > 0) {
          plan.recompute = true;
        }
      }
      std::set<int> slots, pipelines;
      Reads(plan.position, &slots, &pipelines);
      plan.direct = slots.count(link.from) > 0;
      for (std::size_t s = 0; s < model.statefuls.size(); ++s) {
        const StatefulInstance& instance = model.statefuls[s];
        if (!ReadsOutput(instance, slots, pipelines)) continue;
        Channel channel;
        channel.stateful = static_cast<int>(s);
        if (instance.input_slot == link.from) {
          channel.input_is_source = true;
        } else {
          channel.hidden_node = hidden_position(instance.input_slot);
          if (channel.hidden_node < 0) continue;
          std::set<int> hidden_slots, hidden_pipelines;
          Reads(channel.hidden_node, &hidden_slots, &hidden_pipelines);
          if (hidden_slots.count(link.from) == 0) continue;
        }
        plan.channels.push_back(channel);
      }
    }
    std::size_t slot_total = static_cast<std::size_t>(model.slot_count) + setup->constants.size();
    previous.assign(slot_total, 0.0);
    current.assign(slot_total, 0.0);
    previous_overflow.assign(static_cast<std::size_t>(model.stock_count), 0.0);
    current_overflow = previous_overflow;
    previous_heads.assign(static_cast<std::size_t>(model.pipeline_count), 0.0);
    current_heads = previous_heads;
    heads.assign(static_cast<std::size_t>(model.pipeline_count), DelayPipeline{});
    for (DelayPipeline& pipeline : heads) pipeline.values.assign(1, 0.0);
    base.assign(setup->node_ids.size(), 0.0);
    base_step.assign(setup->node_ids.size(), -1);
    chain.assign(model.statefuls.size(), 0.0);
    chain_step.assign(model.statefuls.size(), -1);
    environment.lookups = model.lookups.data();
    environment.pipelines = heads.data();
    environment.time.dt = setup->dt;
    environment.time.start = setup->start;
    environment.time.stop = setup->stop;
  }

  // Runs the code at `position` on `current`; returns the value it stores
  // and puts the slot back. NaN when the code divides by zero.
  double Evaluate(int position) {
    auto [begin, end] = Code(position);
    const CodeNode& node =
        model.nodes[static_cast<std::size_t>(setup->node_ids[static_cast<std::size_t>(position)])];
    std::size_t slot = static_cast<std::size_t>(node.slot);
    const double kept = current[slot];
    VmResult result = Execute(setup->code.data() + begin, end - begin, current.data(), environment);
    double value = result.failure == VmFailure::kNone ? current[slot] : std::nan("");
    current[slot] = kept;
    return value;
  }

  double Base(int position) {
    std::size_t p = static_cast<std::size_t>(position);
    if (base_step[p] != step) {
      base[p] = Evaluate(position);
      base_step[p] = step;
    }
    return base[p];
  }

  // With the slot at its previous value.
  double EvaluateWithPrevious(int position, int slot) {
    std::size_t s = static_cast<std::size_t>(slot);
    const double kept = current[s];
    current[s] = previous[s];
    double value = Evaluate(position);
    current[s] = kept;
    return value;
  }

  static double Output(const StatefulInstance& s, const std::vector<double>& slots,
                       const std::vector<double>& pipeline_heads) {
    auto at = [&](int slot) { return slots[static_cast<std::size_t>(slot)]; };
    switch (s.kind) {
      case StatefulKind::kSmooth:
        return at(s.first_slot + s.order - 1);
      case StatefulKind::kMaterialDelay:
        return at(s.first_slot + s.order - 1) * s.order / at(s.time_slot);
      case StatefulKind::kPreviousValue:
      case StatefulKind::kInitialValue:
        return at(s.value_slot);
      case StatefulKind::kTrend:
        return (at(s.input_slot) - at(s.first_slot)) / (at(s.time_slot) * at(s.first_slot));
      case StatefulKind::kPipelineDelay:
        return pipeline_heads[static_cast<std::size_t>(s.pipeline)];
    }
    return 0;
  }

  // The owner's equation with the builtin's output at its previous value.
  double EvaluateWithPreviousOutput(int position, const StatefulInstance& s) {
    int slots[2] = {-1, -1};
    switch (s.kind) {
      case StatefulKind::kSmooth:
      case StatefulKind::kMaterialDelay:
        slots[0] = s.first_slot + s.order - 1;
        break;
      case StatefulKind::kPreviousValue:
      case StatefulKind::kInitialValue:
        slots[0] = s.value_slot;
        break;
      case StatefulKind::kTrend:
        slots[0] = s.first_slot;
        slots[1] = s.input_slot;
        break;
      case StatefulKind::kPipelineDelay:
        break;
    }
    double kept[2] = {0, 0};
    for (int k = 0; k < 2; ++k) {
      if (slots[k] < 0) continue;
      std::size_t slot = static_cast<std::size_t>(slots[k]);
      kept[k] = current[slot];
      current[slot] = previous[slot];
    }
    std::size_t pipeline = static_cast<std::size_t>(std::max(0, s.pipeline));
    if (s.kind == StatefulKind::kPipelineDelay) {
      heads[pipeline].values[0] = previous_heads[pipeline];
    }
    double value = Evaluate(position);
    for (int k = 1; k >= 0; --k) {
      if (slots[k] >= 0) current[static_cast<std::size_t>(slots[k])] = kept[k];
    }
    if (s.kind == StatefulKind::kPipelineDelay) heads[pipeline].values[0] = current_heads[pipeline];
    return value;
  }

  // The score of the path from the builtin's input to its output, through
  // its internal stocks.
  double Chain(int index) {
    std::size_t i = static_cast<std::size_t>(index);
    if (chain_step[i] == step) return chain[i];
    const StatefulInstance& s = model.statefuls[i];
    auto now = [&](int slot) { return current[static_cast<std::size_t>(slot)]; };
    auto before = [&](int slot) { return previous[static_cast<std::size_t>(slot)]; };
    double score = 1;
    if (s.kind == StatefulKind::kSmooth) {
      // Stage k: net_k = (stage_{k-1} - stage_k) / (T / n), stage_0 the input.
      double n = s.order;
      for (int k = 0; k < s.order && score != 0; ++k) {
        int up = k == 0 ? s.input_slot : s.first_slot + k - 1;
        int stage = s.first_slot + k;
        double time_now = now(s.time_slot) / n, time_before = before(s.time_slot) / n;
        double net_now = (now(up) - now(stage)) / time_now;
        double net_before = (before(up) - before(stage)) / time_before;
        double partial = net_now - (before(up) - now(stage)) / time_now;
        score *= std::fabs(PartialScore(partial, net_now - net_before, now(up) - before(up)));
      }
    } else if (s.kind == StatefulKind::kMaterialDelay) {
      // Stage k holds material; out_k = stage_k · n / T; out_0 is the input.
      double n = s.order;
      double up_now = now(s.input_slot), up_before = before(s.input_slot);
      for (int k = 0; k < s.order && score != 0; ++k) {
        int stage = s.first_slot + k;
        double out_now = now(stage) * n / now(s.time_slot);
        double out_before = before(stage) * n / before(s.time_slot);
        double inflow_change = up_now - up_before;
        double net_change = (up_now - out_now) - (up_before - out_before);
        score *= net_change == 0 || inflow_change == 0 ? 0 : std::fabs(inflow_change / net_change);
        double partial = out_now - before(stage) * n / now(s.time_slot);
        score *= std::fabs(PartialScore(partial, out_now - out_before, now(stage) - before(stage)));
        up_now = out_now;
        up_before = out_before;
      }
    }
    // DELAY, PREVIOUS, TREND: every change of the output comes from the input.
    if (!std::isfinite(score)) score = 0;
    chain[i] = score;
    chain_step[i] = step;
    return score;
  }

  double Net(const ModelVariable& stock, const std::vector<double>& slots, double overflow) const {
    double net = -overflow;
    for (int flow : stock.inflows) net += slots[static_cast<std::size_t>(flow)];
    for (int flow : stock.outflows) net -= slots[static_cast<std::size_t>(flow)];
    return net;
  }

  double ScoreLink(std::size_t index) {
    const ScoredLink& link = links[index];
    const Plan& plan = plans[index];
    std::size_t from = static_cast<std::size_t>(link.from), to = static_cast<std::size_t>(link.to);
    double source_change = current[from] - previous[from];
    if (plan.kind == Plan::Kind::kFlowToStock) {
      const ModelVariable& stock = model.variables[to];
      double net_change =
          Net(stock, current, current_overflow[to]) - Net(stock, previous, previous_overflow[to]);
      if (net_change == 0 || source_change == 0) return 0;
      double score = plan.sign * std::fabs(source_change / net_change);
      return std::isfinite(score) ? score : 0;
    }
    if (plan.kind != Plan::Kind::kEquation) return 0;
    double change = current[to] - previous[to];
    if (change == 0) return 0;
    double value = plan.recompute ? Base(plan.position) : current[to];
    double total = 0;
    if (plan.direct && source_change != 0) {
      total += PartialScore(value - EvaluateWithPrevious(plan.position, link.from), change,
                            source_change);
    }
    for (const Channel& channel : plan.channels) {
      const StatefulInstance& s = model.statefuls[static_cast<std::size_t>(channel.stateful)];
      double output_change =
          Output(s, current, current_heads) - Output(s, previous, previous_heads);
      double to_target =
          PartialScore(value - EvaluateWithPreviousOutput(plan.position, s), change, output_change);
      if (to_target == 0) continue;
      double into = 0;
      bool unit = s.kind == StatefulKind::kPipelineDelay || s.kind == StatefulKind::kPreviousValue;
      if (channel.input_is_source) {
        into = unit || source_change != 0 ? 1 : 0;
      } else {
        std::size_t input = static_cast<std::size_t>(s.input_slot);
        into = PartialScore(current[input] - EvaluateWithPrevious(channel.hidden_node, link.from),
                            current[input] - previous[input], source_change);
      }
      total += into * Chain(channel.stateful) * to_target;
    }
    return std::isfinite(total) ? total : 0;
  }

  void Observe(const StepView& view) {
    if (!setup) PlanLinks(view);
    if (have_previous) {
      previous.swap(current);
      previous_overflow.swap(current_overflow);
      previous_heads.swap(current_heads);
    }
    step = view.step;
    // Constants (the pool and the run's overrides) do not change: copied once.
    const std::size_t changing =
        have_previous ? static_cast<std::size_t>(model.constant_base) : current.size();
    std::copy(view.slots, view.slots + changing, current.begin());
    std::copy(view.overflow, view.overflow + current_overflow.size(), current_overflow.begin());
    for (std::size_t p = 0; p < current_heads.size(); ++p) {
      const DelayPipeline& pipeline = view.pipelines[p];
      current_heads[p] = pipeline.values.empty() ? 0 : pipeline.values[pipeline.head];
      heads[p].values[0] = current_heads[p];
    }
    if (!have_previous) {
      previous = current;
      previous_overflow = current_overflow;
      previous_heads = current_heads;
    }
    environment.time.time = environment.time.step_time = view.time;
    environment.time.step = view.step;
    scored_step = -1;
    ++observed;
    have_previous = true;
  }
};

LinkScorer::LinkScorer(const Model& model, std::vector<ScoredLink> links)
    : impl_(std::make_unique<Impl>(model.impl(), std::move(links))),
      scores_(impl_->scores.data()),
      scored_(impl_->scored.data()),
      observed_(&impl_->observed) {}
LinkScorer::~LinkScorer() = default;

void LinkScorer::Observe(const StepView& view) { impl_->Observe(view); }
double LinkScorer::ScoreNow(std::size_t link) { return impl_->Lazy(link); }
const std::vector<double>& LinkScorer::scores() { return impl_->All(); }

}  // namespace sdlab
