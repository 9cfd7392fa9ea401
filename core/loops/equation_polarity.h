#pragma once
// Which way an equation moves when one of its inputs rises, read from the
// operators of the engine's AST (core/equation/equation_ast.h): the symbolic half of
// the loop analysis of a stock-and-flow model (core/loops/model_loops.h).

#include <cstddef>
#include <memory>

#include "core/engine/model.h"
#include "core/engine/simulator.h"
#include "core/equation/equation_ast.h"
#include "core/load/submission.h"

namespace sdlab {

/// The sign of a partial derivative (or of a value): zero (no dependence),
/// + (non-decreasing / never negative), - (non-increasing / never
/// positive), or not known.
enum class EquationSign { kZero, kPositive, kNegative, kUnknown };

/// True for an argument of a stateful builtin that only sets its initial
/// state (SMTH1's third, PREVIOUS's second, INIT's only one): it carries no
/// feedback.
bool IsInitialValueArgument(BuiltinId builtin, std::size_t argument);

/// Reads the sign of ∂expr/∂variable from the operators, certain for all
/// values where these rules settle it: sums and differences; products and
/// quotients whose other factor has a known sign; powers with a constant
/// exponent of a non-negative base; comparisons (`a > b` is non-decreasing
/// in a) and their `and`/`or`/`not`; IF whose branches agree and whose jump
/// (then - else) has a known sign; builtins monotone in the argument
/// (core/equation/builtins.h); stateful builtins through their input. Everything
/// else is kUnknown (the caller then samples the run).
///
/// Value signs come from numbers, constants, non-negative stocks (from
/// `spec`), EXP/SQRT/ABS, MIN/MAX, and other elements' equations up to four
/// hops; failing that from the sign a value kept along `run` (then
/// used_run() says so).
class EquationPolarity {
 public:
  /// `run` and `spec` may be null.
  EquationPolarity(const Model& model, const Run* run, const StockFlowModel* spec);
  ~EquationPolarity();
  EquationPolarity(const EquationPolarity&) = delete;
  EquationPolarity& operator=(const EquationPolarity&) = delete;

  EquationSign Derivative(const Expr& expr, int variable) const;
  /// The sign of the expression's value wherever the model runs.
  EquationSign Value(const Expr& expr) const;

  /// True when an answer since ForgetRunUse() leaned on the run.
  bool used_run() const;
  void ForgetRunUse() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sdlab
