#pragma once
// The compiled stock-and-flow model. A Model is built once from a validated
// StockFlowModel by CompileModel (core/engine/model_compiler.h: names
// resolved to slots, equations lowered to flat bytecode, auxiliaries and
// flows in dependency order, stateful builtins turned into internal stocks or
// buffers) and can be run any number of times with different options by
// Simulate (core/engine/simulator.h).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/load/submission.h"

namespace sdlab {

struct Expr;  // the equation AST, core/equation/equation_ast.h

/// One model element as the compiled model sees it.
struct ModelVariable {
  std::string name;  // as written
  std::string normalized;
  ElementKind kind = ElementKind::kAuxiliary;
  Location location;
  /// Indices (into Model::variables()) of the elements this element's
  /// equation references directly, sorted, without duplicates. For a stock:
  /// its inflows and outflows. Lookups called by an equation are included.
  std::vector<int> dependencies;
  /// For a stock: its inflows and outflows (indices of flows).
  std::vector<int> inflows;
  std::vector<int> outflows;
  /// The parsed equation (stock: initial value); null for constants/lookups.
  const Expr* equation = nullptr;
};

class ModelImpl;

class Model {
 public:
  Model();
  ~Model();
  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;

  /// Stocks, flows, auxiliaries, constants and lookups, in model order
  /// (stocks, flows, auxiliaries, constants, lookups, each as listed).
  const std::vector<ModelVariable>& variables() const;
  /// Index of the element with this name (any spelling that normalises the
  /// same), or -1.
  int Find(std::string_view name) const;
  const SimSpec& sim() const;

  /// Evaluates variable `index`'s equation (not a stock's integration) given
  /// the value of every element as `values[variable index]` at time `time`;
  /// stateful builtins read their current output from `values` of their
  /// input where they cannot be recomputed. Used for numeric partial
  /// derivatives by the loop analysis. Returns NaN for constants/lookups.
  double EvaluateWith(int index, const std::vector<double>& values, double time) const;

  ModelImpl& impl() { return *impl_; }
  const ModelImpl& impl() const { return *impl_; }

 private:
  std::unique_ptr<ModelImpl> impl_;
};

}  // namespace sdlab
