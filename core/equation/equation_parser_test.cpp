#include "core/equation/equation_parser.h"

#include <gtest/gtest.h>

#include "core/equation/builtins.h"

namespace sdlab {
namespace {

// The AST printed back with minimal parentheses: shows how it grouped.
std::string Parsed(const std::string& text) {
  ParseError error;
  ExprPtr expr = ParseEquation(text, &error);
  if (!expr) return "error at " + std::to_string(error.offset) + ": " + error.message;
  return ExprToString(*expr);
}

TEST(EquationParserTest, PrecedenceFollowsXmile) {
  EXPECT_EQ(Parsed("a + b * c"), "a + b * c");
  EXPECT_EQ(Parsed("(a + b) * c"), "(a + b) * c");
  EXPECT_EQ(Parsed("a - b - c"), "a - b - c");
  EXPECT_EQ(Parsed("a - (b - c)"), "a - (b - c)");
  EXPECT_EQ(Parsed("2 ^ 3 ^ 2"), "2 ^ 3 ^ 2");
  EXPECT_EQ(Parsed("(2 ^ 3) ^ 2"), "(2 ^ 3) ^ 2");
  EXPECT_EQ(Parsed("-x ^ 2"), "-x ^ 2");
  EXPECT_EQ(Parsed("(-x) ^ 2"), "(-x) ^ 2");
  EXPECT_EQ(Parsed("2 ^ -1"), "2 ^ -1");
  EXPECT_EQ(Parsed("a < b and c or not d"), "a < b AND c OR NOT d");
  EXPECT_EQ(Parsed("a = b <> c"), "a = b <> c");
  EXPECT_EQ(Parsed("a == b != c"), "a = b <> c");
  EXPECT_EQ(Parsed("x mod 3 * 2"), "x MOD 3 * 2");
  EXPECT_EQ(Parsed("1 + IF a THEN b ELSE c + 1"), "1 + (IF a THEN b ELSE c + 1)");
}

TEST(EquationParserTest, NumbersNamesAndCalls) {
  EXPECT_EQ(Parsed(".5 + 1e-3 + 2.5E+2 + +.72"), "0.5 + 0.001 + 250 + +0.72");
  EXPECT_EQ(Parsed("\"Request Queue\" / Capacity_2"), "\"Request Queue\" / Capacity_2");
  EXPECT_EQ(Parsed("min(a, b)"), "MIN(a, b)");
  EXPECT_EQ(Parsed("latency_effect(x)"), "latency_effect(x)");
  EXPECT_EQ(Parsed("\"Latency Effect\"(x)"), "\"Latency Effect\"(x)");
  EXPECT_EQ(Parsed("TIME {the clock} * 2"), "TIME * 2");
  EXPECT_EQ(Parsed("pi()"), "PI");
}

TEST(EquationParserTest, ModIsBothTheInfixOperatorAndTheSpecsFunction) {
  EXPECT_EQ(Parsed("MOD(TIME, 2) + 7 mod 3"), "MOD(TIME, 2) + 7 MOD 3");
  EXPECT_EQ(Parsed("mod + 1"), "error at 0: expected an expression, found the keyword 'mod'");
}

TEST(EquationParserTest, NodesCarryTheirOffsets) {
  ParseError error;
  ExprPtr expr = ParseEquation("queue / MAX(done, 1)", &error);
  ASSERT_TRUE(expr);
  EXPECT_EQ(expr->kind, ExprKind::kBinary);
  EXPECT_EQ(expr->op_offset, 6u);
  EXPECT_EQ(expr->args[0]->offset, 0u);
  const Expr& call = *expr->args[1];
  EXPECT_EQ(call.kind, ExprKind::kCall);
  EXPECT_EQ(call.builtin, kMax);
  EXPECT_EQ(call.offset, 8u);
  EXPECT_EQ(call.args[0]->name, "done");
  EXPECT_EQ(call.args[0]->offset, 12u);
  EXPECT_EQ(call.args[1]->number, 1);
}

TEST(EquationParserTest, ErrorsSayWhatWasExpectedWhere) {
  EXPECT_EQ(Parsed(""), "error at 0: empty equation");
  EXPECT_EQ(Parsed("   "), "error at 0: empty equation");
  EXPECT_EQ(Parsed("a +"), "error at 3: expected an expression, found the end of the equation");
  EXPECT_EQ(Parsed("(a + b"), "error at 6: expected ')', found the end of the equation");
  EXPECT_EQ(Parsed("a b"), "error at 2: unexpected 'b' after a complete expression");
  EXPECT_EQ(Parsed("MIN(a b)"), "error at 6: expected ',' or ')' in the argument list, found 'b'");
  EXPECT_EQ(Parsed("IF a THEN b"), "error at 11: expected ELSE, found the end of the equation");
  EXPECT_EQ(Parsed("IF a b"), "error at 5: expected THEN, found 'b'");
  EXPECT_EQ(Parsed("a # b"), "error at 2: unexpected character '#'");
  EXPECT_EQ(Parsed("a\x01"), "error at 1: unexpected character '\\x01'");
  EXPECT_EQ(Parsed("1e+ 2"), "error at 0: malformed number '1e+': the exponent has no digits");
  EXPECT_EQ(Parsed("1e999"), "error at 0: number '1e999' is out of range");
  EXPECT_EQ(Parsed("2x"), "error at 1: unexpected 'x' after the number '2'");
  EXPECT_EQ(Parsed("\"open"), "error at 0: unterminated quoted name: '\"' without a closing '\"'");
  EXPECT_EQ(Parsed("a {note"), "error at 2: unterminated comment: '{' without '}'");
  EXPECT_EQ(Parsed("a + then"), "error at 4: expected an expression, found the keyword 'then'");
}

TEST(EquationParserTest, HostileNestingIsRejectedNotCrashed) {
  std::string deep(10000, '(');
  EXPECT_EQ(Parsed(deep + "1"), "error at 200: equation nested too deeply (more than 200 levels)");
  std::string negations(10000, '-');
  EXPECT_EQ(Parsed(negations + "1"),
            "error at 199: equation nested too deeply (more than 200 levels)");
  std::string chain = "a";
  for (int i = 0; i < 100000; ++i) chain += "+a";
  EXPECT_EQ(Parsed(chain),
            "error at 0: equation too long: its expression tree is more than 2000 levels deep");
  EXPECT_EQ(Parsed(chain + ")"), "error at 200001: unexpected ')' after a complete expression");
}

}  // namespace
}  // namespace sdlab
