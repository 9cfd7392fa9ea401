#include "core/engine/model_perturbation.h"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "core/engine/simulator.h"
#include "core/load/submission.h"
#include "model_builder.h"

namespace sdlab {
namespace {

using testing::CompileErrors;
using testing::ModelBuilder;
using testing::Series;
using testing::SimulateOrFail;

Perturbation Scale(const std::string& element, double factor, std::optional<double> from,
                   std::optional<double> until) {
  return Perturbation{element, Perturbation::Kind::kScale, factor, from, until};
}

Perturbation Add(const std::string& element, double amount, std::optional<double> from,
                 std::optional<double> until) {
  return Perturbation{element, Perturbation::Kind::kAdd, amount, from, until};
}

StockFlowModel PerturbOrFail(const StockFlowModel& model,
                             const std::vector<Perturbation>& perturbations,
                             std::vector<std::pair<std::string, double>>* overrides = nullptr) {
  std::string error;
  std::optional<StockFlowModel> perturbed = PerturbModel(model, perturbations, overrides, &error);
  EXPECT_TRUE(perturbed.has_value()) << error;
  return perturbed ? *perturbed : model;
}

std::string RefusalOf(const StockFlowModel& model, const Perturbation& perturbation) {
  std::string error;
  EXPECT_FALSE(PerturbModel(model, {perturbation}, nullptr, &error).has_value());
  return error;
}

TEST(PerturbedEquationTest, WrapsTheOriginalAndGatesTheChangeByTheWindow) {
  EXPECT_EQ(PerturbedEquation("1000 * spike_multiplier", Scale("T", 3, 5400, 6000)),
            "(1000 * spike_multiplier) * (IF STEP(1, 5400) = 1 AND STEP(1, 6000) = 0 THEN 3 "
            "ELSE 1)");
  EXPECT_EQ(PerturbedEquation("traffic", Add("T", 500, 100, 150)),
            "(traffic) + (IF STEP(1, 100) = 1 AND STEP(1, 150) = 0 THEN 500 ELSE 0)");
  EXPECT_EQ(PerturbedEquation("traffic", Scale("T", 0.5, 60, std::nullopt)),
            "(traffic) * (IF STEP(1, 60) = 1 THEN 0.5 ELSE 1)");
  EXPECT_EQ(PerturbedEquation("traffic", Scale("T", 5, std::nullopt, std::nullopt)),
            "(traffic) * 5");
  EXPECT_EQ(PerturbedEquation("traffic", Add("T", -250, std::nullopt, std::nullopt)),
            "(traffic) + (-250)");
}

// Three students write the same user traffic (1000/s, no spike of their
// own) three ways; the scenario's spike must reach each of them the same.
struct TrafficModel {
  const char* name;
  StockFlowModel model;
};

void PrintTo(const TrafficModel& model, std::ostream* out) { *out << model.name; }

class PerturbTrafficTest : public ::testing::TestWithParam<TrafficModel> {};

StockFlowModel WithQueue(ModelBuilder builder) {
  return builder.Stock("Queue", "0").Flow("Arrivals", "user_traffic", "", "Queue").Build();
}

std::vector<TrafficModel> TrafficModels(double start, double stop, double dt) {
  return {
      {"Multiplier", WithQueue(ModelBuilder()
                                   .Sim(start, stop, dt)
                                   .Aux("User Traffic", "1000 * spike_multiplier")
                                   .Constant("Spike Multiplier", 1))},
      {"InlineSpike", WithQueue(ModelBuilder()
                                    .Sim(start, stop, dt)
                                    .Aux("User Traffic",
                                         "1000 * (1 + traffic_spike * (STEP(1, 20) - STEP(1, 30)))")
                                    .Constant("Traffic Spike", 0))},
      {"Constant", WithQueue(ModelBuilder().Sim(start, stop, dt).Constant("User Traffic", 1000))},
  };
}

// Every row's value, and whether it should be the spiked one.
void ExpectSpikeExactly(const sdlab::Run& run, double from, double until, double inside,
                        double outside) {
  const std::vector<double> traffic = Series(run, "User Traffic");
  ASSERT_EQ(traffic.size(), run.times.size());
  int rows_inside = 0;
  for (std::size_t row = 0; row < traffic.size(); ++row) {
    // The times as the engine computes them (start + n·dt), compared as
    // the step numbers they stand for.
    const double time = run.times[row];
    const bool in_window = time + 1e-9 >= from && time + 1e-9 < until;
    rows_inside += in_window;
    EXPECT_EQ(traffic[row], in_window ? inside : outside) << "at time " << time;
  }
  EXPECT_GT(rows_inside, 0);
}

TEST_P(PerturbTrafficTest, SeesTheSpikeExactlyInsideTheWindow) {
  const StockFlowModel perturbed =
      PerturbOrFail(GetParam().model, {Scale("user_traffic", 3, 5400, 6000)});
  const sdlab::Run run = SimulateOrFail(perturbed);
  ExpectSpikeExactly(run, 5400, 6000, 3000, 1000);
  const std::vector<double> traffic = Series(run, "User Traffic");
  // The edges: t = from is inside, t = from + for is not.
  EXPECT_EQ(traffic[5399], 1000);
  EXPECT_EQ(traffic[5400], 3000);
  EXPECT_EQ(traffic[5999], 3000);
  EXPECT_EQ(traffic[6000], 1000);
  // The queue integrates it: 7200 s at 1000/s plus 600 s of 2000/s more.
  EXPECT_EQ(Series(run, "Queue").back(), 7200 * 1000 + 600 * 2000);
}

TEST_P(PerturbTrafficTest, AddsAnAmountInsideTheWindow) {
  const sdlab::Run run =
      SimulateOrFail(PerturbOrFail(GetParam().model, {Add("User Traffic", 500, 100, 150)}));
  ExpectSpikeExactly(run, 100, 150, 1500, 1000);
}

// 3 × 0.3 is 0.8999999999999999 and 6 × 0.3 is 1.7999999999999998: a naive
// TIME >= 0.9 would start the window a step late and end it a step late.
TEST_P(PerturbTrafficTest, TheWindowIsExactAtDtGranularityWhateverTheRounding) {
  TrafficModel model = GetParam();
  model.model.sim = {};
  model.model.sim.start = 0;
  model.model.sim.stop = 3;
  model.model.sim.dt = 0.3;
  const sdlab::Run run =
      SimulateOrFail(PerturbOrFail(model.model, {Scale("User Traffic", 3, 0.9, 0.9 + 0.9)}));
  const std::vector<double> traffic = Series(run, "User Traffic");
  EXPECT_EQ(traffic, (std::vector<double>{1000, 1000, 1000, 3000, 3000, 3000, 1000, 1000, 1000,
                                          1000, 1000}));
}

TEST_P(PerturbTrafficTest, RungeKuttaSavesTheSameWindow) {
  TrafficModel model = GetParam();
  model.model.sim.method = IntegrationMethod::kRk4;
  model.model.sim.stop = 100;
  const sdlab::Run run =
      SimulateOrFail(PerturbOrFail(model.model, {Scale("User Traffic", 3, 40, 60)}));
  ExpectSpikeExactly(run, 40, 60, 3000, 1000);
}

TEST_P(PerturbTrafficTest, WithoutAWindowTheWholeRun) {
  TrafficModel model = GetParam();
  model.model.sim.stop = 10;
  const sdlab::Run run = SimulateOrFail(
      PerturbOrFail(model.model, {Scale("User Traffic", 3, std::nullopt, std::nullopt)}));
  EXPECT_EQ(Series(run, "User Traffic"), std::vector<double>(11, 3000));
}

INSTANTIATE_TEST_SUITE_P(ThreeWays, PerturbTrafficTest,
                         ::testing::ValuesIn(TrafficModels(0, 7200, 1)),
                         [](const ::testing::TestParamInfo<TrafficModel>& param_info) {
                           return std::string(param_info.param.name);
                         });

TEST(PerturbModelTest, AConstantBecomesATimeDependentAuxiliary) {
  const StockFlowModel model = ModelBuilder().Sim(0, 4, 1).Constant("Traffic", 10).Build();
  const StockFlowModel perturbed = PerturbOrFail(model, {Scale("traffic", 2, 1, 3)});
  EXPECT_TRUE(perturbed.constants.empty());
  ASSERT_EQ(perturbed.auxiliaries.size(), 1u);
  EXPECT_EQ(perturbed.auxiliaries[0].name, "Traffic");
  EXPECT_EQ(perturbed.auxiliaries[0].equation.text,
            "(10) * (IF STEP(1, 1) = 1 AND STEP(1, 3) = 0 THEN 2 ELSE 1)");
  EXPECT_EQ(Series(SimulateOrFail(perturbed), "Traffic"),
            (std::vector<double>{10, 20, 20, 10, 10}));
}

// A scenario's `set:` on the perturbed element gives the value the
// perturbation starts from; other overrides are left to the engine.
TEST(PerturbModelTest, AnOverrideOfThePerturbedElementIsItsBase) {
  const StockFlowModel model = ModelBuilder()
                                   .Sim(0, 4, 1)
                                   .Aux("Traffic", "base * 2")
                                   .Constant("Base", 50)
                                   .Constant("Other", 1)
                                   .Build();
  std::vector<std::pair<std::string, double>> overrides = {
      {"other", 7}, {"TRAFFIC", 400}, {"traffic", 500}};
  const StockFlowModel perturbed = PerturbOrFail(
      model, {Scale("Traffic", 3, 2, std::nullopt), Add("Traffic", 1, 4, std::nullopt)},
      &overrides);
  EXPECT_EQ(overrides, (std::vector<std::pair<std::string, double>>{{"other", 7}}));
  SimulationOptions options;
  options.overrides = overrides;
  EXPECT_EQ(Series(SimulateOrFail(perturbed, options), "Traffic"),
            (std::vector<double>{500, 500, 1500, 1500, 1501}));
}

TEST(PerturbModelTest, AStockALookupAndAnUnknownNameAreRefused) {
  const StockFlowModel model =
      ModelBuilder().Stock("Request Queue", "0").Lookup("Effect", {{0, 0}, {1, 1}}).Build();
  EXPECT_EQ(RefusalOf(model, Scale("request_queue", 3, 1, 2)),
            "'Request Queue' is a stock, whose value only its flows change; perturb its inflow "
            "instead");
  EXPECT_EQ(RefusalOf(model, Add("Effect", 1, std::nullopt, std::nullopt)),
            "'Effect' is a graphical function; perturb the element that reads it instead");
  EXPECT_EQ(RefusalOf(model, Scale("Traffic", 3, 1, 2)), "the model has no element 'Traffic'");
}

// An error inside the wrapped equation still points into the student's text.
TEST(PerturbModelTest, LocationsStayInTheOriginalEquation) {
  const StockFlowModel model = ModelBuilder().Aux("Traffic", "1000 * nowhere").Build();
  const std::string as_written = CompileErrors(model);
  ASSERT_NE(as_written, "");
  std::string error;
  std::optional<StockFlowModel> perturbed =
      PerturbModel(model, {Scale("Traffic", 3, 1, 2)}, nullptr, &error);
  ASSERT_TRUE(perturbed) << error;
  const std::string wrapped = CompileErrors(*perturbed);
  EXPECT_EQ(wrapped.substr(0, wrapped.find(": error")),
            as_written.substr(0, as_written.find(": error")));
  EXPECT_EQ(as_written.rfind("model.yaml:2:27: error", 0), 0u) << as_written;
}

}  // namespace
}  // namespace sdlab
