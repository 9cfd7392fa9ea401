// One rubric check: its common keys, then the keys of its kind, each
// validated where it is written (unknown keys, types, references to
// concepts, scenarios and questions).

#include "core/grade/rubric_check_loader_internal.h"

#include <algorithm>
#include <optional>
#include <tuple>

#include "core/grade/rubric_loader_internal.h"
#include "core/names.h"

namespace sdlab::rubric_yaml {

namespace {

const std::vector<std::string> kCommonKeys = {
    "id",       "kind",           "title",    "points",         "visibility",  "hint",
    "messages", "partial_credit", "requires", "requires_unmet", "supported_by"};

std::vector<std::string> KindKeys(CheckKind kind) {
  switch (kind) {
    case CheckKind::kStockCount:
      return {"min", "max"};
    case CheckKind::kElement:
      return {"concept", "as"};
    case CheckKind::kStockFlows:
      return {"concept", "min", "inflow", "outflow"};
    case CheckKind::kStocksConnected:
      return {"from", "to", "via"};
    case CheckKind::kDepends:
      return {"from", "to", "max_steps", "via", "other_way"};
    case CheckKind::kSimulates:
      return {"scenario"};
    case CheckKind::kBehaviour:
      return {"scenario", "series", "window", "expect",    "measure", "range",
              "value",    "by",     "period", "tolerance", "above",   "lag"};
    case CheckKind::kLoop:
      return {"through", "through_any", "polarity", "declared", "undeclared_credit", "delayed"};
    case CheckKind::kLink:
      return {"from", "to", "sign", "max_steps", "or"};
    case CheckKind::kLoopLabels:
      return {};
    case CheckKind::kLoopCount:
      return {"min", "source"};
    case CheckKind::kDominance:
      return {"scenario", "window", "through", "through_any", "variable", "expect", "share"};
    case CheckKind::kLeverageLevels:
      return {"levels"};
    case CheckKind::kLeverageMatch:
      return {"levels", "adjacent_credit", "far_fails"};
    case CheckKind::kLeverageRanking:
      return {"min_tau", "zero_tau", "min_ranked"};
    case CheckKind::kWhatIf:
      return {"intervention", "scenario", "series", "measure", "window", "expect", "by"};
    case CheckKind::kAnswer:
      return {"question", "names",           "keywords", "require",
              "key",      "consistent_with", "effect",   "misconceptions"};
  }
  return {};
}

// Reads the keys of one check with the rubric merged so far at hand.
class CheckParser {
 public:
  CheckParser(const YamlNode& node, const Rubric& rubric, FieldReader& reader, CheckSpec* check)
      : node_(node), rubric_(rubric), reader_(reader), check_(check) {}

  const YamlNode* Find(const char* key) const { return node_.Find(key); }

  void Missing(const char* key, const std::string& why = "") {
    const std::string kind = CheckKindName(check_->kind);
    const bool vowel = kind[0] == 'a' || kind[0] == 'e' || kind[0] == 'i' || kind[0] == 'o';
    reader_.Error(check_->location,
                  std::string(vowel ? "an '" : "a '") + kind + "' check needs '" + key + "'" + why);
  }

  // A link check's `or:`: a mapping {from: concept, sign: "+" or "-"}, or a
  // list of them.
  void OrFrom(const YamlNode& value, LoopParams* p) {
    std::vector<const YamlNode*> items;
    if (value.is_sequence()) {
      for (const YamlNode& item : value.items) items.push_back(&item);
    } else {
      items.push_back(&value);
    }
    if (items.empty()) reader_.Error(value.location, "'or' lists no link");
    for (const YamlNode* item : items) {
      if (!item->is_mapping()) {
        reader_.Error(item->location,
                      "'or' takes {from: CONCEPT, sign: \"+\" or \"-\"}, or a list of them");
        continue;
      }
      const YamlNode* from = item->Find("from");
      const YamlNode* sign = item->Find("sign");
      for (const YamlNode& key : item->items) {
        if (key.key != "from" && key.key != "sign") {
          reader_.Error(key.key_location, "unknown key '" + key.key + "' in 'or'",
                        "an 'or' link has 'from' and 'sign'");
        }
      }
      if (from == nullptr || sign == nullptr) {
        reader_.Error(item->location, "an 'or' link needs 'from' and 'sign'");
        continue;
      }
      std::string id;
      const std::optional<std::string> text = reader_.Text(*sign, "'sign'");
      if (!ConceptRef(*from, &id) || !text) continue;
      if (*text == "+" || *text == "positive") {
        p->or_from.emplace_back(id, 1);
      } else if (*text == "-" || *text == "negative") {
        p->or_from.emplace_back(id, -1);
      } else {
        reader_.Error(sign->location,
                      "the sign of an 'or' link must be \"+\" or \"-\", found '" + *text + "'");
      }
    }
  }

  // A concept id; reports an unknown one with the nearest ids.
  bool ConceptRef(const YamlNode& value, std::string* out) {
    std::optional<std::string> id = reader_.Text(value, "a concept");
    if (!id) return false;
    if (rubric_.FindConcept(*id) == nullptr) {
      std::vector<std::string> ids;
      for (const Concept& concept_def : rubric_.concepts) ids.push_back(concept_def.id);
      reader_.Error(value.location, "unknown concept '" + *id + "'",
                    ids.empty() ? "define it under 'concepts:'" : DidYouMean(*id, ids));
      return false;
    }
    *out = *id;
    return true;
  }

  bool RequiredConcept(const char* key, std::string* out) {
    const YamlNode* value = Find(key);
    if (value == nullptr) {
      Missing(key, " (a concept id)");
      return false;
    }
    return ConceptRef(*value, out);
  }

  void OptionalConcept(const char* key, std::string* out) {
    if (const YamlNode* value = Find(key)) ConceptRef(*value, out);
  }

  void ScenarioRef(std::string* out) {
    const YamlNode* value = Find("scenario");
    if (value == nullptr) return;
    std::optional<std::string> id = reader_.Text(*value, "'scenario'");
    if (!id) return;
    if (rubric_.FindScenario(*id) == nullptr) {
      std::vector<std::string> ids;
      for (const Scenario& scenario : rubric_.scenarios) ids.push_back(scenario.id);
      reader_.Error(value->location, "unknown scenario '" + *id + "'",
                    ids.empty() ? "define it under 'scenarios:'" : DidYouMean(*id, ids));
      return;
    }
    *out = *id;
  }

  template <typename Enum>
  std::optional<Enum> Choice(const char* key,
                             const std::vector<std::pair<const char*, Enum>>& options) {
    const YamlNode* value = Find(key);
    if (value == nullptr) return std::nullopt;
    std::vector<std::string> names;
    for (const auto& option : options) names.emplace_back(option.first);
    std::optional<std::size_t> index = reader_.Choice(*value, key, names);
    if (!index) return std::nullopt;
    return options[*index].second;
  }

  void Number(const char* key, double* out, double min, double max, bool above_min = false) {
    const YamlNode* value = Find(key);
    if (value == nullptr) return;
    if (std::optional<double> number =
            reader_.NumberInRange(*value, std::string("'") + key + "'", min, max, above_min)) {
      *out = *number;
    }
  }

  void Integer(const char* key, int* out, int min, int max) {
    if (const YamlNode* value = Find(key)) {
      if (auto number = reader_.Integer(*value, std::string("'") + key + "'", min, max))
        *out = *number;
    }
  }

  void Bool(const char* key, bool* out) {
    if (const YamlNode* value = Find(key)) {
      if (auto flag = reader_.Bool(*value, std::string("'") + key + "'")) *out = *flag;
    }
  }

  void Window(TimeWindow* out) {
    if (const YamlNode* value = Find("window")) {
      if (auto window = reader_.Window(*value)) *out = *window;
    }
  }

  void Measure(SeriesMeasure* out) {
    if (const YamlNode* value = Find("measure")) {
      if (auto measure = reader_.Measure(*value)) *out = *measure;
    }
  }

  void Structure() {
    StructureParams& p = check_->structure;
    switch (check_->kind) {
      case CheckKind::kStockCount:
        Integer("min", &p.min, 0, 10000);
        if (const YamlNode* max = Find("max")) p.max = reader_.Integer(*max, "'max'", 0, 10000);
        break;
      case CheckKind::kElement:
        RequiredConcept("concept", &p.concept_id);
        if (const YamlNode* as = Find("as")) reader_.ElementKinds(*as, "'as'", &p.as);
        break;
      case CheckKind::kStockFlows:
        OptionalConcept("concept", &p.concept_id);
        Integer("min", &p.min, 1, 10000);
        Bool("inflow", &p.inflow);
        Bool("outflow", &p.outflow);
        if (!p.inflow && !p.outflow) {
          reader_.Error(check_->location,
                        "a 'stock_flows' check with neither inflow nor outflow checks nothing");
        }
        break;
      case CheckKind::kDepends: {
        RequiredConcept("to", &p.to);
        const YamlNode* from = Find("from");
        if (from == nullptr) {
          Missing("from", " (a concept id, or a list of them: any one is enough)");
        } else if (auto list = reader_.TextList(*from, "'from'")) {
          for (const std::string& id : *list) {
            if (rubric_.FindConcept(id) == nullptr) {
              std::vector<std::string> ids;
              for (const Concept& concept_def : rubric_.concepts) ids.push_back(concept_def.id);
              reader_.Error(from->location, "unknown concept '" + id + "'", DidYouMean(id, ids));
              continue;
            }
            p.from_any.push_back(id);
          }
        }
        Integer("max_steps", &p.max_steps, 1, 12);
        if (auto via =
                Choice<StructureParams::Via>("via", {{"inflow", StructureParams::Via::kInflow},
                                                     {"outflow", StructureParams::Via::kOutflow},
                                                     {"any", StructureParams::Via::kAny}})) {
          p.via_flows = *via;
        }
        if (auto other_way = Choice<bool>("other_way", {{"review", true}, {"fail", false}}))
          p.other_way_review = *other_way;
        break;
      }
      case CheckKind::kStocksConnected:
        OptionalConcept("from", &p.from);
        OptionalConcept("to", &p.to);
        if ((Find("from") == nullptr) != (Find("to") == nullptr)) {
          reader_.Error(check_->location,
                        "give both 'from' and 'to', or neither (every stock connected)");
        }
        if (auto via = Choice<Connection>("via", {{"any", Connection::kAny},
                                                  {"flow", Connection::kFlow},
                                                  {"information", Connection::kInformation}})) {
          p.via = *via;
        }
        break;
      default:
        break;
    }
  }

  void Behaviour() {
    BehaviourParams& p = check_->behaviour;
    ScenarioRef(&p.scenario);
    RequiredConcept("series", &p.series);
    Window(&p.window);
    Measure(&p.measure);
    auto pattern =
        Choice<BehaviourPattern>("expect", {{"grows", BehaviourPattern::kGrows},
                                            {"declines", BehaviourPattern::kDeclines},
                                            {"stays_within", BehaviourPattern::kStaysWithin},
                                            {"exceeds", BehaviourPattern::kExceeds},
                                            {"falls_below", BehaviourPattern::kFallsBelow},
                                            {"peaks", BehaviourPattern::kPeaks},
                                            {"periodic", BehaviourPattern::kPeriodic},
                                            {"in_range", BehaviourPattern::kInRange}});
    if (Find("expect") == nullptr)
      Missing(
          "expect",
          " (grows, declines, stays_within, exceeds, falls_below, peaks, periodic or in_range)");
    if (!pattern) return;
    p.pattern = *pattern;
    if (const YamlNode* range = Find("range")) reader_.Range(*range, "'range'", &p.low, &p.high);
    if (const YamlNode* value = Find("value")) p.threshold = reader_.Number(*value, "'value'");
    if (const YamlNode* above = Find("above")) p.threshold = reader_.Number(*above, "'above'");
    if (const YamlNode* by = Find("by")) p.by = reader_.AmountValue(*by, "'by'");
    if (Find("lag") != nullptr) {
      double lag = 0;
      Number("lag", &lag, 0, 1e12, /*above_min=*/true);
      p.lag = lag;
      if (p.pattern != BehaviourPattern::kGrows && p.pattern != BehaviourPattern::kDeclines)
        reader_.Error(Find("lag")->location, "'lag' applies only to expect: grows or declines");
    }
    switch (p.pattern) {
      case BehaviourPattern::kStaysWithin:
      case BehaviourPattern::kInRange:
        if (Find("range") == nullptr) Missing("range", " ([low, high])");
        if (p.pattern == BehaviourPattern::kInRange && Find("measure") == nullptr) {
          Missing("measure", " (initial, final, min, max, mean or total)");
        }
        break;
      case BehaviourPattern::kExceeds:
      case BehaviourPattern::kFallsBelow:
        if (Find("value") == nullptr) Missing("value", " (the threshold)");
        break;
      case BehaviourPattern::kPeriodic:
        if (Find("period") == nullptr) Missing("period");
        Number("period", &p.period, 0, 1e12, /*above_min=*/true);
        p.tolerance = p.period * 0.1;
        Number("tolerance", &p.tolerance, 0, 1e12);
        break;
      default:
        break;
    }
  }

  void Dominance() {
    DominanceParams& p = check_->dominance;
    ScenarioRef(&p.scenario);
    Window(&p.window);
    const YamlNode* through = Find("through");
    const YamlNode* through_any = Find("through_any");
    if (through == nullptr && through_any == nullptr) {
      Missing("through", " (the concepts on the loop), or 'through_any' (one of them)");
    }
    for (const auto& [node, key, out] :
         {std::tuple{through, "'through'", &p.through},
          std::tuple{through_any, "'through_any'", &p.through_any}}) {
      if (node == nullptr || !reader_.ExpectSequence(*node, key)) continue;
      for (const YamlNode& item : node->items) {
        std::string id;
        if (ConceptRef(item, &id)) out->push_back(id);
      }
      if (node->items.empty())
        reader_.Error(node->location, std::string(key) + " lists no concept");
    }
    OptionalConcept("variable", &p.variable);
    if (auto expect = Choice<DominanceParams::Expect>(
            "expect", {{"dominates", DominanceParams::Expect::kDominates},
                       {"not_dominant", DominanceParams::Expect::kNotDominant}})) {
      p.expect = *expect;
    }
    if (Find("expect") == nullptr) Missing("expect", " (dominates or not_dominant)");
    if (Find("share") != nullptr) {
      double share = 0;
      Number("share", &share, 0, 1, /*above_min=*/true);
      p.share = share;
    }
  }

  void Loops() {
    if (check_->kind == CheckKind::kDominance) {
      Dominance();
      return;
    }
    LoopParams& p = check_->loop;
    switch (check_->kind) {
      case CheckKind::kLoop: {
        const YamlNode* through = Find("through");
        const YamlNode* through_any = Find("through_any");
        if (through == nullptr && through_any == nullptr) {
          Missing("through", " (the concepts on the loop), or 'through_any' (one of them)");
          break;
        }
        for (const auto& [node, key, out] :
             {std::tuple{through, "'through'", &p.through},
              std::tuple{through_any, "'through_any'", &p.through_any}}) {
          if (node == nullptr) continue;
          if (!reader_.ExpectSequence(*node, key)) continue;
          for (const YamlNode& item : node->items) {
            std::string id;
            if (ConceptRef(item, &id)) out->push_back(id);
          }
          if (node->items.empty())
            reader_.Error(node->location, std::string(key) + " lists no concept");
        }
        if (auto polarity = Choice<LoopPolarityRule>(
                "polarity", {{"any", LoopPolarityRule::kAny},
                             {"reinforcing", LoopPolarityRule::kReinforcing},
                             {"balancing", LoopPolarityRule::kBalancing},
                             {"label_matches", LoopPolarityRule::kLabelMatches}})) {
          p.polarity = *polarity;
        }
        Bool("declared", &p.declared);
        Number("undeclared_credit", &p.undeclared_credit, 0, 1);
        Bool("delayed", &p.delayed);
        break;
      }
      case CheckKind::kLink: {
        RequiredConcept("from", &p.from);
        if (const YamlNode* to = Find("to"); to != nullptr && to->is_sequence()) {
          for (const YamlNode& item : to->items) {
            std::string id;
            if (ConceptRef(item, &id)) p.to_any.push_back(id);
          }
          if (p.to_any.empty()) {
            reader_.Error(to->location, "'to' lists no concept");
          } else {
            p.to = p.to_any.front();
          }
        } else {
          RequiredConcept("to", &p.to);
        }
        const YamlNode* sign = Find("sign");
        if (sign == nullptr) {
          Missing("sign", " (\"+\", \"-\" or private)");
        } else if (auto text = reader_.Text(*sign, "'sign'")) {
          if (*text == "+" || *text == "positive") {
            p.sign = 1;
          } else if (*text == "-" || *text == "negative") {
            p.sign = -1;
          } else if (*text == "private") {
            p.sign_private = true;  // the expected sign is an answer: a private layer gives it
          } else {
            reader_.Error(sign->location,
                          "'sign' must be \"+\", \"-\" or private, found '" + *text + "'");
          }
        }
        Integer("max_steps", &p.max_steps, 1, 4);
        if (const YamlNode* alternatives = Find("or")) OrFrom(*alternatives, &p);
        break;
      }
      case CheckKind::kLoopCount:
        Integer("min", &p.min, 1, 1000);
        if (auto source = Choice<LoopSource>(
                "source", {{"declared", LoopSource::kDeclared}, {"found", LoopSource::kFound}})) {
          p.source = *source;
        }
        break;
      default:
        break;
    }
  }

  void Leverage() {
    LeverageParams& p = check_->leverage;
    if (const YamlNode* levels = Find("levels")) {
      if (auto list = reader_.Levels(*levels, "'levels'")) p.levels = *list;
    } else if (check_->kind == CheckKind::kLeverageLevels) {
      Missing("levels", " (e.g. [12, 8, 7, 6, 5])");
    }
    if (check_->kind == CheckKind::kLeverageMatch && rubric_.leverage_catalogue.empty()) {
      reader_.Error(check_->location,
                    "a 'leverage_match' check needs the rubric's 'leverage_catalogue:'");
    }
    Number("adjacent_credit", &p.adjacent_credit, 0, 1);
    Bool("far_fails", &p.far_fails);
    Number("min_tau", &p.min_tau, -1, 1);
    Number("zero_tau", &p.zero_tau, -1, 1);
    Integer("min_ranked", &p.min_ranked, 2, 12);
    if (check_->kind == CheckKind::kLeverageRanking && p.zero_tau >= p.min_tau) {
      reader_.Error(check_->location, "'zero_tau' must be below 'min_tau'");
    }
  }

  void WhatIf() {
    WhatIfParams& p = check_->what_if;
    const YamlNode* intervention = Find("intervention");
    if (intervention == nullptr) {
      Missing("intervention", " ({level: 7} and/or {keywords: [...]})");
    } else if (reader_.ExpectMapping(*intervention, "'intervention'")) {
      reader_.RejectUnknownKeys(*intervention, {"level", "keywords"});
      if (const YamlNode* level = intervention->Find("level")) {
        if (auto levels = reader_.Levels(*level, "'level'")) p.levels = *levels;
      }
      if (const YamlNode* keywords = intervention->Find("keywords")) {
        if (auto list = reader_.TextList(*keywords, "'keywords'")) p.keywords = *list;
      }
      if (p.levels.empty() && p.keywords.empty()) {
        reader_.Error(intervention->location, "'intervention' needs 'level' or 'keywords'");
      }
    }
    ScenarioRef(&p.scenario);
    RequiredConcept("series", &p.series);
    Measure(&p.measure);
    Window(&p.window);
    if (auto direction = Choice<int>("expect", {{"decreases", -1}, {"increases", 1}})) {
      p.direction = *direction;
    }
    if (const YamlNode* by = Find("by")) p.by = reader_.AmountValue(*by, "'by'");
  }

  void Answer() {
    AnswerParams& p = check_->answer;
    const YamlNode* question = Find("question");
    if (question == nullptr) {
      Missing("question", " (a question id)");
    } else if (auto id = reader_.Text(*question, "'question'")) {
      p.question = *id;
      if (!rubric_.questions.empty()) {
        std::vector<std::string> ids;
        for (const Question& q : rubric_.questions) ids.push_back(q.id);
        if (std::find(ids.begin(), ids.end(), *id) == ids.end()) {
          reader_.Error(question->location, "unknown question '" + *id + "'", DidYouMean(*id, ids));
        }
      }
    }
    if (const YamlNode* names = Find("names")) {
      if (names->is_sequence()) {
        for (const YamlNode& item : names->items) {
          std::string id;
          if (ConceptRef(item, &id)) p.names.push_back(id);
        }
      } else {
        std::string id;
        if (ConceptRef(*names, &id)) p.names.push_back(id);
      }
    }
    if (const YamlNode* keywords = Find("keywords")) {
      if (reader_.ExpectSequence(*keywords, "'keywords'")) {
        for (const YamlNode& group : keywords->items) {
          if (auto phrases = reader_.TextList(group, "a keyword group"))
            p.keywords.push_back(*phrases);
        }
      }
    }
    if (const YamlNode* key = Find("key")) {
      const std::optional<std::string> text = reader_.Text(*key, "'key'");
      if (text && *text != "private") {
        reader_.Error(key->location, "'key' can only be 'private', found '" + *text + "'",
                      "write `key: private` and give the names or keywords in the private layer");
      } else if (text && (Find("names") != nullptr || Find("keywords") != nullptr ||
                          Find("misconceptions") != nullptr)) {
        reader_.Error(key->location,
                      "a check with `key: private` gives its names, keywords and misconceptions "
                      "in the private layer, not here");
      }
      p.key_private = text.has_value();
    } else if (Find("names") == nullptr && Find("keywords") == nullptr) {
      Missing("names' or 'keywords", " (or `key: private` when a private layer gives them)");
    }
    Integer("require", &p.require, 1, 100);
    if (p.require > static_cast<int>(p.keywords.size()) && Find("require") != nullptr) {
      reader_.Error(
          Find("require")->location,
          "'require' is more than the " + std::to_string(p.keywords.size()) + " keyword groups");
    }
    if (const YamlNode* concepts = Find("consistent_with")) {
      if (concepts->is_sequence()) {
        for (const YamlNode& item : concepts->items) {
          std::string id;
          if (ConceptRef(item, &id)) p.consistent_with.push_back(id);
        }
      } else {
        std::string id;
        if (ConceptRef(*concepts, &id)) p.consistent_with.push_back(id);
      }
    }
    if (const YamlNode* effect = Find("effect")) {
      if (auto phrases = reader_.TextList(*effect, "'effect'")) p.effect = *phrases;
      if (Find("keywords") == nullptr) {
        reader_.Error(effect->location,
                      "'effect' names what the keyword ideas explain, so it needs 'keywords'");
      }
    }
    if (const YamlNode* wrong = Find("misconceptions")) {
      if (auto phrases = reader_.TextList(*wrong, "'misconceptions'")) p.misconceptions = *phrases;
    }
  }

 private:
  const YamlNode& node_;
  const Rubric& rubric_;
  FieldReader& reader_;
  CheckSpec* check_;
};

}  // namespace

std::optional<CheckSpec> ParseCheck(const YamlNode& node, const Rubric& rubric,
                                    const std::string& file, FieldReader& reader) {
  if (!reader.ExpectMapping(node, "a check")) return std::nullopt;
  const std::size_t errors_before = reader.diagnostics().error_count();
  CheckSpec check;
  check.file = file;
  check.location = node.location;
  const YamlNode* id = node.Find("id");
  if (id == nullptr) {
    reader.Error(node.location, "a check needs 'id:'");
  } else if (auto text = reader.Text(*id, "'id'")) {
    check.location = id->location;
    if (IsValidId(*text)) {
      check.id = *text;
    } else {
      reader.Error(id->location,
                   "a check id is letters, digits, '_', '-' or '.', found '" + *text + "'");
    }
  }
  const YamlNode* kind = node.Find("kind");
  std::optional<CheckKind> parsed_kind;
  if (kind == nullptr) {
    reader.Error(
        check.location, "a check needs 'kind:'", "one of " + [] {
          std::string list;
          for (const std::string& name : CheckKindNames())
            list += (list.empty() ? "" : ", ") + name;
          return list;
        }());
    return std::nullopt;
  }
  if (auto text = reader.Text(*kind, "'kind'")) {
    parsed_kind = ParseCheckKind(*text);
    if (!parsed_kind) {
      reader.Error(kind->location, "unknown check kind '" + *text + "'",
                   DidYouMean(*text, CheckKindNames()));
    }
  }
  if (!parsed_kind) return std::nullopt;
  check.kind = *parsed_kind;

  std::vector<std::string> allowed = kCommonKeys;
  const std::vector<std::string> own = KindKeys(check.kind);
  allowed.insert(allowed.end(), own.begin(), own.end());
  reader.RejectUnknownKeys(node, allowed);

  if (const YamlNode* title = node.Find("title")) {
    if (auto text = reader.Text(*title, "'title'")) check.title = *text;
  }
  if (const YamlNode* points = node.Find("points")) {
    // Bounded so that a total stays a number people can read and add up
    // (1e308 twice is infinite, and the solution would score 0/0).
    if (auto number = reader.NumberInRange(*points, "'points'", 0, kMaxCheckPoints, true)) {
      check.points = *number;
    }
  } else {
    reader.Error(check.location, "a check needs 'points:'");
  }
  if (const YamlNode* visibility = node.Find("visibility")) {
    if (auto text = reader.Text(*visibility, "'visibility'")) {
      if (auto parsed = ParseVisibility(*text)) {
        check.visibility = *parsed;
      } else {
        reader.Error(visibility->location, "unknown visibility '" + *text + "'",
                     DidYouMean(*text, {"visible", "hidden", "after_due_date", "after_published"}));
      }
    }
  }
  if (const YamlNode* hint = node.Find("hint")) {
    if (auto text = reader.Text(*hint, "'hint'")) check.hint = *text;
  }
  if (const YamlNode* messages = node.Find("messages")) {
    if (reader.ExpectMapping(*messages, "'messages'")) {
      reader.RejectUnknownKeys(*messages, {"pass", "fail"});
      if (const YamlNode* pass = messages->Find("pass")) {
        if (auto text = reader.Text(*pass, "'pass'")) check.pass_message = *text;
      }
      if (const YamlNode* fail = messages->Find("fail")) {
        if (auto text = reader.Text(*fail, "'fail'")) check.fail_message = *text;
      }
    }
  }
  if (const YamlNode* partial = node.Find("partial_credit")) {
    if (auto flag = reader.Bool(*partial, "'partial_credit'")) check.partial_credit = *flag;
  }
  if (const YamlNode* requires_node = node.Find("requires")) {
    check.requires_location = requires_node->location;
    if (auto list = reader.TextList(*requires_node, "'requires'")) check.requires_checks = *list;
  }
  if (const YamlNode* unmet = node.Find("requires_unmet")) {
    if (auto text = reader.Text(*unmet, "'requires_unmet'")) {
      if (*text == "review" || *text == "fail") {
        check.review_when_requires_unmet = *text == "review";
      } else {
        reader.Error(unmet->location,
                     "'requires_unmet' must be review or fail, found '" + *text + "'");
      }
    }
    if (node.Find("requires") == nullptr)
      reader.Error(unmet->location, "'requires_unmet' needs 'requires'");
  }
  if (const YamlNode* supported = node.Find("supported_by")) {
    check.supported_by_location = supported->location;
    if (auto list = reader.TextList(*supported, "'supported_by'")) check.supported_by = *list;
  }

  CheckParser parser(node, rubric, reader, &check);
  switch (FamilyOf(check.kind)) {
    case CheckFamily::kStructure:
      parser.Structure();
      break;
    case CheckFamily::kSimulation:
      parser.ScenarioRef(&check.scenario);
      break;
    case CheckFamily::kBehaviour:
      parser.Behaviour();
      break;
    case CheckFamily::kLoops:
      parser.Loops();
      break;
    case CheckFamily::kLeverage:
      parser.Leverage();
      break;
    case CheckFamily::kWhatIf:
      parser.WhatIf();
      break;
    case CheckFamily::kAnswers:
      parser.Answer();
      break;
  }
  if (reader.diagnostics().error_count() > errors_before || check.id.empty()) return std::nullopt;
  return check;
}

std::string DefaultTitle(const CheckSpec& check, const Rubric& rubric) {
  auto name = [&](const std::string& id) {
    const Concept* concept_def = rubric.FindConcept(id);
    return concept_def == nullptr ? id : DescribeConcept(*concept_def);
  };
  switch (check.kind) {
    case CheckKind::kStockCount:
      return "At least " + std::to_string(check.structure.min) + " stocks";
    case CheckKind::kElement:
      return "The model has " + name(check.structure.concept_id);
    case CheckKind::kStockFlows:
      if (!check.structure.concept_id.empty()) {
        return name(check.structure.concept_id) + " has an inflow and an outflow";
      }
      return "At least " + std::to_string(check.structure.min) +
             " stocks with inflows and outflows";
    case CheckKind::kDepends:
      return name(check.structure.to) + " depends on " +
             (check.structure.from_any.empty() ? std::string("its inputs")
                                               : name(check.structure.from_any[0]));
    case CheckKind::kStocksConnected:
      if (check.structure.from.empty()) return "The stocks are connected";
      return name(check.structure.from) + " is connected to " + name(check.structure.to);
    case CheckKind::kSimulates:
      return "The model simulates without errors";
    case CheckKind::kBehaviour:
      return name(check.behaviour.series) + " " +
             std::string(BehaviourPatternName(check.behaviour.pattern));
    case CheckKind::kLoop: {
      std::string text = "A loop through";
      for (const std::string& id : check.loop.through) text += " " + name(id) + ",";
      text.pop_back();
      return text;
    }
    case CheckKind::kLink:
      return "The link from " + name(check.loop.from) + " to " + name(check.loop.to) +
             (check.loop.sign_private
                  ? std::string(" has the right sign")
                  : std::string(" is ") + (check.loop.sign > 0 ? "positive" : "negative"));
    case CheckKind::kLoopLabels:
      return "Every declared loop is correctly labelled";
    case CheckKind::kLoopCount:
      return "At least " + std::to_string(check.loop.min) + " loops";
    case CheckKind::kDominance: {
      std::string text = "A loop through";
      for (const std::string& id : check.dominance.through) text += " " + name(id) + ",";
      for (const std::string& id : check.dominance.through_any) text += " " + name(id) + ",";
      text.pop_back();
      return text + (check.dominance.expect == DominanceParams::Expect::kDominates
                         ? " drives the behaviour"
                         : " does not drive the behaviour");
    }
    case CheckKind::kLeverageLevels:
      return "Interventions at the required leverage levels";
    case CheckKind::kLeverageMatch:
      return "Each intervention is at the right leverage level";
    case CheckKind::kLeverageRanking:
      return "Interventions ranked by leverage";
    case CheckKind::kWhatIf:
      return "The intervention changes " + name(check.what_if.series) + " as expected";
    case CheckKind::kAnswer:
      return "Answer to '" + check.answer.question + "'";
  }
  return check.id;
}

}  // namespace sdlab::rubric_yaml
