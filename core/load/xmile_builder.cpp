#include "core/load/xmile_builder.h"

#include <algorithm>
#include <map>

#include "core/equation/equation_parser.h"
#include "core/names.h"

namespace sdlab::xmile {

const char* KindName(VariableKind kind) {
  switch (kind) {
    case VariableKind::kStock:
      return "stock";
    case VariableKind::kFlow:
      return "flow";
    case VariableKind::kAux:
      return "aux";
    case VariableKind::kGf:
      return "graphical function";
  }
  return "variable";
}

namespace {

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

class ModelBuilder {
 public:
  ModelBuilder(std::vector<Variable> variables, const SimSpec& sim, Location model_location,
               const std::set<std::string>& macros, Diagnostics& diagnostics)
      : variables_(std::move(variables)),
        sim_(sim),
        model_location_(model_location),
        diagnostics_(diagnostics) {
    context_.macros = macros;
  }

  StockFlowModel Run() {
    // Every stage runs even after an error, so that one import reports all
    // the problems it can find.
    IndexNames();
    Connect();
    return Build();
  }

 private:
  void IndexNames();
  void Connect();
  void ConnectFlow(Variable& stock, const NameReference& reference, bool inflow);
  std::string UniqueName(const std::string& wanted);
  std::optional<EquationText> Translate(const Variable& variable, const char* what);
  StockFlowModel Build();

  std::vector<Variable> variables_;
  SimSpec sim_;
  Location model_location_;
  Diagnostics& diagnostics_;
  std::map<std::string, std::size_t> by_name_;
  XmileEquationContext context_;  // tables and macros, for every equation
};

void ModelBuilder::IndexNames() {
  for (std::size_t i = 0; i < variables_.size(); ++i) {
    const Variable& variable = variables_[i];
    const auto [it, inserted] = by_name_.emplace(variable.normalized, i);
    if (!inserted) {
      const Variable& first = variables_[it->second];
      diagnostics_.Error(variable.location, "duplicate name '" + variable.name + "': the " +
                                                KindName(first.written_as) + " '" + first.name +
                                                "' on line " + std::to_string(first.location.line) +
                                                " has the same name");
    }
  }
}

void ModelBuilder::ConnectFlow(Variable& stock, const NameReference& reference, bool inflow) {
  if (diagnostics_.full()) return;
  const char* role = inflow ? "inflow" : "outflow";
  const auto found = by_name_.find(NormalizeName(reference.name));
  if (found == by_name_.end()) {
    std::vector<std::string> candidates;
    for (const Variable& variable : variables_) {
      if (variable.kind == VariableKind::kFlow || variable.kind == VariableKind::kAux) {
        candidates.push_back(variable.name);
      }
    }
    diagnostics_.Error(reference.location,
                       "stock '" + stock.name + "' lists " + role + " '" + reference.name +
                           "', which is not defined",
                       DidYouMean(reference.name, candidates));
    return;
  }
  const std::size_t index = found->second;
  Variable& flow = variables_[index];
  if (flow.kind == VariableKind::kAux) flow.kind = VariableKind::kFlow;  // Vensim's export
  if (flow.kind != VariableKind::kFlow) {
    diagnostics_.Error(reference.location, "stock '" + stock.name + "' lists " + role + " '" +
                                               reference.name + "', which is a " +
                                               KindName(flow.kind) + ", not a flow");
    return;
  }
  std::string& end = inflow ? flow.to : flow.from;
  Location& end_location = inflow ? flow.to_location : flow.from_location;
  if (end.empty()) {
    end = stock.name;
    end_location = reference.location;
    return;
  }
  // A flow into (or out of) two stocks: sdlab's flows join one stock to
  // another, so the second stock gets a copy that follows the first.
  Variable copy;
  copy.kind = copy.written_as = VariableKind::kFlow;
  copy.name = UniqueName(flow.name + (inflow ? " to " : " from ") + stock.name);
  copy.normalized = NormalizeName(copy.name);
  copy.location = reference.location;
  copy.copy_of = flow.normalized;
  LocatedText equation;
  equation.text = EquationReference(flow.name);
  equation.locations.assign(equation.text.size(), reference.location);
  equation.element_location = reference.location;
  copy.equation = equation;
  (inflow ? copy.to : copy.from) = stock.name;
  (inflow ? copy.to_location : copy.from_location) = reference.location;
  by_name_.emplace(copy.normalized, variables_.size());
  variables_.push_back(std::move(copy));
}

void ModelBuilder::Connect() {
  const std::size_t count = variables_.size();  // copies are appended
  for (std::size_t i = 0; i < count; ++i) {
    if (variables_[i].kind != VariableKind::kStock) continue;
    // ConnectFlow may grow variables_: copy the references first.
    const std::vector<NameReference> inflows = variables_[i].inflows;
    const std::vector<NameReference> outflows = variables_[i].outflows;
    for (const NameReference& reference : inflows) ConnectFlow(variables_[i], reference, true);
    for (const NameReference& reference : outflows) ConnectFlow(variables_[i], reference, false);
  }
}

std::string ModelBuilder::UniqueName(const std::string& wanted) {
  std::string name = wanted;
  for (int suffix = 2; by_name_.count(NormalizeName(name)) > 0; ++suffix) {
    name = wanted + " " + std::to_string(suffix);
  }
  return name;
}

std::optional<EquationText> ModelBuilder::Translate(const Variable& variable, const char* what) {
  const std::string label = variable.name;
  if (!variable.equation || IsBlank(variable.equation->text)) {
    diagnostics_.Error(variable.location, std::string(KindName(variable.written_as)) + " '" +
                                              variable.name + "' has no " + what + " (<eqn>)");
    return std::nullopt;
  }
  return TranslateXmileEquation(variable.equation->Trimmed(), label, diagnostics_, context_);
}

// `prefix` + equation + `suffix`, the added text located at the equation's
// start and end.
// The equation inside a call the importer adds. An equation that does not
// parse is left as it is, so that its error is about the file's text and not
// about the call around it ("found ')'" for `Water_Level / `).
EquationText Wrap(const EquationText& equation, const std::string& prefix,
                  const std::string& suffix) {
  ParseError error;
  if (!ParseEquation(equation.text, &error)) return equation;
  EquationText out;
  out.location = equation.location;
  out.text = prefix + equation.text + suffix;
  const Location last = equation.offsets.empty() ? equation.location : equation.offsets.back();
  out.offsets.assign(prefix.size(), equation.location);
  out.offsets.insert(out.offsets.end(), equation.offsets.begin(), equation.offsets.end());
  out.offsets.resize(equation.offsets.size() + prefix.size(), last);
  out.offsets.insert(out.offsets.end(), suffix.size(), last);
  return out;
}

void CopyInfo(const Variable& variable, ElementInfo& info) {
  info.name = variable.name;
  info.normalized = variable.normalized;
  info.location = variable.location;
  info.units = variable.units;
  info.doc = variable.doc;
}

Lookup MakeLookup(const Variable& owner, const std::string& name) {
  Lookup lookup;
  CopyInfo(owner, lookup);
  lookup.name = name;
  lookup.normalized = NormalizeName(name);
  lookup.points = owner.gf->points;
  lookup.type = owner.gf->type;
  return lookup;
}

// The lookup that keeps the table of an aux or flow with both an equation and
// a graphical function, named after it.
bool KeepsSeparateTable(const Variable& variable) {
  return variable.gf && variable.equation && !IsBlank(variable.equation->text) &&
         (variable.kind == VariableKind::kAux || variable.kind == VariableKind::kFlow);
}

StockFlowModel ModelBuilder::Build() {
  StockFlowModel out;
  out.present = true;
  out.location = model_location_;
  out.sim = sim_;
  std::map<std::size_t, std::string> table_of;
  for (std::size_t i = 0; i < variables_.size(); ++i) {
    if (!KeepsSeparateTable(variables_[i])) continue;
    const std::string table = UniqueName(variables_[i].name + " lookup");
    by_name_.emplace(NormalizeName(table), i);
    table_of[i] = table;
    context_.tables[variables_[i].normalized] = EquationReference(table);
  }
  // The equation of an aux or flow, its table applied when it has one.
  auto equation_of = [&](std::size_t index) {
    const Variable& variable = variables_[index];
    EquationText equation;
    if (std::optional<EquationText> translated = Translate(variable, "equation")) {
      equation = std::move(*translated);
    }
    const auto table = table_of.find(index);
    if (table == table_of.end()) return equation;
    out.lookups.push_back(MakeLookup(variable, table->second));
    return Wrap(equation, "LOOKUP(" + EquationReference(table->second) + ", ", ")");
  };
  std::vector<std::size_t> flow_order;
  for (std::size_t i = 0; i < variables_.size(); ++i) {
    const Variable& variable = variables_[i];
    switch (variable.kind) {
      case VariableKind::kStock: {
        Stock stock;
        CopyInfo(variable, stock);
        stock.non_negative = variable.non_negative;
        if (std::optional<EquationText> initial = Translate(variable, "initial value")) {
          stock.initial = std::move(*initial);
        }
        out.stocks.push_back(std::move(stock));
        break;
      }
      case VariableKind::kFlow:
        flow_order.push_back(i);
        break;
      case VariableKind::kAux:
        if (variable.gf && !KeepsSeparateTable(variable)) {
          out.lookups.push_back(MakeLookup(variable, variable.name));  // a table only
        } else {
          Auxiliary auxiliary;
          CopyInfo(variable, auxiliary);
          auxiliary.equation = equation_of(i);
          out.auxiliaries.push_back(std::move(auxiliary));
        }
        break;
      case VariableKind::kGf:
        out.lookups.push_back(MakeLookup(variable, variable.name));
        break;
    }
  }
  // XMILE serves a stock's outflows in the order the stock lists them; ours
  // in the order of `flows`: give each stock's outflows its own order within
  // the positions they hold.
  std::map<std::size_t, std::size_t> position_of;  // variable index -> place in flow_order
  for (std::size_t p = 0; p < flow_order.size(); ++p) position_of[flow_order[p]] = p;
  for (const Variable& stock : variables_) {
    if (stock.kind != VariableKind::kStock) continue;
    std::vector<std::size_t> positions;
    std::vector<std::size_t> wanted;
    for (const NameReference& reference : stock.outflows) {
      const std::string normalized = NormalizeName(reference.name);
      const auto found = by_name_.find(normalized);
      const auto position =
          found == by_name_.end() ? position_of.end() : position_of.find(found->second);
      if (position != position_of.end() && variables_[found->second].from == stock.name) {
        positions.push_back(position->second);
        wanted.push_back(found->second);
        continue;
      }
      // The stock's copy of a flow that leaves another stock too.
      for (std::size_t p = 0; p < flow_order.size(); ++p) {
        const Variable& flow = variables_[flow_order[p]];
        if (flow.from == stock.name && flow.copy_of == normalized) {
          positions.push_back(p);
          wanted.push_back(flow_order[p]);
          break;
        }
      }
    }
    std::sort(positions.begin(), positions.end());
    for (std::size_t k = 0; k < positions.size(); ++k) flow_order[positions[k]] = wanted[k];
  }
  for (std::size_t index : flow_order) {
    const Variable& variable = variables_[index];
    Flow flow;
    CopyInfo(variable, flow);
    flow.from = variable.from;
    flow.from_location = variable.from_location;
    flow.to = variable.to;
    flow.to_location = variable.to_location;
    flow.equation = equation_of(index);
    // A non-negative flow (a uniflow) never runs backwards.
    if (variable.non_negative) flow.equation = Wrap(flow.equation, "MAX(0, ", ")");
    out.flows.push_back(std::move(flow));
  }
  return out;
}

}  // namespace

StockFlowModel BuildStockFlowModel(std::vector<Variable> variables, const SimSpec& sim,
                                   Location model_location, const std::set<std::string>& macros,
                                   Diagnostics& diagnostics) {
  return ModelBuilder(std::move(variables), sim, model_location, macros, diagnostics).Run();
}

}  // namespace sdlab::xmile
