#pragma once
// Parses one equation into the AST (core/equation/equation_ast.h). Names are not
// resolved here: variables keep `variable = -1` and calls `builtin = -1`
// unless the name is a builtin; the model compiler resolves them.
//
// Grammar, lowest precedence first (XMILE 1.0):
//   or        := and (OR and)*
//   and       := equality (AND equality)*
//   equality  := relation ((= | == | <> | !=) relation)*
//   relation  := additive ((< | <= | > | >=) additive)*
//   additive  := term ((+ | -) term)*
//   term      := unary ((* | / | MOD) unary)*
//   unary     := (- | + | NOT) unary | power
//   power     := primary (^ unary)?          right-associative; -2^2 = -4
//   primary   := number | name | "quoted name" | name ( args ) | ( or )
//              | IF or THEN or ELSE or

#include <cstddef>
#include <string>
#include <string_view>

#include "core/equation/equation_ast.h"

namespace sdlab {

struct ParseError {
  std::size_t offset = 0;  // byte offset in the equation
  std::string message;
};

/// Nesting deeper than this (parentheses, operators, calls) is rejected so
/// that a hostile equation cannot exhaust the stack.
constexpr int kMaxEquationDepth = 200;
/// The AST may be at most this deep (long `a + b + c ...` chains).
constexpr int kMaxEquationTreeDepth = 2000;

/// The AST of `equation`, or null with `*error` set.
ExprPtr ParseEquation(std::string_view equation, ParseError* error);

}  // namespace sdlab
