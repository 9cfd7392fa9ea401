// Loads a submission (format sdlab/1) from our YamlNode tree: every section
// recognised, `stock_flow` fully validated (types, names, references, the
// sim spec), the other sections checked for types and unknown keys. Every
// problem is reported at once, up to the diagnostics' cap.

#include <algorithm>
#include <climits>
#include <cmath>
#include <unordered_map>

#include "core/names.h"
#include "core/submission.h"
#include "core/yaml_schema.h"
#include "core/yaml_tree.h"

namespace sdlab {
namespace {

const std::vector<std::string> kTopLevelKeys = {"format",      "lab",      "author", "stock_flow",
                                                "causal_loop", "leverage", "answers"};
const std::vector<std::string> kStockFlowKeys = {"sim",         "stocks",    "flows",
                                                 "auxiliaries", "constants", "lookups"};
const std::vector<std::string> kSimKeys = {"start",  "stop",       "dt",
                                           "method", "time_units", "save_every"};
const std::vector<std::string> kStockKeys = {"name",  "initial", "max",    "non_negative",
                                             "units", "doc",     "concept"};
const std::vector<std::string> kFlowKeys = {"name",  "from", "to",     "equation",
                                            "units", "doc",  "concept"};
const std::vector<std::string> kAuxiliaryKeys = {"name", "equation", "units", "doc", "concept"};
const std::vector<std::string> kConstantKeys = {"name", "value", "units", "doc", "concept"};
const std::vector<std::string> kLookupKeys = {"name", "points", "type", "units", "doc", "concept"};
const std::vector<std::string> kMethods = {"euler", "rk2", "rk4"};
const std::vector<std::string> kLookupTypes = {"continuous", "extrapolate", "discrete"};

const std::vector<std::string> kCausalLoopKeys = {"variables", "links", "loops"};
const std::vector<std::string> kCldVariableKeys = {"name", "concept", "units", "doc"};
const std::vector<std::string> kCldLinkKeys = {"from", "to", "polarity", "delay", "concept", "doc"};
const std::vector<std::string> kCldLoopKeys = {"id", "name", "type", "path"};
const std::vector<std::string> kLeverageKeys = {"problem", "interventions"};
const std::vector<std::string> kInterventionKeys = {"level", "action", "expected_impact", "rank",
                                                    "what_if"};
const std::vector<std::string> kWhatIfKeys = {"set"};

// Words that always mean something inside an equation; an element with one
// of these names could only be referenced in quotes, and `Time` as a stock
// would silently read the clock. Compared normalised.
const std::vector<std::string> kReservedNames = {
    "time", "dt", "starttime", "stoptime", "pi", "inf", "if", "then", "else", "and", "or", "not"};

std::string Upper(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

std::string LineText(Location location) { return "line " + std::to_string(location.line); }

const char* KindName(ElementKind kind) {
  switch (kind) {
    case ElementKind::kStock:
      return "stock";
    case ElementKind::kFlow:
      return "flow";
    case ElementKind::kAuxiliary:
      return "auxiliary";
    case ElementKind::kConstant:
      return "constant";
    case ElementKind::kLookup:
      return "lookup";
  }
  return "element";
}

class Loader {
 public:
  Loader(const SourceFile& source, Diagnostics& diagnostics)
      : source_(source), diagnostics_(diagnostics) {}

  void LoadTopLevel(const YamlNode& root, Submission& submission);

 private:
  // ---- stock_flow ----
  void LoadStockFlow(const YamlNode& node, StockFlowModel& model);
  void LoadSim(const YamlNode& node, SimSpec& sim);
  // Name and the optional concept/units/doc; false when the name is unusable.
  bool LoadElementInfo(const YamlRecord& record, const char* kind_name, ElementInfo& info);
  std::optional<Stock> LoadStock(const YamlNode& node);
  std::optional<Flow> LoadFlow(const YamlNode& node);
  std::optional<Auxiliary> LoadAuxiliary(const YamlNode& node);
  std::optional<Constant> LoadConstant(const YamlNode& node);
  std::optional<Lookup> LoadLookup(const YamlNode& node);
  void LoadPoints(const YamlNode& node, const std::string& owner, Lookup& lookup);
  std::optional<EquationText> LoadEquation(const YamlRecord& record, std::string_view key,
                                           const std::string& owner, std::string_view expected);
  void CheckNames(StockFlowModel& model);
  void CheckFlowEnds(const StockFlowModel& model);

  // ---- the sections validated structurally ----
  void LoadCausalLoop(const YamlNode& node, CausalLoopDiagram& diagram);
  void LoadLeverage(const YamlNode& node, LeverageAnalysis& leverage);
  void LoadAnswers(const YamlNode& node, Answers& answers);

  // Loads each item of the list `key` of `record` with `load`.
  template <typename T, typename LoadItem>
  void LoadList(const YamlRecord& record, std::string_view key, std::vector<T>& out,
                LoadItem load) {
    const YamlNode* node = record.Get(key);
    if (node == nullptr) return;
    const std::vector<YamlNode>* items = ReadList(*node, diagnostics_);
    if (items == nullptr) return;
    for (const YamlNode& item : *items) {
      std::optional<T> value = load(item);
      if (value) out.push_back(std::move(*value));
    }
  }

  std::string ItemPhrase(std::string_view key) const {
    return "each item of '" + std::string(key) + "'";
  }

  const SourceFile& source_;
  Diagnostics& diagnostics_;
};

void Loader::LoadTopLevel(const YamlNode& root, Submission& submission) {
  if (root.is_null()) {
    diagnostics_.Error(Location{1, 1}, "the submission is empty",
                       "expected a mapping with keys such as 'lab' and 'stock_flow'");
    return;
  }
  YamlRecord record(root, kTopLevelKeys, diagnostics_, "the submission");
  if (!record.ok()) return;
  if (const YamlNode* format = record.GetValue("format")) {
    std::optional<std::string> text = ReadText(*format, diagnostics_);
    if (text && *text != "sdlab/1") {
      diagnostics_.Error(
          format->location,
          "format '" + *text + "' is not supported: this sdlab reads format sdlab/1");
    } else if (text) {
      submission.format = *text;
    }
  }
  if (const YamlNode* lab = record.GetValue("lab")) {
    if (std::optional<std::string> text = ReadText(*lab, diagnostics_)) submission.lab = *text;
    submission.lab_location = lab->location;
  }
  if (std::optional<std::string> author = record.Text("author")) submission.author = *author;
  // An empty section (`answers:` with nothing under it) is the same as none.
  if (const YamlNode* node = record.GetValue("stock_flow")) {
    LoadStockFlow(*node, submission.stock_flow);
  }
  if (const YamlNode* node = record.GetValue("causal_loop")) {
    LoadCausalLoop(*node, submission.causal_loop);
  }
  if (const YamlNode* node = record.GetValue("leverage")) {
    LoadLeverage(*node, submission.leverage);
  }
  if (const YamlNode* node = record.GetValue("answers")) LoadAnswers(*node, submission.answers);
}

// ---------------------------------------------------------------------------
// stock_flow

void Loader::LoadStockFlow(const YamlNode& node, StockFlowModel& model) {
  YamlRecord record(node, kStockFlowKeys, diagnostics_);
  if (!record.ok()) return;
  model.present = true;
  model.location = node.location;
  model.sim.location = node.location;
  if (const YamlNode* sim = record.GetValue("sim")) LoadSim(*sim, model.sim);
  LoadList(record, "stocks", model.stocks, [&](const YamlNode& item) { return LoadStock(item); });
  LoadList(record, "flows", model.flows, [&](const YamlNode& item) { return LoadFlow(item); });
  LoadList(record, "auxiliaries", model.auxiliaries,
           [&](const YamlNode& item) { return LoadAuxiliary(item); });
  LoadList(record, "constants", model.constants,
           [&](const YamlNode& item) { return LoadConstant(item); });
  LoadList(record, "lookups", model.lookups,
           [&](const YamlNode& item) { return LoadLookup(item); });
  CheckNames(model);
  CheckFlowEnds(model);
}

void Loader::LoadSim(const YamlNode& node, SimSpec& sim) {
  YamlRecord record(node, kSimKeys, diagnostics_);
  if (!record.ok()) return;
  sim.location = node.location;
  if (std::optional<double> start = record.Number("start")) sim.start = *start;
  bool stop_ok = true;
  if (const YamlNode* stop = record.GetValue("stop")) {
    std::optional<double> value = ReadNumber(*stop, diagnostics_);
    stop_ok = value.has_value();
    if (value) sim.stop = *value;
  }
  const YamlNode* dt = record.GetValue("dt");
  if (dt != nullptr) {
    std::optional<double> value = ReadNumber(*dt, diagnostics_);
    if (value && *value <= 0) {
      ReportExpected(*dt, "a number greater than 0", diagnostics_);
    } else if (value) {
      sim.dt = *value;
    }
  }
  if (stop_ok && sim.stop <= sim.start) {
    const YamlNode* stop = record.GetValue("stop");
    diagnostics_.Error(stop ? stop->location : node.location,
                       "'stop' (" + ShortestNumberText(sim.stop) +
                           ") must be greater than 'start' (" + ShortestNumberText(sim.start) +
                           ")");
  }
  if (const YamlNode* method = record.GetValue("method")) {
    if (std::optional<std::size_t> index = ReadChoice(*method, "method", kMethods, diagnostics_)) {
      sim.method = static_cast<IntegrationMethod>(*index);
    }
  }
  if (std::optional<std::string> units = record.Text("time_units")) sim.time_units = *units;
  if (const YamlNode* save = record.GetValue("save_every")) {
    std::optional<double> value = ReadNumber(*save, diagnostics_);
    if (value && *value <= 0) {
      ReportExpected(*save, "a number greater than 0", diagnostics_);
    } else if (value) {
      // Saved rows fall on computed steps only: a whole number of dt.
      double steps = *value / sim.dt;
      if (std::fabs(steps - std::round(steps)) > 1e-9 * std::max(1.0, steps) || steps < 0.5) {
        diagnostics_.Error(save->location, "'save_every' (" + ShortestNumberText(*value) +
                                               ") must be a whole multiple of 'dt' (" +
                                               ShortestNumberText(sim.dt) + ")");
      } else {
        sim.save_interval = *value;
      }
    }
  }
}

bool Loader::LoadElementInfo(const YamlRecord& record, const char* kind_name, ElementInfo& info) {
  std::string this_kind = std::string("this ") + kind_name;
  const YamlNode* name = record.Require("name", this_kind, "a name");
  bool ok = false;
  if (name != nullptr) {
    if (std::optional<std::string> text = ReadText(*name, diagnostics_)) {
      info.name = *text;
      info.normalized = NormalizeName(*text);
      info.location = name->location;
      ok = !info.normalized.empty();
      if (!ok) diagnostics_.Error(name->location, "a name must not be empty");
    }
  }
  if (!ok) info.location = record.location();
  if (const YamlNode* concept_node = record.GetValue("concept")) {
    if (std::optional<std::string> text = ReadText(*concept_node, diagnostics_)) {
      info.concept_id = *text;
      info.concept_location = concept_node->location;
    }
  }
  if (std::optional<std::string> units = record.Text("units")) info.units = *units;
  if (std::optional<std::string> doc = record.Text("doc")) info.doc = *doc;
  return ok;
}

std::optional<EquationText> Loader::LoadEquation(const YamlRecord& record, std::string_view key,
                                                 const std::string& owner,
                                                 std::string_view expected) {
  const YamlNode* node = record.Require(key, owner, expected);
  if (node == nullptr) return std::nullopt;
  if (!node->is_scalar() || node->scalar.find_first_not_of(" \t\r\n") == std::string::npos) {
    ReportExpected(*node, expected, diagnostics_);
    return std::nullopt;
  }
  EquationText equation;
  equation.text = node->scalar;
  equation.offsets = LocateScalarBytes(source_, *node);
  equation.location = equation.offsets.front();
  return equation;
}

// "stock 'Request Queue'", or "this stock" when the name is unusable.
std::string Owner(ElementKind kind, const ElementInfo& info) {
  if (info.normalized.empty()) return std::string("this ") + KindName(kind);
  return std::string(KindName(kind)) + " '" + info.name + "'";
}

std::optional<Stock> Loader::LoadStock(const YamlNode& node) {
  YamlRecord record(node, kStockKeys, diagnostics_, "each item of 'stocks'");
  if (!record.ok()) return std::nullopt;
  Stock stock;
  bool ok = LoadElementInfo(record, KindName(ElementKind::kStock), stock);
  std::string owner = Owner(ElementKind::kStock, stock);
  std::optional<EquationText> initial =
      LoadEquation(record, "initial", owner, "a number or an equation");
  if (initial) stock.initial = std::move(*initial);
  if (const YamlNode* max = record.GetValue("max")) {
    std::optional<double> value = ReadNumber(*max, diagnostics_);
    if (value && *value <= 0) {
      ReportExpected(*max, "a number greater than 0", diagnostics_);
    } else if (value) {
      stock.max = *value;
      stock.max_location = max->location;
    }
  }
  if (std::optional<bool> non_negative = record.Bool("non_negative")) {
    stock.non_negative = *non_negative;
  }
  if (!ok) return std::nullopt;
  return stock;
}

std::optional<Flow> Loader::LoadFlow(const YamlNode& node) {
  YamlRecord record(node, kFlowKeys, diagnostics_, "each item of 'flows'");
  if (!record.ok()) return std::nullopt;
  Flow flow;
  bool ok = LoadElementInfo(record, KindName(ElementKind::kFlow), flow);
  if (const YamlNode* from = record.GetValue("from")) {
    if (std::optional<std::string> text = ReadText(*from, diagnostics_)) flow.from = *text;
    flow.from_location = from->location;
  }
  if (const YamlNode* to = record.GetValue("to")) {
    if (std::optional<std::string> text = ReadText(*to, diagnostics_)) flow.to = *text;
    flow.to_location = to->location;
  }
  std::optional<EquationText> equation =
      LoadEquation(record, "equation", Owner(ElementKind::kFlow, flow), "an equation");
  if (equation) flow.equation = std::move(*equation);
  if (!ok) return std::nullopt;
  return flow;
}

std::optional<Auxiliary> Loader::LoadAuxiliary(const YamlNode& node) {
  YamlRecord record(node, kAuxiliaryKeys, diagnostics_, "each item of 'auxiliaries'");
  if (!record.ok()) return std::nullopt;
  Auxiliary auxiliary;
  bool ok = LoadElementInfo(record, KindName(ElementKind::kAuxiliary), auxiliary);
  std::optional<EquationText> equation =
      LoadEquation(record, "equation", Owner(ElementKind::kAuxiliary, auxiliary), "an equation");
  if (equation) auxiliary.equation = std::move(*equation);
  if (!ok) return std::nullopt;
  return auxiliary;
}

std::optional<Constant> Loader::LoadConstant(const YamlNode& node) {
  YamlRecord record(node, kConstantKeys, diagnostics_, "each item of 'constants'");
  if (!record.ok()) return std::nullopt;
  Constant constant;
  bool ok = LoadElementInfo(record, KindName(ElementKind::kConstant), constant);
  if (const YamlNode* value =
          record.Require("value", Owner(ElementKind::kConstant, constant), "a number")) {
    if (std::optional<double> number = ReadNumber(*value, diagnostics_)) constant.value = *number;
    constant.value_location = value->location;
  }
  if (!ok) return std::nullopt;
  return constant;
}

std::optional<Lookup> Loader::LoadLookup(const YamlNode& node) {
  YamlRecord record(node, kLookupKeys, diagnostics_, "each item of 'lookups'");
  if (!record.ok()) return std::nullopt;
  Lookup lookup;
  bool ok = LoadElementInfo(record, KindName(ElementKind::kLookup), lookup);
  std::string owner = Owner(ElementKind::kLookup, lookup);
  if (const YamlNode* points = record.Require("points", owner, "a list of [x, y] points")) {
    LoadPoints(*points, owner, lookup);
  }
  if (const YamlNode* type = record.GetValue("type")) {
    if (std::optional<std::size_t> index =
            ReadChoice(*type, "lookup type", kLookupTypes, diagnostics_)) {
      lookup.type = static_cast<LookupType>(*index);
    }
  }
  if (!ok) return std::nullopt;
  return lookup;
}

void Loader::LoadPoints(const YamlNode& node, const std::string& owner, Lookup& lookup) {
  const std::vector<YamlNode>* items = ReadList(node, diagnostics_);
  if (items == nullptr) return;
  bool all_read = true;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const YamlNode& point = (*items)[i];
    std::string what = "point " + std::to_string(i + 1) + " of 'points'";
    if (!point.is_sequence() || point.items.size() != 2) {
      std::string found = point.is_sequence()
                              ? "a list of " + std::to_string(point.items.size()) + " values"
                              : point.KindDescription();
      diagnostics_.Error(point.ReportLocation(),
                         "expected an [x, y] pair for " + what + ", found " + found);
      all_read = false;
      continue;
    }
    std::optional<double> x = ReadNumber(point.items[0], diagnostics_, "x of " + what);
    std::optional<double> y = ReadNumber(point.items[1], diagnostics_, "y of " + what);
    if (!x || !y) {
      all_read = false;
      continue;
    }
    if (all_read && !lookup.points.empty() && *x <= lookup.points.back().first) {
      diagnostics_.Error(point.items[0].location,
                         "x values must increase strictly: point " + std::to_string(i + 1) +
                             " has x = " + ShortestNumberText(*x) +
                             " after x = " + ShortestNumberText(lookup.points.back().first));
      all_read = false;
    }
    lookup.points.emplace_back(*x, *y);
  }
  if (all_read && items->size() < 2) {
    diagnostics_.Error(node.ReportLocation(),
                       owner + " needs at least 2 points, found " + std::to_string(items->size()));
  }
}

void Loader::CheckNames(StockFlowModel& model) {
  struct Named {
    const ElementInfo* info;
    ElementKind kind;
  };
  std::vector<Named> all;
  for (const Stock& e : model.stocks) all.push_back({&e, ElementKind::kStock});
  for (const Flow& e : model.flows) all.push_back({&e, ElementKind::kFlow});
  for (const Auxiliary& e : model.auxiliaries) all.push_back({&e, ElementKind::kAuxiliary});
  for (const Constant& e : model.constants) all.push_back({&e, ElementKind::kConstant});
  for (const Lookup& e : model.lookups) all.push_back({&e, ElementKind::kLookup});
  // In file order, so that "the second" is the one further down the file.
  std::stable_sort(all.begin(), all.end(), [](const Named& a, const Named& b) {
    const Location& x = a.info->location;
    const Location& y = b.info->location;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  std::unordered_map<std::string, const Named*> first_by_name;
  for (const Named& named : all) {
    const ElementInfo& info = *named.info;
    for (const std::string& reserved : kReservedNames) {
      if (info.normalized == reserved) {
        diagnostics_.Error(
            info.location,
            "'" + info.name + "' is a builtin name in equations (" + Upper(reserved) + ")",
            "choose another name");
      }
    }
    auto [it, inserted] = first_by_name.emplace(info.normalized, &named);
    if (inserted) continue;
    const Named& first = *it->second;
    std::string where =
        std::string("the ") + KindName(first.kind) + " on " + LineText(first.info->location);
    if (first.info->name == info.name) {
      diagnostics_.Error(info.location, "duplicate name '" + info.name + "'",
                         "first used by " + where);
    } else {
      diagnostics_.Error(info.location, "name '" + info.name + "' differs from '" +
                                            first.info->name + "' (" +
                                            LineText(first.info->location) +
                                            ") only by case/spaces/underscores; names are "
                                            "compared that way");
    }
  }
}

void Loader::CheckFlowEnds(const StockFlowModel& model) {
  std::unordered_map<std::string, const ElementInfo*> stocks;
  std::vector<std::string> stock_names;
  for (const Stock& stock : model.stocks) {
    stocks.emplace(stock.normalized, &stock);
    stock_names.push_back(stock.name);
  }
  auto other_kind = [&](const std::string& normalized) -> const char* {
    for (const Flow& e : model.flows)
      if (e.normalized == normalized) return "a flow";
    for (const Auxiliary& e : model.auxiliaries)
      if (e.normalized == normalized) return "an auxiliary";
    for (const Constant& e : model.constants)
      if (e.normalized == normalized) return "a constant";
    for (const Lookup& e : model.lookups)
      if (e.normalized == normalized) return "a lookup";
    return nullptr;
  };
  auto check_end = [&](const Flow& flow, const std::string& end, Location location,
                       const char* key) {
    if (end.empty()) return true;
    std::string normalized = NormalizeName(end);
    if (stocks.count(normalized) > 0) return true;
    std::string message = "flow '" + flow.name + "' " + (key[0] == 'f' ? "comes from" : "goes to") +
                          " '" + end + "', ";
    if (const char* kind = other_kind(normalized)) {
      diagnostics_.Error(location, message + "which is " + kind + ", not a stock",
                         std::string("'") + key + "' must name a stock");
    } else {
      diagnostics_.Error(location, message + "which is not a stock in this model",
                         DidYouMean(end, stock_names));
    }
    return false;
  };
  for (const Flow& flow : model.flows) {
    bool from_ok = check_end(flow, flow.from, flow.from_location, "from");
    bool to_ok = check_end(flow, flow.to, flow.to_location, "to");
    if (from_ok && to_ok && !flow.from.empty() && !flow.to.empty() &&
        NormalizeName(flow.from) == NormalizeName(flow.to)) {
      diagnostics_.Error(
          flow.to_location,
          "flow '" + flow.name + "' goes from '" + flow.from + "' back to the same stock",
          "a flow connects two different stocks, or a stock and a cloud");
    }
    if (flow.from.empty() && flow.to.empty()) {
      diagnostics_.Warning(flow.location, "flow '" + flow.name +
                                              "' has neither 'from' nor 'to': it changes no stock");
    }
  }
}

// ---------------------------------------------------------------------------
// causal_loop, leverage, answers: types and keys only

void Loader::LoadCausalLoop(const YamlNode& node, CausalLoopDiagram& diagram) {
  YamlRecord record(node, kCausalLoopKeys, diagnostics_);
  if (!record.ok()) return;
  diagram.present = true;
  diagram.location = node.location;
  LoadList(record, "variables", diagram.variables,
           [&](const YamlNode& item) -> std::optional<CldVariable> {
             CldVariable variable;
             // A bare name is shorthand for {name: ...}.
             if (item.is_scalar()) {
               variable.name = item.scalar;
               variable.normalized = NormalizeName(item.scalar);
               variable.location = item.location;
               return variable;
             }
             YamlRecord fields(item, kCldVariableKeys, diagnostics_, ItemPhrase("variables"));
             if (!fields.ok()) return std::nullopt;
             if (!LoadElementInfo(fields, "variable", variable)) return std::nullopt;
             return variable;
           });
  LoadList(record, "links", diagram.links, [&](const YamlNode& item) -> std::optional<CldLinkText> {
    CldLinkText link;
    link.location = item.location;
    if (item.is_scalar()) {
      link.compact = true;
      link.compact_text = item.scalar;
      return link;
    }
    YamlRecord fields(item, kCldLinkKeys, diagnostics_, "each item of 'links'");
    if (!fields.ok()) return std::nullopt;
    bool ok = true;
    if (const YamlNode* from = fields.Require("from", "this link", "a variable name")) {
      std::optional<std::string> text = ReadText(*from, diagnostics_);
      ok = ok && text.has_value();
      link.from = text.value_or("");
      link.from_location = from->location;
    } else {
      ok = false;
    }
    if (const YamlNode* to = fields.Require("to", "this link", "a variable name")) {
      std::optional<std::string> text = ReadText(*to, diagnostics_);
      ok = ok && text.has_value();
      link.to = text.value_or("");
      link.to_location = to->location;
    } else {
      ok = false;
    }
    if (const YamlNode* polarity = fields.GetValue("polarity")) {
      if (std::optional<std::string> text = ReadText(*polarity, diagnostics_))
        link.polarity = *text;
      link.polarity_location = polarity->location;
    }
    if (std::optional<bool> delay = fields.Bool("delay")) link.delay = *delay;
    if (std::optional<std::string> concept_id = fields.Text("concept"))
      link.concept_id = *concept_id;
    if (std::optional<std::string> doc = fields.Text("doc")) link.doc = *doc;
    if (!ok) return std::nullopt;
    return link;
  });
  LoadList(record, "loops", diagram.loops, [&](const YamlNode& item) -> std::optional<CldLoopText> {
    YamlRecord fields(item, kCldLoopKeys, diagnostics_, "each item of 'loops'");
    if (!fields.ok()) return std::nullopt;
    CldLoopText loop;
    loop.location = item.location;
    if (const YamlNode* id = fields.GetValue("id")) {
      if (std::optional<std::string> text = ReadText(*id, diagnostics_)) loop.id = *text;
      loop.id_location = id->location;
    }
    if (std::optional<std::string> name = fields.Text("name")) loop.name = *name;
    if (const YamlNode* type = fields.GetValue("type")) {
      if (std::optional<std::string> text = ReadText(*type, diagnostics_)) loop.type = *text;
      loop.type_location = type->location;
    }
    if (const YamlNode* path = fields.Get("path")) {
      if (const std::vector<YamlNode>* steps = ReadList(*path, diagnostics_)) {
        for (const YamlNode& step : *steps) {
          if (std::optional<std::string> text =
                  ReadText(step, diagnostics_, "each variable of 'path'")) {
            loop.path.emplace_back(*text, step.location);
          }
        }
      }
    }
    return loop;
  });
}

void Loader::LoadLeverage(const YamlNode& node, LeverageAnalysis& leverage) {
  YamlRecord record(node, kLeverageKeys, diagnostics_);
  if (!record.ok()) return;
  leverage.present = true;
  leverage.location = node.location;
  if (std::optional<std::string> problem = record.Text("problem")) leverage.problem = *problem;
  LoadList(record, "interventions", leverage.interventions,
           [&](const YamlNode& item) -> std::optional<Intervention> {
             YamlRecord fields(item, kInterventionKeys, diagnostics_, ItemPhrase("interventions"));
             if (!fields.ok()) return std::nullopt;
             Intervention intervention;
             intervention.location = item.location;
             bool ok = true;
             if (const YamlNode* level =
                     fields.Require("level", "this intervention", "a whole number from 1 to 12")) {
               std::optional<long long> value = ReadInteger(*level, 1, 12, diagnostics_);
               ok = ok && value.has_value();
               intervention.level = static_cast<int>(value.value_or(0));
               intervention.level_location = level->location;
             } else {
               ok = false;
             }
             if (const YamlNode* action = fields.Require("action", "this intervention", "text")) {
               std::optional<std::string> text = ReadText(*action, diagnostics_);
               ok = ok && text.has_value();
               intervention.action = text.value_or("");
               intervention.action_location = action->location;
             } else {
               ok = false;
             }
             if (const YamlNode* impact = fields.GetValue("expected_impact")) {
               if (std::optional<std::string> text = ReadText(*impact, diagnostics_)) {
                 intervention.expected_impact = *text;
               }
               intervention.expected_impact_location = impact->location;
             }
             if (const YamlNode* rank = fields.GetValue("rank")) {
               // INT_MAX bounds it so the int member cannot overflow.
               if (std::optional<long long> value = ReadInteger(*rank, 1, INT_MAX, diagnostics_)) {
                 intervention.rank = static_cast<int>(*value);
               }
               intervention.rank_location = rank->location;
             }
             if (const YamlNode* what_if = fields.GetValue("what_if")) {
               YamlRecord change(*what_if, kWhatIfKeys, diagnostics_);
               if (const YamlNode* set = change.GetValue("set")) {
                 if (!set->is_mapping()) {
                   ReportExpected(*set, "a mapping of names to numbers", diagnostics_);
                 } else {
                   for (const YamlNode& entry : set->items) {
                     if (std::optional<double> value = ReadNumber(entry, diagnostics_)) {
                       intervention.what_if_set.emplace_back(entry.key, *value);
                       intervention.what_if_locations.push_back(entry.key_location);
                     }
                   }
                 }
               }
             }
             if (!ok) return std::nullopt;
             return intervention;
           });
}

void Loader::LoadAnswers(const YamlNode& node, Answers& answers) {
  if (!node.is_mapping()) {
    ReportExpected(node, "a mapping of question ids to answers", diagnostics_);
    return;
  }
  answers.present = true;
  answers.location = node.location;
  for (const YamlNode& item : node.items) {
    Answer answer;
    answer.question_id = item.key;
    answer.location = item.ReportLocation();
    // An empty answer is an unanswered question, not an error: a starter
    // file lists every id with nothing after it.
    if (!item.is_null()) {
      std::optional<std::string> text = ReadText(item, diagnostics_, "answer '" + item.key + "'");
      if (!text) continue;
      answer.text = *text;
    }
    answers.items.push_back(std::move(answer));
  }
}

}  // namespace

std::optional<Submission> LoadSubmission(const SourceFile& source, Diagnostics& diagnostics) {
  const std::size_t errors_before = diagnostics.error_count();
  std::optional<YamlNode> root = ReadYamlRecovering(source, diagnostics);
  if (!root) return std::nullopt;
  Submission submission;
  submission.path = source.path();
  Loader(source, diagnostics).LoadTopLevel(*root, submission);
  if (diagnostics.error_count() > errors_before) return std::nullopt;
  return submission;
}

std::optional<Submission> LoadSubmissionFile(const std::string& path, Diagnostics& diagnostics,
                                             SourceFile* source_out) {
  std::optional<SourceFile> source = ReadSourceFile(path, diagnostics);
  if (!source) return std::nullopt;
  std::optional<Submission> submission = LoadSubmission(*source, diagnostics);
  if (source_out != nullptr) *source_out = std::move(*source);
  return submission;
}

}  // namespace sdlab
