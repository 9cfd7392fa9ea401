#include "core/grade/check_context.h"

#include <cmath>
#include <cstdio>
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

const ConceptMap& CheckContext::model_concepts() {
  if (!model_concepts_) {
    model_concepts_ =
        ConceptMap::Match(rubric_.concepts, StockFlowElements(submission_.stock_flow), &warnings_);
  }
  return *model_concepts_;
}

const ConceptMap& CheckContext::diagram_concepts() {
  if (!diagram_concepts_) {
    const CausalGraph* causal_graph = graph();
    diagram_concepts_ = ConceptMap::Match(
        rubric_.concepts,
        causal_graph ? CausalGraphElements(*causal_graph) : std::vector<NamedElement>{},
        &warnings_);
  }
  return *diagram_concepts_;
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

ScenarioRun CheckContext::RunWith(const std::string& scenario_id,
                                  const std::vector<std::pair<std::string, double>>& extra) {
  ScenarioRun outcome;
  const Model* compiled = model();
  if (compiled == nullptr) {
    outcome.error = ModelProblem();
    return outcome;
  }
  SimulationOptions options;
  options.max_steps = limits_.max_steps_per_run;
  options.save_all_variables = false;  // no check reads them
  const Scenario* scenario = scenario_id.empty() ? nullptr : rubric_.FindScenario(scenario_id);
  std::vector<Perturbation> perturbations;
  if (!Overrides(scenario, &options, &perturbations, &outcome.changes, &outcome.error)) {
    return outcome;
  }
  for (const auto& [name, value] : extra) {
    options.overrides.emplace_back(name, value);
    outcome.changes.push_back(name + " = " + FormatCheckValue(value));
  }
  if (!perturbations.empty()) {
    compiled = PerturbedModel(scenario_id, perturbations, &options.overrides, &outcome.error);
    if (compiled == nullptr) return outcome;
  }
  Diagnostics diagnostics(submission_.path);
  if (!Simulate(*compiled, options, &outcome.run, diagnostics)) {
    outcome.error = scenario == nullptr
                        ? "the model does not run"
                        : "the model does not run in scenario '" + scenario_id + "'";
    if (!diagnostics.items().empty()) {
      outcome.error += ": " + diagnostics.items().front().message;
    }
    return outcome;
  }
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
