// Structure checks: the stock-and-flow model's shape (stock_count, element,
// stock_flows, stocks_connected).

#include "core/grade/checks_structure.h"

#include <algorithm>
#include <set>

#include "core/grade/check_context.h"
#include "core/names.h"

namespace sdlab {

namespace {

std::string Quoted(const std::string& name) { return "'" + name + "'"; }

std::string NameList(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += (i + 1 == names.size()) ? " and " : ", ";
    text += Quoted(names[i]);
  }
  return text;
}

const Stock* FindStock(const StockFlowModel& model, const std::string& name) {
  const std::string key = NormalizeName(name);
  for (const Stock& stock : model.stocks) {
    if (stock.normalized == key || NormalizeName(stock.name) == key) return &stock;
  }
  return nullptr;
}

struct FlowsOf {
  std::vector<std::string> inflows, outflows;
};

FlowsOf Flows(const StockFlowModel& model, const Stock& stock) {
  FlowsOf flows;
  const std::string key = NormalizeName(stock.name);
  for (const Flow& flow : model.flows) {
    if (!flow.to.empty() && NormalizeName(flow.to) == key) flows.inflows.push_back(flow.name);
    if (!flow.from.empty() && NormalizeName(flow.from) == key) flows.outflows.push_back(flow.name);
  }
  return flows;
}

double Share(int reached, int needed, bool partial_credit) {
  if (needed <= 0 || reached >= needed) return 1.0;
  return partial_credit ? static_cast<double>(reached) / needed : 0.0;
}

// The stock a concept is bound to, or nullptr with the outcome filled in.
const Stock* BoundStock(const std::string& concept_id, CheckContext& context,
                        CheckOutcome* outcome) {
  std::string why;
  const NamedElement* element = context.ModelElement(concept_id, &why);
  if (element == nullptr) {
    outcome->message = why;
    outcome->location = context.submission().stock_flow.location;
    return nullptr;
  }
  outcome->location = element->location;
  const Stock* stock = element->overflow_series
                           ? nullptr
                           : FindStock(context.submission().stock_flow, element->name);
  if (stock == nullptr) {
    outcome->message =
        Quoted(element->name) + " is " +
        (element->overflow_series || !element->kind ? std::string("not an element")
                                                    : KindWithArticle(*element->kind)) +
        ", not a stock";
  }
  return stock;
}

CheckOutcome StockCount(const CheckSpec& check, CheckContext& context) {
  CheckOutcome outcome;
  const StockFlowModel& model = context.submission().stock_flow;
  outcome.location = model.location;
  std::vector<std::string> names;
  for (const Stock& stock : model.stocks) names.push_back(stock.name);
  const int count = static_cast<int>(names.size());
  outcome.evidence.measurements.push_back({"stocks", static_cast<double>(count), ""});
  const std::string have = "the model has " + std::to_string(count) +
                           (count == 1 ? " stock" : " stocks") +
                           (names.empty() ? "" : " (" + NameList(names) + ")");
  if (check.structure.max && count > *check.structure.max) {
    outcome.message = have + "; the lab asks for at most " + std::to_string(*check.structure.max);
    return outcome;
  }
  outcome.fraction = Share(count, check.structure.min, check.partial_credit);
  outcome.message = count >= check.structure.min ? have
                                                 : have + "; the lab asks for at least " +
                                                       std::to_string(check.structure.min);
  return outcome;
}

CheckOutcome ElementCheck(const CheckSpec& check, CheckContext& context) {
  CheckOutcome outcome;
  std::string why;
  const NamedElement* element = context.ModelElement(check.structure.concept_id, &why);
  if (element == nullptr) {
    outcome.message = why;
    outcome.location = context.submission().stock_flow.location;
    return outcome;
  }
  outcome.location = element->location;
  const auto& allowed = check.structure.as;
  if (element->overflow_series || !element->kind) {
    outcome.message =
        Quoted(element->name) + " is a series sdlab computes, not an element you wrote";
    return outcome;
  }
  const bool kind_ok =
      allowed.empty() || std::find(allowed.begin(), allowed.end(), *element->kind) != allowed.end();
  if (kind_ok) {
    outcome.fraction = 1;
    outcome.message = Quoted(element->name) + " is " + KindWithArticle(*element->kind);
    return outcome;
  }
  std::vector<std::string> wanted;
  for (ElementKind kind : allowed) wanted.emplace_back(KindWithArticle(kind));
  std::string expected;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (i > 0) expected += (i + 1 == wanted.size()) ? " or " : ", ";
    expected += wanted[i];
  }
  outcome.message = Quoted(element->name) + " is " + KindWithArticle(*element->kind) +
                    "; it should be " + expected;
  return outcome;
}

CheckOutcome StockFlowsCheck(const CheckSpec& check, CheckContext& context) {
  CheckOutcome outcome;
  const StockFlowModel& model = context.submission().stock_flow;
  const bool need_in = check.structure.inflow, need_out = check.structure.outflow;
  auto complete = [&](const FlowsOf& flows) {
    return (!need_in || !flows.inflows.empty()) && (!need_out || !flows.outflows.empty());
  };
  if (!check.structure.concept_id.empty()) {
    const Stock* stock = BoundStock(check.structure.concept_id, context, &outcome);
    if (stock == nullptr) return outcome;
    const FlowsOf flows = Flows(model, *stock);
    std::string found =
        Quoted(stock->name) + " has " +
        (flows.inflows.empty() ? "no inflow" : "inflow " + NameList(flows.inflows)) + " and " +
        (flows.outflows.empty() ? "no outflow" : "outflow " + NameList(flows.outflows));
    const int needed = (need_in ? 1 : 0) + (need_out ? 1 : 0);
    const int have =
        (need_in && !flows.inflows.empty() ? 1 : 0) + (need_out && !flows.outflows.empty() ? 1 : 0);
    outcome.fraction = Share(have, needed, check.partial_credit);
    outcome.message = found;
    return outcome;
  }
  outcome.location = model.location;
  std::vector<std::string> good, lacking;
  for (const Stock& stock : model.stocks) {
    (complete(Flows(model, stock)) ? good : lacking).push_back(stock.name);
  }
  const int count = static_cast<int>(good.size());
  outcome.fraction = Share(count, check.structure.min, check.partial_credit);
  const std::string what = need_in && need_out ? "an inflow and an outflow"
                           : need_in           ? "an inflow"
                                               : "an outflow";
  outcome.message = std::to_string(count) + (count == 1 ? " stock has " : " stocks have ") + what +
                    (good.empty() ? "" : " (" + NameList(good) + ")");
  if (count < check.structure.min) {
    outcome.message += "; the lab asks for at least " + std::to_string(check.structure.min);
    if (!lacking.empty()) outcome.details = "without " + what + ": " + NameList(lacking);
  }
  return outcome;
}

// The stocks whose level reaches the flows of stock `target` through
// auxiliaries and flows (not through other stocks).
std::set<int> StocksInforming(const Model& model, int target) {
  const auto& variables = model.variables();
  std::set<int> informing, seen;
  std::vector<int> pending;
  for (int flow : variables[target].inflows) pending.push_back(flow);
  for (int flow : variables[target].outflows) pending.push_back(flow);
  while (!pending.empty()) {
    const int index = pending.back();
    pending.pop_back();
    if (index < 0 || index >= static_cast<int>(variables.size()) || !seen.insert(index).second) {
      continue;
    }
    for (int dependency : variables[index].dependencies) {
      if (dependency < 0 || dependency >= static_cast<int>(variables.size())) continue;
      if (variables[dependency].kind == ElementKind::kStock) {
        informing.insert(dependency);
      } else {
        pending.push_back(dependency);
      }
    }
  }
  return informing;
}

// How two stocks are connected: "flow", "information" or "".
std::string ConnectionBetween(const StockFlowModel& spec, const Model* model, const std::string& a,
                              const std::string& b, Connection via) {
  const std::string key_a = NormalizeName(a), key_b = NormalizeName(b);
  if (via != Connection::kInformation) {
    for (const Flow& flow : spec.flows) {
      const std::string from = NormalizeName(flow.from), to = NormalizeName(flow.to);
      if ((from == key_a && to == key_b) || (from == key_b && to == key_a)) return "flow";
    }
  }
  if (via != Connection::kFlow && model != nullptr) {
    const int index_a = model->Find(a), index_b = model->Find(b);
    if (index_a >= 0 && index_b >= 0 &&
        (StocksInforming(*model, index_b).count(index_a) > 0 ||
         StocksInforming(*model, index_a).count(index_b) > 0)) {
      return "information";
    }
  }
  return "";
}

CheckOutcome StocksConnected(const CheckSpec& check, CheckContext& context) {
  CheckOutcome outcome;
  const StockFlowModel& spec = context.submission().stock_flow;
  const Connection via = check.structure.via;
  const Model* model = via == Connection::kFlow ? nullptr : context.model();
  if (via == Connection::kInformation && model == nullptr) {
    outcome.message =
        "sdlab cannot follow the model's information links: " + context.ModelProblem();
    outcome.location = spec.location;
    return outcome;
  }
  if (!check.structure.from.empty()) {
    const Stock* from = BoundStock(check.structure.from, context, &outcome);
    if (from == nullptr) return outcome;
    const Stock* to = BoundStock(check.structure.to, context, &outcome);
    if (to == nullptr) return outcome;
    outcome.location = from->location;
    const std::string how = ConnectionBetween(spec, model, from->name, to->name, via);
    if (how.empty()) {
      outcome.message = Quoted(from->name) + " and " + Quoted(to->name) + " are not connected" +
                        (via == Connection::kFlow ? " by a flow" : "");
    } else {
      outcome.fraction = 1;
      outcome.message = Quoted(from->name) + " and " + Quoted(to->name) + " are connected by " +
                        (how == "flow" ? "a flow" : "an information link");
    }
    if (via == Connection::kAny && model == nullptr && how.empty()) {
      outcome.details = "(only flows were followed: " + context.ModelProblem() + ")";
    }
    return outcome;
  }
  outcome.location = spec.location;
  const std::size_t count = spec.stocks.size();
  if (count < 2) {
    outcome.message =
        "connecting stocks takes at least two; the model has " + std::to_string(count);
    return outcome;
  }
  std::vector<std::string> alone;
  int connected = 0;
  for (std::size_t i = 0; i < count; ++i) {
    bool any = false;
    for (std::size_t j = 0; j < count && !any; ++j) {
      any = i != j &&
            !ConnectionBetween(spec, model, spec.stocks[i].name, spec.stocks[j].name, via).empty();
    }
    if (any) {
      ++connected;
    } else {
      alone.push_back(spec.stocks[i].name);
    }
  }
  outcome.fraction = Share(connected, static_cast<int>(count), check.partial_credit);
  outcome.message = alone.empty() ? "every stock is connected to another stock"
                                  : NameList(alone) + (alone.size() == 1 ? " is" : " are") +
                                        " not connected to any other stock";
  return outcome;
}

// The element bound to `to` reads one of `from_any` along the model's
// equations (and flows into stocks), in at most `max_steps` links.
CheckOutcome DependsCheck(const CheckSpec& check, CheckContext& context) {
  CheckOutcome outcome;
  const StructureParams& p = check.structure;
  std::string why;
  const NamedElement* to = context.ModelElement(p.to, &why);
  if (to == nullptr) {
    outcome.message = why;
    return outcome;
  }
  outcome.location = to->location;
  const ElementGraph& graph = context.model_graph();
  const std::vector<NamedElement>& elements = context.model_concepts().elements();
  if (graph.facts.size() != elements.size()) {
    outcome.message = "the links of the model cannot be read: " + context.ModelProblem();
    return outcome;
  }
  auto index_of = [&](const NamedElement* element) {
    return static_cast<int>(element - elements.data());
  };
  std::vector<std::string> absent, unreached;
  for (const std::string& from_id : p.from_any) {
    std::string from_why;
    const NamedElement* from = context.ModelElement(from_id, &from_why);
    if (from == nullptr) {
      absent.push_back(from_why);
      continue;
    }
    std::vector<int> path;
    if (p.via_flows != StructureParams::Via::kOutflow)
      path = graph.Path(index_of(from), index_of(to), p.max_steps);
    if (path.empty() && p.via_flows != StructureParams::Via::kInflow) {
      // What drains a stock changes it too: reaching an outflow counts.
      for (int outflow : graph.facts[index_of(to)].outflows) {
        std::vector<int> candidate = graph.Path(index_of(from), outflow, p.max_steps - 1);
        if (candidate.empty() || (!path.empty() && candidate.size() >= path.size())) continue;
        path = std::move(candidate);
        path.push_back(index_of(to));
      }
    }
    if (path.empty()) {
      unreached.push_back(Quoted(from->name));
      continue;
    }
    outcome.fraction = 1;
    std::string chain;
    for (int e : path) {
      if (!chain.empty()) chain += " -> ";
      chain += elements[e].name;
    }
    outcome.evidence.notes.push_back(chain);
    outcome.message = Quoted(to->name) + " depends on " + Quoted(from->name) + ": " + chain;
    return outcome;
  }
  if (!unreached.empty()) {
    std::string names;
    for (std::size_t i = 0; i < unreached.size(); ++i) {
      if (i > 0) names += (i + 1 == unreached.size()) ? " or " : ", ";
      names += unreached[i];
    }
    outcome.message = Quoted(to->name) + " does not depend on " + names + " within " +
                      std::to_string(p.max_steps) + (p.max_steps == 1 ? " link" : " links") +
                      " of your equations";
    if (p.other_way_review) {
      // Connected, but the other way round: whether that is the connection
      // the lab means is for a person to judge.
      for (const std::string& from_id : p.from_any) {
        std::string unused;
        const NamedElement* from = context.ModelElement(from_id, &unused);
        if (from == nullptr) continue;
        const std::vector<int> back = graph.Path(index_of(to), index_of(from), p.max_steps);
        if (back.empty()) continue;
        std::string chain;
        for (int e : back) chain += (chain.empty() ? "" : " -> ") + elements[e].name;
        outcome.status = CheckStatus::kNeedsReview;
        outcome.message += "; it is connected the other way (" + chain +
                           "), so an instructor will judge whether that is the connection the "
                           "lab asks for";
        outcome.evidence.notes.push_back(chain);
        break;
      }
    }
  } else {
    outcome.message = absent.empty() ? "nothing to follow" : absent.front();
  }
  for (std::size_t i = unreached.empty() ? 1 : 0; i < absent.size(); ++i)
    outcome.evidence.notes.push_back(absent[i]);
  return outcome;
}

}  // namespace

CheckOutcome EvaluateStructureCheck(const CheckSpec& check, CheckContext& context) {
  if (!context.submission().stock_flow.present) {
    CheckOutcome outcome;
    outcome.message = "the submission has no stock_flow section";
    return outcome;
  }
  switch (check.kind) {
    case CheckKind::kStockCount:
      return StockCount(check, context);
    case CheckKind::kElement:
      return ElementCheck(check, context);
    case CheckKind::kStockFlows:
      return StockFlowsCheck(check, context);
    case CheckKind::kStocksConnected:
      return StocksConnected(check, context);
    case CheckKind::kDepends:
      return DependsCheck(check, context);
    default:
      break;
  }
  CheckOutcome outcome;
  outcome.status = CheckStatus::kError;
  outcome.message = "not a structure check";
  return outcome;
}

}  // namespace sdlab
