#include "core/grade/check_context.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <set>

#include "core/engine/model_compiler.h"
#include "core/engine/simulator.h"
#include "core/names.h"
#include "core/number_format.h"

namespace sdlab {

CheckContext::CheckContext(const Rubric& rubric, const Submission& submission,
                           const GradeLimits& limits, const DiagramAnalysis* diagram)
    : rubric_(rubric),
      submission_(submission),
      limits_(limits),
      warnings_(submission.path),
      given_diagram_(diagram) {}

CheckContext::~CheckContext() = default;

std::vector<std::string> ConceptsOfCheck(const CheckSpec& check, const Rubric& rubric) {
  std::vector<std::string> ids;
  auto add = [&](const std::string& id) {
    if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  };
  auto add_scenario = [&](const std::string& scenario_id) {
    if (const Scenario* scenario = rubric.FindScenario(scenario_id)) {
      for (const auto& [concept_id, value] : scenario->set) add(concept_id);
      for (const auto& [concept_id, value] : scenario->scale) add(concept_id);
      for (const Scenario::Perturbation& perturbation : scenario->perturbations)
        add(perturbation.concept_id);
    }
  };
  for (const std::string* id :
       {&check.structure.concept_id, &check.structure.from, &check.structure.to,
        &check.behaviour.series, &check.loop.from, &check.loop.to, &check.what_if.series}) {
    add(*id);
  }
  for (const std::string& id : check.structure.from_any) add(id);
  for (const std::string& id : check.loop.through) add(id);
  for (const std::string& id : check.loop.through_any) add(id);
  for (const auto& [id, sign] : check.loop.or_from) add(id);
  for (const std::string& id : check.loop.to_any) add(id);
  for (const std::string& id : check.answer.names) add(id);
  for (const std::string& id : check.dominance.through) add(id);
  for (const std::string& id : check.dominance.through_any) add(id);
  add(check.dominance.variable);
  add_scenario(check.dominance.scenario);
  add_scenario(check.scenario);
  add_scenario(check.behaviour.scenario);
  add_scenario(check.what_if.scenario);
  return ids;
}

namespace {

// Roles are judged on models of a size a lab has; beyond it names alone bind.
constexpr std::size_t kMaxRoleElements = 2000;

bool RubricHasRoles(const Rubric& rubric) {
  for (const Concept& concept_def : rubric.concepts) {
    if (!concept_def.role.empty() || !concept_def.resolve_scenario.empty() ||
        concept_def.has_figure())
      return true;
  }
  return false;
}

// The concepts a student may hear about: those of visible checks (and of
// the scenarios those checks run).
std::set<std::string> VisibleConcepts(const Rubric& rubric) {
  std::set<std::string> ids;
  for (const CheckSpec& check : rubric.checks) {
    if (check.visibility != Visibility::kVisible) continue;
    for (std::string& id : ConceptsOfCheck(check, rubric)) ids.insert(std::move(id));
  }
  return ids;
}

}  // namespace

const ElementGraph& CheckContext::model_graph() {
  if (model_graph_) return *model_graph_;
  model_graph_.emplace();
  const Model* compiled = model();
  if (compiled == nullptr) return *model_graph_;
  const std::vector<NamedElement> elements = StockFlowElements(submission_.stock_flow);
  const std::vector<ModelVariable>& variables = compiled->variables();
  // StockFlowElements lists the elements in model order, then the overflow
  // series; the compiled model's variables are in the same order.
  std::vector<int> variable_of(elements.size(), -1);
  std::map<std::string, int> element_of_name;
  for (std::size_t e = 0; e < elements.size(); ++e) {
    if (!elements[e].overflow_series) element_of_name[NormalizeName(elements[e].name)] = e;
  }
  for (std::size_t v = 0; v < variables.size(); ++v) {
    auto found = element_of_name.find(variables[v].normalized);
    if (found != element_of_name.end()) variable_of[found->second] = static_cast<int>(v);
  }
  std::vector<int> element_of_variable(variables.size(), -1);
  for (std::size_t e = 0; e < elements.size(); ++e) {
    if (variable_of[e] >= 0) element_of_variable[variable_of[e]] = static_cast<int>(e);
  }
  auto to_elements = [&](const std::vector<int>& indices) {
    std::vector<int> out;
    for (int v : indices) {
      if (v >= 0 && v < static_cast<int>(element_of_variable.size()) && element_of_variable[v] >= 0)
        out.push_back(element_of_variable[v]);
    }
    return out;
  };
  std::vector<ElementFacts>& facts = model_graph_->facts;
  facts.resize(elements.size());
  for (std::size_t e = 0; e < elements.size(); ++e) {
    if (elements[e].overflow_series) {
      // "<stock> overflow" is what the stock's inflows bring beyond its max.
      const std::string stock_name =
          elements[e].name.substr(0, elements[e].name.size() - std::string(" overflow").size());
      auto stock = element_of_name.find(NormalizeName(stock_name));
      if (stock != element_of_name.end() && variable_of[stock->second] >= 0) {
        facts[e].inputs = to_elements(variables[variable_of[stock->second]].inflows);
        facts[e].inputs.push_back(stock->second);
      }
      continue;
    }
    if (variable_of[e] < 0) continue;
    const ModelVariable& variable = variables[variable_of[e]];
    facts[e].stock = variable.kind == ElementKind::kStock;
    // A stock reads what flows into it; an outflow drains it but carries
    // nothing into it, so a path does not run from an outflow to its stock.
    facts[e].inputs = to_elements(variable.kind == ElementKind::kStock ? variable.inflows
                                                                       : variable.dependencies);
    facts[e].inflows = to_elements(variable.inflows);
    facts[e].outflows = to_elements(variable.outflows);
  }
  for (std::size_t e = 0; e < elements.size(); ++e) {
    if (elements[e].kind != ElementKind::kStock) continue;
    for (const Stock& stock : submission_.stock_flow.stocks) {
      if (NormalizeName(stock.name) == NormalizeName(elements[e].name))
        facts[e].capacity = stock.max;
    }
  }
  // Exogenous: no stock upstream (along inputs, stocks included).
  std::vector<int> state(elements.size(), 0);  // 0 unknown, 1 visiting, 2 exogenous, 3 not
  std::function<bool(int)> exogenous = [&](int e) -> bool {
    if (state[e] == 2) return true;
    if (state[e] == 3 || state[e] == 1) return false;  // a cycle has a stock or is algebraic
    if (elements[e].kind == ElementKind::kStock || elements[e].overflow_series) {
      state[e] = 3;
      return false;
    }
    state[e] = 1;
    bool result = true;
    for (int input : facts[e].inputs) result = exogenous(input) && result;
    state[e] = result ? 2 : 3;
    return result;
  };
  if (elements.size() <= kMaxRoleElements) {
    for (std::size_t e = 0; e < elements.size(); ++e) facts[e].exogenous = exogenous(e);
  }
  // Ranges, from the model as written.
  const ScenarioRun& run = Run("");
  if (run.ok) {
    for (std::size_t e = 0; e < elements.size(); ++e) {
      if (elements[e].kind == ElementKind::kConstant) {
        for (const Constant& constant : submission_.stock_flow.constants) {
          if (NormalizeName(constant.name) == NormalizeName(elements[e].name)) {
            facts[e].min = facts[e].max = facts[e].initial = constant.value;
          }
        }
        continue;
      }
      const int series = run.run.FindSeries(elements[e].name);
      if (series < 0 || run.run.values[series].empty()) continue;
      const std::vector<double>& values = run.run.values[series];
      facts[e].min = *std::min_element(values.begin(), values.end());
      facts[e].max = *std::max_element(values.begin(), values.end());
      facts[e].initial = values.front();
    }
  }
  return *model_graph_;
}

const ConceptMap& CheckContext::model_concepts() {
  if (!model_concepts_) {
    std::vector<NamedElement> elements = StockFlowElements(submission_.stock_flow);
    const bool roles = RubricHasRoles(rubric_) && elements.size() <= kMaxRoleElements;
    const ElementGraph* facts = roles ? &model_graph() : nullptr;
    if (facts != nullptr && facts->facts.size() != elements.size()) facts = nullptr;
    ConceptMap map = ConceptMap::Match(rubric_.concepts, std::move(elements), &warnings_, facts);
    model_concepts_ = std::move(map);
    ResolveByBehaviour(&*model_concepts_);
    NoteBindings(*model_concepts_, "stock-and-flow model");
  }
  return *model_concepts_;
}

const ConceptMap& CheckContext::diagram_concepts() {
  if (!diagram_concepts_) {
    const CausalGraph* causal_graph = graph();
    std::vector<NamedElement> elements =
        causal_graph ? CausalGraphElements(*causal_graph) : std::vector<NamedElement>{};
    // A diagram variable named like a model element means what it means:
    // it takes the model's binding unless it is tagged itself.
    if (submission_.stock_flow.present && !elements.empty()) {
      const ConceptMap& model = model_concepts();
      std::vector<std::string> shared(elements.size());
      for (std::size_t i = 0; i < elements.size(); ++i) {
        NamedElement& element = elements[i];
        if (!element.concept_tag.empty()) continue;
        std::string bound = model.ConceptOf(element.name);
        // The same name without the unit the model's name carries
        // ("Latensi" for "Latensi ms", "Queue" for "Queue (req)").
        if (bound.empty()) bound = model.ConceptOfBaseName(element.name);
        if (!bound.empty()) {
          element.concept_tag = bound;
        } else if (!model.HasElementNamed(element.name)) {
          // A shortened name of a bound model element ("Podovi" for
          // "broj_podova"), decided below once every variable is seen.
          shared[i] = model.ConceptOfSharedWord(element.name);
        }
      }
      for (std::size_t i = 0; i < elements.size(); ++i) {
        if (shared[i].empty()) continue;
        const bool taken =
            std::any_of(elements.begin(), elements.end(),
                        [&](const NamedElement& e) { return e.concept_tag == shared[i]; });
        const bool twice = std::count(shared.begin(), shared.end(), shared[i]) > 1;
        if (!taken && !twice) elements[i].concept_tag = shared[i];
      }
    }
    ElementGraph links;
    if (causal_graph != nullptr && elements.size() <= kMaxRoleElements) {
      links.facts.resize(elements.size());
      for (const CausalLink& link : causal_graph->links) {
        if (link.from >= 0 && link.to >= 0 && link.to < static_cast<int>(elements.size()))
          links.facts[link.to].inputs.push_back(link.from);
      }
    }
    // A diagram has no kinds, values or stocks: only reads/feeds apply.
    std::vector<Concept> concepts = rubric_.concepts;
    for (Concept& concept_def : concepts) {
      concept_def.role.exogenous.reset();
      concept_def.role.low.reset();
      concept_def.role.high.reset();
      concept_def.role.inflow_of.clear();
      concept_def.role.outflow_of.clear();
    }
    const bool roles = RubricHasRoles(rubric_) && !links.facts.empty();
    diagram_concepts_ =
        ConceptMap::Match(concepts, std::move(elements), &warnings_, roles ? &links : nullptr);
    NoteBindings(*diagram_concepts_, "causal loop diagram");
  }
  return *diagram_concepts_;
}

void CheckContext::ResolveByBehaviour(ConceptMap* map) {
  for (const ConceptMatch& match : std::vector<ConceptMatch>(map->matches())) {
    if (match.kind != ConceptMatchKind::kAmbiguous || match.candidates.empty()) continue;
    const Concept* concept_def = map->FindConcept(match.concept_id);
    if (concept_def == nullptr || concept_def->resolve_scenario.empty()) continue;
    const ScenarioRun& run = Run(concept_def->resolve_scenario);
    if (!run.ok) {
      // Run again once the binding is settled: the scenario may need it.
      runs_.erase(concept_def->resolve_scenario);
      continue;
    }
    int best = -1;
    double best_total = 0, second = 0;
    for (int candidate : match.candidates) {
      const int series = run.run.FindSeries(map->elements()[candidate].name);
      if (series < 0) continue;
      const SeriesSlice slice =
          SliceSeries(run.run.times, run.run.values[series], std::nullopt, std::nullopt);
      if (slice.empty()) continue;
      const SeriesStats stats = ComputeStats(slice);
      const double total = std::fabs(stats.total);
      if (best < 0 || total > best_total) {
        second = best < 0 ? 0 : best_total;
        best = candidate;
        best_total = total;
      } else if (total > second) {
        second = total;
      }
    }
    if (best < 0 || !(best_total > 0) || second >= best_total) continue;
    map->Resolve(match.concept_id, best,
                 "of the elements that could be it, it carries the most in scenario '" +
                     concept_def->resolve_scenario + "' (total " + FormatCheckValue(best_total) +
                     ")");
  }
}

void CheckContext::NoteBindings(const ConceptMap& map, const char* where) {
  if (!visible_concepts_) visible_concepts_ = VisibleConcepts(rubric_);
  for (const ConceptMatch& match : map.matches()) {
    if (visible_concepts_->count(match.concept_id) == 0) continue;
    const Concept* concept_def = map.FindConcept(match.concept_id);
    if (concept_def == nullptr) continue;
    const std::string what = DescribeConcept(*concept_def);
    const std::string tag = "`concept: " + concept_def->id + "`";
    if ((match.kind == ConceptMatchKind::kRole || match.kind == ConceptMatchKind::kBehaviour ||
         match.kind == ConceptMatchKind::kDoc || match.kind == ConceptMatchKind::kFigure) &&
        match.element >= 0) {
      const NamedElement& element = map.elements()[match.element];
      warnings_.Note(element.location,
                     std::string("in the ") + where + ", I took '" + element.name + "' as " + what +
                         ": " + match.reason,
                     "if that is wrong, add " + tag + " to the element you mean");
    } else if (match.kind == ConceptMatchKind::kAmbiguous && match.candidates.size() > 1) {
      const NamedElement& first = map.elements()[match.candidates[0]];
      std::string names;
      for (std::size_t i = 0; i < match.candidates.size(); ++i) {
        const NamedElement& element = map.elements()[match.candidates[i]];
        if (i > 0) names += (i + 1 == match.candidates.size()) ? " and " : ", ";
        names += "'" + element.name + "'";
        if (element.location.known())
          names += " (line " + std::to_string(element.location.line) + ")";
      }
      warnings_.Warning(first.location,
                        std::string("in the ") + where + ", " + names + " could each be " + what +
                            "; the checks that need it will be reviewed",
                        "add " + tag + " to the one you mean");
    }
  }
}

bool CheckContext::IsAmbiguous(const std::string& concept_id) {
  auto ambiguous = [&](const ConceptMap& map) {
    const ConceptMatch* match = map.Find(concept_id);
    return match != nullptr && match->kind == ConceptMatchKind::kAmbiguous;
  };
  return (submission_.stock_flow.present && ambiguous(model_concepts())) ||
         (submission_.causal_loop.present && ambiguous(diagram_concepts()));
}

const NamedElement* CheckContext::ModelElement(const std::string& concept_id, std::string* why) {
  if (!submission_.stock_flow.present) {
    *why = "the submission has no stock_flow section";
    return nullptr;
  }
  const NamedElement* element = model_concepts().Element(concept_id);
  if (element == nullptr)
    *why = "in the stock-and-flow model, " + model_concepts().Explain(concept_id);
  return element;
}

int CheckContext::DiagramVariable(const std::string& concept_id, std::string* why) {
  const CausalGraph* causal_graph = graph();
  if (causal_graph == nullptr) {
    *why = "the submission has no causal_loop section";
    return -1;
  }
  const NamedElement* element = diagram_concepts().Element(concept_id);
  if (element == nullptr) {
    *why = "in the causal loop diagram, " + diagram_concepts().Explain(concept_id);
    return -1;
  }
  return causal_graph->FindVariable(element->name);
}

const Model* CheckContext::model() {
  if (!model_tried_) {
    model_tried_ = true;
    if (!submission_.stock_flow.present) {
      model_problem_ = "the submission has no stock_flow section";
    } else {
      Diagnostics diagnostics(submission_.path);
      model_ = CompileModel(submission_.stock_flow, diagnostics);
      if (!model_) {
        model_problem_ = "the model does not compile";
        if (!diagnostics.items().empty()) {
          model_problem_ += ": " + FormatDiagnosticLine(diagnostics.items().front());
        }
      }
    }
  }
  return model_ ? &*model_ : nullptr;
}

const std::string& CheckContext::ModelProblem() {
  model();
  return model_problem_;
}

namespace {

// "User Traffic x 3 from t = 5400 to 6000", "Traffic + 500".
std::string DescribePerturbation(const Perturbation& perturbation) {
  const double value = perturbation.value;
  std::string text = perturbation.element;
  if (perturbation.kind == Perturbation::Kind::kScale) {
    text += " x " + FormatCheckValue(value);
  } else {
    text += (value < 0 ? " - " : " + ") + FormatCheckValue(std::fabs(value));
  }
  if (perturbation.from) text += " from t = " + FormatCheckValue(*perturbation.from);
  if (perturbation.until) text += " to " + FormatCheckValue(*perturbation.until);
  return text;
}

}  // namespace

bool CheckContext::Overrides(const Scenario* scenario, SimulationOptions* options,
                             std::vector<Perturbation>* perturbations,
                             std::vector<std::string>* changes, std::string* error) {
  if (scenario == nullptr) return true;
  options->start = scenario->start;
  options->stop = scenario->stop;
  options->dt = scenario->dt;
  const StockFlowModel& model = submission_.stock_flow;
  // The element a perturbation changes, or nullptr with `*error` set.
  auto perturbable = [&](const std::string& concept_id, const char* verb) -> const NamedElement* {
    std::string why;
    const NamedElement* element = ModelElement(concept_id, &why);
    if (element != nullptr && element->overflow_series) {
      why = "'" + element->name +
            "' is the overflow of a capped stock, not an element; perturb the stock's inflow "
            "instead";
      element = nullptr;
    } else if (element != nullptr && !CanPerturb(model, element->name, &why)) {
      element = nullptr;
    }
    if (element == nullptr) {
      *error = "scenario '" + scenario->id + "' " + verb + " " + concept_id + ", but " + why;
    }
    return element;
  };
  for (const auto& [concept_id, value] : scenario->set) {
    std::string why;
    const NamedElement* element = ModelElement(concept_id, &why);
    if (element == nullptr) {
      *error = "scenario '" + scenario->id + "' sets " + concept_id + ", but " + why;
      return false;
    }
    options->overrides.emplace_back(element->name, value);
    changes->push_back(element->name + " = " + FormatCheckValue(value));
  }
  for (const auto& [concept_id, factor] : scenario->scale) {
    const NamedElement* element = perturbable(concept_id, "scales");
    if (element == nullptr) return false;
    const Constant* constant = nullptr;
    for (const Constant& candidate : model.constants) {
      if (candidate.normalized == NormalizeName(element->name)) constant = &candidate;
    }
    if (constant == nullptr) {
      // An auxiliary or a flow has no single value to multiply: its
      // equation is scaled, over the whole run.
      perturbations->push_back({element->name, Perturbation::Kind::kScale, factor, {}, {}});
      changes->push_back(DescribePerturbation(perturbations->back()));
      continue;
    }
    const double value = constant->value * factor;
    options->overrides.emplace_back(element->name, value);
    changes->push_back(element->name + " = " + FormatCheckValue(value) + " (" +
                       FormatCheckValue(factor) + " x " + FormatCheckValue(constant->value) + ")");
  }
  const double run_start = scenario->start.value_or(model.sim.start);
  for (const Scenario::Perturbation& change : scenario->perturbations) {
    const bool scale = change.kind == Scenario::Perturbation::Kind::kScale;
    const NamedElement* element = perturbable(change.concept_id, scale ? "scales" : "adds to");
    if (element == nullptr) return false;
    Perturbation perturbation;
    perturbation.element = element->name;
    perturbation.kind = scale ? Perturbation::Kind::kScale : Perturbation::Kind::kAdd;
    perturbation.value = change.value;
    perturbation.from = change.from;
    if (change.duration) {
      // `for:` without `from:` counts from the run's start.
      perturbation.from = change.from.value_or(run_start);
      perturbation.until = *perturbation.from + *change.duration;
    }
    perturbations->push_back(perturbation);
    changes->push_back(DescribePerturbation(perturbation));
  }
  return true;
}

const Model* CheckContext::PerturbedModel(const std::string& scenario_id,
                                          const std::vector<Perturbation>& perturbations,
                                          std::vector<std::pair<std::string, double>>* overrides,
                                          std::string* error) {
  // The compiled copy depends on the scenario and on the values of the
  // overrides folded into it (a what-if may set a perturbed element).
  std::set<std::string> perturbed;
  for (const Perturbation& perturbation : perturbations) {
    perturbed.insert(NormalizeName(perturbation.element));
  }
  std::string key = scenario_id;
  for (const auto& [name, value] : *overrides) {
    const std::string normalized = NormalizeName(name);
    if (perturbed.count(normalized) != 0) key += "\n" + normalized + " = " + FormatShortest(value);
  }
  std::string why;
  std::optional<StockFlowModel> source =
      PerturbModel(submission_.stock_flow, perturbations, overrides, &why);
  if (!source) {
    *error = "scenario '" + scenario_id + "' cannot change the model: " + why;
    return nullptr;
  }
  auto found = perturbed_models_.find(key);
  if (found == perturbed_models_.end()) {
    PerturbedCompile compiled;
    Diagnostics diagnostics(submission_.path);
    compiled.model = CompileModel(*source, diagnostics);
    if (!compiled.model) {
      compiled.problem = "the model does not compile in scenario '" + scenario_id + "'";
      if (!diagnostics.items().empty()) {
        compiled.problem += ": " + FormatDiagnosticLine(diagnostics.items().front());
      }
    }
    found = perturbed_models_.emplace(key, std::move(compiled)).first;
  }
  if (!found->second.model) {
    *error = found->second.problem;
    return nullptr;
  }
  return &*found->second.model;
}

namespace {

// "the model does not run in scenario 'spike': <the first error>".
std::string DoesNotRun(const std::string& scenario_id, const Diagnostics& diagnostics) {
  std::string error = scenario_id.empty()
                          ? "the model does not run"
                          : "the model does not run in scenario '" + scenario_id + "'";
  if (!diagnostics.items().empty()) error += ": " + diagnostics.items().front().message;
  return error;
}

}  // namespace

const Model* CheckContext::ScenarioModel(const std::string& scenario_id,
                                         const std::vector<std::pair<std::string, double>>& extra,
                                         SimulationOptions* options,
                                         std::vector<std::string>* changes, std::string* error) {
  const Model* compiled = model();
  if (compiled == nullptr) {
    *error = ModelProblem();
    return nullptr;
  }
  options->max_steps = limits_.max_steps_per_run;
  options->save_all_variables = false;  // no check reads them
  const Scenario* scenario = scenario_id.empty() ? nullptr : rubric_.FindScenario(scenario_id);
  std::vector<Perturbation> perturbations;
  if (!Overrides(scenario, options, &perturbations, changes, error)) return nullptr;
  for (const auto& [name, value] : extra) {
    options->overrides.emplace_back(name, value);
    changes->push_back(name + " = " + FormatCheckValue(value));
  }
  if (!perturbations.empty()) {
    compiled = PerturbedModel(scenario_id, perturbations, &options->overrides, error);
  }
  return compiled;
}

ScenarioRun CheckContext::RunWith(const std::string& scenario_id,
                                  const std::vector<std::pair<std::string, double>>& extra) {
  ScenarioRun outcome;
  SimulationOptions options;
  const Model* compiled =
      ScenarioModel(scenario_id, extra, &options, &outcome.changes, &outcome.error);
  if (compiled == nullptr) return outcome;
  Diagnostics diagnostics(submission_.path);
  if (!Simulate(*compiled, options, &outcome.run, diagnostics)) {
    outcome.error = DoesNotRun(scenario_id, diagnostics);
    return outcome;
  }
  outcome.ok = true;
  return outcome;
}

const ScenarioDominance& CheckContext::Dominance(const std::string& scenario_id,
                                                 const std::string& focus) {
  auto key = std::make_pair(scenario_id, focus);
  auto found = dominance_.find(key);
  if (found != dominance_.end()) return found->second;
  ScenarioDominance& outcome = dominance_[key];
  DominanceOptions options;
  const Model* compiled =
      ScenarioModel(scenario_id, {}, &options.simulation, &outcome.changes, &outcome.error);
  if (compiled == nullptr) return outcome;
  options.variable = focus;
  options.spec = &submission_.stock_flow;
  Diagnostics diagnostics(submission_.path);
  if (!AnalyseDominance(*compiled, options, &outcome.result, diagnostics)) {
    outcome.error = DoesNotRun(scenario_id, diagnostics);
    return outcome;
  }
  if (const CausalGraph* diagram = graph()) NameDeclaredLoops(*diagram, &outcome.result);
  outcome.ok = true;
  return outcome;
}

double MeasureOf(SeriesMeasure measure, const SeriesStats& stats) {
  switch (measure) {
    case SeriesMeasure::kInitial:
      return stats.initial;
    case SeriesMeasure::kFinal:
      return stats.final;
    case SeriesMeasure::kMin:
      return stats.min;
    case SeriesMeasure::kMax:
      return stats.max;
    case SeriesMeasure::kMean:
      return stats.mean;
    case SeriesMeasure::kTotal:
      return stats.total;
  }
  return stats.final;
}

void CheckContext::DescribeSeriesUnits(const NamedElement& element, SeriesEvidence* series) const {
  const StockFlowModel& model = submission_.stock_flow;
  series->time_units = model.sim.time_units;
  // An overflow series is a rate (the stock's units per time unit) that the
  // submission never names; better no units than the stock's.
  if (element.overflow_series) return;
  const std::string key = NormalizeName(element.name);
  auto find = [&](const auto& elements) {
    for (const auto& candidate : elements) {
      if (candidate.normalized == key) {
        series->units = candidate.units;
        return true;
      }
    }
    return false;
  };
  find(model.stocks) || find(model.flows) || find(model.auxiliaries) || find(model.constants);
}

const ScenarioRun& CheckContext::Run(const std::string& scenario_id) {
  auto found = runs_.find(scenario_id);
  if (found != runs_.end()) return found->second;
  return runs_.emplace(scenario_id, RunWith(scenario_id, {})).first->second;
}

const CausalGraph* CheckContext::graph() {
  if (!graph_built_) {
    graph_built_ = true;
    if (submission_.causal_loop.present) {
      diagram_ = given_diagram_;
      if (diagram_ == nullptr || !diagram_->declared_checked) {
        LoopSearchOptions search;
        search.max_loops = limits_.max_loops;
        own_diagram_ = AnalyseDiagram(submission_.causal_loop, submission_.path, nullptr, search,
                                      /*check_declared=*/true);
        diagram_ = &*own_diagram_;
      }
      // A diagram with a bad link is still graded, from whatever could be
      // read; its errors reach the student as warnings of the result.
      for (Diagnostic diagnostic : diagram_->graph_diagnostics.items()) {
        if (diagnostic.severity == Severity::kError) diagnostic.severity = Severity::kWarning;
        warnings_.Add(diagnostic);
      }
    }
  }
  return diagram_ != nullptr ? &diagram_->graph : nullptr;
}

const LoopSearchResult& CheckContext::loops() {
  static const LoopSearchResult kNone;
  return graph() != nullptr ? diagram_->loops : kNone;
}

const LoopCheckResult& CheckContext::loop_check() {
  static const LoopCheckResult kNone;
  return graph() != nullptr ? diagram_->declared : kNone;
}

std::string FormatCheckValue(double value) {
  if (std::isnan(value)) return "n/a";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value == 0 ? 0.0 : value);
  return buffer;
}

}  // namespace sdlab
