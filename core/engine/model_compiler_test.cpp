#include <cmath>

#include <gtest/gtest.h>

#include "core/engine/model.h"
#include "core/engine/model_compiler.h"
#include "core/engine/simulator.h"
#include "core/equation/equation_ast.h"
#include "core/load/submission.h"
#include "core/load/submission_loader.h"
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

// Compile errors of a model whose elements are one auxiliary per entry
// (line 2, 3, ...), plus a lookup "Effect" and a constant "Rate".
std::string ErrorsOf(const std::vector<std::string>& equations) {
  ModelBuilder builder;
  for (std::size_t i = 0; i < equations.size(); ++i) {
    builder.Aux("A" + std::to_string(i + 1), equations[i]);
  }
  builder.Lookup("Effect", {{0, 0}, {1, 1}}).Constant("Rate", 2);
  return CompileErrors(builder.Build());
}

TEST(ModelCompilerTest, ParseErrorsAreLocatedInsideTheEquation) {
  EXPECT_EQ(ErrorsOf({"1 +", "(2"}),
            "model.yaml:2:23: error: expected an expression, found the end of the equation\n"
            "model.yaml:3:22: error: expected ')', found the end of the equation\n");
}

TEST(ModelCompilerTest, ParseErrorsUseTheLoadersOffsetMapWhenPresent) {
  // A folded YAML scalar: the equation's second line starts at line 9, column 7.
  StockFlowModel source = ModelBuilder().Aux("A", "1 +\n* 2").Build();
  EquationText& equation = source.auxiliaries[0].equation;
  for (std::size_t i = 0; i < equation.text.size(); ++i) {
    equation.offsets.push_back(i < 4 ? Location{8, static_cast<int>(20 + i)}
                                     : Location{9, static_cast<int>(7 + i - 4)});
  }
  EXPECT_EQ(CompileErrors(source), "model.yaml:9:7: error: expected an expression, found '*'\n");
}

TEST(ModelCompilerTest, NameErrorsPointAtTheName) {
  EXPECT_EQ(ErrorsOf({"rate + Efect", "effect + 1", "min + 1", "SQRTT(2)", "Rate(2)"}),
            "model.yaml:2:27: error: unknown variable 'Efect'\n"
            "model.yaml:3:20: error: 'effect' is a lookup: call it with an argument, as in "
            "effect(x)\n"
            "model.yaml:4:20: error: 'MIN' is a function: call it with arguments\n"
            "model.yaml:5:20: error: unknown function 'SQRTT' (did you mean 'SQRT'?)\n"
            "model.yaml:6:20: error: 'Rate' is not a function or a lookup\n");
}

TEST(ModelCompilerTest, UnknownFunctionSuggestsABuiltinOrALookup) {
  EXPECT_EQ(ErrorsOf({"SMTH(rate, 2)", "efect(1)"}),
            "model.yaml:2:20: error: unknown function 'SMTH' (did you mean 'SMTH1'?)\n"
            "model.yaml:3:20: error: unknown function 'efect' (did you mean 'Effect'?)\n");
}

TEST(ModelCompilerTest, WrongArgumentCountsAreReportedAtTheCall) {
  EXPECT_EQ(
      ErrorsOf({"1 + MIN(rate)", "SMTH1(rate)", "Effect(1, 2)", "INIT(1, 2)", "LOOKUP(rate, 1)"}),
      "model.yaml:2:24: error: MIN expects at least 2 arguments, got 1\n"
      "model.yaml:3:20: error: SMTH1 expects 2 to 3 arguments, got 1\n"
      "model.yaml:4:20: error: lookup 'Effect' takes 1 argument, got 2\n"
      "model.yaml:5:20: error: INIT expects 1 argument, got 2\n"
      "model.yaml:6:27: error: the first argument of LOOKUP must be the name of a lookup\n");
}

TEST(ModelCompilerTest, StatefulOrderMustBeAWholeConstant) {
  EXPECT_EQ(ErrorsOf({"SMTHN(rate, 2, A2)", "5", "DELAYN(1, 2, 2.5)", "SMTHN(1, 2, 0)"}),
            "model.yaml:2:35: error: the order of SMTHN must be a constant expression\n"
            "model.yaml:4:33: error: the order of DELAYN must be a whole number from 1 to 1000, "
            "got 2.5\n"
            "model.yaml:5:32: error: the order of SMTHN must be a whole number from 1 to 1000, "
            "got 0\n");
}

TEST(ModelCompilerTest, StatefulBuiltinsAreRefusedInInitialValues) {
  StockFlowModel source = ModelBuilder().Stock("S", "SMTH1(1, 2)").Build();
  EXPECT_EQ(CompileErrors(source),
            "model.yaml:2:20: error: SMTH1 cannot be used in a stock's initial value\n");
}

TEST(ModelCompilerTest, FlowsMustConnectExistingStocks) {
  StockFlowModel source = ModelBuilder().Stock("Queue", "0").Flow("In", "1", "", "Queu").Build();
  EXPECT_EQ(CompileErrors(source),
            "model.yaml:3:11: error: flow 'In' refers to unknown stock 'Queu' (did you mean "
            "'Queue'?)\n");
}

TEST(ModelCompilerTest, SelfReferenceIsACycle) {
  EXPECT_EQ(ErrorsOf({"A1 + 1"}),
            "model.yaml:2:20: error: cycle without a stock: A1 → A1 (every feedback loop needs a "
            "stock or a delay)\n");
}

TEST(ModelCompilerTest, EachCycleIsReportedOnce) {
  EXPECT_EQ(ErrorsOf({"A2", "A3 + A1", "A2 * 2", "A5", "A4", "A1 + 1"}),
            "model.yaml:2:20: error: cycle without a stock: A1 → A2 → A1 (every feedback loop "
            "needs a stock or a delay)\n"
            "model.yaml:5:20: error: cycle without a stock: A4 → A5 → A4 (every feedback loop "
            "needs a stock or a delay)\n");
}

TEST(ModelCompilerTest, StocksAndDelaysBreakCycles) {
  StockFlowModel source = ModelBuilder()
                              .Sim(0, 3, 1)
                              .Stock("S", "1")
                              .Flow("F", "A * 0.5", "", "S")
                              .Aux("A", "S + SMTH1(B, 2, 0) + DELAY(B, 1, 0) + PREVIOUS(B, 0)")
                              .Aux("B", "A / 10")
                              .Build();
  EXPECT_EQ(CompileErrors(source), "");
}

TEST(ModelCompilerTest, DelayOutputsThatReadTheirTimeStillCycleThroughIt) {
  // DELAY1's output is stage / time: a time computed from the output cycles.
  EXPECT_EQ(ErrorsOf({"DELAY1(1, A1 + 1)"}),
            "model.yaml:2:30: error: cycle without a stock: A1 → A1 (every feedback loop needs a "
            "stock or a delay)\n");
}

TEST(ModelCompilerTest, InitialValuesMayUseOtherElementsButNotCircularly) {
  StockFlowModel fine = ModelBuilder()
                            .Sim(0, 1, 1)
                            .Stock("Workers", "Demand / Productivity")
                            .Aux("Demand", "100 + Workers * 0")
                            .Constant("Productivity", 4)
                            .Build();
  EXPECT_EQ(CompileErrors(fine),
            "model.yaml:2:20: error: initial values depend on each other: Workers → Demand → "
            "Workers\n");
  StockFlowModel acyclic = ModelBuilder()
                               .Sim(0, 1, 1)
                               .Stock("Workers", "Demand / Productivity")
                               .Aux("Demand", "100 + TIME")
                               .Constant("Productivity", 4)
                               .Build();
  EXPECT_EQ(Series(SimulateOrFail(acyclic), "Workers")[0], 25);
}

TEST(ModelCompilerTest, TooManyElementsIsRefusedBeforeCompiling) {
  ModelBuilder builder;
  for (int i = 0; i < 11; ++i) builder.Constant("C" + std::to_string(i), i);
  Diagnostics diagnostics("model.yaml");
  CompileLimits limits;
  limits.max_variables = 10;
  EXPECT_FALSE(CompileModel(builder.Build(), diagnostics, limits));
  EXPECT_EQ(testing::DiagnosticLines(diagnostics),
            "model.yaml:1:1: error: the model has 11 elements; at most 10 are allowed\n");
}

TEST(ModelCompilerTest, EvaluateWithComputesOneEquationFromGivenValues) {
  StockFlowModel source = ModelBuilder()
                              .Stock("Queue", "0")
                              .Aux("Latency", "Queue / MAX(capacity, 1) + Effect(Queue)")
                              .Aux("Smoothed", "SMTH1(Latency * 2, 5)")
                              .Aux("Clock", "TIME")
                              .Constant("Capacity", 4)
                              .Lookup("Effect", {{0, 0}, {10, 1}})
                              .Build();
  std::optional<Model> model = CompileOrFail(source);
  ASSERT_TRUE(model);
  std::vector<double> values = {20, 0, 0, 0, 4, std::nan("")};
  EXPECT_DOUBLE_EQ(model->EvaluateWith(1, values, 0), 6);
  values[1] = 3;
  EXPECT_DOUBLE_EQ(model->EvaluateWith(2, values, 0), 6);  // at equilibrium: the input
  EXPECT_DOUBLE_EQ(model->EvaluateWith(3, values, 7.5), 7.5);
  EXPECT_TRUE(std::isnan(model->EvaluateWith(4, values, 0)));
}

// The engine reports equation errors through EquationText::At: the
// offsets the loader fills must land on the offending name in the file.
// Here rather than in submission_loader_test.cpp, so that the load stage's
// tests do not include an engine header.
Location FirstCompileErrorAt(const std::string& text) {
  Diagnostics diagnostics("answer.yaml");
  SourceFile source("answer.yaml", text);
  std::optional<Submission> submission = LoadSubmission(source, diagnostics);
  EXPECT_TRUE(submission.has_value()) << FormatDiagnostics(diagnostics, nullptr);
  if (!submission) return Location{};
  EXPECT_FALSE(CompileModel(submission->stock_flow, diagnostics).has_value());
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.severity == Severity::kError) return d.location;
  }
  return Location{};
}

TEST(LoadSubmission, EngineErrorsPointIntoPlainQuotedAndBlockEquations) {
  const std::string head = "stock_flow:\n  auxiliaries:\n    - name: a\n      equation: ";
  EXPECT_EQ(FirstCompileErrorAt(head + "1 + bogus\n"), (Location{4, 21}));
  EXPECT_EQ(FirstCompileErrorAt(head + "\"1 +  \\t bogus\"\n"), (Location{4, 26}));
  EXPECT_EQ(FirstCompileErrorAt(head + ">-\n        1 +\n        bogus\n"), (Location{6, 9}));
  EXPECT_EQ(FirstCompileErrorAt(head + "|\n        1 +\n          bogus\n"), (Location{6, 11}));
}

}  // namespace
}  // namespace sdlab
