#include "core/grade/leverage_classifier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/grade/rubric.h"
#include "core/grade/rubric_loader.h"
#include "test_support.h"

namespace sdlab {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

const Rubric& LabRubric(const std::string& lab) {
  static std::map<std::string, Rubric> rubrics;
  auto found = rubrics.find(lab);
  if (found == rubrics.end()) {
    Diagnostics diagnostics;
    std::optional<Rubric> rubric =
        LoadRubricFile(sdlab::testing::SourceDir() + "/rubrics/" + lab + ".yaml", diagnostics);
    EXPECT_TRUE(rubric.has_value()) << lab;
    found = rubrics.emplace(lab, rubric ? *rubric : Rubric{}).first;
  }
  return found->second;
}

Intervention Make(int level, const std::string& action, const std::string& impact = "") {
  Intervention intervention;
  intervention.level = level;
  intervention.action = action;
  intervention.expected_impact = impact;
  return intervention;
}

const char* FitName(LevelFit fit) {
  switch (fit) {
    case LevelFit::kFits:
      return "fits";
    case LevelFit::kAdjacent:
      return "adjacent";
    case LevelFit::kFar:
      return "far";
    case LevelFit::kNeedsReview:
      return "review";
  }
  return "?";
}

// A pile of catalogue terms is not an intervention: a person decides. A
// terse note of the same terms, with its punctuation, still is one.
TEST(LeverageClassifierTest, APileOfTermsIsLeftForReviewButATerseNoteIsNot) {
  const Rubric& rubric = LabRubric("part-b-web-app");
  const LeverageClassification pile = ClassifyIntervention(
      rubric.leverage_catalogue,
      Make(7,
           "circuit breaker retry budget backoff rate limit load shedding reinforcing loop "
           "gain break the loop"),
      nullptr);
  EXPECT_EQ(FitName(pile.fit), std::string("review"));
  EXPECT_THAT(pile.reason, HasSubstr("reads as a list of terms"));
  const LeverageClassification note = ClassifyIntervention(
      rubric.leverage_catalogue, Make(7, "circuit breaker, fail fast, no retry"), nullptr);
  EXPECT_EQ(FitName(note.fit), std::string("fits"));
  const LeverageClassification sentence = ClassifyIntervention(
      rubric.leverage_catalogue,
      Make(7,
           "Add a circuit breaker with a retry budget to the clients: stop retrying while most "
           "calls fail, with exponential backoff and load shedding at the balancer"),
      nullptr);
  EXPECT_EQ(FitName(sentence.fit), std::string("fits"));
}

// ---- a table of interventions in students' words ----

struct Row {
  const char* id;      // the test's name
  const char* lab;     // whose catalogue
  int filed;           // the level the student gave
  int truth;           // the level it works at (0: not a leverage point at all)
  const char* action;  // in the student's words
  const char* impact;
  LevelFit expected;
};

constexpr LevelFit kFits = LevelFit::kFits, kAdjacent = LevelFit::kAdjacent, kFar = LevelFit::kFar,
                   kReview = LevelFit::kNeedsReview;

const Row kRows[] = {
    // The measured failures of the first-found classifier.
    {"CapRetryRatePerClient", "part-b-web-app", 7, 7, "cap the retry rate per client", "", kFits},
    {"PublishQueueDepthToHpa", "part-b-web-app", 6, 6, "publish queue depth to the HPA", "", kFits},
    {"PublishQueueDepthFiledAtEight", "part-b-web-app", 8, 6, "publish queue depth to the HPA", "",
     kFar},
    {"BreakerOpeningAfterTimeouts", "part-b-web-app", 7, 7,
     "add a circuit breaker that opens after 5 timeouts", "", kFits},
    {"BreakerFiledAtTwelve", "part-b-web-app", 12, 7,
     "add a circuit breaker that opens after 5 timeouts", "", kFar},
    {"BreakerFiledAtTwelveRetryStorm", "retry-storm", 12, 7,
     "Add a breaker that trips after 5 timeouts in a row", "", kFar},
    // Level 12: numbers.
    {"BumpMaxReplicas", "part-b-web-app", 12, 12, "Bump maxReplicas from 40 to 80", "More headroom",
     kFits},
    {"LongerClientTimeout", "part-b-web-app", 12, 12, "Make the client timeout 5 seconds longer",
     "", kFits},
    {"MorePods", "part-b-web-app", 12, 12, "Just give the API more pods", "", kFits},
    {"BiggerPool", "part-b-web-app", 12, 12, "Double the database connection pool size", "", kFits},
    {"LongerTtl", "part-b-web-app", 12, 12,
     "Set a longer TTL on cache entries so that they do not all expire together", "", kFits},
    {"PoolFromTo", "db-connections", 12, 12, "Raise the pool from 200 to 500 connections", "",
     kFits},
    {"CpuTargetHigher", "fighting-autoscalers", 12, 12, "Move the HPA's CPU target to 90%", "",
     kFits},
    // Level 8: the balancing loop.
    {"TuneHpaSooner", "part-b-web-app", 8, 8, "Tune the HPA so it scales out sooner", "", kFits},
    {"AutoscalerReactsFaster", "part-b-web-app", 8, 8,
     "Make the autoscaler react faster to load spikes", "", kFits},
    {"ScaleOnQueueDepthAtEight", "part-b-web-app", 8, 8, "Scale on queue depth instead of CPU", "",
     kFits},
    // Level 7: rules that weaken the retry loop.
    {"BackoffWithJitter", "part-b-web-app", 7, 7, "Exponential backoff with jitter on retries", "",
     kFits},
    {"RetryBudgetTenPercent", "part-b-web-app", 7, 7,
     "Introduce a retry budget: at most 10% of requests may be retries", "", kFits},
    {"ShedLoadAtBalancer", "part-b-web-app", 7, 7,
     "Shed load at the load balancer when the queue is above 1000", "", kFits},
    {"TokenBucketPerClient", "part-b-web-app", 7, 7, "Rate-limit each client with a token bucket",
     "", kFits},
    {"AdmissionControl", "part-b-web-app", 7, 7,
     "Admission control at the gateway: reject what we cannot serve in time", "", kFits},
    {"BreakerOnSlowQueries", "db-connections", 7, 7,
     "Wrap the slow queries in a circuit breaker that returns a cached value", "", kFits},
    {"NotRetriedWhileSlow", "request-pipeline", 7, 7,
     "Make sure failed calls are not retried while the database is slow", "", kFits},
    // Level 6: information flows.
    {"QueueLengthCustomMetric", "part-b-web-app", 6, 6,
     "Expose the queue length as a custom metric for the HPA", "", kFits},
    {"QueueDepthVisible", "part-b-web-app", 6, 6,
     "Make queue depth visible on the on-call dashboard", "", kFits},
    {"AlertOnRetryRatio", "part-b-web-app", 6, 6, "Alert when the retry ratio goes above 20%", "",
     kFits},
    {"TracingToSeeWaits", "part-b-web-app", 6, 6,
     "Add distributed tracing so we can see where requests wait", "", kFits},
    {"ScaleOnQueueDepthAtSix", "part-b-web-app", 6, 6, "Scale on queue depth instead of CPU", "",
     kFits},
    {"SlowQueryLog", "db-connections", 6, 6, "Turn on the slow query log and watch lock waits", "",
     kFits},
    // Level 5: rules everyone follows.
    {"PolicyEveryClient", "part-b-web-app", 5, 5,
     "A policy that every client must use a retry budget", "", kFits},
    {"SlosInContracts", "part-b-web-app", 5, 5, "Put the SLOs in the contracts between teams", "",
     kFits},
    {"EveryServiceGuideline", "part-b-web-app", 5, 5,
     "Every service must follow the same retry guideline", "", kFits},
    {"RuleForEveryClient", "part-b-web-app", 5, 5,
     "Make it a rule for every client: exponential backoff with jitter", "", kFits},
    {"OneGoal", "fighting-autoscalers", 3, 3,
     "Agree on one goal for the deployment and let a single controller own the replicas", "",
     kFits},
    // Negations.
    {"NoMorePodsCapRetries", "part-b-web-app", 7, 7, "No more pods: cap the retries per client", "",
     kFits},
    {"CapRetriesInsteadOfPodsAtTwelve", "part-b-web-app", 12, 7,
     "Cap retries per client instead of adding more pods", "", kFar},
    {"InsteadOfPodsBreaker", "part-b-web-app", 7, 7,
     "Instead of adding pods, put a circuit breaker in the client", "", kFits},
    {"DontRaiseTimeoutAtTwelve", "part-b-web-app", 12, 7,
     "Don't raise the timeout; add a circuit breaker", "", kFar},
    {"StopAddingReplicasRule", "part-b-web-app", 5, 5,
     "Stop adding replicas and write a rule that all clients back off", "", kFits},
    // One level off.
    {"BreakerAtEight", "part-b-web-app", 8, 7, "Add a circuit breaker on database calls", "",
     kAdjacent},
    {"HpaFasterAtSeven", "part-b-web-app", 7, 8, "Make the HPA scale out faster", "", kAdjacent},
    {"PublishMetricsAtFive", "part-b-web-app", 5, 6,
     "Publish queue length and retry rate as metrics", "", kAdjacent},
    {"DeadlineRuleAtSix", "part-b-web-app", 6, 5, "A rule that every request must have a deadline",
     "", kAdjacent},
    {"MaxReplicasAtEleven", "part-b-web-app", 11, 12, "Raise maxReplicas to 80", "", kAdjacent},
    // Two or more levels off.
    {"TimeoutAtFive", "part-b-web-app", 5, 12, "Increase the timeout to 10s", "", kFar},
    {"PodLimitAtSeven", "part-b-web-app", 7, 12, "Raise the pod limit from 40 to 80", "", kFar},
    {"DashboardsAtTwelve", "part-b-web-app", 12, 6, "Add dashboards for the queue depth", "", kFar},
    {"TuneHpaAtSix", "part-b-web-app", 6, 8, "Tune the HPA to react faster", "", kFar},
    {"BackoffPolicyAtEight", "part-b-web-app", 8, 5,
     "Policy that every service caller uses capped exponential backoff with jitter and sheds "
     "load at the edge",
     "", kFar},
    {"RuleAtTwelve", "db-connections", 12, 5, "A rule: every query must have a timeout", "", kFar},
    // Unsure: a person decides.
    {"NothingRecognised", "part-b-web-app", 6, 0, "Make the on-call see request paths", "",
     kReview},
    {"VagueResilience", "part-b-web-app", 7, 0, "Improve the resilience of the service", "",
     kReview},
    {"OnlyTheImpact", "part-b-web-app", 6, 6, "Talk to the team", "operators get alerts earlier",
     kReview},
    {"RuleWithTimeoutAtTwelve", "part-b-web-app", 12, 5, "A rule: every query needs a timeout", "",
     kFar},
    {"ReplaceTimeoutWithBreaker", "part-b-web-app", 12, 7,
     "Replace the timeout with a circuit breaker and a retry budget", "", kReview},
};

class LeverageTableTest : public ::testing::TestWithParam<Row> {};

TEST_P(LeverageTableTest, VerdictOnTheFiledLevel) {
  const Row& row = GetParam();
  const LeverageClassification verdict = ClassifyIntervention(
      LabRubric(row.lab).leverage_catalogue, Make(row.filed, row.action, row.impact), nullptr);
  std::string scores;
  for (const auto& [level, evidence] : verdict.evidence)
    scores += " " + std::to_string(level) + "=" + std::to_string(evidence.score) + " ('" +
              evidence.phrase + "')";
  EXPECT_STREQ(FitName(verdict.fit), FitName(row.expected))
      << row.action << " filed at " << row.filed << ":" << scores << " " << verdict.reason;
  // A decided verdict rests on a level; adjacent and far ones on the true level.
  if (row.expected == kAdjacent || row.expected == kFar) {
    EXPECT_EQ(verdict.level, row.truth);
  }
  if (row.expected == kReview) {
    EXPECT_FALSE(verdict.reason.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(StudentsWords, LeverageTableTest, ::testing::ValuesIn(kRows),
                         [](const ::testing::TestParamInfo<Row>& row_info) {
                           return row_info.param.id;
                         });

// Filed at their true level, the table's leverage points are decided, and
// few go to a person.
TEST(LeverageTableSummaryTest, TrueLevelsFitAndFewNeedReview) {
  int rows = 0, reviews = 0, fits_at_truth = 0, with_truth = 0;
  for (const Row& row : kRows) {
    ++rows;
    const auto& catalogue = LabRubric(row.lab).leverage_catalogue;
    if (ClassifyIntervention(catalogue, Make(row.filed, row.action, row.impact), nullptr).fit ==
        LevelFit::kNeedsReview)
      ++reviews;
    if (row.truth == 0) continue;
    ++with_truth;
    const LevelFit at_truth =
        ClassifyIntervention(catalogue, Make(row.truth, row.action, row.impact), nullptr).fit;
    if (at_truth == LevelFit::kFits) ++fits_at_truth;
  }
  EXPECT_GE(rows, 40);
  EXPECT_LE(reviews * 10, rows) << reviews << " of " << rows << " need review";
  // Filed at the right level, all but the deliberately unsure ones fit.
  EXPECT_GE(fits_at_truth, with_truth - 2) << fits_at_truth << " of " << with_truth;
}

// ---- the rules, one at a time ----

const std::map<int, std::vector<std::string>> kSmallCatalogue = {
    {12, {"timeout", "more pods"}},
    {8, {"hpa", "autoscal*"}},
    {7, {"circuit breaker", "breaker", "retry budget"}},
    {6, {"publish", "metric*"}},
    {5, {"rule", "every client"}},
};

TEST(LeverageClassifierTest, HeadOutweighsTheSubordinatePart) {
  const auto evidence =
      ScoreLeverageLevels(kSmallCatalogue, Make(7, "publish the queue depth to the HPA"), nullptr);
  ASSERT_TRUE(evidence.count(6) && evidence.count(8));
  EXPECT_DOUBLE_EQ(evidence.at(6).score, 2.0);  // one word in the head
  EXPECT_DOUBLE_EQ(evidence.at(8).score, 1.0);  // one word after "to"
}

TEST(LeverageClassifierTest, LongerPhraseWeighsMoreAndClaimsItsWords) {
  const auto evidence =
      ScoreLeverageLevels(kSmallCatalogue, Make(7, "add a circuit breaker"), nullptr);
  // "breaker" alone is inside "circuit breaker" and adds nothing.
  EXPECT_EQ(evidence.at(7).phrase, "circuit breaker");
  EXPECT_DOUBLE_EQ(evidence.at(7).score, 2.0 * std::pow(2.0, 0.7));
}

TEST(LeverageClassifierTest, FurtherPhrasesAddAShare) {
  const auto evidence = ScoreLeverageLevels(
      kSmallCatalogue, Make(7, "circuit breaker", "and a retry budget for the clients"), nullptr);
  EXPECT_DOUBLE_EQ(evidence.at(7).score,
                   2.0 * std::pow(2.0, 0.7) + 0.25 * 0.5 * std::pow(2.0, 0.7));
}

TEST(LeverageClassifierTest, NegatedMentionsDoNotCount) {
  for (const char* action :
       {"no more pods, a circuit breaker", "a circuit breaker instead of more pods",
        "a circuit breaker rather than a longer timeout", "without more pods: a circuit breaker",
        "don't add more pods; add a circuit breaker"}) {
    const auto evidence = ScoreLeverageLevels(kSmallCatalogue, Make(7, action), nullptr);
    EXPECT_EQ(evidence.count(12), 0u) << action;
    EXPECT_EQ(evidence.count(7), 1u) << action;
  }
  // The negation ends with its clause.
  const auto evidence = ScoreLeverageLevels(
      kSmallCatalogue, Make(12, "no circuit breaker; more pods, and a longer timeout"), nullptr);
  EXPECT_EQ(evidence.count(7), 0u);
  EXPECT_EQ(evidence.count(12), 1u);
}

TEST(LeverageClassifierTest, APhraseThatNegatesIsNotNegated) {
  const std::map<int, std::vector<std::string>> catalogue = {{5, {"no client may"}},
                                                             {7, {"stop retrying"}}};
  const auto evidence = ScoreLeverageLevels(
      catalogue, Make(5, "no client may retry twice", "clients stop retrying"), nullptr);
  EXPECT_EQ(evidence.count(5), 1u);
  EXPECT_EQ(evidence.count(7), 1u);
}

TEST(LeverageClassifierTest, ASharedPhraseSupportsEachOfItsLevels) {
  const std::map<int, std::vector<std::string>> catalogue = {{6, {"scale on queue depth"}},
                                                             {8, {"scale on queue depth", "hpa"}}};
  const Intervention intervention = Make(6, "make the HPA scale on queue depth");
  EXPECT_EQ(ClassifyIntervention(catalogue, intervention, nullptr).fit, LevelFit::kFits);
  Intervention at_eight = intervention;
  at_eight.level = 8;
  EXPECT_EQ(ClassifyIntervention(catalogue, at_eight, nullptr).fit, LevelFit::kFits);
}

TEST(LeverageClassifierTest, ReviewSaysWhy) {
  LeverageClassification nothing =
      ClassifyIntervention(kSmallCatalogue, Make(6, "make it better"), nullptr);
  EXPECT_EQ(nothing.fit, LevelFit::kNeedsReview);
  EXPECT_EQ(nothing.reason, "sdlab does not recognise it");
  LeverageClassification weak =
      ClassifyIntervention(kSmallCatalogue, Make(6, "make it better", "fewer timeouts"), nullptr);
  EXPECT_EQ(weak.fit, LevelFit::kNeedsReview);
  EXPECT_EQ(weak.reason, "the evidence is weak: level 12 ('timeout') at most");
  LeverageClassification mixed = ClassifyIntervention(
      kSmallCatalogue, Make(12, "replace the timeout with a circuit breaker and a retry budget"),
      nullptr);
  EXPECT_EQ(mixed.fit, LevelFit::kNeedsReview);
  EXPECT_EQ(mixed.reason,
            "the evidence is mixed: level 12 ('timeout') and level 7 ('circuit breaker')");
}

// ---- evidence from the model ----

StockFlowModel BreakerModel() {
  StockFlowModel model;
  model.present = true;
  Flow arrivals;
  arrivals.name = "Arrivals";
  arrivals.equation.text = "traffic + retries * (1 - hpa_enabled) + MIN(max_pods, 3)";
  model.flows.push_back(arrivals);
  Auxiliary retries;
  retries.name = "Retries";
  retries.equation.text = "IF circuit_breaker > 0 AND failures > 5 THEN 0 ELSE timeouts";
  model.auxiliaries.push_back(retries);
  for (auto [name, value] : std::vector<std::pair<std::string, double>>{
           {"Circuit Breaker", 0}, {"HPA Enabled", 1}, {"Max Pods", 40}, {"Unused", 0}}) {
    Constant constant;
    constant.name = name;
    constant.value = value;
    model.constants.push_back(constant);
  }
  return model;
}

Intervention WithWhatIf(Intervention intervention, const std::string& name, double value) {
  intervention.what_if_set.emplace_back(name, value);
  return intervention;
}

TEST(LeverageWhatIfTest, SwitchGatingARuleSupportsSevenAndFive) {
  const auto levels = WhatIfLevels(WithWhatIf(Make(7, "x"), "circuit_breaker", 1), BreakerModel());
  ASSERT_EQ(levels.size(), 2u);
  EXPECT_EQ(levels.at(7),
            "the what-if switches 'Circuit Breaker' on, which gates a rule in the model");
  EXPECT_TRUE(levels.count(5));
}

TEST(LeverageWhatIfTest, SwitchMultiplyingAFlowSupportsSevenAndFive) {
  const auto levels = WhatIfLevels(WithWhatIf(Make(7, "x"), "HPA Enabled", 0), BreakerModel());
  ASSERT_TRUE(levels.count(7));
  EXPECT_THAT(levels.at(7), HasSubstr("switches 'HPA Enabled' off, which gates a flow"));
}

TEST(LeverageWhatIfTest, ParameterChangeSupportsTwelve) {
  const auto levels = WhatIfLevels(WithWhatIf(Make(12, "x"), "max_pods", 80), BreakerModel());
  ASSERT_EQ(levels.size(), 1u);
  EXPECT_EQ(levels.at(12), "the what-if sets the parameter 'Max Pods' from 40 to 80");
}

TEST(LeverageWhatIfTest, DelayTimeChangeSupportsNine) {
  StockFlowModel model = BreakerModel();
  Auxiliary observed;
  observed.name = "Observed Utilization";
  observed.equation.text = "SMTH1(utilization * 2, metrics_delay)";
  model.auxiliaries.push_back(observed);
  Constant delay;
  delay.name = "Metrics Delay";
  delay.value = 30;
  model.constants.push_back(delay);
  const auto levels = WhatIfLevels(WithWhatIf(Make(6, "x"), "metrics_delay", 10), model);
  ASSERT_EQ(levels.size(), 1u);
  EXPECT_EQ(levels.at(9),
            "the what-if sets 'Metrics Delay', the delay time of a SMTH1 in the model, from 30 "
            "to 10");
  // The smoothed input itself is a plain parameter, not a delay length.
  observed.equation.text = "SMTH1(utilization * max_pods, 30)";
  model.auxiliaries.back() = observed;
  const auto input = WhatIfLevels(WithWhatIf(Make(12, "x"), "max_pods", 80), model);
  ASSERT_EQ(input.size(), 1u);
  EXPECT_TRUE(input.count(12));
}

TEST(LeverageWhatIfTest, UnusedOrUnknownConstantsSayNothing) {
  EXPECT_TRUE(WhatIfLevels(WithWhatIf(Make(7, "x"), "unused", 1), BreakerModel()).empty());
  EXPECT_TRUE(WhatIfLevels(WithWhatIf(Make(7, "x"), "nowhere", 1), BreakerModel()).empty());
  EXPECT_TRUE(WhatIfLevels(Make(7, "x"), BreakerModel()).empty());
}

TEST(LeverageWhatIfTest, ModelEvidenceIsModest) {
  const StockFlowModel model = BreakerModel();
  // Alone it decides nothing.
  const Intervention silent = WithWhatIf(Make(7, "flip the flag"), "circuit_breaker", 1);
  EXPECT_EQ(ClassifyIntervention(kSmallCatalogue, silent, &model).fit, LevelFit::kNeedsReview);
  // With a weak phrase it decides.
  Intervention weak = silent;
  weak.expected_impact = "the breaker stops the storm";
  EXPECT_EQ(ClassifyIntervention(kSmallCatalogue, weak, nullptr).fit, LevelFit::kNeedsReview);
  EXPECT_EQ(ClassifyIntervention(kSmallCatalogue, weak, &model).fit, LevelFit::kFits);
  // Against a clear phrase it loses: a breaker is not level 12 because the
  // what-if sets a number.
  const Intervention breaker = WithWhatIf(Make(12, "add a circuit breaker"), "max_pods", 80);
  EXPECT_EQ(ClassifyIntervention(kSmallCatalogue, breaker, &model).fit, LevelFit::kFar);
}

// ---- the catalogue syntax: a phrase of several levels ----

TEST(LeverageCatalogueSyntaxTest, SharedKeyAddsItsPhrasesToEachLevel) {
  Diagnostics diagnostics;
  std::optional<Rubric> rubric = LoadRubricText(SourceFile("rubric.yaml", R"(lab: t
title: T
version: 1
leverage_catalogue:
  6/8: [scale on queue depth]
  8: [hpa]
  6: [metric*, scale on queue depth]
checks:
  - { id: m, kind: leverage_match, points: 1 }
)"),
                                                diagnostics);
  ASSERT_TRUE(rubric) << FormatDiagnostics(diagnostics, nullptr);
  EXPECT_EQ(rubric->leverage_catalogue.at(8),
            (std::vector<std::string>{"hpa", "scale on queue depth"}));
  EXPECT_EQ(rubric->leverage_catalogue.at(6),
            (std::vector<std::string>{"metric*", "scale on queue depth"}));
}

TEST(LeverageCatalogueSyntaxTest, BadSharedKeysAreErrors) {
  for (const char* key : {"6/13", "6/", "6/6", "/8", "six"}) {
    Diagnostics diagnostics;
    std::optional<Rubric> rubric =
        LoadRubricText(SourceFile("rubric.yaml", std::string("lab: t\ntitle: T\nversion: 1\n"
                                                             "leverage_catalogue:\n  \"") +
                                                     key + "\": [x]\n"),
                       diagnostics);
    EXPECT_FALSE(rubric) << key;
    EXPECT_THAT(FormatDiagnostics(diagnostics, nullptr),
                HasSubstr("a catalogue key is a leverage level from 1 to 12, or several joined "
                          "by '/' (\"6/8\"), found '" +
                          std::string(key) + "'"));
  }
}

TEST(LeverageCatalogueSyntaxTest, EveryLabCatalogueLoads) {
  for (const char* lab : {"part-b-web-app", "retry-storm", "request-pipeline", "db-connections",
                          "fighting-autoscalers"}) {
    const Rubric& rubric = LabRubric(lab);
    EXPECT_FALSE(rubric.leverage_catalogue.empty()) << lab;
  }
  EXPECT_THAT(LabRubric("part-b-web-app").leverage_catalogue.at(8),
              Contains(std::string("scale on queue depth")));
}

}  // namespace
}  // namespace sdlab

namespace sdlab {
namespace {

// Setting something to a number is a parameter, whatever it names: the
// HPA's timings set to 60 s fit level 12, where "hpa" alone says 8.
TEST(LeverageClassifierTest, SettingAValueToANumberIsLevel12Evidence) {
  const std::map<int, std::vector<std::string>> catalogue = {{12, {"timeout"}}, {8, {"hpa"}}};
  for (const char* action :
       {"set hpa_time and queue_time to 60s", "Shorter HPA stabilization (20 s -> 5 s)",
        "HPA reaction from 40 s to 60 s"}) {
    const LeverageClassification verdict =
        ClassifyIntervention(catalogue, Make(12, action), nullptr);
    EXPECT_EQ(verdict.fit, LevelFit::kFits) << action;
    ASSERT_TRUE(verdict.evidence.count(12)) << action;
    EXPECT_EQ(verdict.evidence.at(12).phrase, "a value set to a number") << action;
  }
  // Without a number set, the HPA is level 8.
  const LeverageClassification tune =
      ClassifyIntervention(catalogue, Make(12, "tune the hpa"), nullptr);
  EXPECT_NE(tune.fit, LevelFit::kFits);
  EXPECT_EQ(tune.evidence.count(12), 0u);
}

}  // namespace
}  // namespace sdlab
