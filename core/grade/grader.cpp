#include "core/grade/grader.h"
#include "core/grade/checks_answers.h"
#include "core/grade/checks_behaviour.h"
#include "core/grade/checks_dominance.h"
#include "core/grade/checks_leverage.h"
#include "core/grade/checks_loops.h"
#include "core/grade/checks_simulation.h"
#include "core/grade/checks_structure.h"
#include "core/grade/checks_whatif.h"
#include "core/grade/dominance_feedback.h"

#include <algorithm>
#include <exception>

#include "core/names.h"

namespace sdlab {

namespace {

// A what-if that sets a name no constant of the model has changes nothing:
// the what-if checks would measure the model as it is.
void WarnUnknownWhatIfNames(const Submission& submission, Diagnostics& warnings) {
  if (!submission.stock_flow.present || !submission.leverage.present) return;
  std::vector<std::string> constants;
  for (const Constant& constant : submission.stock_flow.constants)
    constants.push_back(constant.name);
  for (const Intervention& intervention : submission.leverage.interventions) {
    for (std::size_t i = 0; i < intervention.what_if_set.size(); ++i) {
      const std::string& name = intervention.what_if_set[i].first;
      const bool known = std::any_of(constants.begin(), constants.end(), [&](const std::string& c) {
        return NormalizeName(c) == NormalizeName(name);
      });
      if (known) continue;
      const Location location = i < intervention.what_if_locations.size()
                                    ? intervention.what_if_locations[i]
                                    : intervention.location;
      const std::string hint = DidYouMean(name, constants);
      warnings.Warning(
          location,
          "the what-if sets '" + name +
              "', which is no constant of your model, so it changes nothing",
          hint.empty() ? "a what-if sets constants of the stock-and-flow model" : hint);
    }
  }
}

// Answers under a key that is no question of the lab. One within two edits
// of exactly one unanswered question ("faucet_fastr") is read as that
// question's answer, so a typo does not cost the answer's points; any other
// is not graded. Either way a located warning names the key.
bool ResolveAnswerKeys(const Rubric& rubric, const Submission& submission, Submission* resolved,
                       Diagnostics& warnings) {
  if (rubric.questions.empty() || !submission.answers.present) return false;
  auto is_question = [&](const std::string& id) {
    return std::any_of(rubric.questions.begin(), rubric.questions.end(),
                       [&](const Question& question) { return question.id == id; });
  };
  // Most files answer exactly the lab's questions: nothing to copy then.
  if (std::all_of(submission.answers.items.begin(), submission.answers.items.end(),
                  [&](const Answer& answer) { return is_question(answer.question_id); }))
    return false;
  bool changed = false;
  *resolved = submission;
  for (Answer& answer : resolved->answers.items) {
    if (is_question(answer.question_id)) continue;
    const Question* near = nullptr;
    int candidates = 0;
    for (const Question& question : rubric.questions) {
      if (submission.answers.Find(question.id) != nullptr) continue;
      if (EditDistance(answer.question_id, question.id) <= 2) {
        near = &question;
        ++candidates;
      }
    }
    const std::string key = "'" + answer.question_id + "'";
    if (candidates == 1) {
      warnings.Warning(answer.location,
                       "the answer key " + key + " is no question of lab '" + rubric.lab +
                           "'; it is read as the answer to '" + near->id + "'",
                       "write the question id exactly: " + near->id);
      answer.question_id = near->id;
      changed = true;
    } else {
      std::string ids;
      for (const Question& question : rubric.questions)
        ids += (ids.empty() ? "" : ", ") + question.id;
      warnings.Warning(answer.location,
                       "the answer key " + key + " is no question of lab '" + rubric.lab +
                           "', so it is not graded",
                       "the questions are " + ids);
    }
  }
  return changed;
}

void DescribeRubric(const Rubric* rubric, GradeResult* result) {
  if (rubric == nullptr) return;
  result->rubric_lab = rubric->lab;
  result->rubric_title = rubric->title;
  result->rubric_version = rubric->version;
  result->rubric_files = rubric->files;
  const bool private_layer_loaded =
      std::any_of(rubric->checks.begin(), rubric->checks.end(),
                  [](const CheckSpec& check) { return check.visibility != Visibility::kVisible; });
  if (rubric->announced_hidden && !private_layer_loaded) {
    result->announced_hidden_checks = rubric->announced_hidden->checks;
    result->announced_hidden_points = rubric->announced_hidden->points;
  }
}

CheckOutcome Evaluate(const CheckSpec& check, CheckContext& context) {
  if (check.kind == CheckKind::kDominance) return EvaluateDominanceCheck(check, context);
  switch (FamilyOf(check.kind)) {
    case CheckFamily::kStructure:
      return EvaluateStructureCheck(check, context);
    case CheckFamily::kSimulation:
      return EvaluateSimulationCheck(check, context);
    case CheckFamily::kBehaviour:
      return EvaluateBehaviourCheck(check, context);
    case CheckFamily::kLoops:
      return EvaluateLoopCheck(check, context);
    case CheckFamily::kLeverage:
      return EvaluateLeverageCheck(check, context);
    case CheckFamily::kWhatIf:
      return EvaluateWhatIfCheck(check, context);
    case CheckFamily::kAnswers:
      return EvaluateAnswerCheck(check, context);
  }
  CheckOutcome outcome;
  outcome.status = CheckStatus::kError;
  return outcome;
}

// A check that throws (out of memory, a bug) becomes an error result, so
// that one check never loses the others.
CheckOutcome EvaluateSafely(const CheckSpec& check, CheckContext& context) {
  try {
    return Evaluate(check, context);
  } catch (const std::exception& error) {
    CheckOutcome outcome;
    outcome.status = CheckStatus::kError;
    outcome.message = std::string("sdlab could not evaluate this check: ") + error.what();
    return outcome;
  } catch (...) {
    CheckOutcome outcome;
    outcome.status = CheckStatus::kError;
    outcome.message = "sdlab could not evaluate this check";
    return outcome;
  }
}

// A check whose precondition is not met is not met itself, rather than
// passing vacuously ("the cache refills between dips" when it never dips).
// One that fails because a concept it needs could be several elements is
// left for an instructor: sdlab cannot tell, so it takes no points.
// The first of `ids` graded so far that is not met. One under review is
// taken as met: the review covers both.
const CheckResult* FirstUnmet(const std::vector<std::string>& ids, const GradeResult& so_far) {
  for (const std::string& id : ids) {
    for (const CheckResult& earlier : so_far.checks) {
      if (earlier.id == id && earlier.status != CheckStatus::kPassed &&
          earlier.status != CheckStatus::kNeedsReview)
        return &earlier;
    }
  }
  return nullptr;
}

CheckOutcome EvaluateWithPreconditions(const CheckSpec& check, CheckContext& context,
                                       const GradeResult& so_far) {
  if (const CheckResult* unmet = FirstUnmet(check.requires_checks, so_far)) {
    CheckOutcome outcome;
    outcome.message = "not met: it needs \"" + unmet->title + "\" first, which is not met";
    outcome.location = unmet->location;
    if (check.review_when_requires_unmet) {
      outcome.status = CheckStatus::kNeedsReview;
      outcome.message = "needs review: it needs \"" + unmet->title +
                        "\" first, which is not met, so an instructor will judge whether it holds";
    }
    return outcome;
  }
  CheckOutcome outcome = EvaluateSafely(check, context);
  // A claim about the model (an answer that explains the hourly spikes)
  // that the model itself does not bear out is for an instructor to judge.
  const CheckResult* unsupported =
      !outcome.status && outcome.fraction >= 1 ? FirstUnmet(check.supported_by, so_far) : nullptr;
  if (unsupported != nullptr) {
    outcome.status = CheckStatus::kNeedsReview;
    outcome.details = outcome.message + (outcome.details.empty() ? "" : "\n" + outcome.details);
    outcome.message = "needs review: your own model does not show \"" + unsupported->title +
                      "\" (that check is not met), so an instructor will judge whether this " +
                      "fits your model";
  }
  if (outcome.status || outcome.fraction >= 1) return outcome;
  for (const std::string& concept_id : ConceptsOfCheck(check, context.rubric())) {
    if (!context.IsAmbiguous(concept_id)) continue;
    const Concept* concept_def = context.rubric().FindConcept(concept_id);
    outcome.status = CheckStatus::kNeedsReview;
    outcome.fraction = 1;
    outcome.details = outcome.message + (outcome.details.empty() ? "" : "\n" + outcome.details);
    outcome.message = "needs review: several of your elements could be " +
                      (concept_def ? DescribeConcept(*concept_def) : concept_id) +
                      ", so an instructor will judge this check";
    break;
  }
  return outcome;
}

CheckResult MakeResult(const CheckSpec& check, CheckOutcome outcome) {
  CheckResult result;
  result.id = check.id;
  result.title = check.title;
  result.family = FamilyOf(check.kind);
  result.kind = CheckKindName(check.kind);
  result.visibility = check.visibility;
  result.hint = check.hint;
  // An answer whose key (or a link whose sign) is in a private layer the
  // rubric lacks is not graded here: it is listed, worth nothing in this run.
  const bool unkeyed = (check.kind == CheckKind::kAnswer && check.answer.key_private) ||
                       (check.kind == CheckKind::kLink && check.loop.sign_private);
  result.max_points = unkeyed ? 0 : RoundPoints(check.points);
  result.location = outcome.location;
  result.evidence = std::move(outcome.evidence);
  double fraction = std::clamp(outcome.fraction, 0.0, 1.0);
  const bool review = outcome.status == CheckStatus::kNeedsReview;
  if (!check.partial_credit && fraction < 1 && !review) fraction = 0;
  result.points = unkeyed ? 0 : RoundPoints(fraction * check.points);
  if (unkeyed) {
    result.status = outcome.status.value_or(CheckStatus::kFailed);
  } else if (outcome.status) {
    result.status = *outcome.status;
    if (result.status == CheckStatus::kError) result.points = 0;
  } else if (check.points <= 0) {
    result.status = fraction >= 1  ? CheckStatus::kPassed
                    : fraction > 0 ? CheckStatus::kPartial
                                   : CheckStatus::kFailed;
  } else {
    result.status = StatusForPoints(result.points, result.max_points);
  }
  const bool passed = result.status == CheckStatus::kPassed;
  const std::string& custom = passed ? check.pass_message : check.fail_message;
  if (!custom.empty()) {
    // The rubric's words lead; what sdlab found stays in the details.
    result.message = custom;
    result.details = outcome.message;
    if (!outcome.details.empty()) result.details += "\n" + outcome.details;
  } else {
    result.message = std::move(outcome.message);
    result.details = std::move(outcome.details);
  }
  return result;
}

void AddBindings(const ConceptMap& map, const char* section, GradeResult* result) {
  for (const ConceptMatch& match : map.matches()) {
    ConceptBinding binding;
    binding.concept_id = match.concept_id;
    binding.section = section;
    binding.match = ConceptMatchKindName(match.kind);
    if (match.element >= 0) {
      binding.element = map.elements()[match.element].name;
      binding.location = map.elements()[match.element].location;
    }
    result->concepts.push_back(binding);
  }
}

}  // namespace

GradeResult NotGradableResult(const Rubric* rubric, const std::string& path,
                              const Diagnostics& diagnostics) {
  GradeResult result;
  result.submission = path;
  DescribeRubric(rubric, &result);
  result.gradable = false;
  result.diagnostics = diagnostics.items();
  if (result.diagnostics.empty()) {
    Diagnostic diagnostic;
    diagnostic.file = path;
    diagnostic.message = "the file could not be graded";
    result.diagnostics.push_back(diagnostic);
  }
  if (diagnostics.dropped() > 0) {
    Diagnostic note;
    note.severity = Severity::kNote;
    note.file = path;
    note.message = std::to_string(diagnostics.dropped()) + " more errors not shown";
    result.diagnostics.push_back(note);
  }
  return result;
}

GradeResult GradeSubmission(const Rubric& rubric, const Submission& submission,
                            const GradeOptions& options, const DiagramAnalysis* diagram) {
  GradeResult result;
  result.submission = submission.path;
  result.lab = submission.lab;
  result.author = submission.author;
  DescribeRubric(&rubric, &result);
  if (!submission.lab.empty() && submission.lab != rubric.lab) {
    Diagnostics diagnostics(submission.path);
    diagnostics.Error(submission.lab_location,
                      "this file answers lab '" + submission.lab +
                          "', but the rubric grades lab '" + rubric.lab + "'",
                      "check `lab:` or the rubric you grade with");
    GradeResult wrong_lab = NotGradableResult(&rubric, submission.path, diagnostics);
    wrong_lab.lab = submission.lab;
    wrong_lab.author = submission.author;
    return wrong_lab;
  }
  Diagnostics key_warnings(submission.path);
  Submission resolved;
  const Submission& graded =
      ResolveAnswerKeys(rubric, submission, &resolved, key_warnings) ? resolved : submission;
  CheckContext context(rubric, graded, options.limits, diagram);
  context.warnings().Append(key_warnings);
  WarnUnknownWhatIfNames(submission, context.warnings());
  if (submission.lab.empty() && submission.lab_location.known()) {
    context.warnings().Warning(submission.lab_location,
                               "`lab:` is empty; graded as lab '" + rubric.lab + "'");
  } else if (submission.lab.empty()) {
    context.warnings().Warning({1, 1},
                               "the file has no `lab:`; graded as lab '" + rubric.lab + "'");
  }
  // Bind concepts up front, so that their warnings come first and every
  // result lists every binding.
  if (submission.stock_flow.present) AddBindings(context.model_concepts(), "stock_flow", &result);
  if (submission.causal_loop.present)
    AddBindings(context.diagram_concepts(), "causal_loop", &result);
  for (const CheckSpec& check : rubric.checks) {
    result.checks.push_back(MakeResult(check, EvaluateWithPreconditions(check, context, result)));
  }
  if (options.dominance_feedback && submission.stock_flow.present) {
    result.dominance = DominanceFeedbackOf(rubric, context);
  }
  result.diagnostics = context.warnings().items();
  return result;
}

AnalysisOptions GradingAnalysisOptions(const GradeOptions& options) {
  AnalysisOptions analysis;
  analysis.search.max_loops = options.limits.max_loops;
  analysis.check_declared = true;
  analysis.locate_in_source = false;
  return analysis;
}

GradeResult GradeAnalysis(const Rubric& rubric, const SubmissionAnalysis& analysis,
                          const GradeOptions& options) {
  if (!analysis.submission) return NotGradableResult(&rubric, analysis.path, analysis.diagnostics);
  GradeResult result = GradeSubmission(rubric, *analysis.submission, options,
                                       analysis.diagram ? &*analysis.diagram : nullptr);
  // Warnings of the loader (a variable declared but never linked ...) come first.
  std::vector<Diagnostic> all = analysis.diagnostics.items();
  all.insert(all.end(), result.diagnostics.begin(), result.diagnostics.end());
  result.diagnostics = std::move(all);
  return result;
}

GradeResult GradeFile(const Rubric& rubric, const std::string& path, const GradeOptions& options,
                      SourceFile* source_out) {
  const SubmissionAnalysis analysis = AnalyseSubmissionFile(path, GradingAnalysisOptions(options));
  if (source_out != nullptr) *source_out = analysis.source;
  return GradeAnalysis(rubric, analysis, options);
}

}  // namespace sdlab
