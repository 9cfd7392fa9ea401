#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "core/load/submission.h"
#include "core/load/submission_loader.h"
#include "test_support.h"

namespace sdlab {
namespace {

std::string Lines(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.items()) out += FormatDiagnosticLine(d) + "\n";
  return out;
}

std::optional<Submission> Load(const std::string& text, Diagnostics& diagnostics) {
  SourceFile source("answer.yaml", text);
  return LoadSubmission(source, diagnostics);
}

// The diagnostics of loading `text`, which must fail.
std::string Errors(const std::string& text) {
  Diagnostics diagnostics("answer.yaml");
  std::optional<Submission> submission = Load(text, diagnostics);
  EXPECT_FALSE(submission.has_value());
  return Lines(diagnostics);
}

Submission LoadOk(const std::string& text) {
  Diagnostics diagnostics("answer.yaml");
  std::optional<Submission> submission = Load(text, diagnostics);
  EXPECT_TRUE(submission.has_value()) << Lines(diagnostics);
  return submission.value_or(Submission{});
}

// A model section around `body` (indented by the caller).
std::string Model(const std::string& body) { return "stock_flow:\n" + body; }

const char kFullExample[] = R"yaml(format: sdlab/1
lab: part-b-web-app
author: "Ada Lovelace"
stock_flow:
  sim: { start: 0, stop: 7200, dt: 0.5, method: rk4, time_units: seconds, save_interval: 2 }
  stocks:
    - name: Request Queue
      initial: 50
      max: 1000
      non_negative: false
      units: requests
      doc: waiting requests
      concept: queue
  flows:
    - name: Arrivals
      to: Request Queue
      equation: base_traffic + retries
    - name: Processing
      from: Request Queue
      equation: "MIN(request_queue / DT, capacity)"
  auxiliaries:
    - name: Latency
      equation: >-
        request_queue /
        MAX(processing, 0.001)
    - name: Retries
      equation: 0
  constants:
    - { name: Base Traffic, value: 100, units: requests/second }
    - { name: Capacity, value: "40" }
  lookups:
    - name: Latency Effect
      points: [[0, 1], [0.5, 1.2], [1, 5]]
      type: extrapolate
causal_loop:
  variables:
    - { name: Load, concept: load }
    - Latency
  links:
    - { from: Load, to: Latency, polarity: "+" }
    - { from: Latency, to: Pods, polarity: "+", delay: true, concept: scaling, doc: slow }
    - "Pods -> Latency (-)"
  loops:
    - id: R1
      name: Retry storm
      type: reinforcing
      path: [Load, Latency, Timeouts, Retries]
leverage:
  problem: Cascading failures during traffic spikes
  interventions:
    - level: 7
      action: Add a circuit breaker
      expected_impact: Breaks the retry storm
      rank: 1
      what_if:
        set: { retry_fraction: 0, capacity: 120 }
answers:
  hourly_spike_stock: Cache Entries
  hourly_spike_cause: >
    Every key is cached
    with the same TTL.
  count: 42
  unanswered:
)yaml";

TEST(LoadSubmission, AFullValidExampleLandsInEveryField) {
  Submission s = LoadOk(kFullExample);
  EXPECT_EQ(s.path, "answer.yaml");
  EXPECT_EQ(s.format, "sdlab/1");
  EXPECT_EQ(s.lab, "part-b-web-app");
  EXPECT_EQ(s.lab_location, (Location{2, 6}));
  EXPECT_EQ(s.author, "Ada Lovelace");

  const StockFlowModel& m = s.stock_flow;
  EXPECT_TRUE(m.present);
  EXPECT_EQ(m.sim.start, 0);
  EXPECT_EQ(m.sim.stop, 7200);
  EXPECT_EQ(m.sim.dt, 0.5);
  EXPECT_EQ(m.sim.method, IntegrationMethod::kRk4);
  EXPECT_EQ(m.sim.time_units, "seconds");
  EXPECT_EQ(m.sim.save_interval, 2.0);

  ASSERT_EQ(m.stocks.size(), 1u);
  const Stock& queue = m.stocks[0];
  EXPECT_EQ(queue.name, "Request Queue");
  EXPECT_EQ(queue.normalized, "request_queue");
  EXPECT_EQ(queue.location, (Location{7, 13}));
  EXPECT_EQ(queue.initial.text, "50");
  EXPECT_EQ(queue.initial.location, (Location{8, 16}));
  EXPECT_EQ(queue.max, 1000.0);
  EXPECT_EQ(queue.max_location, (Location{9, 12}));
  EXPECT_FALSE(queue.non_negative);
  EXPECT_EQ(queue.units, "requests");
  EXPECT_EQ(queue.doc, "waiting requests");
  EXPECT_EQ(queue.concept_id, "queue");
  EXPECT_EQ(queue.concept_location, (Location{13, 16}));

  ASSERT_EQ(m.flows.size(), 2u);
  EXPECT_EQ(m.flows[0].name, "Arrivals");
  EXPECT_EQ(m.flows[0].from, "");
  EXPECT_EQ(m.flows[0].to, "Request Queue");
  EXPECT_EQ(m.flows[0].to_location, (Location{16, 11}));
  EXPECT_EQ(m.flows[0].equation.text, "base_traffic + retries");
  EXPECT_EQ(m.flows[1].from, "Request Queue");
  EXPECT_EQ(m.flows[1].from_location, (Location{19, 13}));
  EXPECT_EQ(m.flows[1].to, "");
  EXPECT_EQ(m.flows[1].equation.text, "MIN(request_queue / DT, capacity)");
  EXPECT_EQ(m.flows[1].equation.location, (Location{20, 18}));  // inside the quotes

  ASSERT_EQ(m.auxiliaries.size(), 2u);
  EXPECT_EQ(m.auxiliaries[0].equation.text, "request_queue / MAX(processing, 0.001)");
  EXPECT_EQ(m.auxiliaries[1].equation.text, "0");

  ASSERT_EQ(m.constants.size(), 2u);
  EXPECT_EQ(m.constants[0].name, "Base Traffic");
  EXPECT_EQ(m.constants[0].value, 100);
  EXPECT_EQ(m.constants[0].units, "requests/second");
  EXPECT_EQ(m.constants[0].value_location, (Location{29, 36}));
  EXPECT_EQ(m.constants[1].value, 40);  // a quoted number is a number

  ASSERT_EQ(m.lookups.size(), 1u);
  EXPECT_EQ(m.lookups[0].type, LookupType::kExtrapolate);
  std::vector<std::pair<double, double>> points = {{0, 1}, {0.5, 1.2}, {1, 5}};
  EXPECT_EQ(m.lookups[0].points, points);

  const CausalLoopDiagram& cld = s.causal_loop;
  EXPECT_TRUE(cld.present);
  ASSERT_EQ(cld.variables.size(), 2u);
  EXPECT_EQ(cld.variables[0].name, "Load");
  EXPECT_EQ(cld.variables[0].concept_id, "load");
  EXPECT_EQ(cld.variables[1].name, "Latency");
  EXPECT_EQ(cld.variables[1].location, (Location{38, 7}));
  ASSERT_EQ(cld.links.size(), 3u);
  EXPECT_FALSE(cld.links[0].compact);
  EXPECT_EQ(cld.links[0].from, "Load");
  EXPECT_EQ(cld.links[0].to, "Latency");
  EXPECT_EQ(cld.links[0].polarity, "+");
  EXPECT_EQ(cld.links[0].polarity_location, (Location{40, 44}));
  EXPECT_FALSE(cld.links[0].delay);
  EXPECT_TRUE(cld.links[1].delay);
  EXPECT_EQ(cld.links[1].concept_id, "scaling");
  EXPECT_EQ(cld.links[1].doc, "slow");
  EXPECT_TRUE(cld.links[2].compact);
  EXPECT_EQ(cld.links[2].compact_text, "Pods -> Latency (-)");
  EXPECT_EQ(cld.links[2].location, (Location{42, 7}));
  ASSERT_EQ(cld.loops.size(), 1u);
  EXPECT_EQ(cld.loops[0].id, "R1");
  EXPECT_EQ(cld.loops[0].name, "Retry storm");
  EXPECT_EQ(cld.loops[0].type, "reinforcing");
  ASSERT_EQ(cld.loops[0].path.size(), 4u);
  EXPECT_EQ(cld.loops[0].path[3].first, "Retries");
  EXPECT_EQ(cld.loops[0].path[3].second, (Location{47, 39}));

  const LeverageAnalysis& leverage = s.leverage;
  EXPECT_TRUE(leverage.present);
  EXPECT_EQ(leverage.problem, "Cascading failures during traffic spikes");
  ASSERT_EQ(leverage.interventions.size(), 1u);
  const Intervention& breaker = leverage.interventions[0];
  EXPECT_EQ(breaker.level, 7);
  EXPECT_EQ(breaker.level_location, (Location{51, 14}));
  EXPECT_EQ(breaker.action, "Add a circuit breaker");
  EXPECT_EQ(breaker.expected_impact, "Breaks the retry storm");
  EXPECT_EQ(breaker.rank, 1);
  std::vector<std::pair<std::string, double>> set = {{"retry_fraction", 0}, {"capacity", 120}};
  EXPECT_EQ(breaker.what_if_set, set);
  ASSERT_EQ(breaker.what_if_locations.size(), 2u);
  EXPECT_EQ(breaker.what_if_locations[1], (Location{56, 35}));

  const Answers& answers = s.answers;
  EXPECT_TRUE(answers.present);
  ASSERT_EQ(answers.items.size(), 4u);
  EXPECT_EQ(answers.Find("hourly_spike_stock")->text, "Cache Entries");
  EXPECT_EQ(answers.Find("hourly_spike_cause")->text, "Every key is cached with the same TTL.\n");
  EXPECT_EQ(answers.Find("count")->text, "42");
  EXPECT_EQ(answers.Find("unanswered")->text, "");
  EXPECT_EQ(answers.Find("unanswered")->location, (Location{63, 3}));
}

TEST(LoadSubmission, EquationOffsetsMapIntoTheFile) {
  Submission s = LoadOk(kFullExample);
  // Plain: "base_traffic + retries", byte 15 is 'r' of retries.
  const EquationText& plain = s.stock_flow.flows[0].equation;
  ASSERT_EQ(plain.offsets.size(), plain.text.size() + 1);
  EXPECT_EQ(plain.At(15), (Location{17, 32}));
  // Double-quoted: byte 4 is 'r' of request_queue, after the quote.
  EXPECT_EQ(s.stock_flow.flows[1].equation.At(4), (Location{20, 22}));
  // Folded block: byte 16 is 'M' of MAX on the second line of the block.
  const EquationText& folded = s.stock_flow.auxiliaries[0].equation;
  EXPECT_EQ(folded.text.substr(16, 3), "MAX");
  EXPECT_EQ(folded.At(16), (Location{25, 9}));
  // Past the end clamps to one past the last byte.
  EXPECT_EQ(plain.At(1000), plain.At(plain.text.size()));
}

TEST(LoadSubmission, LiteralBlockEquationOffsets) {
  Submission s =
      LoadOk(Model("  auxiliaries:\n"
                   "    - name: a\n"
                   "      equation: |\n"
                   "        1 +\n"
                   "          2\n"));
  const EquationText& equation = s.stock_flow.auxiliaries[0].equation;
  EXPECT_EQ(equation.text, "1 +\n  2\n");
  EXPECT_EQ(equation.At(0), (Location{5, 9}));
  EXPECT_EQ(equation.At(6), (Location{6, 11}));
}

TEST(LoadSubmission, DefaultsForAMinimalModel) {
  Submission s = LoadOk(Model("  stocks:\n    - { name: S, initial: 1 }\n"));
  EXPECT_EQ(s.stock_flow.sim.start, 0);
  EXPECT_EQ(s.stock_flow.sim.stop, 100);
  EXPECT_EQ(s.stock_flow.sim.dt, 1);
  EXPECT_EQ(s.stock_flow.sim.method, IntegrationMethod::kEuler);
  EXPECT_FALSE(s.stock_flow.sim.save_interval.has_value());
  EXPECT_TRUE(s.stock_flow.stocks[0].non_negative);
  EXPECT_FALSE(s.stock_flow.stocks[0].max.has_value());
  EXPECT_EQ(s.stock_flow.lookups.size(), 0u);
  EXPECT_FALSE(s.causal_loop.present);
}

TEST(LoadSubmission, EmptySectionsAndListsAreAbsent) {
  Submission s = LoadOk("lab: x\nstock_flow:\ncausal_loop:\nanswers:\n");
  EXPECT_FALSE(s.stock_flow.present);
  EXPECT_FALSE(s.causal_loop.present);
  EXPECT_FALSE(s.answers.present);
  Submission t = LoadOk(Model("  stocks:\n  flows: []\n"));
  EXPECT_TRUE(t.stock_flow.present);
  EXPECT_TRUE(t.stock_flow.stocks.empty());
}

// ---- the diagnostics of issue §3, pinned ----

TEST(LoadSubmission, UnknownKeysSuggestTheClosestKnownKey) {
  EXPECT_EQ(Errors("lab: x\nstock_flow:\n  stok: []\n"),
            "answer.yaml:3:3: error: unknown key 'stok' (did you mean 'stocks'?)\n");
  EXPECT_EQ(Errors("lab: x\nauthr: me\n"),
            "answer.yaml:2:1: error: unknown key 'authr' (did you mean 'author'?)\n");
  EXPECT_EQ(Errors(Model("  stocks:\n    - { name: S, initial: 1, colour: red }\n")),
            "answer.yaml:3:30: error: unknown key 'colour' (expected name, initial, max, "
            "non_negative, units, doc or concept)\n");
}

TEST(LoadSubmission, LongStudentTextIsCutInMessages) {
  std::string key(1000, 'k');
  EXPECT_EQ(Errors("lab: x\n" + key + ": 1\n"),
            "answer.yaml:2:1: error: unknown key '" + std::string(60, 'k') +
                "...' (expected format, lab, author, stock_flow, causal_loop, leverage or "
                "answers)\n");
}

TEST(LoadSubmission, UnknownKeysInEverySection) {
  EXPECT_EQ(Errors("causal_loop:\n  link: []\nleverage:\n  interventions:\n"
                   "    - { level: 3, action: a, rank: 1, impact: x }\n"),
            "answer.yaml:2:3: error: unknown key 'link' (did you mean 'links'?)\n"
            "answer.yaml:5:39: error: unknown key 'impact' (expected level, action, "
            "expected_impact, rank or what_if)\n");
}

TEST(LoadSubmission, WrongTypes) {
  EXPECT_EQ(Errors(Model("  sim: { dt: [1] }\n")),
            "answer.yaml:2:14: error: expected a number for 'dt', found a list\n");
  EXPECT_EQ(Errors(Model("  sim: { stop: fast }\n")),
            "answer.yaml:2:16: error: expected a number for 'stop', found text 'fast'\n");
  EXPECT_EQ(Errors(Model("  stocks: { name: S }\n")),
            "answer.yaml:2:11: error: expected a list for 'stocks', found a mapping\n");
  EXPECT_EQ(Errors(Model("  stocks:\n    - S\n")),
            "answer.yaml:3:7: error: expected a mapping for each item of 'stocks', found text "
            "'S'\n");
  EXPECT_EQ(Errors(Model("  stocks:\n    - { name: S, initial: 1, non_negative: yes }\n")),
            "answer.yaml:3:44: error: expected true or false for 'non_negative', found text "
            "'yes'\n");
  EXPECT_EQ(Errors(Model("  constants:\n    - { name: c, value: 1 + 2 }\n")),
            "answer.yaml:3:25: error: expected a number for 'value', found text '1 + 2'\n");
  EXPECT_EQ(Errors(Model("  constants:\n    - { name: c, value: 1e999 }\n")),
            "answer.yaml:3:25: error: number '1e999' for 'value' is too large\n");
  EXPECT_EQ(Errors("stock_flow: [a]\n"),
            "answer.yaml:1:13: error: expected a mapping for 'stock_flow', found a list\n");
  EXPECT_EQ(Errors("- a\n"),
            "answer.yaml:1:1: error: expected a mapping for the submission, found a list\n");
  EXPECT_EQ(Errors("answers:\n  q1: [a, b]\n"),
            "answer.yaml:2:7: error: expected text for answer 'q1', found a list\n");
}

TEST(LoadSubmission, MissingAndEmptyRequiredFields) {
  EXPECT_EQ(Errors(Model("  stocks:\n    - initial: 1\n")),
            "answer.yaml:3:7: error: this stock has no 'name'\n");
  EXPECT_EQ(Errors(Model("  flows:\n    - name: f\n")),
            "answer.yaml:3:7: error: flow 'f' has no 'equation'\n"
            "answer.yaml:3:13: warning: flow 'f' has neither 'from' nor 'to': it changes no "
            "stock\n");
  EXPECT_EQ(Errors(Model("  auxiliaries:\n    - name: a\n      equation:\n")),
            "answer.yaml:4:7: error: expected an equation for 'equation', found an empty "
            "value\n");
  EXPECT_EQ(Errors(Model("  auxiliaries:\n    - name: a\n      equation: \"  \"\n")),
            "answer.yaml:4:17: error: expected an equation for 'equation', found text '  '\n");
  EXPECT_EQ(
      Errors(Model("  stocks:\n    - { name: S, initial: true }\n")),
      "answer.yaml:3:27: error: expected a number or an equation for 'initial', found true\n");
  EXPECT_EQ(Errors(Model("  stocks:\n    - { name: '', initial: 1 }\n")),
            "answer.yaml:3:15: error: a name must not be empty\n");
  EXPECT_EQ(Errors(Model("  constants:\n    - { name: c }\n")),
            "answer.yaml:3:7: error: constant 'c' has no 'value'\n");
  EXPECT_EQ(Errors(""),
            "answer.yaml:1:1: error: the submission is empty (expected a mapping with keys such "
            "as 'lab' and 'stock_flow')\n");
}

TEST(LoadSubmission, FormatMustBeVersionOne) {
  EXPECT_EQ(Errors("format: sdlab/2\n"),
            "answer.yaml:1:9: error: format 'sdlab/2' is not supported: this sdlab reads format "
            "sdlab/1\n");
  LoadOk("format: sdlab/1\n");
}

TEST(LoadSubmission, SimSpecChecks) {
  EXPECT_EQ(Errors(Model("  sim: { start: 10, stop: 5, dt: 0 }\n")),
            "answer.yaml:2:27: error: 'stop' (5) must be greater than 'start' (10)\n"
            "answer.yaml:2:34: error: expected a number greater than 0 for 'dt', found the "
            "number 0\n");
  EXPECT_EQ(Errors(Model("  sim: { method: rk5 }\n")),
            "answer.yaml:2:18: error: unknown method 'rk5'; expected euler, rk2 or rk4 (did you "
            "mean 'rk2'?)\n");
  EXPECT_EQ(Errors(Model("  sim: { method: runge-kutta }\n")),
            "answer.yaml:2:18: error: unknown method 'runge-kutta'; expected euler, rk2 or rk4\n");
  LoadOk(Model("  sim: { method: RK4 }\n"));
  EXPECT_EQ(Errors(Model("  sim: { dt: 0.2, save_interval: 0.3 }\n")),
            "answer.yaml:2:34: error: 'save_interval' (0.3) must be a whole multiple of 'dt' "
            "(0.2)\n");
  EXPECT_EQ(LoadOk(Model("  sim: { dt: 0.1, save_interval: 0.3 }\n")).stock_flow.sim.save_interval,
            0.3);
}

TEST(LoadSubmission, DuplicateNamesPointAtTheSecond) {
  EXPECT_EQ(Errors(Model("  stocks:\n    - { name: Queue, initial: 1 }\n"
                         "  constants:\n    - { name: Queue, value: 2 }\n")),
            "answer.yaml:5:15: error: duplicate name 'Queue' (first used by the stock on line "
            "3)\n");
}

TEST(LoadSubmission, NamesThatDifferOnlyByCaseOrUnderscoreAreTheSameName) {
  EXPECT_EQ(Errors(Model("  stocks:\n    - { name: Request Queue, initial: 1 }\n"
                         "  auxiliaries:\n    - { name: request_queue, equation: 1 }\n")),
            "answer.yaml:5:15: error: name 'request_queue' differs from 'Request Queue' (line 3) "
            "only by case/spaces/underscores; names are compared that way\n");
}

TEST(LoadSubmission, TheSecondInFileOrderIsReported) {
  // The auxiliary comes first in the file, so the stock is the duplicate.
  EXPECT_EQ(Errors(Model("  auxiliaries:\n    - { name: x, equation: 1 }\n"
                         "  stocks:\n    - { name: X, initial: 1 }\n")),
            "answer.yaml:5:15: error: name 'X' differs from 'x' (line 3) only by "
            "case/spaces/underscores; names are compared that way\n");
}

TEST(LoadSubmission, BuiltinNamesAreReserved) {
  EXPECT_EQ(Errors(Model("  auxiliaries:\n    - { name: Time, equation: 1 }\n")),
            "answer.yaml:3:15: error: 'Time' is a builtin name in equations (TIME) (choose "
            "another name)\n");
  EXPECT_EQ(Errors(Model("  constants:\n    - { name: DT, value: 1 }\n")),
            "answer.yaml:3:15: error: 'DT' is a builtin name in equations (DT) (choose another "
            "name)\n");
  EXPECT_EQ(Errors(Model("  auxiliaries:\n    - { name: Not, equation: 1 }\n")),
            "answer.yaml:3:15: error: 'Not' is a keyword in equations (NOT) (choose another "
            "name)\n");
  // A builtin function's name is fine for a variable: `delay` without
  // parentheses can only mean the variable.
  LoadOk(Model("  auxiliaries:\n    - { name: Delay, equation: 1 }\n"));
}

TEST(LoadSubmission, ALookupNamedLikeABuiltinFunctionIsAWarning) {
  Diagnostics diagnostics("answer.yaml");
  EXPECT_TRUE(
      Load(Model("  lookups:\n    - { name: Step, points: [[0, 0], [1, 1]] }\n"), diagnostics));
  EXPECT_EQ(Lines(diagnostics),
            "answer.yaml:3:15: warning: lookup 'Step' has the name of the builtin function STEP, "
            "which calls by that name reach (rename the lookup)\n");
}

TEST(LoadSubmission, FlowEndsMustNameStocks) {
  std::string stocks = "  stocks:\n    - { name: Request Queue, initial: 0 }\n";
  EXPECT_EQ(Errors(Model(stocks + "  flows:\n    - { name: f, to: Request Queu, equation: 1 }\n")),
            "answer.yaml:5:22: error: flow 'f' goes to 'Request Queu', which is not a stock in "
            "this model (did you mean 'Request Queue'?)\n");
  EXPECT_EQ(Errors(Model(stocks + "  flows:\n    - { name: f, from: Nowhere, equation: 1 }\n")),
            "answer.yaml:5:24: error: flow 'f' comes from 'Nowhere', which is not a stock in this "
            "model\n");
  EXPECT_EQ(
      Errors(Model(stocks + "  flows:\n    - { name: f, to: g, equation: 1 }\n"
                            "    - { name: g, to: request_queue, equation: 1 }\n")),
      "answer.yaml:5:22: error: flow 'f' goes to 'g', which is a flow, not a stock ('to' must "
      "name a stock)\n");
  EXPECT_EQ(Errors(Model(stocks + "  flows:\n    - { name: f, from: Request Queue, "
                                  "to: request_queue, equation: 1 }\n")),
            "answer.yaml:5:43: error: flow 'f' goes from 'Request Queue' back to the same stock "
            "(a flow connects two different stocks, or a stock and a cloud)\n");
}

TEST(LoadSubmission, ACloudToCloudFlowIsAWarning) {
  Diagnostics diagnostics("answer.yaml");
  EXPECT_TRUE(Load(Model("  flows:\n    - { name: f, equation: 1 }\n"), diagnostics));
  EXPECT_EQ(Lines(diagnostics),
            "answer.yaml:3:15: warning: flow 'f' has neither 'from' nor 'to': it changes no "
            "stock\n");
}

TEST(LoadSubmission, LookupPoints) {
  auto lookup = [](const std::string& points) {
    return Model("  lookups:\n    - name: e\n      points: " + points + "\n");
  };
  EXPECT_EQ(Errors(lookup("[[0, 1], [1, 2], [1, 3]]")),
            "answer.yaml:4:33: error: x values must increase strictly: point 3 has x = 1 after x "
            "= 1\n");
  EXPECT_EQ(Errors(lookup("[[0, 1]]")),
            "answer.yaml:4:15: error: lookup 'e' needs at least 2 points, found 1\n");
  EXPECT_EQ(Errors(lookup("[[0, 1], [1, 2, 3]]")),
            "answer.yaml:4:24: error: expected an [x, y] pair for point 2 of 'points', found a "
            "list of 3 values\n");
  EXPECT_EQ(Errors(lookup("[[0, 1], [a, 2]]")),
            "answer.yaml:4:25: error: expected a number for x of point 2 of 'points', found text "
            "'a'\n");
  EXPECT_EQ(Errors(Model("  lookups:\n    - { name: e, points: [[0, 1], [1, 2]], type: step }\n")),
            "answer.yaml:3:50: error: unknown lookup type 'step'; expected continuous, "
            "extrapolate or discrete\n");
}

TEST(LoadSubmission, LeverageLevelsAndRanks) {
  auto intervention = [](const std::string& fields) {
    return "leverage:\n  interventions:\n    - { " + fields + " }\n";
  };
  EXPECT_EQ(Errors(intervention("level: 13, action: a")),
            "answer.yaml:3:16: error: expected a whole number from 1 to 12 for 'level', found "
            "the number 13\n");
  EXPECT_EQ(Errors(intervention("level: 2.5, action: a")),
            "answer.yaml:3:16: error: expected a whole number from 1 to 12 for 'level', found "
            "the number 2.5\n");
  EXPECT_EQ(Errors(intervention("level: 3, action: a, rank: 0")),
            "answer.yaml:3:36: error: expected a positive whole number for 'rank', found the "
            "number 0\n");
  EXPECT_EQ(Errors(intervention("action: a")),
            "answer.yaml:3:7: error: this intervention has no 'level'\n");
  EXPECT_EQ(Errors(intervention("level: 3, action: a, what_if: { set: { x: high } }")),
            "answer.yaml:3:51: error: expected a number for 'x', found text 'high'\n");
}

TEST(LoadSubmission, CausalLoopTypes) {
  EXPECT_EQ(Errors("causal_loop:\n  links:\n    - { from: A, polarity: + }\n"),
            "answer.yaml:3:7: error: this link has no 'to'\n");
  EXPECT_EQ(Errors("causal_loop:\n  loops:\n    - { id: R1, path: A }\n"),
            "answer.yaml:3:23: error: expected a list for 'path', found text 'A'\n");
}

TEST(LoadSubmission, YamlErrorsAndSchemaErrorsAreReportedTogether) {
  EXPECT_EQ(Errors("lab: a\nlab: b\nstok: 1\n"),
            "answer.yaml:2:1: error: duplicate key 'lab' (first on line 1)\n"
            "answer.yaml:3:1: error: unknown key 'stok' (expected format, lab, author, "
            "stock_flow, causal_loop, leverage or answers)\n");
}

TEST(LoadSubmission, AnAliasIsReportedWithoutFollowOnErrors) {
  EXPECT_EQ(Errors(Model("  constants:\n    - { name: a, value: &v 1 }\n"
                         "    - { name: b, value: *v }\n")),
            "answer.yaml:3:25: error: anchor '&v' is not supported (write the value out in "
            "full)\n"
            "answer.yaml:4:25: error: alias '*v' is not supported (write the value out in full)\n");
}

TEST(LoadSubmission, ErrorsComeInFileOrder) {
  // Unknown keys are found before the values, names after all elements.
  EXPECT_EQ(Errors(Model("  sim: { dt: x }\n"
                         "  stocks:\n"
                         "    - { name: a, initial: 1 }\n"
                         "    - { name: A, initial: 1, mx: 3 }\n"
                         "  stok: []\n")),
            "answer.yaml:2:14: error: expected a number for 'dt', found text 'x'\n"
            "answer.yaml:5:15: error: name 'A' differs from 'a' (line 4) only by "
            "case/spaces/underscores; names are compared that way\n"
            "answer.yaml:5:30: error: unknown key 'mx' (did you mean 'max'?)\n"
            "answer.yaml:6:3: error: unknown key 'stok' (did you mean 'stocks'?)\n");
}

TEST(LoadSubmission, AllErrorsOfTheFileAreReportedUpToTheCap) {
  std::string text = "stock_flow:\n  constants:\n";
  for (int i = 0; i < 60; ++i) text += "    - { name: c" + std::to_string(i) + ", value: x }\n";
  Diagnostics diagnostics("answer.yaml");
  EXPECT_FALSE(Load(text, diagnostics));
  EXPECT_EQ(diagnostics.error_count(), 60u);
  EXPECT_EQ(diagnostics.items().size(), 50u);
}

TEST(LoadSubmissionFile, ReportsAnUnreadableFile) {
  Diagnostics diagnostics("x.yaml");
  EXPECT_FALSE(LoadSubmissionFile("x.yaml", diagnostics));
  EXPECT_EQ(Lines(diagnostics), "x.yaml: error: cannot read 'x.yaml': No such file or directory\n");
}

TEST(LoadSubmissionFile, LoadsTheBundledSampleAndKeepsTheSource) {
  std::string path = testing::SourceDir() + "/tests/data/loader/valid.yaml";
  Diagnostics diagnostics(path);
  SourceFile source;
  std::optional<Submission> submission = LoadSubmissionFile(path, diagnostics, &source);
  ASSERT_TRUE(submission.has_value()) << Lines(diagnostics);
  EXPECT_EQ(source.path(), path);
  EXPECT_EQ(submission->stock_flow.stocks.size(), 1u);
}

}  // namespace
}  // namespace sdlab

namespace sdlab {
namespace {

TEST(LoadSubmission, LoadsTheSharedBenchmarkDiagrams) {
  for (const char* name : {"random-cld-60-150-seed1.yaml", "random-cld-60-150-seed3.yaml"}) {
    std::string path = testing::SharedDir() + "/bench/" + name;
    if (!std::ifstream(path))
      GTEST_SKIP() << "no " << path << " (../shared is not beside the repo)";
    Diagnostics diagnostics(path);
    std::optional<Submission> submission = LoadSubmissionFile(path, diagnostics);
    ASSERT_TRUE(submission.has_value()) << Lines(diagnostics);
    EXPECT_EQ(submission->causal_loop.links.size(), 150u);
    EXPECT_TRUE(submission->causal_loop.links[0].compact);
  }
}

}  // namespace
}  // namespace sdlab
