#include <cmath>

#include <gtest/gtest.h>

#include "core/engine/model.h"
#include "core/engine/simulator.h"
#include "model_builder.h"

namespace sdlab {
namespace {

using testing::ModelBuilder;
using testing::Series;
using testing::SimulateOrFail;

StockFlowModel Decay(double dt, IntegrationMethod method) {
  return ModelBuilder()
      .Sim(0, 10, dt, method)
      .Stock("Level", "100")
      .Flow("Drain", "k * level", "Level", "")
      .Constant("k", 0.5)
      .Build();
}

double MaxDecayError(double dt, IntegrationMethod method) {
  sdlab::Run run = SimulateOrFail(Decay(dt, method));
  std::vector<double> level = Series(run, "Level");
  double worst = 0;
  for (std::size_t i = 0; i < run.times.size(); ++i) {
    worst = std::max(worst, std::fabs(level[i] - 100 * std::exp(-0.5 * run.times[i])));
  }
  return worst;
}

TEST(SimulatorTest, EulerErrorOnExponentialDecayHalvesWithDt) {
  double coarse = MaxDecayError(0.1, IntegrationMethod::kEuler);
  double fine = MaxDecayError(0.05, IntegrationMethod::kEuler);
  double finer = MaxDecayError(0.025, IntegrationMethod::kEuler);
  EXPECT_GT(coarse, 1e-3);
  EXPECT_NEAR(coarse / fine, 2.0, 0.1);
  EXPECT_NEAR(fine / finer, 2.0, 0.05);
}

TEST(SimulatorTest, Rk4OnExponentialDecayIsAccurateTo1e8AtDtOneHundredth) {
  EXPECT_LE(MaxDecayError(0.01, IntegrationMethod::kRk4), 1e-8);
}

TEST(SimulatorTest, Rk2ErrorFallsQuadraticallyWithDt) {
  double coarse = MaxDecayError(0.1, IntegrationMethod::kRk2);
  double fine = MaxDecayError(0.05, IntegrationMethod::kRk2);
  EXPECT_NEAR(coarse / fine, 4.0, 0.2);
}

TEST(SimulatorTest, LogisticGrowthMatchesTheClosedForm) {
  // dP/dt = r P (1 - P/K), P(0) = 10: P(t) = K / (1 + (K/P0 - 1) e^(-rt)).
  StockFlowModel model =
      ModelBuilder()
          .Sim(0, 30, 0.01, IntegrationMethod::kRk4)
          .Stock("Population", "10")
          .Flow("Births", "r * Population * (1 - Population / K)", "", "Population")
          .Constant("r", 0.4)
          .Constant("K", 1000)
          .Build();
  sdlab::Run run = SimulateOrFail(model);
  std::vector<double> population = Series(run, "Population");
  ASSERT_EQ(run.times.size(), 3001u);
  for (std::size_t i = 0; i < run.times.size(); i += 100) {
    double expected = 1000 / (1 + (1000.0 / 10 - 1) * std::exp(-0.4 * run.times[i]));
    EXPECT_NEAR(population[i], expected, 1e-7) << "t=" << run.times[i];
  }
}

TEST(SimulatorTest, BathtubConservesMassTo1e9) {
  // Water moves between two tubs and leaves through a drain; what entered
  // minus what left must equal what is inside, at every row.
  for (IntegrationMethod method :
       {IntegrationMethod::kEuler, IntegrationMethod::kRk2, IntegrationMethod::kRk4}) {
    StockFlowModel model = ModelBuilder()
                               .Sim(0, 50, 0.125, method)
                               .Stock("Upper", "40")
                               .Stock("Lower", "10")
                               .Stock("Drained", "0")
                               .Flow("Tap", "3 + SIN(TIME / 3)", "", "Upper")
                               .Flow("Spill", "Upper / 4", "Upper", "Lower")
                               .Flow("Drain", "Lower / 7", "Lower", "Drained")
                               .Stock("Poured", "0")
                               .Flow("Pouring", "Tap", "", "Poured")
                               .Build();
    sdlab::Run run = SimulateOrFail(model);
    std::vector<double> upper = Series(run, "Upper"), lower = Series(run, "Lower"),
                        drained = Series(run, "Drained"), poured = Series(run, "Poured");
    ASSERT_EQ(run.times.size(), 401u);
    for (std::size_t i = 0; i < run.times.size(); ++i) {
      EXPECT_NEAR(upper[i] + lower[i] + drained[i], 50 + poured[i], 1e-9) << "row " << i;
    }
  }
}

TEST(SimulatorTest, RowTimesAreComputedNotAccumulated) {
  sdlab::Run run = SimulateOrFail(ModelBuilder().Sim(0, 1, 0.1).Stock("S", "0").Build());
  ASSERT_EQ(run.times.size(), 11u);
  for (int n = 0; n <= 10; ++n) EXPECT_EQ(run.times[static_cast<std::size_t>(n)], 0 + n * 0.1);
}

TEST(SimulatorTest, StepCountIsRoundedNearAWholeNumberAndFlooredOtherwise) {
  sdlab::Run whole = SimulateOrFail(ModelBuilder().Sim(0, 0.3, 0.1).Stock("S", "0").Build());
  EXPECT_EQ(whole.times.size(), 4u);  // 0.3 / 0.1 = 2.9999999999999996 -> 3
  sdlab::Run partial = SimulateOrFail(ModelBuilder().Sim(0, 1, 0.3).Stock("S", "0").Build());
  EXPECT_EQ(partial.times.size(), 4u);  // 3.33 -> 3: rows 0, 0.3, 0.6, 0.9
  EXPECT_DOUBLE_EQ(partial.times.back(), 0.9);
}

TEST(SimulatorTest, SaveIntervalKeepsEveryNthStep) {
  StockFlowModel model = ModelBuilder()
                             .Sim(0, 10, 0.5)
                             .SaveInterval(2)
                             .Stock("S", "0")
                             .Flow("In", "1", "", "S")
                             .Build();
  sdlab::Run run = SimulateOrFail(model);
  EXPECT_EQ(run.times, (std::vector<double>{0, 2, 4, 6, 8, 10}));
  EXPECT_EQ(Series(run, "S"), (std::vector<double>{0, 2, 4, 6, 8, 10}));
  SimulationOptions options;
  options.save_every = 5;
  sdlab::Run every_fifth = SimulateOrFail(model, options);
  EXPECT_EQ(every_fifth.times, (std::vector<double>{0, 2.5, 5, 7.5, 10}));
}

TEST(SimulatorTest, EveryVariableIsSavedOnlyWhenAsked) {
  StockFlowModel model = ModelBuilder()
                             .Sim(0, 2, 1)
                             .Stock("S", "0")
                             .Constant("rate", 3)
                             .Flow("In", "rate", "", "S")
                             .Build();
  sdlab::Run all = SimulateOrFail(model);
  ASSERT_EQ(all.values_by_variable.size(), 3u);  // S, rate, In
  SimulationOptions options;
  options.save_all_variables = false;
  sdlab::Run series_only = SimulateOrFail(model, options);
  EXPECT_TRUE(series_only.values_by_variable.empty());
  EXPECT_EQ(series_only.times, all.times);
  EXPECT_EQ(series_only.values, all.values);
  EXPECT_EQ(Series(series_only, "S"), (std::vector<double>{0, 3, 6}));
}

TEST(SimulatorTest, NonNegativeStockCutsOutflowsInPriorityOrder) {
  // 10 units, 2 coming in per step; "First" asks 8, "Second" asks 8: First
  // gets its 8, Second what is left (4), and the stock ends at 0.
  StockFlowModel model = ModelBuilder()
                             .Sim(0, 2, 1)
                             .Stock("Tank", "10")
                             .Flow("Refill", "2", "", "Tank")
                             .Flow("First", "8", "Tank", "")
                             .Flow("Second", "8", "Tank", "")
                             .Build();
  sdlab::Run run = SimulateOrFail(model);
  EXPECT_EQ(Series(run, "First"), (std::vector<double>{8, 2, 2}));
  EXPECT_EQ(Series(run, "Second"), (std::vector<double>{4, 0, 0}));
  EXPECT_EQ(Series(run, "Tank"), (std::vector<double>{10, 0, 0}));
}

TEST(SimulatorTest, CutThatStarvesAnotherStocksInflowIsPropagated) {
  // Listed first, Buffer sees Transfer's uncut 10 at first; once Source cuts
  // Transfer to 5, Buffer's Drain must be cut to 5 too.
  StockFlowModel model = ModelBuilder()
                             .Sim(0, 1, 1)
                             .Stock("Buffer", "0")
                             .Stock("Source", "5")
                             .Flow("Transfer", "10", "Source", "Buffer")
                             .Flow("Drain", "8", "Buffer", "")
                             .Build();
  sdlab::Run run = SimulateOrFail(model);
  EXPECT_EQ(Series(run, "Transfer"), (std::vector<double>{5, 0}));
  EXPECT_EQ(Series(run, "Drain"), (std::vector<double>{5, 0}));
  EXPECT_EQ(Series(run, "Buffer"), (std::vector<double>{0, 0}));
  EXPECT_EQ(Series(run, "Source"), (std::vector<double>{5, 0}));
}

TEST(SimulatorTest, RungeKuttaStepsRespectCapacityAndNonNegativity) {
  for (IntegrationMethod method : {IntegrationMethod::kRk2, IntegrationMethod::kRk4}) {
    StockFlowModel model = ModelBuilder()
                               .Sim(0, 20, 0.5, method)
                               .Stock("Tank", "1", 10.0)
                               .Flow("Fill", "3 + SIN(TIME)", "", "Tank")
                               .Stock("Pool", "4")
                               .Flow("Pump", "2 + Pool / 10", "Pool", "")
                               .Build();
    sdlab::Run run = SimulateOrFail(model);
    for (double tank : Series(run, "Tank")) EXPECT_LE(tank, 10);
    for (double pool : Series(run, "Pool")) EXPECT_GE(pool, 0);
    EXPECT_NEAR(Series(run, "Tank").back(), 10, 1e-9);
    EXPECT_NEAR(Series(run, "Pool").back(), 0, 1e-9);
    EXPECT_GT(Series(run, "Tank overflow").back(), 0);
  }
}

TEST(SimulatorTest, StockThatMayGoNegativeIsNotCut) {
  StockFlowModel model = ModelBuilder()
                             .Sim(0, 2, 1)
                             .Stock("Account", "5", std::nullopt, /*non_negative=*/false)
                             .Flow("Spend", "8", "Account", "")
                             .Build();
  sdlab::Run run = SimulateOrFail(model);
  EXPECT_EQ(Series(run, "Account"), (std::vector<double>{5, -3, -11}));
  EXPECT_EQ(Series(run, "Spend"), (std::vector<double>{8, 8, 8}));
}

TEST(SimulatorTest, CapacityDiscardsInflowAndReportsOverflow) {
  StockFlowModel model = ModelBuilder()
                             .Sim(0, 4, 1)
                             .Stock("Queue", "5", 12.0)
                             .Flow("Arrivals", "4", "", "Queue")
                             .Flow("Served", "1", "Queue", "")
                             .Build();
  sdlab::Run run = SimulateOrFail(model);
  EXPECT_EQ(Series(run, "Queue"), (std::vector<double>{5, 8, 11, 12, 12}));
  EXPECT_EQ(Series(run, "Queue overflow"), (std::vector<double>{0, 0, 2, 3, 3}));
  EXPECT_EQ(run.series_names.back(), "Queue overflow");
  EXPECT_EQ(run.series_variables.back(), -1);
}

TEST(SimulatorTest, RequestPipelineQueueFillsAbout16SecondsAfterTheSlowdown) {
  // The course's pipeline: 100 requests/s arrive; the service handles 100/s
  // until the database slows at t = 60 s, then 40/s. The queue (capacity
  // 1000, 50 waiting) grows by 60/s: full after (1000 - 50) / 60 = 15.8 s.
  StockFlowModel model =
      ModelBuilder()
          .Sim(0, 120, 0.1)
          .Stock("Request Queue", "50", 1000.0)
          .Flow("Arrivals", "arrival_rate", "", "Request Queue")
          .Flow("Processing", "MIN(Request_Queue / DT + arrival_rate, capacity)", "Request Queue",
                "")
          .Aux("Capacity", "IF TIME >= slowdown_time THEN slow_capacity ELSE healthy_capacity")
          .Constant("Arrival Rate", 100)
          .Constant("Healthy Capacity", 100)
          .Constant("Slow Capacity", 40)
          .Constant("Slowdown Time", 60)
          .Build();
  sdlab::Run run = SimulateOrFail(model);
  std::vector<double> queue = Series(run, "Request Queue");
  std::vector<double> overflow = Series(run, "Request Queue overflow");
  double full_at = -1;
  for (std::size_t i = 0; i < queue.size(); ++i) {
    if (queue[i] >= 1000 - 1e-9) {
      full_at = run.times[i];
      break;
    }
  }
  EXPECT_NEAR(full_at - 60, (1000.0 - 50) / 60, 0.1);
  EXPECT_DOUBLE_EQ(queue[599], 50);        // steady before the slowdown
  EXPECT_NEAR(overflow.back(), 60, 1e-9);  // once full, 60/s are turned away
}

TEST(SimulatorTest, DivisionByZeroStopsTheRunNamingVariableEquationAndTime) {
  ModelBuilder builder;
  builder.Sim(0, 10, 0.5).Stock("Queue", "3").Flow("Processing", "1", "Queue", "");
  int line = builder.next_line();
  builder.Aux("Latency", "Queue /  Queue_Left");
  builder.Aux("Queue Left", "Queue");
  EXPECT_EQ(testing::RunErrors(builder.Build()),
            "model.yaml:" + std::to_string(line) +
                ":26: error: division by zero in 'Latency' at time 3: Queue / Queue_Left\n");
}

TEST(SimulatorTest, DivisionByZeroInsideAFunctionPointsAtTheDivision) {
  ModelBuilder builder;
  builder.Sim(0, 2, 1).Stock("S", "1").Flow("Out", "S", "S", "");
  int line = builder.next_line();
  builder.Aux("Ratio", "MAX(1, 2 / (S - 0))");
  EXPECT_EQ(testing::RunErrors(builder.Build()),
            "model.yaml:" + std::to_string(line) +
                ":29: error: division by zero in 'Ratio' at time 1: MAX(1, 2 / (S - 0))\n");
}

TEST(SimulatorTest, NanAndInfinityStopTheRun) {
  ModelBuilder nan_model;
  nan_model.Sim(0, 5, 1).Stock("S", "2").Flow("Out", "1", "S", "");
  int line = nan_model.next_line();
  nan_model.Aux("Root", "SQRT(S - 1.5)");
  EXPECT_EQ(testing::RunErrors(nan_model.Build()),
            "model.yaml:" + std::to_string(line) +
                ":20: error: 'Root' is NaN at time 1: SQRT(S - 1.5)\n");

  ModelBuilder inf_model;
  inf_model.Sim(0, 20, 1).Stock("S", "700").Flow("In", "1", "", "S");
  line = inf_model.next_line();
  inf_model.Aux("Huge", "EXP(S)");
  EXPECT_EQ(
      testing::RunErrors(inf_model.Build()),
      "model.yaml:" + std::to_string(line) + ":20: error: 'Huge' is infinite at time 10: EXP(S)\n");
}

TEST(SimulatorTest, StockOverflowingToInfinityIsNamed) {
  StockFlowModel model = ModelBuilder()
                             .Sim(0, 100, 1)
                             .Stock("Debt", "1e308")
                             .Flow("Interest", "1e308", "", "Debt")
                             .Build();
  EXPECT_EQ(testing::RunErrors(model),
            "model.yaml:2:11: error: stock 'Debt' is infinite at time 1\n");
}

TEST(SimulatorTest, ErrorsInInitialValuesAndStatefulTimesAreNamed) {
  EXPECT_EQ(testing::RunErrors(ModelBuilder().Stock("S", "1 / zero").Constant("Zero", 0).Build()),
            "model.yaml:2:22: error: division by zero in the initial value of 'S' at time 0: "
            "1 / zero\n");
  EXPECT_EQ(
      testing::RunErrors(ModelBuilder().Sim(0, 4, 1).Aux("A", "1 + SMTH1(5, TIME - 2)").Build()),
      "model.yaml:2:24: error: division by zero in 'A' at time 2: the time of SMTH1 is 0\n");
  EXPECT_EQ(testing::RunErrors(ModelBuilder().Sim(0, 4, 1).Aux("A", "DELAY(5, -1)").Build()),
            "model.yaml:2:20: error: the delay time of DELAY in 'A' is -1: it must be from 0 to "
            "10000000 steps of dt\n");
  EXPECT_EQ(testing::RunErrors(ModelBuilder().Sim(0, 4, 1).Aux("A", "DELAY1(5, TIME - 2)").Build()),
            "model.yaml:2:20: error: division by zero in 'A' at time 2: DELAY1(5, TIME - 2)\n");
}

TEST(SimulatorTest, ShortCircuitAndLazyIfAvoidSpuriousErrors) {
  sdlab::Run run = SimulateOrFail(ModelBuilder()
                                      .Sim(0, 2, 1)
                                      .Aux("Zero", "0")
                                      .Aux("Guarded", "IF Zero = 0 THEN 0 ELSE 1 / Zero")
                                      .Aux("Anded", "Zero <> 0 AND 1 / Zero > 1")
                                      .Aux("Safe", "SAFEDIV(1, Zero, -1)")
                                      .Build());
  EXPECT_EQ(Series(run, "Guarded"), (std::vector<double>{0, 0, 0}));
  EXPECT_EQ(Series(run, "Anded"), (std::vector<double>{0, 0, 0}));
  EXPECT_EQ(Series(run, "Safe"), (std::vector<double>{-1, -1, -1}));
}

TEST(SimulatorTest, ValuesByVariableHoldEveryElementPerRow) {
  sdlab::Run run = SimulateOrFail(ModelBuilder()
                                      .Sim(0, 2, 1)
                                      .Stock("S", "1")
                                      .Flow("In", "k", "", "S")
                                      .Constant("k", 2)
                                      .Lookup("L", {{0, 0}})
                                      .Build());
  ASSERT_EQ(run.values_by_variable.size(), 4u);
  EXPECT_EQ(run.values_by_variable[0], (std::vector<double>{1, 3, 5}));
  EXPECT_EQ(run.values_by_variable[1], (std::vector<double>{2, 2, 2}));
  EXPECT_EQ(run.values_by_variable[2], (std::vector<double>{2, 2, 2}));
  EXPECT_TRUE(std::isnan(run.values_by_variable[3][0]));
  EXPECT_EQ(run.series_names, (std::vector<std::string>{"S", "In"}));
  EXPECT_EQ(run.FindSeries("in"), 1);
}

}  // namespace
}  // namespace sdlab
