#pragma once
// Which of Meadows' leverage levels an intervention works at, by weighing
// evidence: the rubric's catalogue phrases in its text (longer phrases and
// the head of the action weigh more; negated mentions do not count) and,
// modestly, what its `what_if:` changes in the student's model. Used by the
// `leverage_match` check (core/grade/checks_leverage.cpp); the rules are in
// docs/rubric-format.md ("Leverage catalogue").

#include <map>
#include <string>
#include <vector>

#include "core/load/submission.h"

namespace sdlab {

/// The verdict on the level a student gave an intervention.
enum class LevelFit {
  kFits,         // the evidence for the given level is the strongest, or close to it
  kAdjacent,     // the evidence points one level away
  kFar,          // the evidence clearly points two or more levels away
  kNeedsReview,  // weak, mixed or no evidence: a person decides
};

/// The evidence for one level.
struct LevelEvidence {
  double score = 0;
  std::string phrase;    // the catalogue phrase that weighs most ("" = the model only)
  std::string model;     // what the what-if says for this level, or ""
  bool in_head = false;  // a phrase of it is in the action's head
};

struct LeverageClassification {
  LevelFit fit = LevelFit::kNeedsReview;
  /// The level the verdict rests on: the given one when it fits, else the
  /// one the evidence points at (0 when nothing was recognised).
  int level = 0;
  /// Why a person must decide (kNeedsReview only): a clause for a message.
  std::string reason;
  /// Every level with any evidence.
  std::map<int, LevelEvidence> evidence;
};

/// How much a matched phrase weighs, and the thresholds of the verdict.
/// Exposed so that tests can name them.
struct ClassifierWeights {
  double head = 2.0;               // the action's first main clause
  double body = 1.0;               // the rest of the action
  double impact = 0.5;             // `expected_impact`
  double more_phrases = 0.25;      // each further phrase of a level adds this share
  double model = 0.75;             // what the what-if changes (a switch or a parameter)
  double decide = 1.0;             // below this much evidence nothing is decided
  double clear = 1.5;              // a far level needs this much to fail the given one
  double fits_share = 0.6;         // the given level fits at this share of the top level
  double adjacent_share = 0.9;     // a neighbour this close to the top earns adjacent credit
  double conflicting_share = 0.4;  // given level this strong, the head not deciding: mixed
};

/// The evidence of every level for one intervention. `model` may be null
/// (no stock-and-flow section): then only the text counts.
std::map<int, LevelEvidence> ScoreLeverageLevels(
    const std::map<int, std::vector<std::string>>& catalogue, const Intervention& intervention,
    const StockFlowModel* model, const ClassifierWeights& weights = {});

/// The verdict on `intervention.level` from ScoreLeverageLevels' evidence.
LeverageClassification ClassifyIntervention(
    const std::map<int, std::vector<std::string>>& catalogue, const Intervention& intervention,
    const StockFlowModel* model, const ClassifierWeights& weights = {});

/// What the what-if of an intervention changes, read from the model's
/// equations: a 0/1 switch that gates a rule or a flow supports levels 7 and
/// 5; a plain parameter set to another number supports level 12. Empty when
/// there is no what-if, no model, or its constants are not used.
std::map<int, std::string> WhatIfLevels(const Intervention& intervention,
                                        const StockFlowModel& model);

}  // namespace sdlab
