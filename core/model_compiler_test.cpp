#include <gtest/gtest.h>

#include "core/equation_ast.h"
#include "core/model.h"
#include "model_builder.h"

namespace sdlab {
namespace {

using testing::CompileErrors;
using testing::CompileOrFail;
using testing::ModelBuilder;
using testing::Series;
using testing::SimulateOrFail;

TEST(ModelCompilerTest, VariablesAreInModelOrderWithResolvedDependencies) {
  StockFlowModel source = ModelBuilder()
                              .Stock("Queue", "initial_queue")
                              .Flow("Arrivals", "base", "", "Queue")
                              .Flow("Processing", "MIN(queue, capacity)", "Queue", "")
                              .Aux("Latency", "Queue / MAX(Processing, 0.001)")
                              .Constant("Base", 100)
                              .Constant("Capacity", 80)
                              .Constant("Initial Queue", 50)
                              .Build();
  std::optional<Model> model = CompileOrFail(source);
  ASSERT_TRUE(model);
  const std::vector<ModelVariable>& variables = model->variables();
  ASSERT_EQ(variables.size(), 7u);
  EXPECT_EQ(variables[0].name, "Queue");
  EXPECT_EQ(variables[0].inflows, (std::vector<int>{1}));
  EXPECT_EQ(variables[0].outflows, (std::vector<int>{2}));
  EXPECT_EQ(variables[0].dependencies, (std::vector<int>{1, 2}));
  EXPECT_EQ(variables[2].dependencies, (std::vector<int>{0, 5}));
  EXPECT_EQ(variables[3].dependencies, (std::vector<int>{0, 2}));
  EXPECT_EQ(model->Find("initial_queue"), 6);
  EXPECT_EQ(model->Find("INITIAL  QUEUE"), 6);
  EXPECT_EQ(model->Find("nothing"), -1);
  ASSERT_NE(variables[3].equation, nullptr);
  EXPECT_EQ(variables[3].equation->kind, ExprKind::kBinary);
  EXPECT_EQ(variables[3].equation->args[0]->variable, 0);
  EXPECT_EQ(variables[4].equation, nullptr);
}

TEST(ModelCompilerTest, AuxiliariesAreEvaluatedInDependencyOrderWhateverTheListOrder) {
  StockFlowModel source =
      ModelBuilder().Sim(0, 1, 1).Aux("C", "B * 2").Aux("B", "A + 1").Aux("A", "10").Build();
  sdlab::Run run = SimulateOrFail(source);
  EXPECT_EQ(Series(run, "C"), (std::vector<double>{22, 22}));
}

TEST(ModelCompilerTest, ArithmeticMinMaxAndIfEvaluate) {
  StockFlowModel source =
      ModelBuilder()
          .Sim(0, 1, 1)
          .Aux("Arithmetic", "1 + 2 * 3 - 8 / 4")
          .Aux("Power", "2 ^ 3 ^ 2")
          .Aux("Negative Power", "-2 ^ 2")
          .Aux("Minimum", "MIN(3, 1, 2)")
          .Aux("Maximum", "max(3, 1 + 4)")
          .Aux("Branch", "IF 1 < 2 AND NOT 0 THEN 7 ELSE 9")
          .Aux("Function Branch", "IF_THEN_ELSE(2 = 3, 1, 0)")
          .Aux("Comparisons", "(1 <> 2) + (1 != 2) + (2 == 2) + (3 >= 4) + (3 <= 3)")
          .Aux("Either", "0 or 1")
          .Build();
  sdlab::Run run = SimulateOrFail(source);
  EXPECT_EQ(Series(run, "Arithmetic")[0], 5);
  EXPECT_EQ(Series(run, "Power")[0], 512);
  EXPECT_EQ(Series(run, "Negative Power")[0], -4);
  EXPECT_EQ(Series(run, "Minimum")[0], 1);
  EXPECT_EQ(Series(run, "Maximum")[0], 5);
  EXPECT_EQ(Series(run, "Branch")[0], 7);
  EXPECT_EQ(Series(run, "Function Branch")[0], 0);
  EXPECT_EQ(Series(run, "Comparisons")[0], 4);
  EXPECT_EQ(Series(run, "Either")[0], 1);
}

TEST(ModelCompilerTest, QuotedAndUnderscoredNamesReachTheSameElement) {
  StockFlowModel source = ModelBuilder()
                              .Sim(0, 1, 1)
                              .Constant("Request Queue", 4)
                              .Aux("Twice", "\"Request  Queue\" + request_queue")
                              .Build();
  EXPECT_EQ(Series(SimulateOrFail(source), "Twice")[0], 8);
}

TEST(ModelCompilerTest, UnknownVariableIsReportedAtItsColumnWithASuggestion) {
  ModelBuilder builder;
  builder.Aux("Processing", "5");
  int line = builder.next_line();
  builder.Aux("Latency", "10 / procesing");
  EXPECT_EQ(CompileErrors(builder.Build()),
            "model.yaml:" + std::to_string(line) +
                ":25: error: unknown variable 'procesing' (did you mean 'Processing'?)\n");
}

TEST(ModelCompilerTest, CycleWithoutAStockIsNamedAtTheFirstElementsReference) {
  ModelBuilder builder;
  int line = builder.next_line();
  builder.Aux("latency", "2 * processing").Aux("processing", "latency / 2");
  EXPECT_EQ(CompileErrors(builder.Build()),
            "model.yaml:" + std::to_string(line) +
                ":24: error: cycle without a stock: latency → processing → latency (every "
                "feedback loop needs a stock or a delay)\n");
}

}  // namespace
}  // namespace sdlab
