#include "core/engine/run_setup.h"
#include "core/engine/simulator.h"

#include <limits>

#include <gtest/gtest.h>

#include "model_builder.h"

namespace sdlab {
namespace {

using testing::ModelBuilder;
using testing::RunErrors;
using testing::Series;
using testing::SimulateOrFail;

StockFlowModel Simple() {
  return ModelBuilder()
      .Sim(0, 10, 1)
      .Stock("Queue", "5")
      .Flow("Processing", "Queue * rate", "Queue", "")
      .Aux("Latency", "Queue / 2")
      .Constant("Rate", 0.5)
      .Lookup("Effect", {{0, 1}})
      .Build();
}

TEST(RunSetupTest, OptionsOutOfRangeAreAllReported) {
  SimulationOptions options;
  options.dt = -1;
  options.start = 5;
  options.stop = 5;
  options.save_every = 0;
  EXPECT_EQ(RunErrors(Simple(), options),
            "model.yaml: error: dt must be positive, got -1\n"
            "model.yaml: error: stop (5) must be after start (5)\n"
            "model.yaml: error: save every must be at least 1 step, got 0\n");
  SimulationOptions infinite;
  infinite.stop = std::numeric_limits<double>::infinity();
  EXPECT_EQ(RunErrors(Simple(), infinite),
            "model.yaml: error: stop must be a finite number, got inf\n");
}

// The start still comes from the file's `sim:`, so the refusal points there.
TEST(RunSetupTest, StepLimitCountsStepsAndNamesTheLimit) {
  SimulationOptions options;
  options.dt = 1e-6;
  options.stop = 20;
  EXPECT_EQ(RunErrors(Simple(), options),
            "model.yaml:1:1: error: the run would take 20000000 steps ((stop - start) / dt); at "
            "most 10000000 are allowed (raise dt or shorten the run)\n");
  options.max_steps = 100;
  options.stop = 0.001;
  EXPECT_EQ(RunErrors(Simple(), options),
            "model.yaml:1:1: error: the run would take 1000 steps ((stop - start) / dt); at most "
            "100 are allowed (raise dt or shorten the run)\n");
}

TEST(RunSetupTest, StepLimitOfCommandLineTimesHasNoLocation) {
  SimulationOptions options;
  options.start = 0;
  options.stop = 20;
  options.dt = 1e-6;
  EXPECT_EQ(RunErrors(Simple(), options),
            "model.yaml: error: the run would take 20000000 steps ((stop - start) / dt); at most "
            "10000000 are allowed (raise dt or shorten the run)\n");
}

TEST(RunSetupTest, SavingTooManyValuesIsRefused) {
  SimulationOptions options;
  options.dt = 1e-6;
  options.stop = 9;  // 9e6 rows of 11 values
  EXPECT_EQ(RunErrors(Simple(), options),
            "model.yaml: error: the run would save 9000001 rows of 11 values, more than 50000000 "
            "(save fewer rows: a larger save interval)\n");
  // Without every variable saved again, a row is half the size.
  options.save_all_variables = false;
  EXPECT_EQ(RunErrors(Simple(), options),
            "model.yaml: error: the run would save 9000001 rows of 6 values, more than 50000000 "
            "(save fewer rows: a larger save interval)\n");
}

TEST(RunSetupTest, OverridesReplaceConstantsAndEquations) {
  SimulationOptions options;
  options.overrides = {{"rate", 0}, {"LATENCY", 7}};
  sdlab::Run run = SimulateOrFail(Simple(), options);
  EXPECT_EQ(Series(run, "Queue").back(), 5);
  EXPECT_EQ(Series(run, "Latency"), std::vector<double>(11, 7));
  options.overrides = {{"Processing", 1}};
  EXPECT_EQ(Series(SimulateOrFail(Simple(), options), "Queue").back(), 0);
}

TEST(RunSetupTest, OverrideErrorsNameTheProblem) {
  SimulationOptions options;
  options.overrides = {{"procesing", 1},
                       {"Queue", 1},
                       {"Effect", 1},
                       {"Rate", std::numeric_limits<double>::quiet_NaN()}};
  EXPECT_EQ(RunErrors(Simple(), options),
            "model.yaml: error: unknown variable 'procesing' (did you mean 'Processing'?)\n"
            "model.yaml: error: cannot set stock 'Queue': only constants, auxiliaries and flows "
            "can be set\n"
            "model.yaml: error: cannot set lookup 'Effect': only constants, auxiliaries and flows "
            "can be set\n"
            "model.yaml: error: cannot set 'Rate' to nan: the value must be finite\n");
}

TEST(RunSetupTest, ConstantsFixingAStructureCannotBeSet) {
  StockFlowModel model =
      ModelBuilder().Sim(0, 1, 1).Aux("S", "SMTHN(1, 2, order)").Constant("Order", 3).Build();
  SimulationOptions options;
  options.overrides = {{"order", 4}};
  EXPECT_EQ(RunErrors(model, options),
            "model.yaml: error: cannot set 'Order': it fixes the order of a SMTHN or DELAYN\n");
}

}  // namespace
}  // namespace sdlab
