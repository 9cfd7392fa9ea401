#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/grade/rubric.h"
#include "core/grade/rubric_loader.h"
#include "test_support.h"

namespace sdlab {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::optional<Rubric> Load(const std::string& text, Diagnostics* diagnostics) {
  return LoadRubricText(SourceFile("rubric.yaml", text), *diagnostics);
}

std::vector<std::string> Lines(const Diagnostics& diagnostics) {
  std::vector<std::string> lines;
  for (const Diagnostic& diagnostic : diagnostics.items()) {
    lines.push_back(FormatDiagnosticLine(diagnostic));
  }
  return lines;
}

constexpr const char* kFullRubric = R"(format: sdlab-rubric/1
lab: web
title: A web app
version: 3
points: 38
concepts:
  request_queue:
    aliases: [queue, backlog]
    kind: stock
    description: the request queue
  load: [traffic, demand]
  latency: response time
  retries:
questions:
  why: Why does it spike?
scenarios:
  spike:
    title: A traffic spike
    scale: { load: 5 }
    set: { retries: 0 }
    stop: 600
leverage_catalogue:
  12: [timeout, more pods]
  7: [circuit breaker, "retry budget"]
checks:
  - { id: stocks, kind: stock_count, min: 2, points: 2 }
  - { id: queue, kind: element, concept: request_queue, as: [stock], points: 2, visibility: hidden }
  - { id: flows, kind: stock_flows, min: 2, points: 2, partial_credit: false }
  - { id: linked, kind: stocks_connected, from: request_queue, to: request_queue, via: flow, points: 2 }
  - { id: runs, kind: simulates, scenario: spike, points: 2 }
  - id: grows
    kind: behaviour
    scenario: spike
    series: request_queue
    expect: grows
    by: "50%"
    window: [0, 300]
    points: 4
    hint: Look at arrivals.
    messages: { pass: Good., fail: Not yet. }
  - { id: hourly, kind: behavior, series: latency, expect: periodic, period: 3600, points: 2 }
  - { id: dips, kind: behaviour, series: latency, expect: in_range, measure: min, range: [0.5, 0.7], points: 2 }
  - { id: storm, kind: loop, through: [load, latency, retries], polarity: reinforcing, points: 3 }
  - { id: sign, kind: link, from: latency, to: retries, sign: "+", max_steps: 2, points: 2 }
  - { id: labels, kind: loop_labels, points: 2 }
  - { id: count, kind: loop_count, min: 2, source: found, points: 1 }
  - { id: levels, kind: leverage_levels, levels: [12, 7], points: 2 }
  - { id: match, kind: leverage_match, adjacent_credit: 0.25, points: 2 }
  - { id: rank, kind: leverage_ranking, min_tau: 0.6, points: 2 }
  - id: breaker
    kind: what_if
    intervention: { level: 7, keywords: [circuit breaker] }
    scenario: spike
    series: request_queue
    measure: total
    expect: decreases
    by: 10
    points: 2
  - id: cause
    kind: answer
    question: why
    names: [load]
    keywords: [[ttl, expir*], [same time, "on the hour"]]
    require: 1
    points: 4
self_test:
  - { file: ../solutions/web.yaml, score: 100 }
  - { file: starter.yaml, max_score: 40, expect: { stocks: failed } }
)";

TEST(RubricLoaderTest, LoadsEveryPartOfAFullRubric) {
  Diagnostics diagnostics;
  std::optional<Rubric> rubric = Load(kFullRubric, &diagnostics);
  ASSERT_TRUE(rubric.has_value()) << FormatDiagnostics(diagnostics, nullptr);
  EXPECT_EQ(rubric->lab, "web");
  EXPECT_EQ(rubric->version, "3");
  EXPECT_EQ(rubric->total_points(), 38);
  ASSERT_EQ(rubric->concepts.size(), 4u);
  EXPECT_THAT(rubric->FindConcept("request_queue")->aliases, ElementsAre("queue", "backlog"));
  EXPECT_THAT(rubric->FindConcept("request_queue")->kinds, ElementsAre(ElementKind::kStock));
  EXPECT_THAT(rubric->FindConcept("load")->aliases, ElementsAre("traffic", "demand"));
  EXPECT_THAT(rubric->FindConcept("latency")->aliases, ElementsAre("response time"));
  EXPECT_TRUE(rubric->FindConcept("retries")->aliases.empty());
  const Scenario* spike = rubric->FindScenario("spike");
  ASSERT_NE(spike, nullptr);
  EXPECT_EQ(spike->scale, (std::vector<std::pair<std::string, double>>{{"load", 5}}));
  EXPECT_EQ(spike->set, (std::vector<std::pair<std::string, double>>{{"retries", 0}}));
  EXPECT_EQ(spike->stop, 600);
  EXPECT_THAT(rubric->leverage_catalogue.at(7), ElementsAre("circuit breaker", "retry budget"));
  ASSERT_EQ(rubric->checks.size(), 17u);
  EXPECT_EQ(rubric->FindCheck("queue")->visibility, Visibility::kHidden);
  EXPECT_FALSE(rubric->FindCheck("flows")->partial_credit);
  const CheckSpec& grows = *rubric->FindCheck("grows");
  EXPECT_EQ(grows.behaviour.pattern, BehaviourPattern::kGrows);
  ASSERT_TRUE(grows.behaviour.by.has_value());
  EXPECT_TRUE(grows.behaviour.by->relative);
  EXPECT_DOUBLE_EQ(grows.behaviour.by->value, 0.5);
  EXPECT_EQ(grows.behaviour.window.end, 300);
  EXPECT_EQ(grows.pass_message, "Good.");
  EXPECT_EQ(grows.hint, "Look at arrivals.");
  EXPECT_EQ(rubric->FindCheck("hourly")->kind, CheckKind::kBehaviour);
  EXPECT_DOUBLE_EQ(rubric->FindCheck("hourly")->behaviour.tolerance, 360);
  EXPECT_EQ(rubric->FindCheck("dips")->behaviour.measure, SeriesMeasure::kMin);
  EXPECT_EQ(rubric->FindCheck("sign")->loop.sign, 1);
  EXPECT_EQ(rubric->FindCheck("count")->loop.source, LoopSource::kFound);
  EXPECT_THAT(rubric->FindCheck("breaker")->what_if.levels, ElementsAre(7));
  EXPECT_EQ(rubric->FindCheck("breaker")->what_if.direction, -1);
  const CheckSpec& cause = *rubric->FindCheck("cause");
  EXPECT_EQ(cause.answer.keywords.size(), 2u);
  EXPECT_EQ(cause.answer.require, 1);
  // A check without a title gets one from its kind and concepts.
  EXPECT_EQ(rubric->FindCheck("queue")->title, "The model has the request queue");
  EXPECT_EQ(rubric->FindCheck("stocks")->title, "At least 2 stocks");
  ASSERT_EQ(rubric->self_tests.size(), 2u);
  EXPECT_EQ(rubric->self_tests[0].file, "../solutions/web.yaml");
  EXPECT_EQ(rubric->self_tests[1].max_score, 40);
  EXPECT_EQ(rubric->self_tests[1].expect[0].second, CheckStatus::kFailed);
}

TEST(RubricLoaderTest, UnknownKeysAreLocatedWithASuggestion) {
  Diagnostics diagnostics;
  EXPECT_FALSE(
      Load("lab: x\nchecks:\n  - { id: a, kind: stock_count, min: 2, pionts: 1 }\n"
           "titel: y\n",
           &diagnostics));
  EXPECT_THAT(Lines(diagnostics),
              ElementsAre("rubric.yaml:4:1: error: unknown key 'titel' (did you mean 'title'?)",
                          "rubric.yaml:3:41: error: unknown key 'pionts' (did you mean 'points'?)",
                          "rubric.yaml:3:11: error: a check needs 'points:'"));
}

TEST(RubricLoaderTest, UnknownConceptScenarioAndKindAreErrorsWhereWritten) {
  Diagnostics diagnostics;
  EXPECT_FALSE(Load(R"(lab: x
concepts: { request_queue: [queue] }
checks:
  - { id: a, kind: element, concept: request_queu, points: 1 }
  - { id: b, kind: simulates, scenario: spike, points: 1 }
  - { id: c, kind: stok_count, points: 1 }
)",
                    &diagnostics));
  EXPECT_THAT(Lines(diagnostics),
              ElementsAre("rubric.yaml:4:38: error: unknown concept 'request_queu' (did you mean "
                          "'request_queue'?)",
                          "rubric.yaml:5:41: error: unknown scenario 'spike' (define it under "
                          "'scenarios:')",
                          "rubric.yaml:6:20: error: unknown check kind 'stok_count' (did you mean "
                          "'stock_count'?)"));
}

TEST(RubricLoaderTest, KindSpecificRequirementsAreChecked) {
  Diagnostics diagnostics;
  EXPECT_FALSE(Load(R"(lab: x
concepts: { q: [] }
checks:
  - { id: a, kind: behaviour, series: q, expect: stays_within, points: 1 }
  - { id: b, kind: link, from: q, to: q, sign: "*", points: 1 }
  - { id: c, kind: leverage_match, points: 1 }
  - { id: d, kind: answer, question: why, points: 1 }
  - { id: e, kind: loop, through: [q], range: [1, 2], points: 1 }
)",
                    &diagnostics));
  EXPECT_THAT(
      Lines(diagnostics),
      ElementsAre(
          "rubric.yaml:4:11: error: a 'behaviour' check needs 'range' ([low, high])",
          "rubric.yaml:5:48: error: 'sign' must be \"+\", \"-\" or private, found '*'",
          "rubric.yaml:6:11: error: a 'leverage_match' check needs the rubric's "
          "'leverage_catalogue:'",
          "rubric.yaml:7:11: error: an 'answer' check needs 'names' or 'keywords' (or `key: "
          "private` when a "
          "private layer gives them)",
          "rubric.yaml:8:40: error: unknown key 'range' (expected id, kind, title, "
          "points, visibility, hint, messages, partial_credit, requires, requires_unmet, "
          "supported_by, "
          "through, "
          "through_any, polarity, "
          "declared, undeclared_credit or delayed)"));
}

TEST(RubricLoaderTest, LagIsReadForGrowsAndRefusedElsewhere) {
  Diagnostics diagnostics;
  std::optional<Rubric> rubric = Load(R"(lab: x
concepts: { pods: [] }
checks:
  - { id: a, kind: behaviour, series: pods, expect: grows, lag: 5, points: 1 }
)",
                                      &diagnostics);
  ASSERT_TRUE(rubric) << ::testing::PrintToString(Lines(diagnostics));
  EXPECT_EQ(rubric->checks[0].behaviour.lag, 5);
  Diagnostics bad;
  EXPECT_FALSE(Load(R"(lab: x
concepts: { pods: [] }
checks:
  - { id: a, kind: behaviour, series: pods, expect: exceeds, value: 1, lag: 5, points: 1 }
  - { id: b, kind: behaviour, series: pods, expect: grows, lag: 0, points: 1 }
)",
                    &bad));
  EXPECT_THAT(
      Lines(bad),
      ElementsAre("rubric.yaml:4:77: error: 'lag' applies only to expect: grows or declines",
                  "rubric.yaml:5:65: error: 'lag' is 0: it must be greater than 0 and at most "
                  "1000000000000"));
}

TEST(RubricLoaderTest, RequiresUnmetIsReviewOrFailAndNeedsRequires) {
  Diagnostics diagnostics;
  std::optional<Rubric> rubric = Load(R"(lab: x
concepts: { q: [] }
checks:
  - { id: a, kind: behaviour, series: q, expect: grows, points: 1 }
  - { id: b, kind: behaviour, series: q, expect: grows, points: 1, requires: [a], requires_unmet: review }
)",
                                      &diagnostics);
  ASSERT_TRUE(rubric) << ::testing::PrintToString(Lines(diagnostics));
  EXPECT_FALSE(rubric->checks[0].review_when_requires_unmet);
  EXPECT_TRUE(rubric->checks[1].review_when_requires_unmet);
  Diagnostics bad;
  EXPECT_FALSE(Load(R"(lab: x
concepts: { q: [] }
checks:
  - { id: a, kind: behaviour, series: q, expect: grows, points: 1, requires_unmet: review }
  - { id: b, kind: behaviour, series: q, expect: grows, points: 1, requires: [a], requires_unmet: maybe }
)",
                    &bad));
  EXPECT_THAT(Lines(bad),
              ElementsAre(HasSubstr("rubric.yaml:4:84: error: 'requires_unmet' needs 'requires'"),
                          HasSubstr("'requires_unmet' must be review or fail, found 'maybe'")));
}

TEST(RubricLoaderTest, ThroughAnyAndOrLinksAreRead) {
  Diagnostics diagnostics;
  std::optional<Rubric> rubric = Load(R"(lab: x
concepts: { hit: [], miss: [], db: [], cache: [] }
checks:
  - { id: a, kind: loop, through_any: [hit, miss, cache], points: 1 }
  - { id: b, kind: link, from: hit, to: db, sign: "-", or: { from: miss, sign: "+" }, points: 1 }
)",
                                      &diagnostics);
  ASSERT_TRUE(rubric) << FormatDiagnostics(diagnostics, nullptr);
  EXPECT_THAT(rubric->checks[0].loop.through_any, ElementsAre("hit", "miss", "cache"));
  EXPECT_TRUE(rubric->checks[0].loop.through.empty());
  ASSERT_EQ(rubric->checks[1].loop.or_from.size(), 1u);
  EXPECT_EQ(rubric->checks[1].loop.or_from[0], (std::pair<std::string, int>{"miss", 1}));

  Diagnostics bad;
  EXPECT_FALSE(Load(R"(lab: x
concepts: { hit: [], db: [] }
checks:
  - { id: a, kind: loop, polarity: any, points: 1 }
  - { id: b, kind: link, from: hit, to: db, sign: "-", or: { from: mis, sign: "*" }, points: 1 }
  - { id: c, kind: link, from: hit, to: db, sign: "-", or: [{ from: hit }], points: 1 }
)",
                    &bad));
  EXPECT_THAT(
      Lines(bad),
      ElementsAre("rubric.yaml:4:11: error: a 'loop' check needs 'through' (the concepts on the "
                  "loop), or 'through_any' (one of them)",
                  "rubric.yaml:5:68: error: unknown concept 'mis' (did you mean 'hit'?)",
                  "rubric.yaml:6:61: error: an 'or' link needs 'from' and 'sign'"));
}

TEST(RubricLoaderTest, PointsMustAddUpAndIdsBeUnique) {
  Diagnostics diagnostics;
  EXPECT_FALSE(Load(R"(lab: x
points: 10
checks:
  - { id: a, kind: stock_count, points: 3 }
  - { id: a, kind: stock_count, points: 4 }
)",
                    &diagnostics));
  EXPECT_THAT(Lines(diagnostics),
              ElementsAre("rubric.yaml:5:11: error: duplicate check id 'a'",
                          "rubric.yaml:2:9: error: 'points' says 10 but the checks add up to 3"));
}

// Issue 14 item 9: 1e308 points twice is an infinite total (the solution
// scored 0/0), and 1e100 was printed as 63 wrong digits.
TEST(RubricLoaderTest, PointsAreFiniteAboveZeroAndAtMostAThousand) {
  Diagnostics diagnostics;
  EXPECT_FALSE(Load(R"(lab: x
checks:
  - { id: a, kind: simulates, points: 1e308 }
  - { id: b, kind: simulates, points: 1e100 }
  - { id: c, kind: simulates, points: 0 }
  - { id: d, kind: simulates, points: -1 }
  - { id: e, kind: simulates, points: 1000.5 }
  - { id: f, kind: simulates, points: 1e999 }
  - { id: g, kind: simulates, points: .nan }
)",
                    &diagnostics));
  EXPECT_THAT(
      Lines(diagnostics),
      ElementsAre(
          "rubric.yaml:3:39: error: 'points' is 1e308: it must be greater than 0 and at most 1000",
          "rubric.yaml:4:39: error: 'points' is 1e100: it must be greater than 0 and at most 1000",
          "rubric.yaml:5:39: error: 'points' is 0: it must be greater than 0 and at most 1000",
          "rubric.yaml:6:39: error: 'points' is -1: it must be greater than 0 and at most 1000",
          "rubric.yaml:7:39: error: 'points' is 1000.5: it must be greater than 0 and at most 1000",
          "rubric.yaml:8:39: error: number '1e999' for 'points' is too large",
          "rubric.yaml:9:39: error: expected a number for 'points', found text '.nan'"));
}

TEST(RubricLoaderTest, PointsOfAThousandAndOfAHundredthAreAccepted) {
  Diagnostics diagnostics;
  const std::optional<Rubric> rubric = Load(R"(lab: x
points: 1000.01
checks:
  - { id: a, kind: simulates, points: 1000 }
  - { id: b, kind: simulates, points: 0.01 }
)",
                                            &diagnostics);
  ASSERT_TRUE(rubric) << ::testing::PrintToString(Lines(diagnostics));
  EXPECT_DOUBLE_EQ(rubric->total_points(), 1000.01);
}

TEST(RubricLoaderTest, RubricTotalAndAnnouncedPointsAreBounded) {
  Diagnostics diagnostics;
  EXPECT_FALSE(Load(R"(lab: x
points: 1e100
hidden: { checks: 1, points: -2 }
checks:
  - { id: a, kind: simulates, points: 1 }
)",
                    &diagnostics));
  EXPECT_THAT(Lines(diagnostics),
              ElementsAre("rubric.yaml:3:30: error: 'points' is -2: it must be from 0 to 1000000",
                          "rubric.yaml:2:9: error: 'points' is 1e100: it must be greater than 0 "
                          "and at most 1000000"));
}

TEST(RubricLoaderTest, ARangeThatExcludesZeroSaysSo) {
  Diagnostics diagnostics;
  EXPECT_FALSE(Load(R"(lab: x
concepts: { latency: [delay] }
checks:
  - { id: a, kind: behaviour, series: latency, expect: periodic, period: 0, points: 1 }
  - { id: b, kind: behaviour, series: latency, expect: periodic, period: 1e13, points: 1 }
  - { id: c, kind: behaviour, series: latency, expect: periodic, period: 60, tolerance: -1, points: 1 }
)",
                    &diagnostics));
  EXPECT_THAT(Lines(diagnostics),
              ElementsAre("rubric.yaml:4:74: error: 'period' is 0: it must be greater than 0 and "
                          "at most 1000000000000",
                          "rubric.yaml:5:74: error: 'period' is 1e13: it must be greater than 0 "
                          "and at most 1000000000000",
                          "rubric.yaml:6:89: error: 'tolerance' is -1: it must be from 0 to "
                          "1000000000000"));
}

TEST(RubricLoaderTest, MissingLabIsAnError) {
  Diagnostics diagnostics;
  EXPECT_FALSE(Load("checks: []\n", &diagnostics));
  EXPECT_THAT(
      Lines(diagnostics),
      ElementsAre("rubric.yaml:1:1: error: a rubric needs 'lab:', the id of the lab it grades"));
}

TEST(RubricLoaderTest, ScenariosPerturbAConceptInAWindow) {
  Diagnostics diagnostics;
  std::optional<Rubric> rubric = Load(R"(lab: x
concepts: { user_traffic: [user traffic], retries: [] }
scenarios:
  traffic_spike:
    title: User traffic x3 from t = 5400 s for 600 s
    scale: { concept: user_traffic, by: 3, from: 5400, for: 600 }
  other:
    add: { concept: user_traffic, amount: -500, from: 100, for: 50 }
    set: { retries: 0 }
  two:
    scale:
      - { concept: user_traffic, by: 2, for: 60 }
      - { concept: user_traffic, by: 0.5, from: 600 }
    add: { user_traffic: 10 }
  old:
    scale: { user_traffic: 5, retries: 2 }
checks: []
)",
                                      &diagnostics);
  ASSERT_TRUE(rubric.has_value()) << FormatDiagnostics(diagnostics, nullptr);
  using Kind = Scenario::Perturbation::Kind;
  const Scenario& spike = *rubric->FindScenario("traffic_spike");
  ASSERT_EQ(spike.perturbations.size(), 1u);
  EXPECT_EQ(spike.perturbations[0].concept_id, "user_traffic");
  EXPECT_EQ(spike.perturbations[0].kind, Kind::kScale);
  EXPECT_EQ(spike.perturbations[0].value, 3);
  EXPECT_EQ(spike.perturbations[0].from, 5400);
  EXPECT_EQ(spike.perturbations[0].duration, 600);
  EXPECT_EQ(spike.perturbations[0].location.line, 6);
  EXPECT_TRUE(spike.scale.empty());
  const Scenario& other = *rubric->FindScenario("other");
  ASSERT_EQ(other.perturbations.size(), 1u);
  EXPECT_EQ(other.perturbations[0].kind, Kind::kAdd);
  EXPECT_EQ(other.perturbations[0].value, -500);
  EXPECT_EQ(other.set, (std::vector<std::pair<std::string, double>>{{"retries", 0}}));
  const Scenario& two = *rubric->FindScenario("two");
  ASSERT_EQ(two.perturbations.size(), 3u);
  EXPECT_EQ(two.perturbations[0].from, std::nullopt);
  EXPECT_EQ(two.perturbations[0].duration, 60);
  EXPECT_EQ(two.perturbations[1].value, 0.5);
  EXPECT_EQ(two.perturbations[1].duration, std::nullopt);
  EXPECT_EQ(two.perturbations[2].kind, Kind::kAdd);
  EXPECT_EQ(two.perturbations[2].value, 10);
  EXPECT_EQ(two.perturbations[2].duration, std::nullopt);
  // The map form of scale stays what it was.
  const Scenario& old = *rubric->FindScenario("old");
  EXPECT_EQ(old.scale,
            (std::vector<std::pair<std::string, double>>{{"user_traffic", 5}, {"retries", 2}}));
  EXPECT_TRUE(old.perturbations.empty());
}

TEST(RubricLoaderTest, ScenarioPerturbationMistakesAreLocated) {
  Diagnostics diagnostics;
  EXPECT_FALSE(Load(R"(lab: x
concepts: { user_traffic: [user traffic] }
scenarios:
  a:
    scale: { concept: user_trafic, by: 3, from: 5400, fro: 600 }
  b:
    scale: { concept: user_traffic, from: 5400, for: 0 }
  c:
    add: { concept: user_traffic, by: 3 }
  d:
    add: [{ amount: 5 }, 7]
  e:
    scale: 3
  f:
    scale: { concept: user_traffic, by: x3, for: -1 }
checks: []
)",
                    &diagnostics));
  EXPECT_THAT(
      Lines(diagnostics),
      ElementsAre(
          "rubric.yaml:5:55: error: unknown key 'fro' (did you mean 'from'?)",
          "rubric.yaml:5:23: error: unknown concept 'user_trafic' in scenario 'a' (did you mean "
          "'user_traffic'?)",
          "rubric.yaml:7:12: error: 'scale' in scenario 'b' needs 'by:', the factor",
          "rubric.yaml:7:54: error: 'for' must be positive: the length of the window, in the "
          "model's time units",
          "rubric.yaml:9:35: error: 'add' takes 'amount:', the amount added; 'by:' is for 'scale'",
          "rubric.yaml:11:11: error: 'add' in scenario 'd' needs 'concept:', the concept whose "
          "element it changes",
          "rubric.yaml:11:26: error: expected a mapping for each item of 'add', found the number 7",
          "rubric.yaml:13:12: error: expected a mapping or a list of mappings for 'scale', found "
          "the number 3",
          "rubric.yaml:15:41: error: expected a number for 'by', found text 'x3'",
          "rubric.yaml:15:50: error: 'for' must be positive: the length of the window, in the "
          "model's time units"));
}

class RubricLayeringTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    testing::WriteFile(dir_ + "/public.yaml", R"(lab: web
title: Public
points: 3
concepts: { queue: [backlog] }
checks:
  - { id: a, kind: stock_count, min: 1, points: 1 }
  - { id: b, kind: element, concept: queue, points: 2 }
)");
  }
  std::string dir_;
};

TEST_F(RubricLayeringTest, ExtendsMergesConceptsAndReplacesChecksInPlace) {
  testing::WriteFile(dir_ + "/hidden.yaml", R"(lab: web
extends: public.yaml
title: Full
points: 8
concepts: { queue: [pending requests], load: [traffic] }
checks:
  - { id: a, kind: stock_count, min: 2, points: 3, visibility: hidden }
  - { id: c, kind: element, concept: load, points: 3, visibility: after_due_date }
)");
  Diagnostics diagnostics;
  std::optional<Rubric> rubric = LoadRubricFile(dir_ + "/hidden.yaml", diagnostics);
  ASSERT_TRUE(rubric.has_value()) << FormatDiagnostics(diagnostics, nullptr);
  EXPECT_EQ(rubric->title, "Full");
  EXPECT_EQ(rubric->total_points(), 8);
  ASSERT_EQ(rubric->checks.size(), 3u);
  EXPECT_EQ(rubric->checks[0].id, "a");
  EXPECT_EQ(rubric->checks[0].structure.min, 2);
  EXPECT_EQ(rubric->checks[0].visibility, Visibility::kHidden);
  EXPECT_EQ(rubric->checks[2].id, "c");
  EXPECT_THAT(rubric->FindConcept("queue")->aliases, ElementsAre("backlog", "pending requests"));
  EXPECT_EQ(rubric->files.size(), 2u);
}

TEST_F(RubricLayeringTest, SeveralRubricFilesLayerInOrder) {
  testing::WriteFile(dir_ + "/extra.yaml", R"(lab: web
checks:
  - { id: d, kind: simulates, points: 5 }
)");
  Diagnostics diagnostics;
  std::optional<Rubric> rubric =
      LoadRubricFiles({dir_ + "/public.yaml", dir_ + "/extra.yaml"}, diagnostics);
  ASSERT_TRUE(rubric.has_value()) << FormatDiagnostics(diagnostics, nullptr);
  EXPECT_EQ(rubric->checks.size(), 3u);
  EXPECT_EQ(rubric->total_points(), 8);
  EXPECT_EQ(rubric->title, "Public");
}

TEST_F(RubricLayeringTest, LayersMustGradeTheSameLab) {
  testing::WriteFile(dir_ + "/other.yaml", "lab: bathtub\nextends: public.yaml\n");
  Diagnostics diagnostics;
  EXPECT_FALSE(LoadRubricFile(dir_ + "/other.yaml", diagnostics).has_value());
  EXPECT_THAT(Lines(diagnostics),
              ElementsAre(dir_ + "/other.yaml:1:6: error: this rubric is for lab 'bathtub' but it "
                                 "layers over one for 'web'"));
}

TEST_F(RubricLayeringTest, ExtendsCycleIsAnError) {
  testing::WriteFile(dir_ + "/a.yaml", "lab: web\nextends: b.yaml\n");
  testing::WriteFile(dir_ + "/b.yaml", "lab: web\nextends: a.yaml\n");
  Diagnostics diagnostics;
  EXPECT_FALSE(LoadRubricFile(dir_ + "/a.yaml", diagnostics).has_value());
  EXPECT_THAT(Lines(diagnostics),
              ::testing::Contains(HasSubstr("/b.yaml:2:10: error: 'extends' forms a cycle")));
}

TEST_F(RubricLayeringTest, MissingBaseIsLocatedAtExtends) {
  testing::WriteFile(dir_ + "/lost.yaml", "lab: web\nextends: nowhere.yaml\n");
  Diagnostics diagnostics;
  EXPECT_FALSE(LoadRubricFile(dir_ + "/lost.yaml", diagnostics).has_value());
  EXPECT_THAT(Lines(diagnostics),
              ::testing::Contains(dir_ + "/lost.yaml:2:10: error: cannot read the rubric '" + dir_ +
                                  "/nowhere.yaml' this one extends"));
}

// The public layer announces what the private one adds and holds no answer
// key; the private layer gives the key for the same question and points.
TEST_F(RubricLayeringTest, PrivateLayerGivesAnswerKeysAndTheAnnouncedHiddenChecks) {
  testing::WriteFile(dir_ + "/open.yaml", R"(lab: web
points: 4
hidden: { checks: 1, points: 3 }
questions: { why: Why does it happen }
checks:
  - { id: a, kind: stock_count, min: 1, points: 1 }
  - { id: w, kind: answer, question: why, key: private, points: 3 }
)");
  testing::WriteFile(dir_ + "/private.yaml", R"(lab: web
extends: open.yaml
points: 7
checks:
  - { id: w, kind: answer, question: why, keywords: [[ttl]], points: 3 }
  - { id: h, kind: stock_count, min: 2, points: 3, visibility: hidden }
)");
  Diagnostics diagnostics;
  std::optional<Rubric> open = LoadRubricFile(dir_ + "/open.yaml", diagnostics);
  ASSERT_TRUE(open.has_value()) << FormatDiagnostics(diagnostics, nullptr);
  EXPECT_TRUE(open->FindCheck("w")->answer.key_private);
  ASSERT_TRUE(open->announced_hidden.has_value());
  EXPECT_EQ(open->announced_hidden->checks, 1);
  std::optional<Rubric> full = LoadRubricFile(dir_ + "/private.yaml", diagnostics);
  ASSERT_TRUE(full.has_value()) << FormatDiagnostics(diagnostics, nullptr);
  EXPECT_FALSE(full->FindCheck("w")->answer.key_private);
  EXPECT_THAT(full->FindCheck("w")->answer.keywords, ElementsAre(ElementsAre("ttl")));
}

TEST_F(RubricLayeringTest, PrivateLayerMustMatchWhatThePublicOneAnnounces) {
  testing::WriteFile(dir_ + "/open.yaml", R"(lab: web
hidden: { checks: 2, points: 3 }
questions: { why: Why does it happen }
checks:
  - { id: w, kind: answer, question: why, key: private, points: 3 }
)");
  testing::WriteFile(dir_ + "/private.yaml", R"(lab: web
extends: open.yaml
checks:
  - { id: w, kind: answer, question: why, keywords: [[ttl]], points: 3 }
  - { id: h, kind: stock_count, min: 2, points: 3, visibility: hidden }
)");
  testing::WriteFile(dir_ + "/repointed.yaml", R"(lab: web
extends: open.yaml
checks:
  - { id: w, kind: answer, question: why, keywords: [[ttl]], points: 5 }
)");
  Diagnostics diagnostics;
  EXPECT_FALSE(LoadRubricFile(dir_ + "/private.yaml", diagnostics).has_value());
  EXPECT_FALSE(LoadRubricFile(dir_ + "/repointed.yaml", diagnostics).has_value());
  EXPECT_THAT(Lines(diagnostics),
              ElementsAre(dir_ + "/open.yaml:2:9: error: 'hidden' announces 2 checks worth 3 "
                                 "points, but the private layer has 1 worth 3 (update `hidden:` "
                                 "so that a self-check tells students what it leaves out)",
                          dir_ + "/repointed.yaml:4:11: error: check 'w' gives the key of the "
                                 "public layer's answer check, so it must keep its kind, "
                                 "question and points (public: question 'why', 3 points)"));
}

// A link's expected sign is an answer too: the public layer says
// `sign: private`, the private layer gives the sign for the same link.
TEST_F(RubricLayeringTest, PrivateLayerGivesALinkSignForTheSameLink) {
  testing::WriteFile(dir_ + "/open.yaml", R"(lab: web
concepts: { pods: [pods], latency: [latency], queue: [queue] }
checks:
  - { id: l, kind: link, from: pods, to: latency, sign: private, points: 2 }
)");
  testing::WriteFile(dir_ + "/private.yaml", R"(lab: web
extends: open.yaml
checks:
  - { id: l, kind: link, from: pods, to: latency, sign: "-", points: 2 }
)");
  testing::WriteFile(dir_ + "/moved.yaml", R"(lab: web
extends: open.yaml
checks:
  - { id: l, kind: link, from: pods, to: queue, sign: "-", points: 2 }
)");
  Diagnostics diagnostics;
  std::optional<Rubric> open = LoadRubricFile(dir_ + "/open.yaml", diagnostics);
  ASSERT_TRUE(open.has_value()) << FormatDiagnostics(diagnostics, nullptr);
  EXPECT_TRUE(open->FindCheck("l")->loop.sign_private);
  EXPECT_EQ(open->FindCheck("l")->loop.sign, 0);
  std::optional<Rubric> full = LoadRubricFile(dir_ + "/private.yaml", diagnostics);
  ASSERT_TRUE(full.has_value()) << FormatDiagnostics(diagnostics, nullptr);
  EXPECT_FALSE(full->FindCheck("l")->loop.sign_private);
  EXPECT_EQ(full->FindCheck("l")->loop.sign, -1);
  EXPECT_FALSE(LoadRubricFile(dir_ + "/moved.yaml", diagnostics).has_value());
  EXPECT_THAT(Lines(diagnostics),
              ElementsAre(dir_ + "/moved.yaml:4:11: error: check 'l' gives the sign of the "
                                 "public layer's link check, so it must keep its kind, from, to "
                                 "and points (public: from pods to latency, 2 points)"));
}

TEST_F(RubricLayeringTest, PrivateKeyIsNotGivenInThePublicLayer) {
  testing::WriteFile(dir_ + "/open.yaml", R"(lab: web
questions: { why: Why does it happen }
checks:
  - { id: w, kind: answer, question: why, key: private, keywords: [[ttl]], points: 3 }
  - { id: v, kind: answer, question: why, key: public, points: 3 }
)");
  Diagnostics diagnostics;
  EXPECT_FALSE(LoadRubricFile(dir_ + "/open.yaml", diagnostics).has_value());
  EXPECT_THAT(Lines(diagnostics),
              ElementsAre(dir_ + "/open.yaml:4:48: error: a check with `key: private` gives its "
                                 "names, keywords and misconceptions in the private layer, not "
                                 "here",
                          dir_ + "/open.yaml:5:48: error: 'key' can only be 'private', found "
                                 "'public' (write `key: private` and give the names or keywords "
                                 "in the private layer)"));
}

}  // namespace
}  // namespace sdlab
