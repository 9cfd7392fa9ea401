#pragma once
// The equation AST: what the parser produces and every later stage (the
// model compiler, the loop analysis, EvaluateWith) walks. One node type with
// a kind and children keeps walkers short:
//
//   kNumber      value
//   kVariable    name as written; `variable` = index into Model::variables()
//                once resolved (-1 before)
//   kUnary       unary_op, args[0]
//   kBinary      binary_op, args[0] op args[1]
//   kIf          IF args[0] THEN args[1] ELSE args[2] (also IF_THEN_ELSE)
//   kCall        builtin(args...) — `builtin` is the BuiltinId (builtins.h);
//                TIME, DT, PI ... are calls with no arguments
//   kLookupCall  a graphical function applied to args[0]: `table(x)` or
//                `LOOKUP(table, x)`; `variable` = the lookup's index
//
// Every node carries the byte offset of its first character inside the
// equation text (EquationText::At(offset) gives the file location), and
// binary nodes the offset of their operator.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace sdlab {

enum class ExprKind { kNumber, kVariable, kUnary, kBinary, kIf, kCall, kLookupCall };

enum class UnaryOp { kNegate, kPlus, kNot };

enum class BinaryOp {
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kPower,
  kModulo,  // the infix `a MOD b`, floored like MOD(a, b)
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kAnd,
  kOr,
};

/// Index into the builtin table (builtins.h); kept an int here so the AST
/// does not depend on the table.
using BuiltinId = int;

struct Expr {
  ExprKind kind = ExprKind::kNumber;
  std::size_t offset = 0;     // first byte of the node in the equation text
  std::size_t op_offset = 0;  // kBinary: the operator; kCall/kLookupCall: the name
  double number = 0;          // kNumber
  std::string name;           // kVariable, kCall, kLookupCall: as written
  int variable = -1;          // kVariable, kLookupCall: resolved element index
  UnaryOp unary_op = UnaryOp::kNegate;
  BinaryOp binary_op = BinaryOp::kAdd;
  BuiltinId builtin = -1;  // kCall
  std::vector<std::unique_ptr<Expr>> args;

  Expr() = default;
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;
  /// Frees the subtree without recursion, so a hostile `a+a+...+a` cannot
  /// exhaust the stack even before the parser rejects its depth.
  ~Expr();
};

using ExprPtr = std::unique_ptr<Expr>;

/// The operator as written in equations ("+", "<=", "and" ...).
const char* BinaryOpText(BinaryOp op);

/// Renders the expression back as equation text with minimal parentheses
/// (names as written). Used in messages and by the loop analysis.
std::string ExprToString(const Expr& expr);

}  // namespace sdlab
