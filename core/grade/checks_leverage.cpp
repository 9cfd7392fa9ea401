// Leverage checks: the required levels are present, each intervention sits at
// the level its evidence suggests (core/grade/leverage_classifier.h: the
// rubric's catalogue phrases, weighed, and the what-if), and the ranking
// follows leverage order (Kendall tau-b).

#include "core/grade/checks_leverage.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/grade/check_context.h"
#include "core/grade/leverage_classifier.h"
#include "core/grade/rank_correlation.h"
#include "core/names.h"

namespace sdlab {

namespace {

bool IsBlank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string LevelList(const std::vector<int>& levels) {
  std::string text;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (i > 0) text += (i + 1 == levels.size()) ? " and " : ", ";
    text += std::to_string(levels[i]);
  }
  return text;
}

CheckOutcome Levels(const CheckSpec& check, const LeverageAnalysis& leverage) {
  CheckOutcome outcome;
  outcome.location = leverage.location;
  std::vector<int> missing;
  for (int level : check.leverage.levels) {
    bool present = false;
    for (const Intervention& intervention : leverage.interventions) {
      present = present || (intervention.level == level && !IsBlank(intervention.action));
    }
    if (!present) missing.push_back(level);
  }
  const int needed = static_cast<int>(check.leverage.levels.size());
  const int have = needed - static_cast<int>(missing.size());
  outcome.fraction = have == needed         ? 1.0
                     : check.partial_credit ? static_cast<double>(have) / needed
                                            : 0.0;
  outcome.message = missing.empty()
                        ? "an intervention at each of levels " + LevelList(check.leverage.levels)
                        : "no intervention (with an action) at level" +
                              std::string(missing.size() == 1 ? " " : "s ") + LevelList(missing);
  return outcome;
}

CheckOutcome Match(const CheckSpec& check, const LeverageAnalysis& leverage,
                   const std::map<int, std::vector<std::string>>& catalogue,
                   const StockFlowModel* model) {
  CheckOutcome outcome;
  outcome.location = leverage.location;
  const std::vector<int>& only = check.leverage.levels;
  double total = 0;
  int judged = 0, right = 0, far = 0;
  std::vector<std::string> reviews;
  Location first_problem;
  for (const Intervention& intervention : leverage.interventions) {
    if (!only.empty() && std::find(only.begin(), only.end(), intervention.level) == only.end()) {
      continue;
    }
    ++judged;
    const std::string label = "level " + std::to_string(intervention.level) + " \"" +
                              OneLineShortened(intervention.action) + "\"";
    if (IsBlank(intervention.action)) {
      outcome.evidence.notes.push_back(label + ": no action written");
      if (!first_problem.known()) first_problem = intervention.location;
      continue;
    }
    const LeverageClassification verdict = ClassifyIntervention(catalogue, intervention, model);
    // What the verdict rests on: the phrase, and the what-if when it agrees.
    std::string why;
    if (verdict.level != 0) {
      const LevelEvidence& evidence = verdict.evidence.at(verdict.level);
      why = evidence.phrase.empty() ? evidence.model : "'" + evidence.phrase + "'";
      if (!evidence.phrase.empty() && !evidence.model.empty()) why += "; " + evidence.model;
    }
    if (verdict.fit == LevelFit::kFits) {
      total += 1;
      ++right;
      outcome.evidence.notes.push_back(label + ": fits level " +
                                       std::to_string(intervention.level) + " (" + why + ")");
      continue;
    }
    if (!first_problem.known())
      first_problem = intervention.action_location.known() ? intervention.action_location
                                                           : intervention.location;
    if (verdict.fit == LevelFit::kNeedsReview) {
      // No points lost until a person has looked.
      total += 1;
      reviews.push_back(label + " (" + verdict.reason + ")");
      outcome.evidence.notes.push_back(label + ": needs review: " + verdict.reason);
      continue;
    }
    const bool adjacent = verdict.fit == LevelFit::kAdjacent;
    if (adjacent) total += check.leverage.adjacent_credit;
    if (!adjacent) ++far;
    outcome.evidence.notes.push_back(label + ": reads like level " + std::to_string(verdict.level) +
                                     " (" + why + ")" +
                                     (adjacent ? ", next to the level given" : ""));
  }
  if (judged == 0) {
    outcome.message = only.empty()
                          ? "no interventions to judge"
                          : "no interventions at level" +
                                std::string(only.size() == 1 ? " " : "s ") + LevelList(only);
    return outcome;
  }
  outcome.fraction = total / judged;
  if (!check.partial_credit && outcome.fraction < 1) outcome.fraction = 0;
  // Filed two or more levels off is a misunderstanding of the levels, not
  // a near miss: with far_fails it costs the check.
  if (check.leverage.far_fails && far > 0) outcome.fraction = 0;
  if (first_problem.known()) outcome.location = first_problem;
  outcome.message = std::to_string(right) + " of " + std::to_string(judged) +
                    (judged == 1 ? " intervention is" : " interventions are") +
                    " at the right level";
  if (!reviews.empty()) {
    outcome.status = CheckStatus::kNeedsReview;
    outcome.message += "; " + std::to_string(reviews.size()) + " need" +
                       (reviews.size() == 1 ? "s" : "") + " review: ";
    for (std::size_t i = 0; i < reviews.size(); ++i)
      outcome.message += (i > 0 ? "; " : "") + reviews[i];
  }
  return outcome;
}

CheckOutcome Ranking(const CheckSpec& check, const LeverageAnalysis& leverage) {
  CheckOutcome outcome;
  outcome.location = leverage.location;
  std::vector<double> ranks, levels;
  for (const Intervention& intervention : leverage.interventions) {
    if (!intervention.rank) continue;
    ranks.push_back(*intervention.rank);
    levels.push_back(intervention.level);
  }
  const int ranked = static_cast<int>(ranks.size());
  outcome.evidence.measurements.push_back(
      {"ranked interventions", static_cast<double>(ranked), ""});
  if (ranked < check.leverage.min_ranked) {
    outcome.message = std::to_string(ranked) +
                      (ranked == 1 ? " intervention has" : " interventions have") +
                      " a rank; give at least " + std::to_string(check.leverage.min_ranked) +
                      " a `rank:` (1 = the most effective)";
    return outcome;
  }
  // Rank 1 is the most effective and level 1 the strongest leverage, so a
  // ranking in leverage order has tau = +1.
  std::optional<double> tau = KendallTauB(ranks, levels);
  if (!tau) {
    outcome.message =
        "the ranking cannot be judged: every ranked intervention has the same " +
        std::string(std::set<double>(levels.begin(), levels.end()).size() == 1 ? "level" : "rank");
    return outcome;
  }
  outcome.evidence.tau = *tau;
  outcome.evidence.measurements.push_back({"Kendall tau-b", *tau, ""});
  const double min_tau = check.leverage.min_tau, zero_tau = check.leverage.zero_tau;
  if (*tau >= min_tau) {
    outcome.fraction = 1;
  } else if (*tau > zero_tau && check.partial_credit) {
    outcome.fraction = (*tau - zero_tau) / (min_tau - zero_tau);
  }
  char tau_text[16];
  std::snprintf(tau_text, sizeof tau_text, "%.2f", *tau);
  outcome.message =
      std::string("the ranking agrees with leverage order with tau = ") + tau_text +
      (*tau >= min_tau ? "" : " (full credit from " + FormatCheckValue(min_tau) + ")");
  // Point at the most effective-ranked intervention that is a weak lever.
  for (const Intervention& intervention : leverage.interventions) {
    if (intervention.rank && *intervention.rank == 1) {
      outcome.evidence.notes.push_back("ranked first: level " + std::to_string(intervention.level) +
                                       " \"" + OneLineShortened(intervention.action) + "\"");
      if (*tau < min_tau) outcome.location = intervention.rank_location;
    }
  }
  return outcome;
}

}  // namespace

CheckOutcome EvaluateLeverageCheck(const CheckSpec& check, CheckContext& context) {
  const LeverageAnalysis& leverage = context.submission().leverage;
  if (!leverage.present || leverage.interventions.empty()) {
    CheckOutcome outcome;
    outcome.location = leverage.location;
    outcome.message = leverage.present ? "the leverage section lists no interventions"
                                       : "the submission has no leverage section";
    return outcome;
  }
  switch (check.kind) {
    case CheckKind::kLeverageLevels:
      return Levels(check, leverage);
    case CheckKind::kLeverageMatch:
      return Match(check, leverage, context.rubric().leverage_catalogue,
                   &context.submission().stock_flow);
    case CheckKind::kLeverageRanking:
      return Ranking(check, leverage);
    default:
      break;
  }
  CheckOutcome outcome;
  outcome.status = CheckStatus::kError;
  outcome.message = "not a leverage check";
  return outcome;
}

}  // namespace sdlab
