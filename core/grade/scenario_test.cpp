// Rubric scenarios that perturb the element bound to a concept, whatever
// the student's equation for it (core/grade/check_context.h, Run).

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "core/grade/check_context.h"
#include "grading_fixtures.h"

namespace sdlab {
namespace {

using testing::Edit;
using testing::LoadRubricOrDie;
using testing::LoadSubmissionOrDie;

constexpr const char* kRubric = R"yaml(lab: web
concepts:
  user_traffic: [user traffic]
  request_queue: [request queue]
scenarios:
  traffic_spike:
    title: User traffic x3 from t = 5400 s for 600 s
    scale: { concept: user_traffic, by: 3, from: 5400, for: 600 }
  burst:
    add: { concept: user_traffic, amount: 500, from: 100, for: 50 }
  two_spikes:
    scale:
      - { concept: user_traffic, by: 3, from: 5400, for: 600 }
      - { concept: user_traffic, by: 2, from: 6600 }
  set_then_spike:
    set: { user_traffic: 500 }
    scale: { concept: user_traffic, by: 3, from: 5400, for: 600 }
  first_minute:
    add: { concept: user_traffic, amount: -250, for: 60 }
  whole_run:
    scale: { user_traffic: 5 }
  queue_doubled:
    scale: { concept: request_queue, by: 2 }
checks:
  - { id: runs, kind: simulates, points: 1 }
)yaml";

// The user traffic (1000/s, no spike of its own) three ways.
constexpr const char* kMultiplier = R"yaml(lab: web
stock_flow:
  sim: { start: 0, stop: 7200, dt: 1 }
  stocks:
    - { name: Request Queue, initial: 0 }
  flows:
    - { name: Arrivals, to: Request Queue, equation: user_traffic }
  auxiliaries:
    - { name: User Traffic, equation: 1000 * spike_multiplier }
  constants:
    - { name: Spike Multiplier, value: 1 }
)yaml";

constexpr const char* kInlineSpike = R"yaml(lab: web
stock_flow:
  sim: { start: 0, stop: 7200, dt: 1 }
  stocks:
    - { name: Request Queue, initial: 0 }
  flows:
    - { name: Arrivals, to: Request Queue, equation: user_traffic }
  auxiliaries:
    - name: User Traffic
      equation: 1000 * (1 + spike_height * (STEP(1, spike_start) - STEP(1, spike_start + 600)))
  constants:
    - { name: Spike Height, value: 0 }
    - { name: Spike Start, value: 5400 }
)yaml";

constexpr const char* kConstant = R"yaml(lab: web
stock_flow:
  sim: { start: 0, stop: 7200, dt: 1 }
  stocks:
    - { name: Request Queue, initial: 0 }
  flows:
    - { name: Arrivals, to: Request Queue, equation: user_traffic }
  constants:
    - { name: User Traffic, value: 1000 }
)yaml";

struct Student {
  const char* name;
  const char* submission;
};

void PrintTo(const Student& student, std::ostream* out) { *out << student.name; }

class ScenarioTest : public ::testing::TestWithParam<Student> {
 protected:
  ScenarioTest()
      : rubric_(LoadRubricOrDie(kRubric)),
        submission_(LoadSubmissionOrDie(GetParam().submission)),
        context_(rubric_, submission_, GradeLimits{}) {}

  // The series of a run, or an empty one (failing the test) without it.
  static std::vector<double> Series(const ScenarioRun& run, const std::string& name) {
    EXPECT_TRUE(run.ok) << run.error;
    const int index = run.run.FindSeries(name);
    EXPECT_GE(index, 0) << "no series '" << name << "'";
    return index < 0 ? std::vector<double>{} : run.run.values[static_cast<std::size_t>(index)];
  }

  // Every row is `inside` in [from, until) and `outside` elsewhere.
  static void ExpectWindow(const std::vector<double>& series, int from, int until, double inside,
                           double outside) {
    ASSERT_EQ(series.size(), 7201u);
    for (int t = 0; t <= 7200; ++t) {
      EXPECT_EQ(series[t], t >= from && t < until ? inside : outside) << "at t = " << t;
    }
  }

  Rubric rubric_;
  Submission submission_;
  CheckContext context_;
};

TEST_P(ScenarioTest, TheSpikeIsExactlyThreeTimesTheTrafficInsideTheWindow) {
  const ScenarioRun& run = context_.Run("traffic_spike");
  EXPECT_EQ(run.changes, std::vector<std::string>{"User Traffic x 3 from t = 5400 to 6000"});
  const std::vector<double> traffic = Series(run, "User Traffic");
  ExpectWindow(traffic, 5400, 6000, 3000, 1000);
  // The edges: t = from is inside, t = from + for is not.
  EXPECT_EQ(traffic[5399], 1000);
  EXPECT_EQ(traffic[5400], 3000);
  EXPECT_EQ(traffic[5999], 3000);
  EXPECT_EQ(traffic[6000], 1000);
  ExpectWindow(Series(run, "Arrivals"), 5400, 6000, 3000, 1000);
  EXPECT_EQ(Series(run, "Request Queue").back(), 7200 * 1000 + 600 * 2000);
}

TEST_P(ScenarioTest, TheModelAsWrittenIsLeftAlone) {
  ExpectWindow(Series(context_.Run(""), "Arrivals"), 0, 0, 0, 1000);
  EXPECT_TRUE(context_.Run("").changes.empty());
}

TEST_P(ScenarioTest, AnAmountIsAddedInsideTheWindow) {
  const ScenarioRun& run = context_.Run("burst");
  EXPECT_EQ(run.changes, std::vector<std::string>{"User Traffic + 500 from t = 100 to 150"});
  ExpectWindow(Series(run, "User Traffic"), 100, 150, 1500, 1000);
}

TEST_P(ScenarioTest, AListOfEntriesAppliesEach) {
  const ScenarioRun& run = context_.Run("two_spikes");
  EXPECT_EQ(run.changes, (std::vector<std::string>{"User Traffic x 3 from t = 5400 to 6000",
                                                   "User Traffic x 2 from t = 6600"}));
  const std::vector<double> traffic = Series(run, "User Traffic");
  ASSERT_EQ(traffic.size(), 7201u);
  EXPECT_EQ(traffic[5999], 3000);
  EXPECT_EQ(traffic[6000], 1000);
  EXPECT_EQ(traffic[6599], 1000);
  EXPECT_EQ(traffic[6600], 2000);
  EXPECT_EQ(traffic[7200], 2000);
}

// `set:` gives the value the spike multiplies, whatever the element is.
TEST_P(ScenarioTest, SetAndSpikeCombine) {
  const ScenarioRun& run = context_.Run("set_then_spike");
  EXPECT_EQ(run.changes, (std::vector<std::string>{"User Traffic = 500",
                                                   "User Traffic x 3 from t = 5400 to 6000"}));
  ExpectWindow(Series(run, "User Traffic"), 5400, 6000, 1500, 500);
}

// A what-if that sets the perturbed element is spiked too.
TEST_P(ScenarioTest, AWhatIfOnTheSpikedElementIsSpikedToo) {
  const ScenarioRun run = context_.RunWith("traffic_spike", {{"user traffic", 800}});
  EXPECT_EQ(run.changes, (std::vector<std::string>{"User Traffic x 3 from t = 5400 to 6000",
                                                   "user traffic = 800"}));
  ExpectWindow(Series(run, "User Traffic"), 5400, 6000, 2400, 800);
  // The scenario's own run is not changed by it (its compiled model is cached apart).
  ExpectWindow(Series(context_.Run("traffic_spike"), "User Traffic"), 5400, 6000, 3000, 1000);
}

TEST_P(ScenarioTest, ForWithoutFromCountsFromTheRunsStart) {
  const ScenarioRun& run = context_.Run("first_minute");
  EXPECT_EQ(run.changes, std::vector<std::string>{"User Traffic - 250 from t = 0 to 60"});
  ExpectWindow(Series(run, "User Traffic"), 0, 60, 750, 1000);
}

// The map form multiplies a constant's value, as before, and scales any
// other element over the whole run.
TEST_P(ScenarioTest, TheMapFormOfScaleScalesTheWholeRun) {
  const ScenarioRun& run = context_.Run("whole_run");
  ExpectWindow(Series(run, "Arrivals"), 0, 0, 0, 5000);
  const bool constant = std::string(GetParam().name) == "Constant";
  EXPECT_EQ(run.changes, std::vector<std::string>{constant ? "User Traffic = 5000 (5 x 1000)"
                                                           : "User Traffic x 5"});
}

TEST_P(ScenarioTest, RunsAreDeterministic) {
  const ScenarioRun& cached = context_.Run("traffic_spike");
  CheckContext fresh(rubric_, submission_, GradeLimits{});
  const ScenarioRun again = fresh.RunWith("traffic_spike", {});
  ASSERT_TRUE(again.ok) << again.error;
  EXPECT_EQ(again.run.times, cached.run.times);
  EXPECT_EQ(again.run.series_names, cached.run.series_names);
  EXPECT_EQ(again.run.values, cached.run.values);
}

TEST_P(ScenarioTest, AStockIsRefused) {
  const ScenarioRun& run = context_.Run("queue_doubled");
  EXPECT_FALSE(run.ok);
  EXPECT_EQ(run.error,
            "scenario 'queue_doubled' scales request_queue, but 'Request Queue' is a stock, whose "
            "value only its flows change; perturb its inflow instead");
}

INSTANTIATE_TEST_SUITE_P(ThreeWays, ScenarioTest,
                         ::testing::Values(Student{"Multiplier", kMultiplier},
                                           Student{"InlineSpike", kInlineSpike},
                                           Student{"Constant", kConstant}),
                         [](const ::testing::TestParamInfo<Student>& param_info) {
                           return std::string(param_info.param.name);
                         });

// Through the grader: a behaviour check reads the spike, and says what the
// scenario did.
TEST(ScenarioCheckTest, ABehaviourCheckSeesTheSpikeWhateverTheEquation) {
  const std::string rubric_text =
      Edit(kRubric, "  - { id: runs, kind: simulates, points: 1 }\n",
           "  - { id: spike, kind: behaviour, scenario: traffic_spike, series: user_traffic,\n"
           "      window: [5400, 5999], expect: in_range, measure: min, range: [3000, 3000],\n"
           "      points: 1 }\n"
           "  - { id: calm, kind: behaviour, scenario: traffic_spike, series: user_traffic,\n"
           "      window: [6000, 7200], expect: in_range, measure: max, range: [1000, 1000],\n"
           "      points: 1 }\n");
  const Rubric rubric = LoadRubricOrDie(rubric_text);
  for (const char* submission : {kMultiplier, kInlineSpike, kConstant}) {
    const GradeResult result = GradeSubmission(rubric, LoadSubmissionOrDie(submission));
    ASSERT_EQ(result.checks.size(), 2u);
    for (const CheckResult& check : result.checks) {
      EXPECT_EQ(check.status, CheckStatus::kPassed) << check.id << ": " << check.message;
      EXPECT_EQ(check.details,
                "in scenario 'traffic_spike': User Traffic x 3 from t = 5400 to 6000");
    }
  }
}

// A model without the concept: the check says so to the student.
TEST(ScenarioCheckTest, AnUnboundConceptFailsTheCheckWithASentence) {
  const Rubric rubric = LoadRubricOrDie(
      Edit(kRubric, "  - { id: runs, kind: simulates, points: 1 }\n",
           "  - { id: runs, kind: simulates, scenario: traffic_spike, points: 1 }\n"));
  const std::string submission =
      Edit(Edit(kConstant, "{ name: User Traffic, value: 1000 }", "{ name: Load, value: 1000 }"),
           "equation: user_traffic", "equation: load");
  const GradeResult result = GradeSubmission(rubric, LoadSubmissionOrDie(submission));
  ASSERT_EQ(result.checks.size(), 1u);
  EXPECT_EQ(result.checks[0].status, CheckStatus::kFailed);
  EXPECT_EQ(result.checks[0].message,
            "scenario 'traffic_spike' scales user_traffic, but in the stock-and-flow model, no "
            "element matches concept 'user_traffic' (add `concept: user_traffic` to the element "
            "you mean)");
}

}  // namespace
}  // namespace sdlab
