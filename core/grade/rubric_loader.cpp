// Rubric YAML -> validated Rubric: the header, concepts, questions,
// scenarios, the leverage catalogue, self tests and layering (`extends:`,
// several --rubric files). Checks are parsed in rubric_check_loader.cpp.

#include "core/grade/rubric_loader.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "core/grade/grade_result.h"
#include "core/grade/rubric.h"
#include "core/grade/rubric_check_loader_internal.h"
#include "core/grade/rubric_loader_internal.h"
#include "core/load/yaml_reader.h"
#include "core/load/yaml_schema.h"
#include "core/load/yaml_tree.h"
#include "core/names.h"
#include "core/number_format.h"

namespace sdlab {

namespace rubric_yaml {

// The typed readers delegate to core/load/yaml_schema.h, so that a rubric's
// mistakes read exactly like a submission's.

bool FieldReader::ExpectMapping(const YamlNode& node, const std::string& what) {
  if (node.is_mapping()) return true;
  ReportExpected(node, "a mapping", diagnostics_, what);
  return false;
}

bool FieldReader::ExpectSequence(const YamlNode& node, const std::string& what) {
  if (node.is_sequence()) return true;
  ReportExpected(node, "a list", diagnostics_, what);
  return false;
}

void FieldReader::RejectUnknownKeys(const YamlNode& mapping,
                                    const std::vector<std::string>& allowed) {
  // YamlRecord reports each unknown key with a "did you mean" (or the list).
  YamlRecord record(mapping, allowed, diagnostics_);
}

std::optional<std::string> FieldReader::Text(const YamlNode& node, const std::string& what) {
  return ReadText(node, diagnostics_, what);
}

std::optional<double> FieldReader::Number(const YamlNode& node, const std::string& what) {
  return ReadNumber(node, diagnostics_, what);
}

std::optional<double> FieldReader::NumberInRange(const YamlNode& node, const std::string& what,
                                                 double min, double max, bool above_min) {
  std::optional<double> value = Number(node, what);
  if (!value) return std::nullopt;
  if ((above_min ? *value > min : *value >= min) && *value <= max) return value;
  // The bounds as a person writes them: "1000000000000", "0.5", never "0"
  // for 1e-9. The value as the author wrote it.
  auto bound = [](double number) { return FormatSignificant(number, 15); };
  std::string written = node.scalar.size() > 40 ? node.scalar.substr(0, 40) + "..." : node.scalar;
  Error(node.location, what + " is " + written + ": it must be " +
                           (above_min ? "greater than " + bound(min) + " and at most "
                                      : "from " + bound(min) + " to ") +
                           bound(max));
  return std::nullopt;
}

std::optional<int> FieldReader::Integer(const YamlNode& node, const std::string& what, int min,
                                        int max) {
  std::optional<long long> value = ReadInteger(node, min, max, diagnostics_, what);
  if (!value) return std::nullopt;
  return static_cast<int>(*value);
}

std::optional<bool> FieldReader::Bool(const YamlNode& node, const std::string& what) {
  return ReadBool(node, diagnostics_, what);
}

std::optional<std::size_t> FieldReader::Choice(const YamlNode& node, const std::string& kind_name,
                                               const std::vector<std::string>& choices) {
  return ReadChoice(node, kind_name, choices, diagnostics_);
}

std::optional<std::vector<std::string>> FieldReader::TextList(const YamlNode& node,
                                                              const std::string& what) {
  if (node.is_scalar()) return std::vector<std::string>{node.scalar};
  if (!node.is_sequence()) {
    ReportExpected(node, "text or a list of text", diagnostics_, what);
    return std::nullopt;
  }
  std::vector<std::string> list;
  bool ok = true;
  for (const YamlNode& item : node.items) {
    std::optional<std::string> text = Text(item, "each item of " + NameOfValue(node, what));
    if (text) {
      list.push_back(*text);
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return list;
}

bool FieldReader::Range(const YamlNode& node, const std::string& what, std::optional<double>* low,
                        std::optional<double>* high) {
  if (!node.is_sequence() || node.items.size() != 2) {
    ReportExpected(node, "a list of two numbers [low, high]", diagnostics_, what);
    return false;
  }
  *low = Number(node.items[0], "the low end of " + what);
  *high = Number(node.items[1], "the high end of " + what);
  if (!*low || !*high) return false;
  if (**low > **high) {
    Error(node.location, what + " must have low <= high");
    return false;
  }
  return true;
}

std::optional<TimeWindow> FieldReader::Window(const YamlNode& node) {
  TimeWindow window;
  auto read = [&](const YamlNode& value, bool start) -> bool {
    if (value.is_null()) return true;
    std::optional<double> number =
        Number(value, start ? "the start of 'window'" : "the end of 'window'");
    if (!number) return false;
    (start ? window.start : window.end) = number;
    return true;
  };
  if (node.is_sequence() && node.items.size() == 2) {
    if (!read(node.items[0], true) || !read(node.items[1], false)) return std::nullopt;
  } else if (node.is_mapping()) {
    RejectUnknownKeys(node, {"start", "end"});
    if (const YamlNode* start = node.Find("start"); start && !read(*start, true)) {
      return std::nullopt;
    }
    if (const YamlNode* end = node.Find("end"); end && !read(*end, false)) return std::nullopt;
  } else {
    ReportExpected(node, "[start, end] or {start: S, end: E}", diagnostics_, "'window'");
    return std::nullopt;
  }
  if (window.start && window.end && *window.start >= *window.end) {
    Error(node.location, "the window must start before it ends");
    return std::nullopt;
  }
  return window;
}

std::optional<Amount> FieldReader::AmountValue(const YamlNode& node, const std::string& what) {
  if (node.is_scalar() && !node.scalar.empty() && node.scalar.back() == '%') {
    std::string number = node.scalar.substr(0, node.scalar.size() - 1);
    char* end = nullptr;
    double value = std::strtod(number.c_str(), &end);
    if (!number.empty() && end == number.c_str() + number.size() && std::isfinite(value) &&
        value >= 0) {
      return Amount{value / 100.0, true};
    }
    Error(node.location, what + " must be a number or a percentage such as \"20%\"");
    return std::nullopt;
  }
  std::optional<double> value = Number(node, what);
  if (!value) return std::nullopt;
  if (*value < 0) {
    Error(node.location, what + " must not be negative");
    return std::nullopt;
  }
  return Amount{*value, false};
}

std::optional<std::vector<int>> FieldReader::Levels(const YamlNode& node, const std::string& what) {
  std::vector<int> levels;
  if (node.is_sequence()) {
    for (const YamlNode& item : node.items) {
      std::optional<int> level = Integer(item, "each level in " + what, 1, 12);
      if (!level) return std::nullopt;
      levels.push_back(*level);
    }
    return levels;
  }
  std::optional<int> level = Integer(node, what, 1, 12);
  if (!level) return std::nullopt;
  return std::vector<int>{*level};
}

std::optional<SeriesMeasure> FieldReader::Measure(const YamlNode& node) {
  const std::vector<SeriesMeasure> measures = {SeriesMeasure::kInitial, SeriesMeasure::kFinal,
                                               SeriesMeasure::kMin,     SeriesMeasure::kMax,
                                               SeriesMeasure::kMean,    SeriesMeasure::kTotal};
  std::vector<std::string> names;
  for (SeriesMeasure measure : measures) names.emplace_back(SeriesMeasureName(measure));
  std::optional<std::size_t> index = Choice(node, "measure", names);
  if (!index) return std::nullopt;
  return measures[*index];
}

bool IsValidId(const std::string& id) {
  if (id.empty() || id.size() > 100) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::optional<ElementKind> ParseElementKind(const std::string& text) {
  if (text == "stock") return ElementKind::kStock;
  if (text == "flow") return ElementKind::kFlow;
  if (text == "auxiliary" || text == "aux") return ElementKind::kAuxiliary;
  if (text == "constant") return ElementKind::kConstant;
  if (text == "lookup") return ElementKind::kLookup;
  return std::nullopt;
}

void FieldReader::ElementKinds(const YamlNode& node, const std::string& what,
                               std::vector<ElementKind>* kinds) {
  std::optional<std::vector<std::string>> list = TextList(node, what);
  if (!list) return;
  for (const std::string& text : *list) {
    if (std::optional<ElementKind> kind = ParseElementKind(text)) {
      kinds->push_back(*kind);
    } else {
      Error(node.location, "unknown element kind '" + text + "'",
            DidYouMean(text, {"stock", "flow", "auxiliary", "constant", "lookup"}));
    }
  }
}

}  // namespace rubric_yaml

namespace {

using rubric_yaml::FieldReader;

const std::vector<std::string> kTopKeys = {
    "format",  "lab",       "title",     "version",   "points",
    "extends", "concepts",  "questions", "scenarios", "leverage_catalogue",
    "checks",  "self_test", "hidden"};

std::string ParentDir(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

std::string Join(const std::string& dir, const std::string& relative) {
  std::filesystem::path path(relative);
  if (path.is_absolute()) return path.lexically_normal().string();
  return (std::filesystem::path(dir) / path).lexically_normal().string();
}

class LayerLoader {
 public:
  LayerLoader(Rubric* rubric, const RubricLimits& limits, Diagnostics& diagnostics)
      : rubric_(rubric), limits_(limits), diagnostics_(diagnostics) {}

  /// Loads `path` (after what it extends) over the rubric merged so far.
  bool LoadFile(const std::string& path, Location from_location, const std::string& from_file) {
    if (stack_.size() > static_cast<std::size_t>(limits_.max_extends_depth)) {
      Report(from_file, from_location,
             "'extends' nests deeper than " + std::to_string(limits_.max_extends_depth) + " files");
      return false;
    }
    std::error_code error;
    std::string canonical = std::filesystem::weakly_canonical(path, error).string();
    if (error) canonical = path;
    if (std::find(stack_.begin(), stack_.end(), canonical) != stack_.end()) {
      Report(from_file, from_location, "'extends' forms a cycle: " + path + " extends itself");
      return false;
    }
    Diagnostics file_diagnostics(path);
    std::optional<SourceFile> source = ReadSourceFile(path, file_diagnostics);
    if (!source) {
      if (from_location.known()) {
        Report(from_file, from_location, "cannot read the rubric '" + path + "' this one extends");
      }
      diagnostics_.Append(file_diagnostics);
      return false;
    }
    stack_.push_back(canonical);
    bool ok = LoadSource(*source);
    stack_.pop_back();
    return ok;
  }

  bool LoadSource(const SourceFile& source) {
    Diagnostics file_diagnostics(source.path());
    std::optional<YamlNode> root = ReadYaml(source, file_diagnostics);
    bool ok = root.has_value();
    if (root) ok = LoadTree(*root, source.path(), file_diagnostics) && ok;
    diagnostics_.Append(file_diagnostics);
    return ok && !file_diagnostics.has_errors();
  }

 private:
  void Report(const std::string& file, Location location, std::string message) {
    Diagnostic diagnostic;
    diagnostic.file = file;
    diagnostic.location = location;
    diagnostic.message = std::move(message);
    diagnostics_.Add(diagnostic);
  }

  bool LoadTree(const YamlNode& root, const std::string& file, Diagnostics& diagnostics) {
    FieldReader reader(diagnostics);
    if (!reader.ExpectMapping(root, "a rubric")) return false;
    reader.RejectUnknownKeys(root, kTopKeys);
    if (const YamlNode* format = root.Find("format")) {
      std::optional<std::string> text = reader.Text(*format, "'format'");
      if (text && *text != "sdlab-rubric/1") {
        reader.Error(format->location, "unsupported rubric format '" + *text + "'",
                     "this sdlab reads sdlab-rubric/1");
      }
    }
    // The base comes first, so that this file's definitions merge over it.
    if (const YamlNode* extends = root.Find("extends")) {
      std::optional<std::string> base = reader.Text(*extends, "'extends'");
      if (base && !LoadFile(Join(ParentDir(file), *base), extends->location, file)) return false;
    }
    const YamlNode* lab = root.Find("lab");
    if (lab == nullptr) {
      reader.Error(root.location, "a rubric needs 'lab:', the id of the lab it grades");
    } else if (std::optional<std::string> text = reader.Text(*lab, "'lab'")) {
      if (!rubric_->lab.empty() && rubric_->lab != *text) {
        reader.Error(lab->location, "this rubric is for lab '" + *text +
                                        "' but it layers over one for '" + rubric_->lab + "'");
      }
      rubric_->lab = *text;
    }
    if (const YamlNode* title = root.Find("title")) {
      if (auto text = reader.Text(*title, "'title'")) rubric_->title = *text;
    }
    if (const YamlNode* version = root.Find("version")) {
      if (auto text = reader.Text(*version, "'version'")) rubric_->version = *text;
    }
    rubric_->files.push_back(file);
    if (const YamlNode* concepts = root.Find("concepts")) LoadConcepts(*concepts, reader);
    if (const YamlNode* questions = root.Find("questions")) LoadQuestions(*questions, reader);
    if (const YamlNode* scenarios = root.Find("scenarios")) LoadScenarios(*scenarios, file, reader);
    if (const YamlNode* catalogue = root.Find("leverage_catalogue"))
      LoadCatalogue(*catalogue, reader);
    if (const YamlNode* checks = root.Find("checks")) LoadChecks(*checks, file, reader);
    if (const YamlNode* self_test = root.Find("self_test")) LoadSelfTests(*self_test, file, reader);
    if (const YamlNode* hidden = root.Find("hidden")) LoadHiddenAnnouncement(*hidden, file, reader);
    if (const YamlNode* points = root.Find("points")) {
      std::optional<double> total =
          reader.NumberInRange(*points, "'points'", 0, rubric_yaml::kMaxTotalPoints, true);
      if (total) {
        rubric_->points = *total;
        if (std::fabs(*total - rubric_->total_points()) > 0.005) {
          reader.Error(points->location, "'points' says " + FormatPoints(*total) +
                                             " but the checks add up to " +
                                             FormatPoints(rubric_->total_points()));
        }
      }
    }
    return !diagnostics.has_errors();
  }

  void LoadHiddenAnnouncement(const YamlNode& node, const std::string& file, FieldReader& reader) {
    if (!reader.ExpectMapping(node, "'hidden'")) return;
    reader.RejectUnknownKeys(node, {"checks", "points"});
    Rubric::HiddenAnnouncement announced;
    announced.file = file;
    announced.location = node.location;
    const YamlNode* checks = node.Find("checks");
    const YamlNode* points = node.Find("points");
    if (checks == nullptr || points == nullptr) {
      reader.Error(node.location, "'hidden' needs 'checks:' and 'points:'",
                   "what the private layer adds, e.g. `hidden: {checks: 3, points: 7}`");
      return;
    }
    std::optional<int> count = reader.Integer(*checks, "'checks'", 0, 1000);
    std::optional<double> worth =
        reader.NumberInRange(*points, "'points'", 0, rubric_yaml::kMaxTotalPoints);
    if (!count || !worth) return;
    announced.checks = *count;
    announced.points = *worth;
    rubric_->announced_hidden = announced;
  }

  void LoadRole(const YamlNode& node, FieldReader& reader, Concept* parsed) {
    if (!reader.ExpectMapping(node, "'role'")) return;
    reader.RejectUnknownKeys(node, {"reads", "feeds", "inflow_of", "outflow_of", "max_steps",
                                    "exogenous", "range", "units"});
    ConceptRole& role = parsed->role;
    parsed->role_location = node.location;
    if (const YamlNode* reads = node.Find("reads")) {
      if (auto list = reader.TextList(*reads, "'reads'")) role.reads = *list;
    }
    if (const YamlNode* feeds = node.Find("feeds")) {
      if (auto list = reader.TextList(*feeds, "'feeds'")) role.feeds = *list;
    }
    if (const YamlNode* inflow = node.Find("inflow_of")) {
      if (auto text = reader.Text(*inflow, "'inflow_of'")) role.inflow_of = *text;
    }
    if (const YamlNode* outflow = node.Find("outflow_of")) {
      if (auto text = reader.Text(*outflow, "'outflow_of'")) role.outflow_of = *text;
    }
    if (const YamlNode* steps = node.Find("max_steps")) {
      if (auto number = reader.Integer(*steps, "'max_steps'", 1, 12)) role.max_steps = *number;
    }
    if (const YamlNode* exogenous = node.Find("exogenous")) {
      if (auto flag = reader.Bool(*exogenous, "'exogenous'")) role.exogenous = *flag;
    }
    if (const YamlNode* range = node.Find("range")) {
      reader.Range(*range, "'range'", &role.low, &role.high);
    }
    if (const YamlNode* units = node.Find("units")) {
      if (auto list = reader.TextList(*units, "'units'")) role.units = *list;
    }
    if (role.empty()) reader.Error(node.location, "a role needs at least one property");
  }

  void LoadConcepts(const YamlNode& node, FieldReader& reader) {
    if (!reader.ExpectMapping(node, "'concepts'")) return;
    for (const YamlNode& item : node.items) {
      if (!rubric_yaml::IsValidId(item.key)) {
        reader.Error(item.key_location,
                     "a concept id is letters, digits, '_', '-' or '.', found '" + item.key + "'");
        continue;
      }
      Concept parsed;
      parsed.id = item.key;
      parsed.location = item.key_location;
      parsed.file = reader.diagnostics().file();
      if (item.is_mapping()) {
        reader.RejectUnknownKeys(item,
                                 {"aliases", "kind", "description", "role", "resolve", "figure"});
        if (const YamlNode* role = item.Find("role")) LoadRole(*role, reader, &parsed);
        if (const YamlNode* figure = item.Find("figure")) {
          if (reader.ExpectMapping(*figure, "'figure'")) {
            reader.RejectUnknownKeys(*figure, {"initial", "capacity"});
            if (const YamlNode* initial = figure->Find("initial"))
              parsed.figure_initial = reader.Number(*initial, "'initial'");
            if (const YamlNode* capacity = figure->Find("capacity"))
              parsed.figure_capacity = reader.Number(*capacity, "'capacity'");
            if (!parsed.has_figure() && reader.diagnostics().error_count() == 0)
              reader.Error(figure->location, "a figure needs 'initial' or 'capacity'");
          }
        }
        if (const YamlNode* resolve = item.Find("resolve")) {
          if (reader.ExpectMapping(*resolve, "'resolve'")) {
            reader.RejectUnknownKeys(*resolve, {"scenario"});
            const YamlNode* scenario = resolve->Find("scenario");
            if (scenario == nullptr) {
              reader.Error(resolve->location,
                           "'resolve' needs 'scenario:', the run whose largest total decides");
            } else if (auto text = reader.Text(*scenario, "'scenario'")) {
              parsed.resolve_scenario = *text;
            }
          }
        }
        if (const YamlNode* aliases = item.Find("aliases")) {
          if (auto list = reader.TextList(*aliases, "'aliases'")) parsed.aliases = *list;
        }
        if (const YamlNode* kind = item.Find("kind")) {
          reader.ElementKinds(*kind, "'kind'", &parsed.kinds);
        }
        if (const YamlNode* description = item.Find("description")) {
          if (auto text = reader.Text(*description, "'description'")) parsed.description = *text;
        }
      } else if (!item.is_null()) {
        if (auto list = reader.TextList(item, "concept '" + item.key + "'")) parsed.aliases = *list;
      }
      Merge(std::move(parsed));
    }
  }

  void Merge(Concept parsed) {
    for (Concept& existing : rubric_->concepts) {
      if (existing.id != parsed.id) continue;
      for (std::string& alias : parsed.aliases) {
        if (std::find(existing.aliases.begin(), existing.aliases.end(), alias) ==
            existing.aliases.end()) {
          existing.aliases.push_back(std::move(alias));
        }
      }
      if (!parsed.kinds.empty()) existing.kinds = parsed.kinds;
      if (!parsed.description.empty()) existing.description = parsed.description;
      if (!parsed.role.empty()) {
        existing.role = parsed.role;
        existing.role_location = parsed.role_location;
        existing.file = parsed.file;
      }
      if (!parsed.resolve_scenario.empty()) existing.resolve_scenario = parsed.resolve_scenario;
      return;
    }
    rubric_->concepts.push_back(std::move(parsed));
  }

  void LoadQuestions(const YamlNode& node, FieldReader& reader) {
    if (!reader.ExpectMapping(node, "'questions'")) return;
    for (const YamlNode& item : node.items) {
      Question question{item.key, "", item.key_location};
      if (!item.is_null()) {
        if (auto text = reader.Text(item, "question '" + item.key + "'")) question.text = *text;
      }
      auto existing = std::find_if(rubric_->questions.begin(), rubric_->questions.end(),
                                   [&](const Question& q) { return q.id == item.key; });
      if (existing != rubric_->questions.end()) {
        *existing = question;
      } else {
        rubric_->questions.push_back(question);
      }
    }
  }

  void LoadScenarios(const YamlNode& node, const std::string& file, FieldReader& reader) {
    if (!reader.ExpectMapping(node, "'scenarios'")) return;
    for (const YamlNode& item : node.items) {
      if (!reader.ExpectMapping(item, "scenario '" + item.key + "'")) continue;
      reader.RejectUnknownKeys(item, {"title", "set", "scale", "add", "start", "stop", "dt"});
      Scenario scenario;
      scenario.id = item.key;
      scenario.location = item.key_location;
      scenario.file = file;
      if (const YamlNode* title = item.Find("title")) {
        if (auto text = reader.Text(*title, "'title'")) scenario.title = *text;
      }
      if (const YamlNode* values = item.Find("set");
          values && reader.ExpectMapping(*values, "'set'")) {
        LoadConceptValues(*values, item.key, &scenario.set, reader);
      }
      // In file order, so that the changes a report lists read as written.
      for (const YamlNode& field : item.items) {
        if (field.key == "scale" || field.key == "add") LoadPerturbations(field, &scenario, reader);
      }
      if (const YamlNode* start = item.Find("start"))
        scenario.start = reader.Number(*start, "'start'");
      if (const YamlNode* stop = item.Find("stop")) scenario.stop = reader.Number(*stop, "'stop'");
      if (const YamlNode* dt = item.Find("dt")) {
        scenario.dt = reader.Number(*dt, "'dt'");
        if (scenario.dt && *scenario.dt <= 0) reader.Error(dt->location, "'dt' must be positive");
      }
      auto existing = std::find_if(rubric_->scenarios.begin(), rubric_->scenarios.end(),
                                   [&](const Scenario& s) { return s.id == item.key; });
      if (existing != rubric_->scenarios.end()) {
        *existing = scenario;
      } else {
        rubric_->scenarios.push_back(scenario);
      }
    }
  }

  // `{concept_id: number, ...}`, each id a concept of the rubric.
  void LoadConceptValues(const YamlNode& values, const std::string& scenario_id,
                         std::vector<std::pair<std::string, double>>* out, FieldReader& reader) {
    for (const YamlNode& value : values.items) {
      if (!KnownConcept(value.key, value.key_location, scenario_id, reader)) continue;
      std::optional<double> number = reader.Number(value, "'" + value.key + "'");
      if (number) out->emplace_back(value.key, *number);
    }
  }

  bool KnownConcept(const std::string& id, Location location, const std::string& scenario_id,
                    FieldReader& reader) {
    if (rubric_->FindConcept(id) != nullptr) return true;
    reader.Error(location, "unknown concept '" + id + "' in scenario '" + scenario_id + "'",
                 DidYouMean(id, ConceptIds()));
    return false;
  }

  // `scale:` or `add:`: one entry `{concept: c, by: 3, from: 5400, for: 600}`
  // (`amount:` for add), a list of entries, or the map form `{c: 3}` (the
  // whole run; for scale, a constant's value multiplied).
  void LoadPerturbations(const YamlNode& node, Scenario* scenario, FieldReader& reader) {
    if (node.is_sequence()) {
      for (const YamlNode& entry : node.items) {
        if (reader.ExpectMapping(entry, "each item of '" + node.key + "'")) {
          LoadPerturbation(entry, node.key, scenario, reader);
        }
      }
    } else if (node.is_mapping()) {
      LoadPerturbation(node, node.key, scenario, reader);
    } else {
      ReportExpected(node, "a mapping or a list of mappings", reader.diagnostics(),
                     "'" + node.key + "'");
    }
  }

  void LoadPerturbation(const YamlNode& entry, const std::string& key, Scenario* scenario,
                        FieldReader& reader) {
    using Perturbation = Scenario::Perturbation;
    const bool add = key == "add";
    const bool entry_form = std::any_of(entry.items.begin(), entry.items.end(), [](const auto& v) {
      return v.key == "concept" || v.key == "by" || v.key == "amount" || v.key == "from" ||
             v.key == "for";
    });
    if (!entry_form) {
      std::vector<std::pair<std::string, double>> values;
      LoadConceptValues(entry, scenario->id, &values, reader);
      for (const auto& [concept_id, value] : values) {
        if (!add) {
          scenario->scale.emplace_back(concept_id, value);
        } else {
          scenario->perturbations.push_back({concept_id, Perturbation::Kind::kAdd, value,
                                             std::nullopt, std::nullopt, entry.location});
        }
      }
      return;
    }
    const char* amount_key = add ? "amount" : "by";
    const char* other_key = add ? "by" : "amount";
    reader.RejectUnknownKeys(entry, {"concept", amount_key, other_key, "from", "for"});
    const std::string what = "'" + key + "' in scenario '" + scenario->id + "'";
    bool ok = true;
    Perturbation perturbation;
    perturbation.kind = add ? Perturbation::Kind::kAdd : Perturbation::Kind::kScale;
    perturbation.location = entry.location;
    if (const YamlNode* wrong = entry.Find(other_key)) {
      reader.Error(
          wrong->key_location,
          add ? std::string("'add' takes 'amount:', the amount added; 'by:' is for 'scale'")
              : std::string("'scale' takes 'by:', the factor; 'amount:' is for 'add'"));
      ok = false;
    }
    if (const YamlNode* concept_node = entry.Find("concept")) {
      std::optional<std::string> id = reader.Text(*concept_node, "'concept'");
      if (id && KnownConcept(*id, concept_node->location, scenario->id, reader)) {
        perturbation.concept_id = *id;
      } else {
        ok = false;
      }
    } else {
      reader.Error(entry.location,
                   what + " needs 'concept:', the concept whose element it changes");
      ok = false;
    }
    if (const YamlNode* amount = entry.Find(amount_key)) {
      std::optional<double> value = reader.Number(*amount, std::string("'") + amount_key + "'");
      if (value) perturbation.value = *value;
      ok = ok && value.has_value();
    } else if (!entry.Find(other_key)) {
      reader.Error(entry.location, what + (add ? " needs 'amount:', the amount added"
                                               : " needs 'by:', the factor"));
      ok = false;
    }
    if (const YamlNode* from = entry.Find("from")) {
      perturbation.from = reader.Number(*from, "'from'");
      ok = ok && perturbation.from.has_value();
    }
    if (const YamlNode* duration = entry.Find("for")) {
      perturbation.duration = reader.Number(*duration, "'for'");
      if (perturbation.duration && *perturbation.duration <= 0) {
        reader.Error(duration->location,
                     "'for' must be positive: the length of the window, in the model's time units");
        perturbation.duration.reset();
      }
      ok = ok && perturbation.duration.has_value();
    }
    if (ok) scenario->perturbations.push_back(perturbation);
  }

  // A key is a level ("7") whose list replaces that level's phrases from
  // earlier files, or several levels ("6/8") whose phrases are added to
  // each: a phrase that genuinely fits either level.
  void LoadCatalogue(const YamlNode& node, FieldReader& reader) {
    if (!reader.ExpectMapping(node, "'leverage_catalogue'")) return;
    std::vector<std::pair<std::vector<int>, std::vector<std::string>>> shared;
    for (const YamlNode& item : node.items) {
      std::vector<int> levels;
      bool valid = !item.key.empty();
      for (std::size_t begin = 0; valid && begin <= item.key.size();) {
        std::size_t slash = item.key.find('/', begin);
        if (slash == std::string::npos) slash = item.key.size();
        const std::string part = item.key.substr(begin, slash - begin);
        char* end = nullptr;
        const long level = std::strtol(part.c_str(), &end, 10);
        valid = !part.empty() && *end == '\0' && level >= 1 && level <= 12 &&
                std::find(levels.begin(), levels.end(), level) == levels.end();
        levels.push_back(static_cast<int>(level));
        begin = slash + 1;
      }
      if (!valid) {
        reader.Error(item.key_location,
                     "a catalogue key is a leverage level from 1 to 12, or several joined by "
                     "'/' (\"6/8\"), found '" +
                         item.key + "'");
        continue;
      }
      auto phrases = reader.TextList(item, "the phrases of level " + item.key);
      if (!phrases) continue;
      if (levels.size() == 1) {
        rubric_->leverage_catalogue[levels.front()] = *phrases;
      } else {
        shared.emplace_back(levels, *phrases);
      }
    }
    // After the plain keys, so that a file's "8:" does not drop its own "6/8:".
    for (const auto& [levels, phrases] : shared) {
      for (int level : levels) {
        std::vector<std::string>& list = rubric_->leverage_catalogue[level];
        for (const std::string& phrase : phrases) {
          if (std::find(list.begin(), list.end(), phrase) == list.end()) list.push_back(phrase);
        }
      }
    }
  }

  void LoadChecks(const YamlNode& node, const std::string& file, FieldReader& reader) {
    if (!reader.ExpectSequence(node, "'checks'")) return;
    std::vector<std::string> ids_in_file;
    for (const YamlNode& item : node.items) {
      if (rubric_->checks.size() >= limits_.max_checks) {
        reader.Error(item.location, "more than " + std::to_string(limits_.max_checks) +
                                        " checks; split the rubric");
        return;
      }
      std::optional<CheckSpec> check = rubric_yaml::ParseCheck(item, *rubric_, file, reader);
      if (!check) continue;
      if (std::find(ids_in_file.begin(), ids_in_file.end(), check->id) != ids_in_file.end()) {
        reader.Error(check->location, "duplicate check id '" + check->id + "'");
        continue;
      }
      ids_in_file.push_back(check->id);
      auto existing = std::find_if(rubric_->checks.begin(), rubric_->checks.end(),
                                   [&](const CheckSpec& c) { return c.id == check->id; });
      if (existing != rubric_->checks.end()) {
        // A private layer that gives an answer's key or a link's sign grades
        // the same question or link for the same points the public layer
        // announced.
        if (existing->answer.key_private && (check->kind != CheckKind::kAnswer ||
                                             check->answer.question != existing->answer.question ||
                                             check->points != existing->points)) {
          reader.Error(check->location,
                       "check '" + check->id +
                           "' gives the key of the public layer's answer check, so it must keep "
                           "its kind, question and points",
                       "public: question '" + existing->answer.question + "', " +
                           FormatPoints(existing->points) + " points");
          continue;
        }
        if (existing->loop.sign_private &&
            (check->kind != CheckKind::kLink || check->loop.from != existing->loop.from ||
             check->loop.to != existing->loop.to || check->points != existing->points)) {
          reader.Error(check->location,
                       "check '" + check->id +
                           "' gives the sign of the public layer's link check, so it must keep "
                           "its kind, from, to and points",
                       "public: from " + existing->loop.from + " to " + existing->loop.to + ", " +
                           FormatPoints(existing->points) + " points");
          continue;
        }
        *existing = std::move(*check);  // a later layer replaces the check in place
      } else {
        rubric_->checks.push_back(std::move(*check));
      }
    }
  }

  void LoadSelfTests(const YamlNode& node, const std::string& file, FieldReader& reader) {
    if (!reader.ExpectSequence(node, "'self_test'")) return;
    for (const YamlNode& item : node.items) {
      if (!reader.ExpectMapping(item, "a self test")) continue;
      reader.RejectUnknownKeys(item,
                               {"file", "score", "min_score", "max_score", "gradable", "expect"});
      SelfTest test;
      test.location = item.location;
      test.rubric_file = file;
      const YamlNode* path = item.Find("file");
      if (path == nullptr) {
        reader.Error(item.location, "a self test needs 'file:'");
        continue;
      }
      if (auto text = reader.Text(*path, "'file'")) test.file = Join(ParentDir(file), *text);
      for (const char* key : {"score", "min_score", "max_score"}) {
        const YamlNode* value = item.Find(key);
        if (value == nullptr) continue;
        std::optional<double> number = reader.Number(*value, std::string("'") + key + "'");
        if (number && (*number < 0 || *number > 100)) {
          reader.Error(value->location, std::string("'") + key + "' is a percentage from 0 to 100");
        }
        std::string name = key;
        (name == "score"       ? test.score
         : name == "min_score" ? test.min_score
                               : test.max_score) = number;
      }
      if (const YamlNode* gradable = item.Find("gradable")) {
        if (auto flag = reader.Bool(*gradable, "'gradable'")) test.gradable = *flag;
      }
      if (const YamlNode* expect = item.Find("expect")) {
        if (reader.ExpectMapping(*expect, "'expect'")) {
          for (const YamlNode& entry : expect->items) {
            std::optional<std::string> status_text = reader.Text(entry, "'" + entry.key + "'");
            if (!status_text) continue;
            std::optional<CheckStatus> status;
            for (CheckStatus candidate :
                 {CheckStatus::kPassed, CheckStatus::kPartial, CheckStatus::kFailed,
                  CheckStatus::kNeedsReview, CheckStatus::kError}) {
              if (*status_text == CheckStatusName(candidate)) status = candidate;
            }
            if (!status) {
              reader.Error(entry.location, "unknown status '" + *status_text + "'",
                           DidYouMean(*status_text,
                                      {"passed", "partial", "failed", "needs_review", "error"}));
              continue;
            }
            test.expect.emplace_back(entry.key, *status);
          }
        }
      }
      rubric_->self_tests.push_back(test);
    }
  }

  std::vector<std::string> ConceptIds() const {
    std::vector<std::string> ids;
    for (const Concept& concept_def : rubric_->concepts) ids.push_back(concept_def.id);
    return ids;
  }

  Rubric* rubric_;
  RubricLimits limits_;
  Diagnostics& diagnostics_;
  std::vector<std::string> stack_;
};

// Checks that need the whole merged rubric.
void ValidateMerged(Rubric& rubric, Diagnostics& diagnostics) {
  std::vector<std::string> concept_ids;
  for (const Concept& concept_def : rubric.concepts) concept_ids.push_back(concept_def.id);
  auto report = [&](const std::string& file, Location location, std::string message,
                    std::string hint = "") {
    Diagnostic diagnostic;
    diagnostic.file = file;
    diagnostic.location = location;
    diagnostic.message = std::move(message);
    diagnostic.hint = std::move(hint);
    diagnostics.Add(diagnostic);
  };
  for (const Concept& concept_def : rubric.concepts) {
    std::vector<std::string> named = concept_def.role.reads;
    named.insert(named.end(), concept_def.role.feeds.begin(), concept_def.role.feeds.end());
    for (const std::string* single : {&concept_def.role.inflow_of, &concept_def.role.outflow_of}) {
      if (!single->empty()) named.push_back(*single);
    }
    for (const std::string& other : named) {
      if (rubric.FindConcept(other) != nullptr && other != concept_def.id) continue;
      report(concept_def.file, concept_def.role_location,
             other == concept_def.id ? "the role of concept '" + other + "' refers to itself"
                                     : "the role of concept '" + concept_def.id +
                                           "' names unknown concept '" + other + "'",
             other == concept_def.id ? "" : DidYouMean(other, concept_ids));
    }
    if (!concept_def.resolve_scenario.empty() &&
        rubric.FindScenario(concept_def.resolve_scenario) == nullptr) {
      report(concept_def.file, concept_def.location,
             "concept '" + concept_def.id + "' resolves by unknown scenario '" +
                 concept_def.resolve_scenario + "'");
    }
  }
  if (rubric.announced_hidden) {
    // With the private layer loaded, its checks must be what the public one announced.
    int hidden = 0;
    double points = 0;
    for (const CheckSpec& check : rubric.checks) {
      if (check.visibility == Visibility::kVisible) continue;
      ++hidden;
      points += check.points;
    }
    const Rubric::HiddenAnnouncement& announced = *rubric.announced_hidden;
    if (hidden > 0 &&
        (hidden != announced.checks || std::fabs(points - announced.points) > 0.005)) {
      report(announced.file, announced.location,
             "'hidden' announces " + std::to_string(announced.checks) + " checks worth " +
                 FormatPoints(announced.points) + " points, but the private layer has " +
                 std::to_string(hidden) + " worth " + FormatPoints(points),
             "update `hidden:` so that a self-check tells students what it leaves out");
    }
  }
  for (std::size_t i = 0; i < rubric.checks.size(); ++i) {
    CheckSpec& check = rubric.checks[i];
    if (check.title.empty()) check.title = rubric_yaml::DefaultTitle(check, rubric);
    // `requires:` and `supported_by:` name earlier checks, which students
    // must be able to see when this one is visible (its message cites them).
    auto check_refs = [&](const std::vector<std::string>& refs, Location location,
                          const std::string& verb) {
      for (const std::string& id : refs) {
        auto found = std::find_if(rubric.checks.begin(), rubric.checks.end(),
                                  [&](const CheckSpec& other) { return other.id == id; });
        if (found == rubric.checks.end()) {
          std::vector<std::string> ids;
          for (const CheckSpec& other : rubric.checks) ids.push_back(other.id);
          report(check.file, location,
                 "check '" + check.id + "' " + verb + " unknown check '" + id + "'",
                 DidYouMean(id, ids));
        } else if (found - rubric.checks.begin() >= static_cast<std::ptrdiff_t>(i)) {
          report(check.file, location,
                 "check '" + check.id + "' " + verb + " '" + id + "', which must come before it",
                 "move '" + id + "' up, so that it is graded first");
        } else if (check.visibility == Visibility::kVisible &&
                   found->visibility != Visibility::kVisible) {
          report(check.file, location,
                 "visible check '" + check.id + "' " + verb + " '" + id +
                     "', which students do not see",
                 "a student could learn of the hidden check from this one's message");
        }
      }
    };
    check_refs(check.requires_checks, check.requires_location, "requires");
    check_refs(check.supported_by, check.supported_by_location, "is supported by");
    // Self tests may name checks a later layer defines, so they are checked here.
  }
  for (const SelfTest& test : rubric.self_tests) {
    for (const auto& [id, status] : test.expect) {
      if (rubric.FindCheck(id) != nullptr) continue;
      std::vector<std::string> ids;
      for (const CheckSpec& check : rubric.checks) ids.push_back(check.id);
      Diagnostic diagnostic;
      diagnostic.file = test.rubric_file;
      diagnostic.location = test.location;
      diagnostic.message = "self test of '" + test.file + "' expects unknown check '" + id + "'";
      diagnostic.hint = DidYouMean(id, ids);
      diagnostics.Add(diagnostic);
    }
  }
}

}  // namespace

std::optional<Rubric> LoadRubricFiles(const std::vector<std::string>& paths,
                                      Diagnostics& diagnostics, const RubricLimits& limits) {
  Rubric rubric;
  LayerLoader loader(&rubric, limits, diagnostics);
  bool ok = !paths.empty();
  for (const std::string& path : paths) ok = loader.LoadFile(path, {}, "") && ok;
  if (!ok || diagnostics.has_errors()) return std::nullopt;
  ValidateMerged(rubric, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return rubric;
}

std::optional<Rubric> LoadRubricFile(const std::string& path, Diagnostics& diagnostics,
                                     const RubricLimits& limits) {
  return LoadRubricFiles({path}, diagnostics, limits);
}

std::optional<Rubric> LoadRubricText(const SourceFile& source, Diagnostics& diagnostics,
                                     const RubricLimits& limits) {
  Rubric rubric;
  LayerLoader loader(&rubric, limits, diagnostics);
  if (!loader.LoadSource(source) || diagnostics.has_errors()) return std::nullopt;
  ValidateMerged(rubric, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return rubric;
}

}  // namespace sdlab
