#pragma once
// What every check of one grading run shares, computed once and only when a
// check needs it: the concept bindings, the compiled model, the runs of each
// scenario, the causal graph and its loops.

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/engine/model.h"
#include "core/engine/model_perturbation.h"
#include "core/engine/series_analysis.h"
#include "core/engine/simulator.h"
#include "core/grade/concepts.h"
#include "core/grade/rubric.h"
#include "core/load/submission.h"
#include "core/loops/causal_graph.h"
#include "core/loops/loop_check.h"
#include "core/loops/loop_dominance.h"
#include "core/loops/loop_finder.h"
#include "core/loops/submission_analysis.h"

namespace sdlab {

struct GradeLimits {
  /// Steps one simulation may take (a scenario, a what-if).
  long long max_steps_per_run = 2'000'000;
  /// Loops the loop checks look at.
  std::size_t max_loops = 10000;
};

/// A run of the student's model in a scenario, or why there is none.
struct ScenarioRun {
  bool ok = false;
  Run run;
  std::string error;  // a sentence for the student when !ok
  /// What the scenario changed: "Base Traffic = 500 (5 x 100)".
  std::vector<std::string> changes;
};

/// Loop dominance of the student's model in a scenario, or why there is none.
struct ScenarioDominance {
  bool ok = false;
  DominanceResult result;
  std::string error;  // a sentence for the student when !ok
  std::vector<std::string> changes;
};

class CheckContext {
 public:
  /// `diagram`, when given, is the causal loop diagram already analysed
  /// (core/loops/submission_analysis.h) with the same loop cap as
  /// `limits.max_loops`; the context reads it instead of analysing again.
  CheckContext(const Rubric& rubric, const Submission& submission, const GradeLimits& limits,
               const DiagramAnalysis* diagram = nullptr);
  ~CheckContext();

  const Rubric& rubric() const { return rubric_; }
  const Submission& submission() const { return submission_; }
  const GradeLimits& limits() const { return limits_; }
  /// Warnings found while grading (concept tags naming no concept ...).
  Diagnostics& warnings() { return warnings_; }

  /// Concepts bound to the stock-and-flow model's elements (and the overflow
  /// series of capped stocks, marked as such).
  const ConceptMap& model_concepts();
  /// Concepts bound to the causal loop diagram's variables.
  const ConceptMap& diagram_concepts();
  /// What roles are judged against, parallel to model_concepts().elements():
  /// each element's inputs (a stock's: its flows) and, when the model runs
  /// as written, the range of its values. Empty when the model does not
  /// compile.
  const ElementGraph& model_graph();
  /// Whether a concept is bound by the model's map or the diagram's, for
  /// messages: the ambiguous concepts of either.
  bool IsAmbiguous(const std::string& concept_id);

  /// The element of the stock-and-flow model bound to a concept; nullptr
  /// with `*why` set to a sentence for the student when there is none.
  const NamedElement* ModelElement(const std::string& concept_id, std::string* why);
  /// How a series of the model is labelled on a chart: its element's
  /// `units:` (none for an overflow series) and the run's `sim.time_units`;
  /// empty where the submission gives none.
  void DescribeSeriesUnits(const NamedElement& element, SeriesEvidence* series) const;

  /// The diagram variable (index into graph()->variables) bound to a concept;
  /// -1 with `*why` set when there is none.
  int DiagramVariable(const std::string& concept_id, std::string* why);

  /// The compiled model; nullptr (with ModelProblem() saying why) when the
  /// submission has no stock_flow section or it does not compile.
  const Model* model();
  const std::string& ModelProblem();

  /// The run of a scenario ("" = the model as written), cached. A scenario
  /// that perturbs an element (`scale:`/`add:` over a window, or the map form
  /// of `scale:` on an element that is not a constant) runs a copy of the
  /// model with that element's equation wrapped (core/engine/model_perturbation.h),
  /// compiled once per scenario.
  const ScenarioRun& Run(const std::string& scenario_id);
  /// A scenario run with extra overrides by element name (a what-if), not
  /// cached; an extra override of a perturbed element is the value its
  /// perturbation starts from, as the scenario's own `set:` is.
  ScenarioRun RunWith(const std::string& scenario_id,
                      const std::vector<std::pair<std::string, double>>& extra);

  /// Which loops of the model drive its behaviour in a scenario (Loops That
  /// Matter, core/loops/loop_dominance.h), only the loops through the
  /// element named `focus` when it is not empty; cached.
  const ScenarioDominance& Dominance(const std::string& scenario_id, const std::string& focus);

  /// The causal graph; nullptr when the submission has no causal_loop section.
  const CausalGraph* graph();
  const LoopSearchResult& loops();
  const LoopCheckResult& loop_check();

 private:
  /// The model a scenario runs and its options (what RunWith simulates);
  /// nullptr with `*error` set.
  const Model* ScenarioModel(const std::string& scenario_id,
                             const std::vector<std::pair<std::string, double>>& extra,
                             SimulationOptions* options, std::vector<std::string>* changes,
                             std::string* error);
  /// What `scenario` changes: overrides by name into `options`, the
  /// perturbations of elements, and a line for each in `changes`; false with
  /// `*error` a sentence for the student when a concept is not bound or its
  /// element cannot be changed that way.
  bool Overrides(const Scenario* scenario, SimulationOptions* options,
                 std::vector<Perturbation>* perturbations, std::vector<std::string>* changes,
                 std::string* error);
  /// The model with `perturbations` applied, the overrides of perturbed
  /// elements folded in (and taken out of `*overrides`), compiled once for
  /// each scenario and folded values; nullptr with `*error` set.
  const Model* PerturbedModel(const std::string& scenario_id,
                              const std::vector<Perturbation>& perturbations,
                              std::vector<std::pair<std::string, double>>* overrides,
                              std::string* error);

  const Rubric& rubric_;
  const Submission& submission_;
  GradeLimits limits_;
  Diagnostics warnings_;
  void ResolveByBehaviour(ConceptMap* map);
  void NoteBindings(const ConceptMap& map, const char* where);

  std::optional<ConceptMap> model_concepts_;
  std::optional<ElementGraph> model_graph_;
  std::optional<std::set<std::string>> visible_concepts_;
  std::optional<ConceptMap> diagram_concepts_;
  bool model_tried_ = false;
  std::optional<Model> model_;
  std::string model_problem_;
  std::map<std::string, ScenarioRun> runs_;
  std::map<std::pair<std::string, std::string>, ScenarioDominance> dominance_;
  struct PerturbedCompile {
    std::optional<Model> model;
    std::string problem;  // when it does not compile
  };
  std::map<std::string, PerturbedCompile> perturbed_models_;  // by scenario and folded values
  const DiagramAnalysis* given_diagram_;
  bool graph_built_ = false;
  std::optional<DiagramAnalysis> own_diagram_;  // when none was given
  const DiagramAnalysis* diagram_ = nullptr;
};

/// What a check's evaluator reports; the grader turns it into a CheckResult
/// (points from `fraction`, the rubric's messages, visibility, hint).
struct CheckOutcome {
  double fraction = 0;                // share of the points earned, 0..1
  std::optional<CheckStatus> status;  // needs_review or error; else from the fraction
  std::string message;                // the headline
  std::string details;
  Location location;
  Evidence evidence;
};

/// The concepts a check reads, its scenario's included, each once.
std::vector<std::string> ConceptsOfCheck(const CheckSpec& check, const Rubric& rubric);

/// The statistic of a series a rubric's `measure:` names.
double MeasureOf(SeriesMeasure measure, const SeriesStats& stats);

/// A number as reports show it: up to 6 significant digits ("3600", "0.6", "1.5e+06").
std::string FormatCheckValue(double value);

}  // namespace sdlab
