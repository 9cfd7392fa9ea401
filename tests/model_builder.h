#pragma once
// Builds StockFlowModel values in code for engine tests, without YAML. Each
// element gets its own line: the element's name at column 11 and its
// equation (stock: initial value) at column 20 of that line, so an error at
// byte k of an equation is reported at line:(20 + k).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/diagnostic.h"
#include "core/engine/model.h"
#include "core/engine/model_compiler.h"
#include "core/engine/simulator.h"
#include "core/load/submission.h"
#include "core/names.h"

namespace sdlab::testing {

constexpr int kNameColumn = 11;
constexpr int kEquationColumn = 20;

class ModelBuilder {
 public:
  ModelBuilder& Sim(double start, double stop, double dt,
                    IntegrationMethod method = IntegrationMethod::kEuler) {
    model_.sim.start = start;
    model_.sim.stop = stop;
    model_.sim.dt = dt;
    model_.sim.method = method;
    return *this;
  }
  ModelBuilder& SaveInterval(double interval) {
    model_.sim.save_interval = interval;
    return *this;
  }
  ModelBuilder& Stock(const std::string& name, const std::string& initial,
                      std::optional<double> max = std::nullopt, bool non_negative = true) {
    sdlab::Stock stock;
    Fill(stock, name);
    stock.initial = Equation(initial);
    stock.max = max;
    stock.non_negative = non_negative;
    model_.stocks.push_back(stock);
    return *this;
  }
  ModelBuilder& Flow(const std::string& name, const std::string& equation,
                     const std::string& from = "", const std::string& to = "") {
    sdlab::Flow flow;
    Fill(flow, name);
    flow.equation = Equation(equation);
    flow.from = from;
    flow.to = to;
    flow.from_location = flow.to_location = flow.location;
    model_.flows.push_back(flow);
    return *this;
  }
  ModelBuilder& Aux(const std::string& name, const std::string& equation) {
    sdlab::Auxiliary aux;
    Fill(aux, name);
    aux.equation = Equation(equation);
    model_.auxiliaries.push_back(aux);
    return *this;
  }
  ModelBuilder& Constant(const std::string& name, double value) {
    sdlab::Constant constant;
    Fill(constant, name);
    constant.value = value;
    constant.value_location = {line_, kEquationColumn};
    model_.constants.push_back(constant);
    return *this;
  }
  ModelBuilder& Lookup(const std::string& name, std::vector<std::pair<double, double>> points,
                       LookupType type = LookupType::kContinuous) {
    sdlab::Lookup lookup;
    Fill(lookup, name);
    lookup.points = std::move(points);
    lookup.type = type;
    model_.lookups.push_back(lookup);
    return *this;
  }
  /// The line the next element will get.
  int next_line() const { return line_ + 1; }
  StockFlowModel Build() const { return model_; }

 private:
  void Fill(ElementInfo& info, const std::string& name) {
    ++line_;
    info.name = name;
    info.normalized = NormalizeName(name);
    info.location = {line_, kNameColumn};
  }
  EquationText Equation(const std::string& text) const {
    EquationText equation;
    equation.text = text;
    equation.location = {line_, kEquationColumn};
    return equation;
  }

  StockFlowModel model_ = [] {
    StockFlowModel model;
    model.present = true;
    model.location = {1, 1};
    return model;
  }();
  int line_ = 1;  // line 1 is `stock_flow:`
};

/// Every diagnostic as `model.yaml:L:C: error: message (hint)`, one a line.
inline std::string DiagnosticLines(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& diagnostic : diagnostics.items()) {
    Diagnostic copy = diagnostic;
    if (copy.file.empty()) copy.file = "model.yaml";
    out += FormatDiagnosticLine(copy) + "\n";
  }
  return out;
}

/// Compiles, or fails the test with the diagnostics.
inline std::optional<Model> CompileOrFail(const StockFlowModel& source) {
  Diagnostics diagnostics("model.yaml");
  std::optional<Model> model = CompileModel(source, diagnostics);
  EXPECT_TRUE(model.has_value()) << DiagnosticLines(diagnostics);
  return model;
}

/// Compiles and runs, or fails the test; an empty run on failure.
inline Run SimulateOrFail(const StockFlowModel& source, const SimulationOptions& options = {}) {
  Run run;
  std::optional<Model> model = CompileOrFail(source);
  if (!model) return run;
  Diagnostics diagnostics("model.yaml");
  EXPECT_TRUE(Simulate(*model, options, &run, diagnostics)) << DiagnosticLines(diagnostics);
  return run;
}

/// The compile errors (empty if it compiled).
inline std::string CompileErrors(const StockFlowModel& source) {
  Diagnostics diagnostics("model.yaml");
  CompileModel(source, diagnostics);
  return DiagnosticLines(diagnostics);
}

/// The run errors of a model that compiles.
inline std::string RunErrors(const StockFlowModel& source, const SimulationOptions& options = {}) {
  Diagnostics diagnostics("model.yaml");
  std::optional<Model> model = CompileModel(source, diagnostics);
  if (!model) return "compile failed: " + DiagnosticLines(diagnostics);
  Run run;
  EXPECT_FALSE(Simulate(*model, options, &run, diagnostics)) << "the run succeeded";
  return DiagnosticLines(diagnostics);
}

/// Series `name` of a run (fails the test if missing).
inline std::vector<double> Series(const Run& run, const std::string& name) {
  int index = run.FindSeries(name);
  EXPECT_GE(index, 0) << "no series '" << name << "'";
  return index < 0 ? std::vector<double>{} : run.values[static_cast<std::size_t>(index)];
}

}  // namespace sdlab::testing
