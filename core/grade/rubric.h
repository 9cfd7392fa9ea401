#pragma once
// A lab's rubric as data (docs/rubric-format.md): concepts, scenarios, the
// leverage catalogue and the checks, validated and with source locations.
// Produced by LoadRubricFiles (core/grade/rubric_loader.h); read by the grader.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/grade/concepts.h"
#include "core/grade/grade_result.h"
#include "core/load/submission.h"

namespace sdlab {

enum class CheckKind {
  kStockCount,
  kElement,
  kStockFlows,
  kStocksConnected,
  kDepends,    // structure
  kSimulates,  // simulation
  kBehaviour,  // behaviour
  kLoop,
  kLink,
  kLoopLabels,
  kLoopCount,  // causal loops
  kDominance,  // loops of the model: which one drives the behaviour (family kLoops)
  kLeverageLevels,
  kLeverageMatch,
  kLeverageRanking,  // leverage
  kWhatIf,           // what-if
  kAnswer,           // answers
};

/// The `kind:` spelling ("stock_count", "what_if" ...), and back.
const char* CheckKindName(CheckKind kind);
std::optional<CheckKind> ParseCheckKind(std::string_view text);
std::vector<std::string> CheckKindNames();
CheckFamily FamilyOf(CheckKind kind);

/// A time window; a missing end means the run's start or stop.
struct TimeWindow {
  std::optional<double> start;
  std::optional<double> end;
};

/// One number of a series over a window.
enum class SeriesMeasure { kInitial, kFinal, kMin, kMax, kMean, kTotal };
const char* SeriesMeasureName(SeriesMeasure measure);

enum class BehaviourPattern {
  kGrows,
  kDeclines,
  kStaysWithin,
  kExceeds,
  kFallsBelow,
  kPeaks,
  kPeriodic,
  kInRange
};
const char* BehaviourPatternName(BehaviourPattern pattern);

/// A relative ("20%") or absolute amount.
struct Amount {
  double value = 0;
  bool relative = false;  // value is a fraction of the reference (0.2 for 20%)
};

/// What a stocks_connected check accepts as a connection.
enum class Connection { kAny, kFlow, kInformation };
/// How a loop check judges polarity.
enum class LoopPolarityRule { kAny, kReinforcing, kBalancing, kLabelMatches };
/// Which loops a loop_count check counts.
enum class LoopSource { kDeclared, kFound };

struct StructureParams {
  std::string concept_id;       // element, stock_flows
  std::vector<ElementKind> as;  // element: allowed kinds (empty = any)
  int min = 1;                  // stock_count, stock_flows (without concept)
  std::optional<int> max;       // stock_count
  bool inflow = true;           // stock_flows
  bool outflow = true;
  std::string from, to;  // stocks_connected (empty: every stock), depends
  Connection via = Connection::kAny;
  std::vector<std::string> from_any;  // depends: any of these concepts ...
  int max_steps = 3;                  // ... reaches `to` in at most this many links
  /// depends, when `to` is a stock: reached through its inflows (what comes
  /// in), its outflows (what drains it) or either.
  enum class Via { kInflow, kOutflow, kAny } via_flows = Via::kInflow;
  /// depends: when only the other way holds (`from` reads `to`), the check
  /// needs review instead of failing (`other_way: review`).
  bool other_way_review = false;
};

struct BehaviourParams {
  std::string scenario;  // empty = the model as written
  std::string series;    // a concept
  TimeWindow window;
  BehaviourPattern pattern = BehaviourPattern::kGrows;
  SeriesMeasure measure = SeriesMeasure::kFinal;  // in_range
  std::optional<double> low, high;                // stays_within, in_range
  std::optional<double> threshold;                // exceeds, falls_below, peaks (above)
  std::optional<Amount> by;                       // grows/declines by at least
  /// grows/declines: half of the change comes no sooner than this long
  /// after the window starts (a response with a delay, not a jump).
  std::optional<double> lag;
  double period = 0, tolerance = 0;  // periodic
};

struct LoopParams {
  std::vector<std::string> through;      // loop: concepts on the loop, all of them
  std::vector<std::string> through_any;  // loop: ... and at least one of these
  /// link: other links that count as well, `or: [{from: c, sign: "+"}]`:
  /// the same `to:` from another concept with its own sign (a diagram with
  /// the miss rate where the check names the hit rate).
  std::vector<std::pair<std::string, int>> or_from;
  LoopPolarityRule polarity = LoopPolarityRule::kAny;
  bool declared = true;             // loop: must be declared in `loops:`
  double undeclared_credit = 0.5;   // loop: share of points when found but not declared
  bool delayed = false;             // loop: one of its links must be marked `delay: true`
  std::string from, to;             // link
  std::vector<std::string> to_any;  // link: `to:` as a list, any one of them (to = the first)
  int sign = 0;                     // link: +1 / -1 (0 while the sign is private)
  bool sign_private = false;        // link: `sign: private`, a private layer gives it
  int max_steps = 1;                // link: longest chain accepted (1 = a direct link)
  int min = 1;                      // loop_count
  LoopSource source = LoopSource::kDeclared;
};

/// `kind: dominance`: in a scenario, during a window, a loop of the
/// student's model through these concepts dominates (Loops That Matter,
/// core/loops/loop_dominance.h), or does not.
struct DominanceParams {
  enum class Expect { kDominates, kNotDominant };
  std::string scenario;  // empty = the model as written
  TimeWindow window;
  std::vector<std::string> through;      // concepts on the loop, all of them
  std::vector<std::string> through_any;  // ... and at least one of these
  std::string variable;                  // optional: only loops through it
  Expect expect = Expect::kDominates;
  /// Share of the window's saved times: dominates in at least this share
  /// (default 0.5); not_dominant in less than it (default 0.1).
  std::optional<double> share;
};

struct LeverageParams {
  std::vector<int> levels;       // leverage_levels: required; leverage_match: which to judge
  double adjacent_credit = 0.5;  // leverage_match
  bool far_fails = false;        // leverage_match: one two or more levels off fails the check
  double min_tau = 0.8;          // leverage_ranking: full credit at or above
  double zero_tau = 0.0;         // leverage_ranking: no credit at or below
  int min_ranked = 3;
};

struct WhatIfParams {
  std::vector<int> levels;            // which intervention: its level ...
  std::vector<std::string> keywords;  // ... or words in its action
  std::string scenario;
  std::string series;  // a concept
  SeriesMeasure measure = SeriesMeasure::kMax;
  TimeWindow window;
  int direction = -1;  // -1 decreases, +1 increases
  std::optional<Amount> by;
};

struct AnswerParams {
  std::string question;
  std::vector<std::string> names;                  // concepts; naming any one is enough
  std::vector<std::vector<std::string>> keywords;  // groups; each group: any phrase of it
  int require = 0;                                 // groups needed; 0 = all of them
  /// `consistent_with:` concepts the explanation relies on; when the
  /// student's model has an element for none of them, the answer is
  /// reviewed (it explains by something the model lacks).
  std::vector<std::string> consistent_with;
  /// `effect:` phrases naming what the keyword ideas explain (the symptom);
  /// an answer whose causal statements run from these to the ideas ("the
  /// latency spikes make the keys expire") is reviewed.
  std::vector<std::string> effect;
  /// `misconceptions:` phrases of claims that are wrong for this question
  /// ("the queue shrinks", "retries barely matter"); an answer that affirms
  /// one is reviewed, however many ideas it covers.
  std::vector<std::string> misconceptions;
  /// `key: private`: the names and keywords are in the rubric's private
  /// layer. Without that layer (a student's self-check) the answer is only
  /// checked for being there, and its points are not counted.
  bool key_private = false;
};

struct CheckSpec {
  std::string id;
  Location location;  // of the check's `id:` value
  std::string file;   // the rubric file it comes from
  std::string title;
  CheckKind kind = CheckKind::kStockCount;
  double points = 0;
  Visibility visibility = Visibility::kVisible;
  std::string hint;
  std::string pass_message;  // replaces the computed headline when given
  std::string fail_message;
  bool partial_credit = true;  // counts give a share of points (N of min)
  /// Checks that must pass first; when one does not, this one is not met
  /// (and says so) instead of passing vacuously.
  std::vector<std::string> requires_checks;
  Location requires_location;
  /// `requires_unmet: review`: an unmet precondition sends the check to
  /// review instead (instructors judge the vacuous case both ways).
  bool review_when_requires_unmet = false;
  /// Checks of the student's model that this one's claim rests on (an
  /// answer explaining a behaviour the model should show). When one is not
  /// met, a pass becomes "needs review": the claim may not fit the model.
  std::vector<std::string> supported_by;
  Location supported_by_location;
  StructureParams structure;
  std::string scenario;  // simulates
  BehaviourParams behaviour;
  LoopParams loop;
  DominanceParams dominance;
  LeverageParams leverage;
  WhatIfParams what_if;
  AnswerParams answer;
};

/// A variant of the student's model, by concept: values set, and the
/// elements bound to concepts scaled or added to, whatever their equations.
struct Scenario {
  /// `scale: {concept: c, by: 3, from: 5400, for: 600}` or `add: {concept:
  /// c, amount: 500, ...}`: the element bound to `c` (an auxiliary, a flow or
  /// a constant) multiplied or added to inside the window [from, from + for).
  struct Perturbation {
    enum class Kind { kScale, kAdd };
    std::string concept_id;
    Kind kind = Kind::kScale;
    double value = 1;                // `by:` or `amount:`
    std::optional<double> from;      // none: from the run's start
    std::optional<double> duration;  // `for:`, > 0; none: to the run's end
    Location location;
  };

  std::string id;
  std::string title;
  std::vector<std::pair<std::string, double>> set;  // concept -> value
  /// The map form `scale: {c: 5}`, concept -> factor: a constant's value
  /// multiplied; any other element scaled over the whole run.
  std::vector<std::pair<std::string, double>> scale;
  /// `scale:` and `add:` entries with `concept:` (and the map form of
  /// `add:`), in file order, applied after `set` and `scale`.
  std::vector<Perturbation> perturbations;
  std::optional<double> start, stop, dt;
  Location location;
  std::string file;
};

struct Question {
  std::string id;
  std::string text;
  Location location;
};

/// A file the rubric must grade a known way (reference solutions, starters,
/// known mistakes); run by the test suite.
struct SelfTest {
  std::string file;             // resolved against the rubric's folder
  std::optional<double> score;  // exact percentage, e.g. 100
  std::optional<double> min_score, max_score;
  bool gradable = true;
  std::vector<std::pair<std::string, CheckStatus>> expect;  // check id -> status
  Location location;
  std::string rubric_file;
};

struct Rubric {
  std::string lab;
  std::string title;
  std::string version;
  std::optional<double> points;    // declared total, checked against the checks
  std::vector<std::string> files;  // every file merged, base first
  std::vector<Concept> concepts;
  std::vector<Scenario> scenarios;
  std::map<int, std::vector<std::string>> leverage_catalogue;  // level -> phrases
  std::vector<Question> questions;
  std::vector<CheckSpec> checks;
  std::vector<SelfTest> self_tests;
  /// `hidden: {checks, points}` in a public layer: what its private layer
  /// adds, so that a self-check with the public layer alone can say so.
  struct HiddenAnnouncement {
    int checks = 0;
    double points = 0;
    std::string file;
    Location location;
  };
  std::optional<HiddenAnnouncement> announced_hidden;

  double total_points() const;
  const Concept* FindConcept(std::string_view id) const;
  const Scenario* FindScenario(std::string_view id) const;
  const CheckSpec* FindCheck(std::string_view id) const;
};

}  // namespace sdlab
