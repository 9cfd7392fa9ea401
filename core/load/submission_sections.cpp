// The sections of a submission that sdlab/1 checks for types and unknown
// keys only: causal_loop, leverage and answers. Their meaning (link
// polarities, declared loops, leverage levels against a rubric) is checked
// where it is used.

#include "core/load/submission_sections_internal.h"

#include <climits>

#include "core/load/yaml_reader.h"
#include "core/names.h"

namespace sdlab::submission_internal {
namespace {

const std::vector<std::string> kCausalLoopKeys = {"variables", "links", "loops"};
const std::vector<std::string> kVariableKeys = {"name", "concept", "units", "doc"};
const std::vector<std::string> kLinkKeys = {"from", "to", "polarity", "delay", "concept", "doc"};
const std::vector<std::string> kLoopKeys = {"id", "name", "type", "path"};
const std::vector<std::string> kLeverageKeys = {"problem", "interventions"};
const std::vector<std::string> kInterventionKeys = {"level", "action", "expected_impact", "rank",
                                                    "what_if"};
const std::vector<std::string> kWhatIfKeys = {"set"};

std::optional<CldVariable> LoadVariable(const YamlNode& item, Diagnostics& diagnostics) {
  CldVariable variable;
  // A bare name is shorthand for {name: ...}.
  if (item.is_scalar()) {
    variable.name = item.scalar;
    variable.normalized = NormalizeName(item.scalar);
    variable.location = item.location;
    if (variable.normalized.empty()) {
      diagnostics.Error(item.location, "a name must not be empty");
      return std::nullopt;
    }
    return variable;
  }
  YamlRecord fields(item, kVariableKeys, diagnostics, "each item of 'variables'");
  if (!fields.ok() || !LoadElementInfo(fields, "variable", variable, diagnostics)) {
    return std::nullopt;
  }
  return variable;
}

std::optional<CldLinkText> LoadLink(const YamlNode& item, Diagnostics& diagnostics) {
  CldLinkText link;
  link.location = item.location;
  // "A -> B (+)": parsed by the causal-loop code, which knows the notation.
  if (item.is_scalar()) {
    link.compact = true;
    link.compact_text = item.scalar;
    return link;
  }
  YamlRecord fields(item, kLinkKeys, diagnostics, "each item of 'links'");
  if (!fields.ok()) return std::nullopt;
  bool ok = LoadTextField(fields, "from", "this link", true, &link.from, &link.from_location,
                          diagnostics);
  ok = LoadTextField(fields, "to", "this link", true, &link.to, &link.to_location, diagnostics) &&
       ok;
  ok = LoadTextField(fields, "polarity", "this link", false, &link.polarity,
                     &link.polarity_location, diagnostics) &&
       ok;
  if (std::optional<bool> delay = fields.Bool("delay")) link.delay = *delay;
  if (std::optional<std::string> concept_id = fields.Text("concept")) {
    link.concept_id = *concept_id;
  }
  if (std::optional<std::string> doc = fields.Text("doc")) link.doc = *doc;
  if (!ok) return std::nullopt;
  return link;
}

std::optional<CldLoopText> LoadLoop(const YamlNode& item, Diagnostics& diagnostics) {
  YamlRecord fields(item, kLoopKeys, diagnostics, "each item of 'loops'");
  if (!fields.ok()) return std::nullopt;
  CldLoopText loop;
  loop.location = item.location;
  LoadTextField(fields, "id", "this loop", false, &loop.id, &loop.id_location, diagnostics);
  if (std::optional<std::string> name = fields.Text("name")) loop.name = *name;
  LoadTextField(fields, "type", "this loop", false, &loop.type, &loop.type_location, diagnostics);
  if (const YamlNode* path = fields.Get("path")) {
    if (const std::vector<YamlNode>* steps = ReadList(*path, diagnostics)) {
      for (const YamlNode& step : *steps) {
        if (std::optional<std::string> text =
                ReadText(step, diagnostics, "each variable of 'path'")) {
          loop.path.emplace_back(*text, step.location);
        }
      }
    }
  }
  return loop;
}

// what_if: { set: { name: number, ... } }
void LoadWhatIf(const YamlNode& node, Intervention& intervention, Diagnostics& diagnostics) {
  YamlRecord change(node, kWhatIfKeys, diagnostics);
  const YamlNode* set = change.GetValue("set");
  if (set == nullptr) return;
  if (!set->is_mapping()) {
    ReportExpected(*set, "a mapping of names to numbers", diagnostics);
    return;
  }
  for (const YamlNode& entry : set->items) {
    if (std::optional<double> value = ReadNumber(entry, diagnostics)) {
      intervention.what_if_set.emplace_back(entry.key, *value);
      intervention.what_if_locations.push_back(entry.key_location);
    }
  }
}

std::optional<Intervention> LoadIntervention(const YamlNode& item, Diagnostics& diagnostics) {
  YamlRecord fields(item, kInterventionKeys, diagnostics, "each item of 'interventions'");
  if (!fields.ok()) return std::nullopt;
  Intervention intervention;
  intervention.location = item.location;
  bool ok = false;
  if (const YamlNode* level =
          fields.Require("level", "this intervention", "a whole number from 1 to 12")) {
    std::optional<long long> value = ReadInteger(*level, 1, 12, diagnostics);
    ok = value.has_value();
    intervention.level = static_cast<int>(value.value_or(0));
    intervention.level_location = level->location;
  }
  ok = LoadTextField(fields, "action", "this intervention", true, &intervention.action,
                     &intervention.action_location, diagnostics) &&
       ok;
  ok = LoadTextField(fields, "expected_impact", "this intervention", false,
                     &intervention.expected_impact, &intervention.expected_impact_location,
                     diagnostics) &&
       ok;
  if (const YamlNode* rank = fields.GetValue("rank")) {
    // INT_MAX keeps the value inside the int member.
    if (std::optional<long long> value = ReadInteger(*rank, 1, INT_MAX, diagnostics)) {
      intervention.rank = static_cast<int>(*value);
    }
    intervention.rank_location = rank->location;
  }
  if (const YamlNode* what_if = fields.GetValue("what_if")) {
    LoadWhatIf(*what_if, intervention, diagnostics);
  }
  if (!ok) return std::nullopt;
  return intervention;
}

}  // namespace

bool LoadElementInfo(const YamlRecord& record, const char* kind_name, ElementInfo& info,
                     Diagnostics& diagnostics) {
  const YamlNode* name = record.Require("name", std::string("this ") + kind_name, "a name");
  bool ok = false;
  if (name != nullptr) {
    if (std::optional<std::string> text = ReadText(*name, diagnostics)) {
      info.name = *text;
      info.normalized = NormalizeName(*text);
      info.location = name->location;
      ok = !info.normalized.empty();
      if (!ok) diagnostics.Error(name->location, "a name must not be empty");
    }
  }
  if (!ok) info.location = record.location();
  LoadTextField(record, "concept", "", false, &info.concept_id, &info.concept_location,
                diagnostics);
  if (std::optional<std::string> units = record.Text("units")) info.units = *units;
  if (std::optional<std::string> doc = record.Text("doc")) info.doc = *doc;
  return ok;
}

bool LoadTextField(const YamlRecord& record, std::string_view key, std::string_view owner,
                   bool required, std::string* text, Location* location, Diagnostics& diagnostics) {
  const YamlNode* node = required ? record.Require(key, owner, "text") : record.GetValue(key);
  if (node == nullptr) return !required;
  *location = node->location;
  std::optional<std::string> value = ReadText(*node, diagnostics);
  if (!value) return false;
  *text = std::move(*value);
  return true;
}

void LoadCausalLoopSection(const YamlNode& node, CausalLoopDiagram& diagram,
                           Diagnostics& diagnostics) {
  YamlRecord record(node, kCausalLoopKeys, diagnostics);
  if (!record.ok()) return;
  diagram.present = true;
  diagram.location = node.location;
  auto with = [&](auto load) {
    return [&diagnostics, load](const YamlNode& item) { return load(item, diagnostics); };
  };
  LoadItems(record, "variables", diagram.variables, diagnostics, with(LoadVariable));
  LoadItems(record, "links", diagram.links, diagnostics, with(LoadLink));
  LoadItems(record, "loops", diagram.loops, diagnostics, with(LoadLoop));
}

void LoadLeverageSection(const YamlNode& node, LeverageAnalysis& leverage,
                         Diagnostics& diagnostics) {
  YamlRecord record(node, kLeverageKeys, diagnostics);
  if (!record.ok()) return;
  leverage.present = true;
  leverage.location = node.location;
  if (std::optional<std::string> problem = record.Text("problem")) leverage.problem = *problem;
  LoadItems(record, "interventions", leverage.interventions, diagnostics,
            [&](const YamlNode& item) { return LoadIntervention(item, diagnostics); });
}

void LoadAnswersSection(const YamlNode& node, Answers& answers, Diagnostics& diagnostics) {
  if (!node.is_mapping()) {
    ReportExpected(node, "a mapping of question ids to answers", diagnostics);
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
      std::optional<std::string> text =
          ReadText(item, diagnostics, "answer '" + TextExcerpt(item.key) + "'");
      if (!text) continue;
      answer.text = std::move(*text);
    }
    answers.items.push_back(std::move(answer));
  }
}

}  // namespace sdlab::submission_internal
