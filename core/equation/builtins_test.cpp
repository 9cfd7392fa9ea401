#include "core/equation/builtins.h"

#include <cmath>

#include <gtest/gtest.h>

#include "model_builder.h"

namespace sdlab {
namespace {

using testing::ModelBuilder;
using testing::Series;
using testing::SimulateOrFail;

double Apply(Builtin builtin, std::vector<double> args, TimeContext context = {}) {
  return ApplyPureBuiltin(builtin, args.data(), static_cast<int>(args.size()), context);
}

TEST(BuiltinsTest, TableLooksUpNamesInAnyCase) {
  EXPECT_EQ(FindBuiltin("smth1"), kSmth1);
  EXPECT_EQ(FindBuiltin("If_Then_Else"), kIfThenElse);
  EXPECT_EQ(FindBuiltin("smooth"), -1);
  EXPECT_TRUE(GetBuiltin(kDelayFixed).stateful);
  EXPECT_FALSE(GetBuiltin(kMin).stateful);
  EXPECT_EQ(GetBuiltin(kExp).monotonicity[0], Monotonicity::kIncreasing);
  EXPECT_EQ(GetBuiltin(kArccos).monotonicity[0], Monotonicity::kDecreasing);
  EXPECT_EQ(ArityText(GetBuiltin(kMin)), "expects at least 2 arguments");
  EXPECT_EQ(ArityText(GetBuiltin(kRamp)), "expects 2 to 3 arguments");
  EXPECT_EQ(ArityText(GetBuiltin(kInit)), "expects 1 argument");
}

TEST(BuiltinsTest, IntIsFloorModIsFlooredRoundIsHalfAwayFromZero) {
  EXPECT_EQ(Apply(kInt, {-2.5}), -3);
  EXPECT_EQ(Apply(kInt, {2.5}), 2);
  EXPECT_EQ(Apply(kMod, {-7, 3}), 2);
  EXPECT_EQ(Apply(kMod, {7, -3}), -2);
  EXPECT_EQ(Apply(kMod, {7.5, 2}), 1.5);
  EXPECT_EQ(Apply(kRound, {2.5}), 3);
  EXPECT_EQ(Apply(kRound, {-2.5}), -3);
}

TEST(BuiltinsTest, PureFunctionsMatchTheirMathematicalDefinitions) {
  EXPECT_EQ(Apply(kAbs, {-3}), 3);
  EXPECT_EQ(Apply(kSafeDiv, {6, 3}), 2);
  EXPECT_EQ(Apply(kSafeDiv, {6, 0}), 0);
  EXPECT_EQ(Apply(kSafeDiv, {6, 0, 7}), 7);
  EXPECT_DOUBLE_EQ(Apply(kLog10, {1000}), 3);
  EXPECT_DOUBLE_EQ(Apply(kLn, {std::exp(2.0)}), 2);
  EXPECT_TRUE(std::isnan(Apply(kLn, {0})));
  EXPECT_TRUE(std::isnan(Apply(kSqrt, {-1})));
  EXPECT_DOUBLE_EQ(Apply(kArctan, {1}) * 4, Apply(kPi, {}));
  EXPECT_TRUE(std::isinf(Apply(kInf, {})));
  EXPECT_EQ(Apply(kMin, {3, -1, 2}), -1);
  EXPECT_EQ(Apply(kMax, {3, -1, 2}), 3);
}

TEST(BuiltinsTest, ContinuousLookupInterpolatesAndHoldsItsEnds) {
  std::vector<std::pair<double, double>> points = {{0, 1}, {1, 3}, {3, 4}};
  EXPECT_EQ(LookupValue(points, LookupType::kContinuous, 0.5), 2);
  EXPECT_EQ(LookupValue(points, LookupType::kContinuous, 2), 3.5);
  EXPECT_EQ(LookupValue(points, LookupType::kContinuous, 1), 3);
  EXPECT_EQ(LookupValue(points, LookupType::kContinuous, -5), 1);
  EXPECT_EQ(LookupValue(points, LookupType::kContinuous, 3), 4);
  EXPECT_EQ(LookupValue(points, LookupType::kContinuous, 10), 4);
}

TEST(BuiltinsTest, ExtrapolatingLookupContinuesItsEndSegments) {
  std::vector<std::pair<double, double>> points = {{0, 1}, {1, 3}, {3, 4}};
  EXPECT_EQ(LookupValue(points, LookupType::kExtrapolate, 0.5), 2);
  EXPECT_EQ(LookupValue(points, LookupType::kExtrapolate, -1), -1);
  EXPECT_EQ(LookupValue(points, LookupType::kExtrapolate, 5), 5);
  EXPECT_EQ(LookupValue(points, LookupType::kExtrapolate, 3), 4);
}

TEST(BuiltinsTest, DiscreteLookupHoldsEachValueUntilTheNextPoint) {
  std::vector<std::pair<double, double>> points = {{0, 1}, {1, 3}, {3, 4}};
  EXPECT_EQ(LookupValue(points, LookupType::kDiscrete, -1), 1);
  EXPECT_EQ(LookupValue(points, LookupType::kDiscrete, 0), 1);
  EXPECT_EQ(LookupValue(points, LookupType::kDiscrete, 0.99), 1);
  EXPECT_EQ(LookupValue(points, LookupType::kDiscrete, 1), 3);
  EXPECT_EQ(LookupValue(points, LookupType::kDiscrete, 2.9), 3);
  EXPECT_EQ(LookupValue(points, LookupType::kDiscrete, 3), 4);
  EXPECT_EQ(LookupValue(points, LookupType::kDiscrete, 99), 4);
  EXPECT_EQ(LookupValue({{2, 7}}, LookupType::kContinuous, 99), 7);
}

TEST(BuiltinsTest, RandomDependsOnlyOnSeedAndStep) {
  double first = RandomUniform(0, 1, 42, 7);
  EXPECT_EQ(RandomUniform(0, 1, 42, 7), first);
  EXPECT_NE(RandomUniform(0, 1, 43, 7), first);
  EXPECT_NE(RandomUniform(0, 1, 42, 8), first);
  double sum = 0;
  for (long long step = 0; step < 10000; ++step) {
    double value = RandomUniform(5, 10, 1, step);
    ASSERT_GE(value, 5);
    ASSERT_LT(value, 10);
    sum += value;
  }
  EXPECT_NEAR(sum / 10000, 7.5, 0.05);
}

TEST(BuiltinsTest, RandomSeriesIsTheSameForEveryMethodAndRun) {
  auto model = [](IntegrationMethod method) {
    return ModelBuilder()
        .Sim(0, 10, 0.5, method)
        .Aux("Noise", "RANDOM(-1, 1, 123)")
        .Aux("Other Noise", "RANDOM(-1, 1, 124)")
        .Build();
  };
  sdlab::Run euler = SimulateOrFail(model(IntegrationMethod::kEuler));
  sdlab::Run rk4 = SimulateOrFail(model(IntegrationMethod::kRk4));
  EXPECT_EQ(Series(euler, "Noise"), Series(rk4, "Noise"));
  EXPECT_EQ(Series(euler, "Noise"),
            Series(SimulateOrFail(model(IntegrationMethod::kEuler)), "Noise"));
  EXPECT_NE(Series(euler, "Noise"), Series(euler, "Other Noise"));
  EXPECT_EQ(Series(euler, "Noise")[3], RandomUniform(-1, 1, 123, 3));
}

TEST(BuiltinsTest, StepSwitchesExactlyAtItsTime) {
  sdlab::Run run = SimulateOrFail(
      ModelBuilder().Sim(0, 2, 0.25).Aux("S", "STEP(10, 1)").Aux("Late", "STEP(3, 0.3)").Build());
  EXPECT_EQ(Series(run, "S"), (std::vector<double>{0, 0, 0, 0, 10, 10, 10, 10, 10}));
  // 0.3 is not a multiple of 0.25: the first step at or after it.
  EXPECT_EQ(Series(run, "Late"), (std::vector<double>{0, 0, 3, 3, 3, 3, 3, 3, 3}));
  sdlab::Run tenths =
      SimulateOrFail(ModelBuilder().Sim(0, 1, 0.1).Aux("S", "STEP(1, 0.7)").Build());
  EXPECT_EQ(Series(tenths, "S")[6], 0);
  EXPECT_EQ(Series(tenths, "S")[7], 1);  // 7 * 0.1 = 0.7000000000000001
}

TEST(BuiltinsTest, RampRisesFromItsStartAndStopsAtItsEnd) {
  sdlab::Run run = SimulateOrFail(ModelBuilder()
                                      .Sim(0, 3, 0.5)
                                      .Aux("Open", "RAMP(2, 1)")
                                      .Aux("Closed", "RAMP(2, 1, 2)")
                                      .Build());
  EXPECT_EQ(Series(run, "Open"), (std::vector<double>{0, 0, 0, 1, 2, 3, 4}));
  EXPECT_EQ(Series(run, "Closed"), (std::vector<double>{0, 0, 0, 1, 2, 2, 2}));
}

TEST(BuiltinsTest, PulseDeliversItsVolumeInOneDtAndRepeats) {
  sdlab::Run run = SimulateOrFail(ModelBuilder()
                                      .Sim(0, 5, 0.5)
                                      .Stock("Received", "0")
                                      .Flow("Once", "PULSE(5, 1)", "", "Received")
                                      .Aux("Repeating", "PULSE(2, 1, 1.5)")
                                      .Build());
  EXPECT_EQ(Series(run, "Once"), (std::vector<double>{0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(Series(run, "Repeating"), (std::vector<double>{0, 0, 4, 0, 0, 4, 0, 0, 4, 0, 0}));
  EXPECT_EQ(Series(run, "Received").back(), 5);
}

TEST(BuiltinsTest, PulseDeliversItsVolumeWithRk4Too) {
  sdlab::Run run = SimulateOrFail(ModelBuilder()
                                      .Sim(0, 3, 0.25, IntegrationMethod::kRk4)
                                      .Stock("Received", "0")
                                      .Flow("Once", "PULSE(5, 1)", "", "Received")
                                      .Build());
  EXPECT_DOUBLE_EQ(Series(run, "Received").back(), 5);
}

TEST(BuiltinsTest, Smth1StepResponseIsOneMinusExpOfMinusTOverTau) {
  sdlab::Run run = SimulateOrFail(ModelBuilder()
                                      .Sim(0, 10, 0.01, IntegrationMethod::kRk4)
                                      .Aux("Smoothed", "SMTH1(1, 2, 0)")
                                      .Build());
  std::vector<double> smoothed = Series(run, "Smoothed");
  for (std::size_t i = 0; i < run.times.size(); i += 50) {
    EXPECT_NEAR(smoothed[i], 1 - std::exp(-run.times[i] / 2), 1e-9) << "t=" << run.times[i];
  }
}

TEST(BuiltinsTest, SmoothingStartsAtItsInputWithoutAnInitialValue) {
  sdlab::Run run = SimulateOrFail(ModelBuilder()
                                      .Sim(0, 5, 1)
                                      .Aux("Input", "5 + STEP(3, 2)")
                                      .Aux("One", "SMTH1(Input, 2)")
                                      .Aux("Three", "SMTH3(Input, 6)")
                                      .Aux("Many", "SMTHN(Input, 6, 3)")
                                      .Aux("Given", "SMTH1(Input, 2, 1)")
                                      .Build());
  EXPECT_EQ(Series(run, "One"), (std::vector<double>{5, 5, 5, 6.5, 7.25, 7.625}));
  // Three stages of time 2 each: the step reaches the output two steps later.
  EXPECT_EQ(Series(run, "Three"), (std::vector<double>{5, 5, 5, 5, 5, 5.375}));
  EXPECT_EQ(Series(run, "Three"), Series(run, "Many"));
  EXPECT_EQ(Series(run, "Given")[0], 1);
  EXPECT_EQ(Series(run, "Given")[1], 3);
}

TEST(BuiltinsTest, FixedDelayShiftsItsInputExactly) {
  sdlab::Run run = SimulateOrFail(ModelBuilder()
                                      .Sim(0, 6, 0.5)
                                      .Aux("Input", "TIME * 2 + 1")
                                      .Aux("Delayed", "DELAY(Input, 1.5)")
                                      .Aux("With Initial", "DELAY(Input, 1.5, -4)")
                                      .Build());
  std::vector<double> delayed = Series(run, "Delayed");
  std::vector<double> with_initial = Series(run, "With Initial");
  for (std::size_t i = 0; i < run.times.size(); ++i) {
    double t = run.times[i];
    double expected = t >= 1.5 ? (t - 1.5) * 2 + 1 : 1;
    EXPECT_EQ(delayed[i], expected) << "t=" << t;
    EXPECT_EQ(with_initial[i], t >= 1.5 ? expected : -4) << "t=" << t;
  }
}

TEST(BuiltinsTest, FixedDelayMatchesTheXmileReferenceOutput) {
  // ../shared/conformance/tests/delay_xmile, values from its output.tab.
  StockFlowModel model = ModelBuilder()
                             .Sim(1, 13, 1)
                             .Stock("Stock 1", "100")
                             .Flow("Flow 2", "Converter_1*Stock_1", "", "Stock 1")
                             .Aux("Converter 1", "0.02")
                             .Aux("Converter 2", "(((Stock_1/DELAY(Stock_1, 1))-1)*100)")
                             .Aux("Delay Stock 1", "DELAY(Stock_1, 1)")
                             .Aux("Delay Stock 1 0", "DELAY(Stock_1, 1, 0)")
                             .Aux("Delay Flow 2", "DELAY(Flow_2, 5)")
                             .Aux("Delay Flow 2 20", "DELAY(Flow_2, 5, -20)")
                             .Build();
  sdlab::Run run = SimulateOrFail(model);
  auto near = [](const std::vector<double>& actual, const std::vector<double>& expected) {
    ASSERT_EQ(actual.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_NEAR(actual[i], expected[i], 1e-9 * std::max(1.0, std::fabs(expected[i]))) << i;
    }
  };
  near(Series(run, "Delay Stock 1"),
       {100.0, 100.0, 102.0, 104.04, 106.1208, 108.243216, 110.40808032000001, 112.61624192640001,
        114.868566764928, 117.16593810022657, 119.5092568622311, 121.89944199947573,
        124.33743083946524});
  near(Series(run, "Delay Stock 1 0"),
       {0.0, 100.0, 102.0, 104.04, 106.1208, 108.243216, 110.40808032000001, 112.61624192640001,
        114.868566764928, 117.16593810022657, 119.5092568622311, 121.89944199947573,
        124.33743083946524});
  near(Series(run, "Delay Flow 2"),
       {2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.04, 2.0808, 2.1224160000000003, 2.16486432,
        2.2081616064000005, 2.252324838528, 2.29737133529856});
  near(Series(run, "Delay Flow 2 20"),
       {-20.0, -20.0, -20.0, -20.0, -20.0, 2.0, 2.04, 2.0808, 2.1224160000000003, 2.16486432,
        2.2081616064000005, 2.252324838528, 2.29737133529856});
  std::vector<double> converter = Series(run, "Converter 2");
  EXPECT_NEAR(converter[0], 0, 1e-12);
  for (std::size_t i = 1; i < converter.size(); ++i) EXPECT_NEAR(converter[i], 2, 1e-9);
}

TEST(BuiltinsTest, MaterialDelaysConserveWhatTheyCarry) {
  // DELAY1/DELAY3 hold material: what went in = what came out + what is inside.
  sdlab::Run run = SimulateOrFail(ModelBuilder()
                                      .Sim(0, 20, 0.25)
                                      .Stock("Sent", "0")
                                      .Stock("Arrived1", "0")
                                      .Stock("Arrived3", "0")
                                      .Flow("Sending", "IF TIME < 5 THEN 4 ELSE 0", "", "Sent")
                                      .Flow("Arriving1", "DELAY1(Sending, 2, 0)", "", "Arrived1")
                                      .Flow("Arriving3", "DELAY3(Sending, 2, 0)", "", "Arrived3")
                                      .Build());
  EXPECT_EQ(Series(run, "Sent").back(), 20);
  EXPECT_NEAR(Series(run, "Arrived1").back(), 20, 0.01);
  EXPECT_NEAR(Series(run, "Arrived3").back(), 20, 0.01);
  EXPECT_EQ(Series(run, "Arriving1")[0], 0);  // the initial outflow given
  // The third-order delay's outflow lags and peaks later.
  std::vector<double> one = Series(run, "Arriving1"), three = Series(run, "Arriving3");
  auto peak = [&](const std::vector<double>& v) {
    return run.times[static_cast<std::size_t>(std::max_element(v.begin(), v.end()) - v.begin())];
  };
  EXPECT_GT(peak(three), peak(one));
}

TEST(BuiltinsTest, MaterialDelayStartsInEquilibriumWithItsInput) {
  sdlab::Run run = SimulateOrFail(ModelBuilder()
                                      .Sim(0, 3, 1)
                                      .Aux("Out1", "DELAY1(7, 4)")
                                      .Aux("Out3", "DELAY3(7, 4)")
                                      .Aux("OutN", "DELAYN(7, 4, 5)")
                                      .Aux("Given", "DELAY3(7, 4, 1)")
                                      .Build());
  EXPECT_EQ(Series(run, "Out1"), (std::vector<double>{7, 7, 7, 7}));
  for (double value : Series(run, "Out3")) EXPECT_DOUBLE_EQ(value, 7);
  for (double value : Series(run, "OutN")) EXPECT_DOUBLE_EQ(value, 7);
  EXPECT_DOUBLE_EQ(Series(run, "Given")[0], 1);
}

TEST(BuiltinsTest, TrendOfExponentialGrowthApproachesItsRate) {
  sdlab::Run run = SimulateOrFail(ModelBuilder()
                                      .Sim(0, 60, 0.01, IntegrationMethod::kRk4)
                                      .Stock("Sales", "100")
                                      .Flow("Growth", "0.05 * Sales", "", "Sales")
                                      .Aux("Sales Trend", "TREND(Sales, 4)")
                                      .Aux("Seeded", "TREND(Sales, 4, 0.05)")
                                      .Build());
  EXPECT_EQ(Series(run, "Sales Trend")[0], 0);
  EXPECT_NEAR(Series(run, "Seeded")[0], 0.05, 1e-12);
  // TREND's steady state for growth g: g / (1 + g·(τ... )) -> g as the average catches up.
  EXPECT_NEAR(Series(run, "Sales Trend").back(), 0.05, 1e-3);
}

TEST(BuiltinsTest, InitKeepsTheStartValueAndPreviousLagsOneStep) {
  sdlab::Run run = SimulateOrFail(ModelBuilder()
                                      .Sim(0, 3, 1)
                                      .Stock("Count", "2")
                                      .Flow("Add", "3", "", "Count")
                                      .Aux("First", "INIT(Count * 10)")
                                      .Aux("Before", "PREVIOUS(Count, -1)")
                                      .Aux("Before Default", "PREVIOUS(Count)")
                                      .Build());
  EXPECT_EQ(Series(run, "Count"), (std::vector<double>{2, 5, 8, 11}));
  EXPECT_EQ(Series(run, "First"), (std::vector<double>{20, 20, 20, 20}));
  EXPECT_EQ(Series(run, "Before"), (std::vector<double>{-1, 2, 5, 8}));
  EXPECT_EQ(Series(run, "Before Default"), (std::vector<double>{2, 2, 5, 8}));
}

TEST(BuiltinsTest, LookupsAreCalledByNameOrThroughLookup) {
  sdlab::Run run = SimulateOrFail(ModelBuilder()
                                      .Sim(0, 4, 1)
                                      .Aux("Direct", "latency_effect(TIME / 2)")
                                      .Aux("Through Lookup", "LOOKUP(\"Latency Effect\", TIME / 2)")
                                      .Aux("Steps", "Tiers(TIME)")
                                      .Lookup("Latency Effect", {{0, 1}, {0.5, 1.2}, {1, 5}})
                                      .Lookup("Tiers", {{1, 10}, {3, 30}}, LookupType::kDiscrete)
                                      .Build());
  EXPECT_EQ(Series(run, "Direct"), (std::vector<double>{1, 1.2, 5, 5, 5}));
  EXPECT_EQ(Series(run, "Through Lookup"), Series(run, "Direct"));
  EXPECT_EQ(Series(run, "Steps"), (std::vector<double>{10, 10, 10, 30, 30}));
}

TEST(BuiltinsTest, TimeBuiltinsReadTheClock) {
  sdlab::Run run =
      SimulateOrFail(ModelBuilder()
                         .Sim(2, 3, 0.5)
                         .Aux("Clock", "TIME + DT * 100 + STARTTIME * 1000 + STOPTIME * 10000")
                         .Build());
  EXPECT_EQ(Series(run, "Clock"), (std::vector<double>{32052, 32052.5, 32053}));
}

}  // namespace
}  // namespace sdlab
