#include "core/load/xmile_equation.h"

#include <gtest/gtest.h>

#include "core/equation/builtins.h"

namespace sdlab {
namespace {

// The equation as if it started at line 3, column 10 of a file, one byte per
// column.
LocatedText At3_10(const std::string& text) {
  LocatedText located;
  located.text = text;
  for (std::size_t i = 0; i < text.size(); ++i) {
    located.locations.push_back(Location{3, 10 + static_cast<int>(i)});
  }
  located.element_location = Location{3, 1};
  return located;
}

std::string Translate(const std::string& text, const XmileEquationContext& context = {}) {
  Diagnostics diagnostics("m.xmile");
  std::optional<EquationText> out = TranslateXmileEquation(At3_10(text), "x", diagnostics, context);
  EXPECT_FALSE(diagnostics.has_errors()) << FormatDiagnostics(diagnostics, nullptr);
  return out ? out->text : "<error>";
}

std::string Error(const std::string& text) {
  Diagnostics diagnostics("m.xmile");
  EXPECT_FALSE(TranslateXmileEquation(At3_10(text), "x", diagnostics).has_value());
  std::string out;
  for (const Diagnostic& d : diagnostics.items()) out += FormatDiagnosticLine(d) + "\n";
  return out;
}

TEST(XmileEquationTest, KeepsWhatOurLanguageSharesByteForByte) {
  EXPECT_EQ(Translate("ABS(StockA)"), "ABS(StockA)");
  EXPECT_EQ(Translate("( IF quotient = quotient_target THEN 1 ELSE 0 )"),
            "( IF quotient = quotient_target THEN 1 ELSE 0 )");
  EXPECT_EQ(Translate("time <> 5 and not (a >= b) or c^2^3"),
            "time <> 5 and not (a >= b) or c^2^3");
  EXPECT_EQ(Translate("DELAY(Flow_2, 5, -20)"), "DELAY(Flow_2, 5, -20)");
  EXPECT_EQ(Translate("TIME MOD 5 + a mod b"), "TIME MOD 5 + a mod b");  // infix, as ours
  EXPECT_EQ(Translate("+.72 * 5. - 1.05E-15 * 3e-05"), "+.72 * 5. - 1.05E-15 * 3e-05");
  EXPECT_EQ(Translate("{growth} rate * {of} stock {end}"), "{growth} rate * {of} stock {end}");
  EXPECT_EQ(Translate("\"Teacup Temperature\"-\"Room Temperature\""),
            "\"Teacup Temperature\"-\"Room Temperature\"");
}

TEST(XmileEquationTest, TrimsAndTurnsLineContinuationsIntoSpaces) {
  EXPECT_EQ(Translate("\n\t\t a +\n\t b \n"), "a +\n\t b");
  EXPECT_EQ(Translate("a +\\\nb"), "a + \nb");
  EXPECT_EQ(Translate("a \\ b"), "a \\ b");  // not a continuation: our parser reports it
}

TEST(XmileEquationTest, DecodesQuotedNamesAndQuotesNamesWithSpecialCharacters) {
  EXPECT_EQ(Translate("\"Aux_with_$peC!@|_characters\" * 2"),
            "\"Aux_with_$peC!@|_characters\" * 2");
  EXPECT_EQ(Translate("\"Stock with \\n Newline\" + 1"), "\"Stock with   Newline\" + 1");
  EXPECT_EQ(Translate("\"say \\\"hi\\\"\""), "\"say \\\"hi\\\"\"");  // kept: we cannot unescape
  EXPECT_EQ(Translate("cost$ + 1"), "\"cost$\" + 1");
}

TEST(XmileEquationTest, StripsVendorPrefixesFromBuiltins) {
  EXPECT_EQ(Translate("isee:SMTH1(x, 2) + std.MAX(a, b)"), "SMTH1(x, 2) + MAX(a, b)");
}

TEST(XmileEquationTest, AVendorPrefixMayNameEveryBuiltinOfTheTable) {
  // The translator takes its names from the builtin table, so a builtin
  // added there is accepted here too.
  for (const std::string& name : BuiltinNames()) {
    EXPECT_EQ(Translate("std." + name + "(x)"), name + "(x)");
  }
  EXPECT_EQ(Translate("isee:if(a)"), "if(a)");
}

TEST(XmileEquationTest, RedirectsCallsOfAVariablesTableToItsLookup) {
  XmileEquationContext tables;
  tables.tables = {{"effect", "effect_lookup"}};
  EXPECT_EQ(Translate("effect(x) + LOOKUP(Effect, y) + effect", tables),
            "effect_lookup(x) + LOOKUP(effect_lookup, y) + effect");
  EXPECT_EQ(Translate("\"effect\"(2)", tables), "effect_lookup(2)");
}

TEST(XmileEquationTest, MapsEveryByteBackToTheFile) {
  Diagnostics diagnostics;
  std::optional<EquationText> out =
      TranslateXmileEquation(At3_10("  \"a\\nb\" + isee:ABS(x)"), "x", diagnostics);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->text, "\"a b\" + ABS(x)");
  ASSERT_EQ(out->offsets.size(), out->text.size());
  EXPECT_EQ(out->location, (Location{3, 12}));  // the opening quote
  EXPECT_EQ(out->At(4), (Location{3, 12}));     // the rewritten name sits at its quote
  EXPECT_EQ(out->At(5), (Location{3, 18}));     // ' '
  EXPECT_EQ(out->At(6), (Location{3, 19}));     // '+'
  EXPECT_EQ(out->At(8), (Location{3, 26}));     // 'A' after the dropped "isee:"
  EXPECT_EQ(out->At(13), (Location{3, 31}));    // ')'
}

TEST(XmileEquationTest, ReportsUnterminatedCommentsAndQuotes) {
  EXPECT_EQ(Error("a + {oops"),
            "m.xmile:3:14: error: unterminated comment in the equation of 'x' (missing '}')\n");
  EXPECT_EQ(
      Error("\"a + 1"),
      "m.xmile:3:10: error: unterminated quoted name in the equation of 'x' (missing '\"')\n");
}

TEST(XmileEquationTest, ReportsArraysModulesAndUnsupportedBuiltins) {
  EXPECT_EQ(Error("sales[north] * 2"),
            "m.xmile:3:15: error: arrays are not supported: the equation of 'x' uses a "
            "subscript\n");
  EXPECT_EQ(Error("1 + hares.births"),
            "m.xmile:3:14: error: modules are not supported: the equation of 'x' refers to "
            "'hares.births' inside a module\n");
  EXPECT_EQ(Error("normal(0, 1, 5)"),
            "m.xmile:3:10: error: the equation of 'x' uses NORMAL, an XMILE builtin that sdlab "
            "does not support\n");
  EXPECT_EQ(Error("isee:HISTORY(x, 2)"),
            "m.xmile:3:10: error: the equation of 'x' uses isee:HISTORY, a vendor function that "
            "sdlab does not support\n");
}

TEST(XmileEquationTest, EmptyEquationIsEmptyText) {
  Diagnostics diagnostics;
  std::optional<EquationText> out = TranslateXmileEquation(At3_10(" \n\t "), "x", diagnostics);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->text, "");
  EXPECT_EQ(out->location, (Location{3, 1}));
}

TEST(XmileEquationTest, DecodesNames) {
  EXPECT_EQ(DecodeXmileName("Stock with \\n Newline Character"), "Stock with   Newline Character");
  EXPECT_EQ(DecodeXmileName("  \"Flow_w/_division\"  "), "Flow_w/_division");
  EXPECT_EQ(DecodeXmileName("a\\\\b \\\"q\\\""), "a\\b \"q\"");
  EXPECT_EQ(DecodeXmileName("two\nlines\tand tab"), "two lines and tab");
}

TEST(XmileEquationTest, RefersToNamesAsPlainIdentifiersOrQuoted) {
  EXPECT_EQ(EquationReference("Room Temperature"), "Room_Temperature");
  EXPECT_EQ(EquationReference("Flow w/ division"), "\"Flow w/ division\"");
  EXPECT_EQ(EquationReference("2nd stock"), "\"2nd stock\"");
  EXPECT_TRUE(IsPlainIdentifier("_x1"));
  EXPECT_TRUE(IsPlainIdentifier("caf\xC3\xA9"));
  EXPECT_FALSE(IsPlainIdentifier("a-b"));
  EXPECT_FALSE(IsPlainIdentifier(""));
}

}  // namespace
}  // namespace sdlab
