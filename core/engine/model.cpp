// Model's public methods and the AST evaluator behind EvaluateWith.

#include <charconv>
#include <cmath>
#include <limits>

#include "core/engine/model_internal.h"
#include "core/names.h"

namespace sdlab {

Model::Model() : impl_(std::make_unique<ModelImpl>()) {}
Model::~Model() = default;
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;

const std::vector<ModelVariable>& Model::variables() const { return impl_->variables; }

int Model::Find(std::string_view name) const {
  auto it = impl_->index_by_name.find(NormalizeName(name));
  return it == impl_->index_by_name.end() ? -1 : it->second;
}

const SimSpec& Model::sim() const { return impl_->sim; }

double Model::EvaluateWith(int index, const std::vector<double>& values, double time) const {
  const ModelImpl& model = *impl_;
  if (index < 0 || static_cast<std::size_t>(index) >= model.variables.size() ||
      values.size() < model.variables.size()) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  const ModelVariable& variable = model.variables[static_cast<std::size_t>(index)];
  if (!variable.equation) return std::numeric_limits<double>::quiet_NaN();
  TimeContext context;
  context.time = time;
  context.step_time = time;
  context.dt = model.sim.dt;
  context.start = model.sim.start;
  context.stop = model.sim.stop;
  context.step = model.sim.dt > 0 ? std::llround((time - model.sim.start) / model.sim.dt) : 0;
  return EvaluateExpr(model, *variable.equation, values.data(), context);
}

namespace {

double Binary(BinaryOp op, double left, double right) {
  switch (op) {
    case BinaryOp::kAdd:
      return left + right;
    case BinaryOp::kSubtract:
      return left - right;
    case BinaryOp::kMultiply:
      return left * right;
    case BinaryOp::kDivide:
      return left / right;
    case BinaryOp::kPower:
      return std::pow(left, right);
    case BinaryOp::kModulo:
      return right == 0 ? std::numeric_limits<double>::quiet_NaN()
                        : left - right * std::floor(left / right);
    case BinaryOp::kEqual:
      return left == right;
    case BinaryOp::kNotEqual:
      return left != right;
    case BinaryOp::kLess:
      return left < right;
    case BinaryOp::kLessEqual:
      return left <= right;
    case BinaryOp::kGreater:
      return left > right;
    case BinaryOp::kGreaterEqual:
      return left >= right;
    case BinaryOp::kAnd:
      return left != 0 && right != 0;
    case BinaryOp::kOr:
      return left != 0 || right != 0;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

double EvaluateExpr(const ModelImpl& model, const Expr& expr, const double* values,
                    const TimeContext& time) {
  auto arg = [&](std::size_t i) { return EvaluateExpr(model, *expr.args[i], values, time); };
  switch (expr.kind) {
    case ExprKind::kNumber:
      return expr.number;
    case ExprKind::kVariable:
      return values[expr.variable];
    case ExprKind::kUnary: {
      double operand = arg(0);
      if (expr.unary_op == UnaryOp::kNegate) return -operand;
      if (expr.unary_op == UnaryOp::kNot) return operand == 0;
      return operand;
    }
    case ExprKind::kBinary:
      if (expr.binary_op == BinaryOp::kAnd) return arg(0) != 0 && arg(1) != 0;
      if (expr.binary_op == BinaryOp::kOr) return arg(0) != 0 || arg(1) != 0;
      return Binary(expr.binary_op, arg(0), arg(1));
    case ExprKind::kIf:
      return arg(0) != 0 ? arg(1) : arg(2);
    case ExprKind::kLookupCall: {
      const LookupTable& table = model.lookups[static_cast<std::size_t>(
          model.lookup_index[static_cast<std::size_t>(expr.variable)])];
      return LookupValue(table.points, table.type, arg(0));
    }
    case ExprKind::kCall: {
      if (expr.builtin < 0) return std::numeric_limits<double>::quiet_NaN();
      if (GetBuiltin(expr.builtin).stateful) return expr.builtin == kTrend ? 0 : arg(0);
      double arguments[16];
      std::vector<double> many;
      double* out = arguments;
      if (expr.args.size() > 16) {
        many.resize(expr.args.size());
        out = many.data();
      }
      for (std::size_t i = 0; i < expr.args.size(); ++i) out[i] = arg(i);
      return ApplyPureBuiltin(expr.builtin, out, static_cast<int>(expr.args.size()), time);
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double EvaluateConstantExpr(const ModelImpl& model, const Expr& expr) {
  TimeContext context;
  context.time = context.step_time = context.start = model.sim.start;
  context.dt = model.sim.dt;
  context.stop = model.sim.stop;
  return EvaluateExpr(model, expr, model.constant_values.data(), context);
}

std::string FormatDouble(double value) {
  // Whole numbers read better without an exponent: 20000000, not 2e+07.
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace sdlab
