// Loads a submission (format sdlab/1) from our YamlNode tree: every section
// recognised, `stock_flow` fully validated here (types, names, references,
// the sim spec); the other sections are checked for types and unknown keys
// in submission_sections.cpp. Every problem is reported at once, in file
// order, up to the diagnostics' cap.

#include "core/load/submission_loader.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/equation/builtins.h"
#include "core/load/submission.h"
#include "core/load/submission_sections_internal.h"
#include "core/load/yaml_reader.h"
#include "core/load/yaml_schema.h"
#include "core/load/yaml_tree.h"
#include "core/names.h"

namespace sdlab {
namespace {

// Enough for any real file; the caller's own cap (50) decides what is shown.
constexpr std::size_t kMaxCollectedErrors = 10000;

const std::vector<std::string> kTopLevelKeys = {"format",      "lab",      "author", "stock_flow",
                                                "causal_loop", "leverage", "answers"};
const std::vector<std::string> kStockFlowKeys = {"sim",         "stocks",    "flows",
                                                 "auxiliaries", "constants", "lookups"};
const std::vector<std::string> kSimKeys = {"start",  "stop",       "dt",
                                           "method", "time_units", "save_interval"};
const std::vector<std::string> kStockKeys = {"name",  "initial", "max",    "non_negative",
                                             "units", "doc",     "concept"};
const std::vector<std::string> kFlowKeys = {"name",  "from", "to",     "equation",
                                            "units", "doc",  "concept"};
const std::vector<std::string> kAuxiliaryKeys = {"name", "equation", "units", "doc", "concept"};
const std::vector<std::string> kConstantKeys = {"name", "value", "units", "doc", "concept"};
const std::vector<std::string> kLookupKeys = {"name", "points", "type", "units", "doc", "concept"};
const std::vector<std::string> kMethods = {"euler", "rk2", "rk4"};
const std::vector<std::string> kLookupTypes = {"continuous", "extrapolate", "discrete"};

// Keywords of the equation language; an element named `If` could only be
// referenced in quotes. Compared normalised.
const std::vector<std::string> kKeywords = {"if", "then", "else", "and", "or", "not"};

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
  bool LoadElementInfo(const YamlRecord& record, const char* kind_name, ElementInfo& info) {
    return submission_internal::LoadElementInfo(record, kind_name, info, diagnostics_);
  }
  std::optional<Stock> LoadStock(const YamlNode& node);
  std::optional<Flow> LoadFlow(const YamlNode& node);
  std::optional<Auxiliary> LoadAuxiliary(const YamlNode& node);
  std::optional<Constant> LoadConstant(const YamlNode& node);
  std::optional<Lookup> LoadLookup(const YamlNode& node);
  void LoadPoints(const YamlNode& node, const std::string& owner, Lookup& lookup);
  std::optional<EquationText> LoadEquation(const YamlRecord& record, std::string_view key,
                                           const std::string& owner, std::string_view expected);
  // Keywords and builtins without arguments are errors as names; a lookup
  // named like a builtin function is a warning.
  void CheckBuiltinClash(const ElementInfo& info, ElementKind kind);
  void CheckNames(StockFlowModel& model);
  void CheckFlowEnds(const StockFlowModel& model);

  // Loads each item of the list `key` of `record` with `load`.
  template <typename T, typename LoadItem>
  void LoadList(const YamlRecord& record, std::string_view key, std::vector<T>& out,
                LoadItem load) {
    submission_internal::LoadItems(record, key, out, diagnostics_, load);
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
          "format '" + TextExcerpt(*text) + "' is not supported: this sdlab reads format sdlab/1");
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
    submission_internal::LoadCausalLoopSection(*node, submission.causal_loop, diagnostics_);
  }
  if (const YamlNode* node = record.GetValue("leverage")) {
    submission_internal::LoadLeverageSection(*node, submission.leverage, diagnostics_);
  }
  if (const YamlNode* node = record.GetValue("answers")) {
    submission_internal::LoadAnswersSection(*node, submission.answers, diagnostics_);
  }
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
  if (const YamlNode* save = record.GetValue("save_interval")) {
    std::optional<double> value = ReadNumber(*save, diagnostics_);
    if (value && *value <= 0) {
      ReportExpected(*save, "a number greater than 0", diagnostics_);
    } else if (value) {
      // Saved rows fall on computed steps only: a whole number of dt.
      double steps = *value / sim.dt;
      if (std::fabs(steps - std::round(steps)) > 1e-9 * std::max(1.0, steps) || steps < 0.5) {
        diagnostics_.Error(save->location, "'save_interval' (" + ShortestNumberText(*value) +
                                               ") must be a whole multiple of 'dt' (" +
                                               ShortestNumberText(sim.dt) + ")");
      } else {
        sim.save_interval = *value;
      }
    }
  }
}

std::optional<EquationText> Loader::LoadEquation(const YamlRecord& record, std::string_view key,
                                                 const std::string& owner,
                                                 std::string_view expected) {
  const YamlNode* node = record.Require(key, owner, expected);
  if (node == nullptr) return std::nullopt;
  // A plain true/false is YAML's boolean, never an equation.
  bool boolean = node->is_scalar() && node->style == ScalarStyle::kPlain && ParseBool(node->scalar);
  if (!node->is_scalar() || boolean ||
      node->scalar.find_first_not_of(" \t\r\n") == std::string::npos) {
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
  return std::string(KindName(kind)) + " '" + TextExcerpt(info.name) + "'";
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

void Loader::CheckBuiltinClash(const ElementInfo& info, ElementKind kind) {
  for (const std::string& keyword : kKeywords) {
    if (info.normalized == keyword) {
      diagnostics_.Error(
          info.location,
          "'" + TextExcerpt(info.name) + "' is a keyword in equations (" + Upper(keyword) + ")",
          "choose another name");
      return;
    }
  }
  BuiltinId builtin = FindBuiltin(EquationSpelling(info.name));
  if (builtin < 0) return;
  const BuiltinInfo& function = GetBuiltin(builtin);
  if (function.max_args == 0) {
    // TIME, DT, PI ...: an element of that name would take over every
    // `time` in every equation, silently.
    diagnostics_.Error(
        info.location,
        "'" + TextExcerpt(info.name) + "' is a builtin name in equations (" + function.name + ")",
        "choose another name");
  } else if (kind == ElementKind::kLookup) {
    // Calls resolve to builtins first, so `step(x)` would never reach it.
    diagnostics_.Warning(info.location,
                         "lookup '" + TextExcerpt(info.name) +
                             "' has the name of the builtin function " + function.name +
                             ", which calls by that name reach",
                         "rename the lookup");
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
    CheckBuiltinClash(info, named.kind);
    auto [it, inserted] = first_by_name.emplace(info.normalized, &named);
    if (inserted) continue;
    const Named& first = *it->second;
    std::string where =
        std::string("the ") + KindName(first.kind) + " on " + LineText(first.info->location);
    if (first.info->name == info.name) {
      diagnostics_.Error(info.location, "duplicate name '" + TextExcerpt(info.name) + "'",
                         "first used by " + where);
    } else {
      diagnostics_.Error(info.location, "name '" + TextExcerpt(info.name) + "' differs from '" +
                                            TextExcerpt(first.info->name) + "' (" +
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
    std::string message = "flow '" + TextExcerpt(flow.name) + "' " +
                          (key[0] == 'f' ? "comes from" : "goes to") + " '" + TextExcerpt(end) +
                          "', ";
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
      diagnostics_.Error(flow.to_location,
                         "flow '" + TextExcerpt(flow.name) + "' goes from '" +
                             TextExcerpt(flow.from) + "' back to the same stock",
                         "a flow connects two different stocks, or a stock and a cloud");
    }
    if (flow.from.empty() && flow.to.empty()) {
      diagnostics_.Warning(flow.location, "flow '" + TextExcerpt(flow.name) +
                                              "' has neither 'from' nor 'to': it changes no stock");
    }
  }
}

}  // namespace

std::optional<Submission> LoadSubmission(const SourceFile& source, Diagnostics& diagnostics) {
  // Collected apart and then handed over in file order, as a compiler
  // reports: the checks run section by section, not line by line.
  Diagnostics found(diagnostics.file(), kMaxCollectedErrors);
  std::optional<Submission> submission;
  if (std::optional<YamlNode> root = ReadYamlRecovering(source, found)) {
    submission.emplace();
    submission->path = source.path();
    Loader(source, found).LoadTopLevel(*root, *submission);
  }
  std::vector<Diagnostic> items = found.items();
  std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const Location& x = a.location;
    const Location& y = b.location;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  for (Diagnostic& item : items) diagnostics.Add(std::move(item));
  // Errors past the collection cap still count (a cap of 0 drops them all).
  Diagnostics dropped(diagnostics.file(), 0);
  for (std::size_t i = 0; i < found.dropped(); ++i) dropped.Error(Location{}, "");
  diagnostics.Append(dropped);
  if (found.has_errors()) return std::nullopt;
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
