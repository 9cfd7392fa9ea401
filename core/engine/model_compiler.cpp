// CompileModel: parse every equation, resolve names to variable indices,
// lower stateful builtins into internal stocks/buffers, order the evaluation
// (a cycle without a stock is an error that names it) and generate bytecode.

#include "core/engine/model_compiler.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>
#include <unordered_map>

#include "core/engine/code_generator.h"
#include "core/engine/model_internal.h"
#include "core/equation/builtins.h"
#include "core/equation/equation_parser.h"
#include "core/names.h"

namespace sdlab {
namespace {

constexpr int kMaxStatefulOrder = 1000;

StatefulKind KindOf(BuiltinId builtin) {
  switch (builtin) {
    case kSmth1:
    case kSmth3:
    case kSmthN:
      return StatefulKind::kSmooth;
    case kDelay1:
    case kDelay3:
    case kDelayN:
      return StatefulKind::kMaterialDelay;
    case kDelayFixed:
      return StatefulKind::kPipelineDelay;
    case kTrend:
      return StatefulKind::kTrend;
    case kInit:
      return StatefulKind::kInitialValue;
    default:
      return StatefulKind::kPreviousValue;
  }
}

class Compiler {
 public:
  Compiler(const StockFlowModel& source, Diagnostics& diagnostics, ModelImpl& model)
      : source_(source), diagnostics_(diagnostics), model_(model) {}

  bool Run() {
    AddVariables();
    if (diagnostics_.has_errors()) return false;
    ConnectFlows();
    ParseEquations();
    if (diagnostics_.has_errors()) return false;
    for (std::size_t i = 0; i < model_.variables.size(); ++i) {
      if (model_.asts[i]) Resolve(*model_.asts[i], static_cast<int>(i), /*in_initial=*/IsStock(i));
    }
    if (diagnostics_.has_errors()) return false;
    FillDependencies();
    BuildNodes();
    if (diagnostics_.has_errors()) return false;
    if (!Order()) return false;
    GenerateCode(model_, stateful_by_call_);
    return true;
  }

 private:
  bool IsStock(std::size_t index) const {
    return model_.variables[index].kind == ElementKind::kStock;
  }
  ElementKind KindAt(int index) const {
    return model_.variables[static_cast<std::size_t>(index)].kind;
  }
  Location At(int variable, std::size_t offset) const {
    return model_.equation_texts[static_cast<std::size_t>(variable)].At(offset);
  }

  void AddVariable(const ElementInfo& info, ElementKind kind, const EquationText* equation) {
    ModelVariable variable;
    variable.name = info.name;
    variable.normalized = info.normalized.empty() ? NormalizeName(info.name) : info.normalized;
    variable.kind = kind;
    variable.location = info.location;
    auto [it, added] = model_.index_by_name.emplace(variable.normalized,
                                                    static_cast<int>(model_.variables.size()));
    if (!added) {
      diagnostics_.Error(info.location, "duplicate name '" + info.name + "'",
                         "'" + model_.variables[static_cast<std::size_t>(it->second)].name +
                             "' has the same name");
    }
    model_.variables.push_back(std::move(variable));
    model_.equation_texts.push_back(equation ? *equation : EquationText{});
    model_.constant_values.push_back(std::nan(""));
    model_.lookup_index.push_back(-1);
  }

  void AddVariables() {
    for (const Stock& stock : source_.stocks) {
      AddVariable(stock, ElementKind::kStock, &stock.initial);
      model_.non_negative.push_back(stock.non_negative);
      model_.stock_max.push_back(stock.max ? *stock.max : std::nan(""));
    }
    for (const Flow& flow : source_.flows) AddVariable(flow, ElementKind::kFlow, &flow.equation);
    for (const Auxiliary& aux : source_.auxiliaries) {
      AddVariable(aux, ElementKind::kAuxiliary, &aux.equation);
    }
    for (const Constant& constant : source_.constants) {
      AddVariable(constant, ElementKind::kConstant, nullptr);
      model_.constant_values.back() = constant.value;
    }
    for (const Lookup& lookup : source_.lookups) {
      AddVariable(lookup, ElementKind::kLookup, nullptr);
      model_.lookup_index.back() = static_cast<int>(model_.lookups.size());
      LookupTable table{lookup.points, lookup.type};
      std::sort(table.points.begin(), table.points.end());
      if (table.points.empty())
        diagnostics_.Error(lookup.location, "lookup '" + lookup.name + "' has no points");
      model_.lookups.push_back(std::move(table));
    }
    model_.stock_count = static_cast<int>(source_.stocks.size());
    model_.flow_count = static_cast<int>(source_.flows.size());
  }

  int FindStock(const std::string& name, Location location, const std::string& flow_name) {
    auto it = model_.index_by_name.find(NormalizeName(name));
    if (it != model_.index_by_name.end() && KindAt(it->second) == ElementKind::kStock) {
      return it->second;
    }
    std::vector<std::string> stocks;
    for (const Stock& stock : source_.stocks) stocks.push_back(stock.name);
    diagnostics_.Error(location, "flow '" + flow_name + "' refers to unknown stock '" + name + "'",
                       DidYouMean(name, stocks));
    return -1;
  }

  void ConnectFlows() {
    for (std::size_t f = 0; f < source_.flows.size(); ++f) {
      const Flow& flow = source_.flows[f];
      int flow_index = model_.stock_count + static_cast<int>(f);
      if (!flow.from.empty()) {
        int stock = FindStock(flow.from, flow.from_location, flow.name);
        if (stock >= 0)
          model_.variables[static_cast<std::size_t>(stock)].outflows.push_back(flow_index);
      }
      if (!flow.to.empty()) {
        int stock = FindStock(flow.to, flow.to_location, flow.name);
        if (stock >= 0)
          model_.variables[static_cast<std::size_t>(stock)].inflows.push_back(flow_index);
      }
    }
  }

  void ParseEquations() {
    model_.asts.resize(model_.variables.size());
    for (std::size_t i = 0; i < model_.variables.size(); ++i) {
      ElementKind kind = model_.variables[i].kind;
      if (kind == ElementKind::kConstant || kind == ElementKind::kLookup) continue;
      ParseError error;
      model_.asts[i] = ParseEquation(model_.equation_texts[i].text, &error);
      if (!model_.asts[i]) {
        diagnostics_.Error(At(static_cast<int>(i), error.offset), error.message);
        if (diagnostics_.full()) return;
        continue;
      }
      model_.variables[i].equation = model_.asts[i].get();
    }
  }

  std::vector<std::string> VariableSpellings() const {
    std::vector<std::string> names;
    for (const ModelVariable& variable : model_.variables) {
      if (variable.kind != ElementKind::kLookup) names.push_back(EquationSpelling(variable.name));
    }
    return names;
  }

  std::vector<std::string> FunctionSpellings() const {
    std::vector<std::string> names = BuiltinNames();
    for (const ModelVariable& variable : model_.variables) {
      if (variable.kind == ElementKind::kLookup) names.push_back(EquationSpelling(variable.name));
    }
    return names;
  }

  int FindVariable(const std::string& name) const {
    auto it = model_.index_by_name.find(NormalizeName(name));
    return it == model_.index_by_name.end() ? -1 : it->second;
  }

  void ResolveName(Expr& expr, int owner) {
    int index = FindVariable(expr.name);
    if (index >= 0 && KindAt(index) == ElementKind::kLookup) {
      diagnostics_.Error(
          At(owner, expr.offset),
          "'" + expr.name + "' is a lookup: call it with an argument, as in " + expr.name + "(x)");
      return;
    }
    if (index >= 0) {
      expr.variable = index;
      return;
    }
    BuiltinId builtin = FindBuiltin(expr.name);
    if (builtin >= 0 && GetBuiltin(builtin).max_args == 0) {
      expr.kind = ExprKind::kCall;
      expr.builtin = builtin;
      return;
    }
    if (builtin >= 0) {
      diagnostics_.Error(At(owner, expr.offset), std::string("'") + GetBuiltin(builtin).name +
                                                     "' is a function: call it with arguments");
      return;
    }
    diagnostics_.Error(At(owner, expr.offset), "unknown variable '" + expr.name + "'",
                       DidYouMean(expr.name, VariableSpellings()));
  }

  // Turns `table(x)` and `LOOKUP(table, x)` into kLookupCall.
  void ResolveLookupCall(Expr& expr, int owner, int lookup, ExprPtr argument) {
    expr.kind = ExprKind::kLookupCall;
    expr.variable = lookup;
    expr.builtin = -1;
    expr.args.clear();
    expr.args.push_back(std::move(argument));
    (void)owner;
  }

  void ResolveCall(Expr& expr, int owner, bool in_initial) {
    std::size_t at = expr.op_offset;
    if (expr.builtin < 0) {
      int index = FindVariable(expr.name);
      if (index >= 0 && KindAt(index) == ElementKind::kLookup) {
        if (expr.args.size() != 1) {
          diagnostics_.Error(At(owner, at), "lookup '" + expr.name + "' takes 1 argument, got " +
                                                std::to_string(expr.args.size()));
          return;
        }
        ExprPtr argument = std::move(expr.args[0]);
        ResolveLookupCall(expr, owner, index, std::move(argument));
        return;
      }
      if (index >= 0) {
        diagnostics_.Error(At(owner, at), "'" + expr.name + "' is not a function or a lookup");
        return;
      }
      diagnostics_.Error(At(owner, at), "unknown function '" + expr.name + "'",
                         DidYouMean(expr.name, FunctionSpellings()));
      return;
    }
    const BuiltinInfo& info = GetBuiltin(expr.builtin);
    int count = static_cast<int>(expr.args.size());
    if (count < info.min_args || (info.max_args >= 0 && count > info.max_args)) {
      diagnostics_.Error(At(owner, at), std::string(info.name) + " " + ArityText(info) + ", got " +
                                            std::to_string(count));
      return;
    }
    if (info.stateful && in_initial) {
      diagnostics_.Error(At(owner, at),
                         std::string(info.name) + " cannot be used in a stock's initial value");
      return;
    }
    if (expr.builtin == kIfThenElse) {
      expr.kind = ExprKind::kIf;
      expr.builtin = -1;
      return;
    }
    if (expr.builtin == kLookup) {
      const Expr& table = *expr.args[0];
      int index = table.kind == ExprKind::kVariable ? FindVariable(table.name) : -1;
      if (index < 0 || KindAt(index) != ElementKind::kLookup) {
        diagnostics_.Error(At(owner, table.offset),
                           "the first argument of LOOKUP must be the name of a lookup");
        return;
      }
      expr.name = table.name;
      ExprPtr argument = std::move(expr.args[1]);
      ResolveLookupCall(expr, owner, index, std::move(argument));
      return;
    }
  }

  void Resolve(Expr& expr, int owner, bool in_initial) {
    switch (expr.kind) {
      case ExprKind::kVariable:
        ResolveName(expr, owner);
        return;
      case ExprKind::kCall:
        ResolveCall(expr, owner, in_initial);
        break;
      default:
        break;
    }
    for (ExprPtr& argument : expr.args) {
      if (argument) Resolve(*argument, owner, in_initial);
    }
  }

  void CollectReferences(const Expr& expr, std::vector<int>& out) const {
    if ((expr.kind == ExprKind::kVariable || expr.kind == ExprKind::kLookupCall) &&
        expr.variable >= 0) {
      out.push_back(expr.variable);
    }
    for (const ExprPtr& argument : expr.args) CollectReferences(*argument, out);
  }

  void FillDependencies() {
    for (ModelVariable& variable : model_.variables) {
      std::vector<int>& out = variable.dependencies;
      if (variable.kind == ElementKind::kStock) {
        out = variable.inflows;
        out.insert(out.end(), variable.outflows.begin(), variable.outflows.end());
      } else if (variable.equation) {
        CollectReferences(*variable.equation, out);
      }
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
    }
  }

  // ---- Nodes: lowering stateful builtins ----

  int AddNode(NodeKind kind, int variable, int slot, const Expr* expr) {
    CodeNode node;
    node.kind = kind;
    node.variable = variable;
    node.slot = slot;
    node.expr = expr;
    model_.nodes.push_back(std::move(node));
    return static_cast<int>(model_.nodes.size() - 1);
  }

  int NewSlot() { return model_.slot_count++; }

  // The slot holding an argument's value: a variable's own slot, or a
  // hidden node computing the expression.
  int ArgumentSlot(const Expr& argument, int owner, bool init_only) {
    if (argument.kind == ExprKind::kVariable && argument.variable >= 0) return argument.variable;
    int slot = NewSlot();
    int node = AddNode(NodeKind::kHiddenArgument, owner, slot, &argument);
    model_.nodes[static_cast<std::size_t>(node)].init_only = init_only;
    node_of_slot_[slot] = node;
    return slot;
  }

  // SMTHN's and DELAYN's order: a whole number from constants only.
  int StatefulOrder(const Expr& call, int owner) {
    switch (call.builtin) {
      case kSmth3:
      case kDelay3:
        return 3;
      case kSmthN:
      case kDelayN:
        break;
      default:
        return 1;
    }
    const Expr& order = *call.args[2];
    std::vector<int> references;
    CollectReferences(order, references);
    for (int reference : references) {
      if (KindAt(reference) != ElementKind::kConstant) {
        diagnostics_.Error(At(owner, order.offset), std::string("the order of ") +
                                                        GetBuiltin(call.builtin).name +
                                                        " must be a constant expression");
        return 1;
      }
      model_.structural_constants.push_back(reference);
    }
    double value = EvaluateConstantExpr(model_, order);
    if (!(value >= 1 && value <= kMaxStatefulOrder && value == std::floor(value))) {
      diagnostics_.Error(At(owner, order.offset),
                         std::string("the order of ") + GetBuiltin(call.builtin).name +
                             " must be a whole number from 1 to " +
                             std::to_string(kMaxStatefulOrder) + ", got " + FormatDouble(value));
      return 1;
    }
    return static_cast<int>(value);
  }

  void LowerStateful(const Expr& call, int owner) {
    StatefulInstance instance;
    instance.builtin = call.builtin;
    instance.kind = KindOf(call.builtin);
    instance.call = &call;
    instance.owner = owner;
    instance.order = StatefulOrder(call, owner);
    const auto& args = call.args;
    bool has_order_argument = call.builtin == kSmthN || call.builtin == kDelayN;
    std::size_t initial_argument = has_order_argument ? 3 : 2;
    switch (instance.kind) {
      case StatefulKind::kSmooth:
      case StatefulKind::kMaterialDelay:
      case StatefulKind::kTrend:
        instance.input_slot = ArgumentSlot(*args[0], owner, false);
        instance.time_slot = ArgumentSlot(*args[1], owner, false);
        break;
      case StatefulKind::kPipelineDelay:
        instance.input_slot = ArgumentSlot(*args[0], owner, false);
        instance.time_slot = ArgumentSlot(*args[1], owner, true);  // fixed at the start
        break;
      case StatefulKind::kInitialValue:
        instance.input_slot = ArgumentSlot(*args[0], owner, true);
        instance.value_slot = NewSlot();
        break;
      case StatefulKind::kPreviousValue:
        instance.input_slot = ArgumentSlot(*args[0], owner, false);
        instance.value_slot = NewSlot();
        initial_argument = 1;
        break;
    }
    if (args.size() > initial_argument) {
      instance.initial_slot = ArgumentSlot(*args[initial_argument], owner, true);
    }
    bool has_stocks = instance.kind == StatefulKind::kSmooth ||
                      instance.kind == StatefulKind::kMaterialDelay ||
                      instance.kind == StatefulKind::kTrend;
    if (has_stocks) {
      instance.first_state = static_cast<int>(state_slots_.size()) + model_.stock_count;
      instance.first_slot = model_.slot_count;
      for (int stage = 0; stage < instance.order; ++stage) state_slots_.push_back(NewSlot());
    }
    if (instance.kind == StatefulKind::kPipelineDelay) instance.pipeline = pipeline_count_++;
    int index = static_cast<int>(model_.statefuls.size());
    stateful_by_call_[&call] = index;
    model_.statefuls.push_back(instance);
    AddNode(NodeKind::kStatefulInit, owner, -1, nullptr);
    model_.nodes.back().stateful = index;
  }

  void LowerStatefulCalls(const Expr& expr, int owner) {
    if (expr.kind == ExprKind::kCall && expr.builtin >= 0 && GetBuiltin(expr.builtin).stateful) {
      LowerStateful(expr, owner);
    }
    for (const ExprPtr& argument : expr.args) LowerStatefulCalls(*argument, owner);
  }

  void BuildNodes() {
    model_.slot_count = static_cast<int>(model_.variables.size());
    variable_node_.assign(model_.variables.size(), -1);
    for (std::size_t i = 0; i < model_.variables.size(); ++i) {
      const ModelVariable& variable = model_.variables[i];
      if (variable.kind == ElementKind::kFlow || variable.kind == ElementKind::kAuxiliary) {
        variable_node_[i] = AddNode(NodeKind::kVariable, static_cast<int>(i), static_cast<int>(i),
                                    variable.equation);
      } else if (variable.kind == ElementKind::kStock) {
        variable_node_[i] = AddNode(NodeKind::kStockInitial, static_cast<int>(i),
                                    static_cast<int>(i), variable.equation);
      }
    }
    for (std::size_t i = 0; i < model_.variables.size(); ++i) {
      if (model_.variables[i].equation && !IsStock(i)) {
        LowerStatefulCalls(*model_.variables[i].equation, static_cast<int>(i));
      }
    }
    model_.state_count = model_.stock_count + static_cast<int>(state_slots_.size());
    model_.state_slots.resize(static_cast<std::size_t>(model_.stock_count));
    for (int i = 0; i < model_.stock_count; ++i)
      model_.state_slots[static_cast<std::size_t>(i)] = i;
    model_.state_slots.insert(model_.state_slots.end(), state_slots_.begin(), state_slots_.end());
    model_.pipeline_count = pipeline_count_;
  }

  // ---- Ordering ----

  // The node that computes a slot's value at a stage (or at the start).
  void SlotDependency(int slot, bool initial, std::vector<int>& out) const {
    if (slot < 0) return;
    if (slot < static_cast<int>(model_.variables.size())) {
      ElementKind kind = KindAt(slot);
      if (kind == ElementKind::kFlow || kind == ElementKind::kAuxiliary ||
          (initial && kind == ElementKind::kStock)) {
        out.push_back(variable_node_[static_cast<std::size_t>(slot)]);
      }
      return;
    }
    auto it = node_of_slot_.find(slot);
    if (it != node_of_slot_.end()) out.push_back(it->second);
  }

  void ExpressionDependencies(const Expr& expr, bool initial, std::vector<int>& out) const {
    if (expr.kind == ExprKind::kVariable) {
      SlotDependency(expr.variable, initial, out);
      return;
    }
    if (expr.kind == ExprKind::kCall) {
      auto it = stateful_by_call_.find(&expr);
      if (it != stateful_by_call_.end()) {
        // The output reads internal state, not the current input: what
        // breaks feedback loops. A few outputs also read arguments now.
        const StatefulInstance& instance = model_.statefuls[static_cast<std::size_t>(it->second)];
        if (initial) out.push_back(stateful_init_node_.at(it->second));
        if (instance.kind == StatefulKind::kMaterialDelay ||
            instance.kind == StatefulKind::kTrend) {
          SlotDependency(instance.time_slot, initial, out);
        }
        if (instance.kind == StatefulKind::kTrend)
          SlotDependency(instance.input_slot, initial, out);
        return;
      }
    }
    for (const ExprPtr& argument : expr.args) ExpressionDependencies(*argument, initial, out);
  }

  std::vector<int> NodeDependencies(const CodeNode& node, bool initial) const {
    std::vector<int> out;
    if (node.expr) {
      ExpressionDependencies(*node.expr, initial, out);
    } else if (node.kind == NodeKind::kStatefulInit) {
      const StatefulInstance& instance = model_.statefuls[static_cast<std::size_t>(node.stateful)];
      SlotDependency(instance.initial_slot >= 0 ? instance.initial_slot : instance.input_slot, true,
                     out);
      if (instance.kind != StatefulKind::kInitialValue &&
          instance.kind != StatefulKind::kPreviousValue) {
        SlotDependency(instance.time_slot, true, out);
      }
      if (instance.kind == StatefulKind::kTrend) SlotDependency(instance.input_slot, true, out);
    }
    return out;
  }

  // Kahn's algorithm, smallest node first, so the order follows the model's.
  bool TopologicalOrder(const std::vector<bool>& included, bool initial, std::vector<int>& order) {
    const std::size_t n = model_.nodes.size();
    std::vector<std::vector<int>> dependencies(n);
    std::vector<std::vector<int>> dependents(n);
    std::vector<int> waiting(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      if (!included[i]) continue;
      dependencies[i] = NodeDependencies(model_.nodes[i], initial);
      std::sort(dependencies[i].begin(), dependencies[i].end());
      dependencies[i].erase(std::unique(dependencies[i].begin(), dependencies[i].end()),
                            dependencies[i].end());
      for (int dependency : dependencies[i]) {
        if (!included[static_cast<std::size_t>(dependency)]) continue;
        dependents[static_cast<std::size_t>(dependency)].push_back(static_cast<int>(i));
        ++waiting[i];
      }
    }
    std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
    for (std::size_t i = 0; i < n; ++i) {
      if (included[i] && waiting[i] == 0) ready.push(static_cast<int>(i));
    }
    std::vector<bool> done(n, false);
    while (!ready.empty()) {
      int node = ready.top();
      ready.pop();
      done[static_cast<std::size_t>(node)] = true;
      order.push_back(node);
      for (int dependent : dependents[static_cast<std::size_t>(node)]) {
        if (--waiting[static_cast<std::size_t>(dependent)] == 0) ready.push(dependent);
      }
    }
    bool complete = true;
    std::vector<bool> walked(n, false);
    for (std::size_t start = 0; start < n; ++start) {
      if (!included[start] || done[start] || walked[start]) continue;
      complete = false;
      ReportCycle(static_cast<int>(start), dependencies, included, done, walked, initial);
    }
    return complete;
  }

  // Follows unfinished dependencies from `start` until a node repeats.
  void ReportCycle(int start, const std::vector<std::vector<int>>& dependencies,
                   const std::vector<bool>& included, const std::vector<bool>& done,
                   std::vector<bool>& walked, bool initial) {
    std::vector<int> path;
    std::unordered_map<int, std::size_t> position;
    int node = start;
    while (true) {
      if (position.count(node)) break;
      if (walked[static_cast<std::size_t>(node)]) return;  // leads into a cycle already reported
      walked[static_cast<std::size_t>(node)] = true;
      position[node] = path.size();
      path.push_back(node);
      int next = -1;
      for (int dependency : dependencies[static_cast<std::size_t>(node)]) {
        if (included[static_cast<std::size_t>(dependency)] &&
            !done[static_cast<std::size_t>(dependency)]) {
          next = dependency;
          break;
        }
      }
      if (next < 0) return;
      node = next;
    }
    std::vector<int> cycle;  // variables, each using the next
    for (std::size_t i = position[node]; i < path.size(); ++i) {
      int variable = model_.nodes[static_cast<std::size_t>(path[i])].variable;
      if (cycle.empty() || cycle.back() != variable) cycle.push_back(variable);
    }
    if (cycle.size() > 1 && cycle.front() == cycle.back()) cycle.pop_back();
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    std::string names;
    for (int variable : cycle)
      names += model_.variables[static_cast<std::size_t>(variable)].name + " → ";
    names += model_.variables[static_cast<std::size_t>(cycle.front())].name;
    int first = cycle.front();
    int second = cycle.size() > 1 ? cycle[1] : first;
    const Expr* equation = model_.variables[static_cast<std::size_t>(first)].equation;
    std::size_t offset = 0;
    if (equation) offset = ReferenceOffset(*equation, second).value_or(0);
    if (initial) {
      diagnostics_.Error(At(first, offset), "initial values depend on each other: " + names);
    } else {
      diagnostics_.Error(At(first, offset), "cycle without a stock: " + names,
                         "every feedback loop needs a stock or a delay");
    }
  }

  static std::optional<std::size_t> ReferenceOffset(const Expr& expr, int variable) {
    if (expr.kind == ExprKind::kVariable && expr.variable == variable) return expr.offset;
    for (const ExprPtr& argument : expr.args) {
      if (auto offset = ReferenceOffset(*argument, variable)) return offset;
    }
    return std::nullopt;
  }

  bool Order() {
    const std::size_t n = model_.nodes.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (model_.nodes[i].kind == NodeKind::kStatefulInit) {
        stateful_init_node_[model_.nodes[i].stateful] = static_cast<int>(i);
      }
    }
    std::vector<bool> in_run(n), in_init(n, true);
    for (std::size_t i = 0; i < n; ++i) {
      const CodeNode& node = model_.nodes[i];
      in_run[i] = node.kind == NodeKind::kVariable ||
                  (node.kind == NodeKind::kHiddenArgument && !node.init_only);
    }
    if (!TopologicalOrder(in_run, false, model_.run_order)) return false;
    return TopologicalOrder(in_init, true, model_.init_order);
  }

  const StockFlowModel& source_;
  Diagnostics& diagnostics_;
  ModelImpl& model_;
  std::unordered_map<const Expr*, int> stateful_by_call_;
  std::unordered_map<int, int> node_of_slot_;
  std::unordered_map<int, int> stateful_init_node_;
  std::vector<int> variable_node_;
  std::vector<int> state_slots_;  // internal stocks' slots
  int pipeline_count_ = 0;
};

}  // namespace

std::optional<Model> CompileModel(const StockFlowModel& source, Diagnostics& diagnostics,
                                  const CompileLimits& limits) {
  if (!CheckModelSize(source, diagnostics, limits.max_variables)) return std::nullopt;
  Model model;
  ModelImpl& impl = model.impl();
  impl.sim = source.sim;
  impl.model_location = source.location;
  Diagnostics local(diagnostics.file());
  if (!Compiler(source, local, impl).Run()) {
    diagnostics.Append(local);
    return std::nullopt;
  }
  diagnostics.Append(local);
  return model;
}

}  // namespace sdlab
