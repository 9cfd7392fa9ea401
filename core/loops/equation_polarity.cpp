#include "core/loops/equation_polarity.h"

#include <algorithm>
#include <cmath>

#include "core/engine/simulator.h"
#include "core/equation/builtins.h"

namespace sdlab {

bool IsInitialValueArgument(BuiltinId builtin, std::size_t argument) {
  switch (builtin) {
    case kSmth1:
    case kSmth3:
    case kDelay1:
    case kDelay3:
    case kDelayFixed:
    case kTrend:
      return argument >= 2;
    case kSmthN:
    case kDelayN:
      return argument >= 3;
    case kPrevious:
      return argument >= 1;
    case kInit:
      return true;  // INIT(x) is x at the start: fixed afterwards
    default:
      return false;
  }
}

namespace {

// The sign of a partial derivative (or of a value): zero (no dependence),
// + (non-decreasing / non-negative), - (non-increasing / non-positive), or
// not known from the symbols alone.
using Sign = EquationSign;

Sign Flip(Sign sign) {
  if (sign == Sign::kPositive) return Sign::kNegative;
  if (sign == Sign::kNegative) return Sign::kPositive;
  return sign;
}

// The sign of a sum of two terms with these signs.
Sign Sum(Sign a, Sign b) {
  if (a == Sign::kZero) return b;
  if (b == Sign::kZero) return a;
  return a == b ? a : Sign::kUnknown;
}

// The sign of a derivative term times a factor of known value sign.
Sign Times(Sign derivative, Sign value) {
  if (derivative == Sign::kZero) return Sign::kZero;
  if (derivative == Sign::kUnknown || value == Sign::kUnknown) return Sign::kUnknown;
  return value == Sign::kPositive ? derivative : Flip(derivative);
}

// The value sign of a product or quotient.
Sign ProductSign(Sign a, Sign b) {
  if (a == Sign::kUnknown || b == Sign::kUnknown) return Sign::kUnknown;
  return a == b ? Sign::kPositive : Sign::kNegative;
}

// Reads the sign of ∂expr/∂variable from the operators: certain where the
// sign rules of sums, products of terms of known sign, quotients by terms of
// known sign and monotone functions apply; kUnknown otherwise.
class SymbolicPolarity {
 public:
  SymbolicPolarity(const Model& model, const Run* run, const StockFlowModel* spec) : model_(model) {
    const auto& variables = model.variables();
    non_negative_.assign(variables.size(), false);
    constant_values_.assign(variables.size(), std::nan(""));
    if (spec != nullptr) {
      for (const Stock& stock : spec->stocks) {
        int index = model.Find(stock.name);
        if (index >= 0) non_negative_[static_cast<std::size_t>(index)] = stock.non_negative;
      }
      for (const Constant& constant : spec->constants) {
        int index = model.Find(constant.name);
        if (index >= 0) constant_values_[static_cast<std::size_t>(index)] = constant.value;
      }
    }
    run_signs_.assign(variables.size(), Sign::kUnknown);
    if (run != nullptr) {
      for (std::size_t i = 0; i < variables.size() && i < run->values_by_variable.size(); ++i) {
        const std::vector<double>& series = run->values_by_variable[i];
        if (series.empty()) continue;
        if (variables[i].kind == ElementKind::kConstant) constant_values_[i] = series[0];
        auto [low, high] = std::minmax_element(series.begin(), series.end());
        if (std::isnan(*low) || std::isnan(*high)) continue;
        if (*low >= 0) run_signs_[i] = Sign::kPositive;
        if (*high <= 0) run_signs_[i] = Sign::kNegative;
      }
    }
  }

  /// True when the answers since ForgetRunUse() leaned on the signs values
  /// had along the run, not on the equations alone.
  bool used_run() const { return used_run_; }
  void ForgetRunUse() const { used_run_ = false; }

  Sign Derivative(const Expr& expr, int variable) const {
    auto d = [&](std::size_t i) { return Derivative(*expr.args[i], variable); };
    switch (expr.kind) {
      case ExprKind::kNumber:
        return Sign::kZero;
      case ExprKind::kVariable:
        return expr.variable == variable ? Sign::kPositive : Sign::kZero;
      case ExprKind::kUnary:
        if (expr.unary_op == UnaryOp::kNegate) return Flip(d(0));
        if (expr.unary_op == UnaryOp::kPlus) return d(0);
        if (d(0) == Sign::kZero) return Sign::kZero;
        return IsLogical(*expr.args[0]) ? Flip(d(0)) : Sign::kUnknown;
      case ExprKind::kBinary:
        return BinaryDerivative(expr, variable);
      case ExprKind::kIf:
        return IfDerivative(*expr.args[0], *expr.args[1], *expr.args[2], variable);
      case ExprKind::kLookupCall:
        // The table's shape is not visible here: the run decides.
        return d(0) == Sign::kZero ? Sign::kZero : Sign::kUnknown;
      case ExprKind::kCall:
        return CallDerivative(expr, variable);
    }
    return Sign::kUnknown;
  }

  // The sign of an expression's value wherever the model runs: + means
  // never negative. `depth` bounds the walk into other elements' equations.
  Sign Value(const Expr& expr, int depth = 0) const {
    auto v = [&](std::size_t i) { return Value(*expr.args[i], depth); };
    switch (expr.kind) {
      case ExprKind::kNumber:
        return expr.number >= 0 ? Sign::kPositive : Sign::kNegative;
      case ExprKind::kVariable:
        return VariableValue(expr.variable, depth);
      case ExprKind::kUnary:
        if (expr.unary_op == UnaryOp::kNegate) return Flip(v(0));
        if (expr.unary_op == UnaryOp::kPlus) return v(0);
        return Sign::kPositive;  // not x is 0 or 1
      case ExprKind::kBinary:
        switch (expr.binary_op) {
          case BinaryOp::kAdd:
            return v(0) == v(1) ? v(0) : Sign::kUnknown;
          case BinaryOp::kSubtract:
            return v(0) == Flip(v(1)) ? v(0) : Sign::kUnknown;
          case BinaryOp::kMultiply:
          case BinaryOp::kDivide:
            return ProductSign(v(0), v(1));
          case BinaryOp::kPower:
            return v(0) == Sign::kPositive ? Sign::kPositive : Sign::kUnknown;
          case BinaryOp::kModulo:
            return v(1);  // floored: the divisor's sign
          default:
            return Sign::kPositive;  // comparisons and logic give 0 or 1
        }
      case ExprKind::kIf:
        return v(1) == v(2) ? v(1) : Sign::kUnknown;
      case ExprKind::kLookupCall:
        return Sign::kUnknown;
      case ExprKind::kCall:
        return CallValue(expr, depth);
    }
    return Sign::kUnknown;
  }

 private:
  Sign BinaryDerivative(const Expr& expr, int variable) const {
    const Expr& left = *expr.args[0];
    const Expr& right = *expr.args[1];
    const Sign d_left = Derivative(left, variable);
    const Sign d_right = Derivative(right, variable);
    if (d_left == Sign::kZero && d_right == Sign::kZero) return Sign::kZero;
    switch (expr.binary_op) {
      case BinaryOp::kAdd:
        return Sum(d_left, d_right);
      case BinaryOp::kSubtract:
        return Sum(d_left, Flip(d_right));
      case BinaryOp::kMultiply: {
        Sign first = d_left == Sign::kZero ? Sign::kZero : Times(d_left, Value(right));
        Sign second = d_right == Sign::kZero ? Sign::kZero : Times(d_right, Value(left));
        return Sum(first, second);
      }
      case BinaryOp::kDivide: {
        // d(a/b) = da / b - a db / b²: b's sign must be known.
        Sign first = d_left == Sign::kZero ? Sign::kZero : Times(d_left, Value(right));
        Sign second = d_right == Sign::kZero ? Sign::kZero : Times(Flip(d_right), Value(left));
        return Sum(first, second);
      }
      case BinaryOp::kPower: {
        if (d_right != Sign::kZero || right.kind != ExprKind::kNumber) return Sign::kUnknown;
        if (right.number == 0) return Sign::kZero;
        if (Value(left) != Sign::kPositive) return Sign::kUnknown;
        return right.number > 0 ? d_left : Flip(d_left);
      }
      case BinaryOp::kGreater:
      case BinaryOp::kGreaterEqual:
        // `a > b` steps from 0 to 1 as a rises: non-decreasing in a.
        return Sum(d_left, Flip(d_right));
      case BinaryOp::kLess:
      case BinaryOp::kLessEqual:
        return Sum(Flip(d_left), d_right);
      case BinaryOp::kAnd:
      case BinaryOp::kOr:
        // Non-decreasing in each operand that is itself 0 or 1.
        if (!IsLogical(left) || !IsLogical(right)) return Sign::kUnknown;
        return Sum(d_left, d_right);
      default:
        return Sign::kUnknown;  // MOD, = and <>: not monotone
    }
  }

  // 0 or 1 by construction: comparisons and logic.
  static bool IsLogical(const Expr& expr) {
    if (expr.kind == ExprKind::kUnary) return expr.unary_op == UnaryOp::kNot;
    if (expr.kind != ExprKind::kBinary) return false;
    switch (expr.binary_op) {
      case BinaryOp::kEqual:
      case BinaryOp::kNotEqual:
      case BinaryOp::kLess:
      case BinaryOp::kLessEqual:
      case BinaryOp::kGreater:
      case BinaryOp::kGreaterEqual:
      case BinaryOp::kAnd:
      case BinaryOp::kOr:
        return true;
      default:
        return false;
    }
  }

  // IF c THEN a ELSE b: the branches' own slopes, plus the jump from b to a
  // when the condition turns true as the variable rises.
  Sign IfDerivative(const Expr& condition, const Expr& then_branch, const Expr& else_branch,
                    int variable) const {
    const Sign branches = Sum(Derivative(then_branch, variable), Derivative(else_branch, variable));
    const Sign d_condition = Derivative(condition, variable);
    if (d_condition == Sign::kZero) return branches;
    if (!IsLogical(condition)) return Sign::kUnknown;
    const Sign jump = Difference(then_branch, else_branch);
    if (jump == Sign::kZero) return branches;
    return Sum(branches, Times(d_condition, jump));
  }

  // The sign of a - b (kZero when both are the same number).
  Sign Difference(const Expr& a, const Expr& b) const {
    if (a.kind == ExprKind::kNumber && b.kind == ExprKind::kNumber) {
      if (a.number == b.number) return Sign::kZero;
      return a.number > b.number ? Sign::kPositive : Sign::kNegative;
    }
    const Sign value_a = Value(a), value_b = Value(b);
    if (b.kind == ExprKind::kNumber && b.number == 0) return value_a;
    if (a.kind == ExprKind::kNumber && a.number == 0) return Flip(value_b);
    if (value_a == Sign::kPositive && value_b == Sign::kNegative) return Sign::kPositive;
    if (value_a == Sign::kNegative && value_b == Sign::kPositive) return Sign::kNegative;
    return Sign::kUnknown;
  }

  Sign CallDerivative(const Expr& expr, int variable) const {
    if (expr.builtin < 0) return Sign::kUnknown;
    if (expr.builtin == kIfThenElse && expr.args.size() == 3) {
      return IfDerivative(*expr.args[0], *expr.args[1], *expr.args[2], variable);
    }
    if (expr.builtin == kTrend || expr.builtin == kInit) {
      // TREND is a rate of change, not a level; INIT is fixed after the start.
      bool depends = false;
      for (const ExprPtr& arg : expr.args) depends |= Derivative(*arg, variable) != Sign::kZero;
      return depends && expr.builtin == kTrend ? Sign::kUnknown : Sign::kZero;
    }
    const BuiltinInfo& info = GetBuiltin(expr.builtin);
    Sign total = Sign::kZero;
    for (std::size_t i = 0; i < expr.args.size(); ++i) {
      if (IsInitialValueArgument(expr.builtin, i)) continue;
      Sign d = Derivative(*expr.args[i], variable);
      if (d == Sign::kZero) continue;
      Monotonicity monotonicity =
          info.monotonicity.empty() ? Monotonicity::kUnknown
                                    : info.monotonicity[std::min(i, info.monotonicity.size() - 1)];
      if (monotonicity == Monotonicity::kIncreasing) {
        total = Sum(total, d);
      } else if (monotonicity == Monotonicity::kDecreasing) {
        total = Sum(total, Flip(d));
      } else {
        return Sign::kUnknown;
      }
    }
    return total;
  }

  Sign CallValue(const Expr& expr, int depth) const {
    auto v = [&](std::size_t i) { return Value(*expr.args[i], depth); };
    switch (expr.builtin) {
      case kExp:
      case kSqrt:
      case kAbs:
      case kPi:
      case kDt:
        return Sign::kPositive;
      case kMax:
        for (std::size_t i = 0; i < expr.args.size(); ++i) {
          if (v(i) == Sign::kPositive) return Sign::kPositive;
        }
        return Sign::kUnknown;
      case kMin: {
        Sign all = v(0);
        for (std::size_t i = 1; i < expr.args.size(); ++i) {
          if (v(i) == Sign::kNegative) return Sign::kNegative;
          if (v(i) != all) all = Sign::kUnknown;
        }
        return all;
      }
      case kStep:
      case kPulse:
        return v(0);
      case kSmth1:
      case kSmth3:
      case kSmthN:
      case kDelay1:
      case kDelay3:
      case kDelayN:
      case kDelayFixed:
      case kPrevious:
      case kInit:
        // The output follows the input (and starts at it, unless an
        // initial value is given).
        for (std::size_t i = 1; i < expr.args.size(); ++i) {
          if (IsInitialValueArgument(expr.builtin, i) && v(i) != v(0)) return Sign::kUnknown;
        }
        return v(0);
      case kIfThenElse:
        return v(1) == v(2) ? v(1) : Sign::kUnknown;
      default:
        return Sign::kUnknown;
    }
  }

  Sign VariableValue(int variable, int depth) const {
    if (variable < 0) return Sign::kUnknown;
    Sign sign = EquationValue(variable, depth);
    if (sign != Sign::kUnknown) return sign;
    // The equations cannot tell; the run can: a queue that never went
    // negative along the run is taken as non-negative.
    sign = run_signs_[static_cast<std::size_t>(variable)];
    if (sign != Sign::kUnknown) used_run_ = true;
    return sign;
  }

  Sign EquationValue(int variable, int depth) const {
    const ModelVariable& element = model_.variables()[static_cast<std::size_t>(variable)];
    switch (element.kind) {
      case ElementKind::kConstant: {
        const double value = constant_values_[static_cast<std::size_t>(variable)];
        if (std::isnan(value)) return Sign::kUnknown;
        return value >= 0 ? Sign::kPositive : Sign::kNegative;
      }
      case ElementKind::kStock:
        return non_negative_[static_cast<std::size_t>(variable)] ? Sign::kPositive : Sign::kUnknown;
      case ElementKind::kFlow:
      case ElementKind::kAuxiliary:
        // Bounded: an equation's sign rarely needs more than a few hops, and
        // a long chain must not make this quadratic.
        if (depth >= 4 || element.equation == nullptr) return Sign::kUnknown;
        return Value(*element.equation, depth + 1);
      case ElementKind::kLookup:
        break;
    }
    return Sign::kUnknown;
  }

  const Model& model_;
  std::vector<bool> non_negative_;
  std::vector<double> constant_values_;  // NaN where not known
  std::vector<Sign> run_signs_;          // the sign every value had along the run
  mutable bool used_run_ = false;
};

}  // namespace

class EquationPolarity::Impl : public SymbolicPolarity {
 public:
  using SymbolicPolarity::SymbolicPolarity;
};

EquationPolarity::EquationPolarity(const Model& model, const Run* run, const StockFlowModel* spec)
    : impl_(std::make_unique<Impl>(model, run, spec)) {}
EquationPolarity::~EquationPolarity() = default;

EquationSign EquationPolarity::Derivative(const Expr& expr, int variable) const {
  return impl_->Derivative(expr, variable);
}
EquationSign EquationPolarity::Value(const Expr& expr) const { return impl_->Value(expr); }
bool EquationPolarity::used_run() const { return impl_->used_run(); }
void EquationPolarity::ForgetRunUse() const { impl_->ForgetRunUse(); }

}  // namespace sdlab
