#include "core/equation/equation_ast.h"

#include <charconv>

#include "core/equation/builtins.h"

namespace sdlab {
namespace {

// Binding strength, higher binds tighter (matches equation_parser.h).
int Precedence(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kBinary:
      switch (expr.binary_op) {
        case BinaryOp::kOr:
          return 1;
        case BinaryOp::kAnd:
          return 2;
        case BinaryOp::kEqual:
        case BinaryOp::kNotEqual:
          return 3;
        case BinaryOp::kLess:
        case BinaryOp::kLessEqual:
        case BinaryOp::kGreater:
        case BinaryOp::kGreaterEqual:
          return 4;
        case BinaryOp::kAdd:
        case BinaryOp::kSubtract:
          return 5;
        case BinaryOp::kMultiply:
        case BinaryOp::kDivide:
        case BinaryOp::kModulo:
          return 6;
        case BinaryOp::kPower:
          return 8;
      }
      return 0;
    case ExprKind::kUnary:
      return 7;
    case ExprKind::kIf:
      return 0;  // IF ... ELSE extends to the right: always parenthesised
    default:
      return 9;
  }
}

std::string FormatNumber(double value) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string Wrapped(const Expr& expr, bool wrap) {
  std::string text = ExprToString(expr);
  return wrap ? "(" + text + ")" : text;
}

std::string NameText(const std::string& name) {
  for (char c : name) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || static_cast<unsigned char>(c) >= 0x80;
    if (!plain) return "\"" + name + "\"";
  }
  return name;
}

}  // namespace

Expr::~Expr() {
  std::vector<std::unique_ptr<Expr>> pending;
  for (std::unique_ptr<Expr>& argument : args) {
    if (argument) pending.push_back(std::move(argument));
  }
  while (!pending.empty()) {
    std::unique_ptr<Expr> node = std::move(pending.back());
    pending.pop_back();
    for (std::unique_ptr<Expr>& argument : node->args) {
      if (argument) pending.push_back(std::move(argument));
    }
  }  // each node dies with no children left
}

const char* BinaryOpText(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSubtract:
      return "-";
    case BinaryOp::kMultiply:
      return "*";
    case BinaryOp::kDivide:
      return "/";
    case BinaryOp::kPower:
      return "^";
    case BinaryOp::kModulo:
      return "MOD";
    case BinaryOp::kEqual:
      return "=";
    case BinaryOp::kNotEqual:
      return "<>";
    case BinaryOp::kLess:
      return "<";
    case BinaryOp::kLessEqual:
      return "<=";
    case BinaryOp::kGreater:
      return ">";
    case BinaryOp::kGreaterEqual:
      return ">=";
    case BinaryOp::kAnd:
      return "AND";
    case BinaryOp::kOr:
      return "OR";
  }
  return "?";
}

std::string ExprToString(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kNumber:
      return FormatNumber(expr.number);
    case ExprKind::kVariable:
      return NameText(expr.name);
    case ExprKind::kUnary: {
      const Expr& operand = *expr.args[0];
      const char* op = expr.unary_op == UnaryOp::kNegate ? "-"
                       : expr.unary_op == UnaryOp::kPlus ? "+"
                                                         : "NOT ";
      return op + Wrapped(operand, Precedence(operand) < Precedence(expr));
    }
    case ExprKind::kBinary: {
      const Expr& left = *expr.args[0];
      const Expr& right = *expr.args[1];
      int own = Precedence(expr);
      bool right_assoc = expr.binary_op == BinaryOp::kPower;
      bool wrap_left = right_assoc ? Precedence(left) <= own : Precedence(left) < own;
      bool wrap_right = right_assoc ? Precedence(right) < own - 1 : Precedence(right) <= own;
      return Wrapped(left, wrap_left) + " " + BinaryOpText(expr.binary_op) + " " +
             Wrapped(right, wrap_right);
    }
    case ExprKind::kIf:
      return "IF " + ExprToString(*expr.args[0]) + " THEN " + ExprToString(*expr.args[1]) +
             " ELSE " + ExprToString(*expr.args[2]);
    case ExprKind::kCall:
    case ExprKind::kLookupCall: {
      std::string text = expr.builtin >= 0 ? GetBuiltin(expr.builtin).name : NameText(expr.name);
      if (expr.kind == ExprKind::kCall && expr.builtin >= 0 &&
          GetBuiltin(expr.builtin).max_args == 0) {
        return text;
      }
      text += "(";
      for (std::size_t i = 0; i < expr.args.size(); ++i) {
        if (i > 0) text += ", ";
        text += ExprToString(*expr.args[i]);
      }
      return text + ")";
    }
  }
  return "";
}

}  // namespace sdlab
