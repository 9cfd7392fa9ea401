#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "core/load/yaml_reader.h"
#include "core/load/yaml_tree.h"
#include "test_support.h"

namespace sdlab {
namespace {

// Every diagnostic's first line, one per line.
std::string Lines(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.items()) out += FormatDiagnosticLine(d) + "\n";
  return out;
}

std::string ReadErrors(const std::string& text) {
  SourceFile source("t.yaml", text);
  Diagnostics diagnostics("t.yaml");
  std::optional<YamlNode> root = ReadYaml(source, diagnostics);
  EXPECT_EQ(root.has_value(), !diagnostics.has_errors());
  return Lines(diagnostics);
}

YamlNode ReadOk(const std::string& text) {
  SourceFile source("t.yaml", text);
  Diagnostics diagnostics("t.yaml");
  std::optional<YamlNode> root = ReadYaml(source, diagnostics);
  EXPECT_TRUE(root.has_value()) << Lines(diagnostics);
  return root.value_or(YamlNode{});
}

TEST(ReadYaml, BuildsALocatedTreeWithKeysAndStyles) {
  YamlNode root = ReadOk(
      "a: 1\n"
      "b:\n"
      "  - 'x'\n"
      "  - \"y\"\n"
      "c: [1, {k: v}]\n"
      "d: |\n"
      "  text\n"
      "e: >-\n"
      "  folded\n");
  ASSERT_TRUE(root.is_mapping());
  ASSERT_EQ(root.items.size(), 5u);
  const YamlNode* a = root.Find("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->scalar, "1");
  EXPECT_EQ(a->style, ScalarStyle::kPlain);
  EXPECT_EQ(a->location, (Location{1, 4}));
  EXPECT_EQ(a->key_location, (Location{1, 1}));
  const YamlNode* b = root.Find("b");
  ASSERT_TRUE(b->is_sequence());
  EXPECT_FALSE(b->flow);
  EXPECT_EQ(b->items[0].style, ScalarStyle::kSingleQuoted);
  EXPECT_EQ(b->items[1].style, ScalarStyle::kDoubleQuoted);
  EXPECT_EQ(b->items[1].location, (Location{4, 5}));
  const YamlNode* c = root.Find("c");
  EXPECT_TRUE(c->flow);
  EXPECT_EQ(c->items[1].Find("k")->scalar, "v");
  EXPECT_EQ(root.Find("d")->style, ScalarStyle::kLiteral);
  EXPECT_EQ(root.Find("d")->scalar, "text\n");
  EXPECT_EQ(root.Find("e")->style, ScalarStyle::kFolded);
  EXPECT_EQ(root.Find("e")->scalar, "folded");
}

TEST(ReadYaml, AnEmptyValueIsReportedAtItsKey) {
  YamlNode root = ReadOk("a:\nb: 2\n");
  const YamlNode* a = root.Find("a");
  ASSERT_TRUE(a->is_null());
  EXPECT_EQ(a->location, (Location{2, 1}));  // yaml-cpp marks the next token
  EXPECT_EQ(a->ReportLocation(), (Location{1, 1}));
}

TEST(ReadYaml, DescribesKinds) {
  YamlNode root = ReadOk("n: 12\nq: \"12\"\nb: true\nt: fast\ne: ''\nl: []\nm: {}\nz:\n");
  EXPECT_EQ(root.Find("n")->KindDescription(), "the number 12");
  EXPECT_EQ(root.Find("q")->KindDescription(), "text '12'");
  EXPECT_EQ(root.Find("b")->KindDescription(), "true");
  EXPECT_EQ(root.Find("t")->KindDescription(), "text 'fast'");
  EXPECT_EQ(root.Find("e")->KindDescription(), "empty text");
  EXPECT_EQ(root.Find("l")->KindDescription(), "a list");
  EXPECT_EQ(root.Find("m")->KindDescription(), "a mapping");
  EXPECT_EQ(root.Find("z")->KindDescription(), "an empty value");
}

TEST(ReadYaml, AnEmptyFileIsAnEmptyDocument) {
  YamlNode root = ReadOk("# only a comment\n");
  EXPECT_TRUE(root.is_null());
}

TEST(ReadYaml, RejectsDuplicateKeysAtTheSecondNamingTheFirstLine) {
  EXPECT_EQ(ReadErrors("stocks: 1\nflows: 2\nstocks: 3\n"),
            "t.yaml:3:1: error: duplicate key 'stocks' (first on line 1)\n");
}

TEST(ReadYaml, DuplicateKeysAreComparedPerMapping) { ReadOk("a: {x: 1}\nb: {x: 2}\n"); }

TEST(ReadYaml, RejectsAnchorsAndAliases) {
  EXPECT_EQ(ReadErrors("base: &b 5\nother: *b\n"),
            "t.yaml:1:7: error: anchor '&b' is not supported (write the value out in full)\n"
            "t.yaml:2:8: error: alias '*b' is not supported (write the value out in full)\n");
}

TEST(ReadYaml, AnAliasBombIsRejectedWithoutExpanding) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string prev(1, static_cast<char>(c - 1));
    text += std::string(1, c) + ": &" + std::string(1, c) + " [";
    for (int i = 0; i < 10; ++i) text += (i ? ", *" : "*") + prev;
    text += "]\n";
  }
  SourceFile source("t.yaml", text);
  Diagnostics diagnostics("t.yaml");
  EXPECT_FALSE(ReadYaml(source, diagnostics).has_value());
  // 10 anchors and 90 aliases: the cap of 50 stops the parse.
  EXPECT_EQ(diagnostics.items().size(), 50u);
  EXPECT_EQ(FormatDiagnosticLine(diagnostics.items()[0]),
            "t.yaml:1:4: error: anchor '&a' is not supported (write the value out in full)");
}

TEST(ReadYaml, RejectsExplicitTags) {
  EXPECT_EQ(ReadErrors("a: !!str 5\nb: ! 6\nc: !!map {}\n"),
            "t.yaml:1:4: error: tag '!!str' is not supported (remove it)\n"
            "t.yaml:2:4: error: tag '!' is not supported (remove it)\n"
            "t.yaml:3:4: error: tag '!!map' is not supported (remove it)\n");
}

TEST(ReadYaml, RejectsNonScalarKeys) {
  EXPECT_EQ(ReadErrors("? [a, b]\n: 1\n"),
            "t.yaml:1:3: error: a mapping key must be text, found a list\n");
}

TEST(ReadYaml, RejectsSeveralDocuments) {
  EXPECT_EQ(ReadErrors("a: 1\n---\nb: 2\n"),
            "t.yaml:2:1: error: several YAML documents in one file; a submission is one "
            "document\n");
}

TEST(ReadYaml, TextAfterTheTopLevelValueIsAnIndentationSlip) {
  EXPECT_EQ(ReadErrors("- a\nb: 1\n"),
            "t.yaml:2:1: error: unexpected text after the end of the document (check the "
            "indentation of this line)\n");
}

TEST(ReadYaml, RejectsNestingDeeperThanTheLimit) {
  std::string deep = "a: " + std::string(64, '[') + std::string(64, ']') + "\n";
  EXPECT_EQ(ReadErrors(deep), "t.yaml:1:67: error: nesting deeper than 64 levels\n");
  std::string ok = "a: " + std::string(63, '[') + std::string(63, ']') + "\n";
  ReadOk(ok);
  // Far past yaml-cpp's own limit of 500: still one clear message.
  std::string very_deep = "a: " + std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(ReadErrors(very_deep), "t.yaml:1:67: error: nesting deeper than 64 levels\n");
}

TEST(ReadYaml, RejectsInvalidUtf8AtTheFirstBadByte) {
  EXPECT_EQ(ReadErrors("a: ok\nb: caf\xC3(\n"),
            "t.yaml:2:7: error: invalid UTF-8 byte 0xC3 (save the file as UTF-8)\n");
}

TEST(ReadYaml, RejectsControlCharacters) {
  EXPECT_EQ(ReadErrors(std::string("a: x\0y\n", 7)),
            "t.yaml:1:5: error: control character 0x00 is not allowed in YAML\n");
}

TEST(ReadYaml, RejectsAFileOverTheSizeLimitWithoutParsing) {
  std::string big = "a: [" + std::string((1 << 20), ' ');
  EXPECT_EQ(ReadErrors(big), "t.yaml: error: file is 1048580 bytes; the limit is 1 MiB\n");
}

TEST(ReadYaml, RejectsUnclosedQuotes) {
  // yaml-cpp alone would read "abc b: 1" as the value of a.
  EXPECT_EQ(ReadErrors("a: \"abc\nb: 1\n"),
            "t.yaml:1:4: error: double-quoted text is not closed (add the closing \")\n");
  EXPECT_EQ(ReadErrors("a: [x, 'abc]\n"),
            "t.yaml:1:8: error: single-quoted text is not closed (add the closing ')\n");
  ReadOk("a: \"x \\\" y\"\nb: 'it''s'\nc: \"\"\nd: \"two\n  lines\"\n");
}

TEST(ReadYaml, AnEquationStartingWithAQuotedNameGetsAHint) {
  EXPECT_EQ(ReadErrors("aux:\n  equation: \"Request Queue\" / 2\n"),
            "t.yaml:2:29: error: invalid YAML: end of map not found (a quoted value must end the "
            "line; to start an equation with a \"quoted name\", put the whole equation in single "
            "quotes)\n");
  YamlNode root = ReadOk("equation: '\"Request Queue\" / 2'\n");
  EXPECT_EQ(root.Find("equation")->scalar, "\"Request Queue\" / 2");
}

TEST(ReadYaml, ReportsSyntaxErrorsAtTheirOneBasedLocation) {
  EXPECT_EQ(ReadErrors("a: [1, 2\nb: 3\n"),
            "t.yaml:1:4: error: this '[' is never closed (add the closing ']'; YAML read on to "
            "line 2 and stopped there: end of sequence flow not found)\n");
  EXPECT_EQ(ReadErrors("polarity: -\n"),
            "t.yaml:1:11: error: invalid YAML: illegal block entry (a value that starts with '-' "
            "must be quoted)\n");
  EXPECT_EQ(ReadErrors("a:\n\tb: 1\n"),
            "t.yaml:2:3: error: invalid YAML: illegal map value (line 2 is indented with a tab; "
            "YAML needs spaces)\n");
}

TEST(ReadYaml, LocationsCountTheByteOrderMarkAndLoneCarriageReturns) {
  YamlNode bom = ReadOk(
      "\xEF\xBB\xBF"
      "a: 1\nb: 2\n");
  EXPECT_EQ(bom.Find("a")->location, (Location{1, 7}));
  YamlNode cr = ReadOk("a: 1\rb: 2\r");
  EXPECT_EQ(cr.Find("b")->location, (Location{2, 4}));
  YamlNode crlf = ReadOk("a: 1\r\nb: 2\r\n");
  EXPECT_EQ(crlf.Find("b")->location, (Location{2, 4}));
}

TEST(ReadYamlRecovering, KeepsTheTreeAfterRecoverableErrors) {
  SourceFile source("t.yaml", "a: 1\na: 2\nb: &x 3\n");
  Diagnostics diagnostics("t.yaml");
  std::optional<YamlNode> root = ReadYamlRecovering(source, diagnostics);
  ASSERT_TRUE(root.has_value());
  EXPECT_EQ(root->Find("a")->scalar, "1");
  EXPECT_EQ(root->Find("b")->scalar, "3");
  EXPECT_EQ(diagnostics.error_count(), 2u);
}

TEST(TextExcerpt, KeepsMessagesShortAndOnOneLine) {
  EXPECT_EQ(TextExcerpt("a\nb\tc"), "a b c");
  EXPECT_EQ(TextExcerpt(std::string(100, 'x'), 5), "xxxxx...");
  EXPECT_EQ(TextExcerpt("abcd\xC3\xA9", 5), "abcd...");  // not inside the é
  EXPECT_EQ(TextExcerpt("abcde", 5), "abcde");
}

TEST(ParseNumber, AcceptsDecimalNumbersOnly) {
  EXPECT_EQ(ParseNumber("12"), 12.0);
  EXPECT_EQ(ParseNumber("-0.5"), -0.5);
  EXPECT_EQ(ParseNumber("+2."), 2.0);
  EXPECT_EQ(ParseNumber(".5e1"), 5.0);
  EXPECT_EQ(ParseNumber("1E-3"), 0.001);
  EXPECT_FALSE(ParseNumber(""));
  EXPECT_FALSE(ParseNumber("."));
  EXPECT_FALSE(ParseNumber("1e"));
  EXPECT_FALSE(ParseNumber("0x10"));
  EXPECT_FALSE(ParseNumber(".inf"));
  EXPECT_FALSE(ParseNumber("nan"));
  EXPECT_FALSE(ParseNumber("12 apples"));
  EXPECT_EQ(ParseNumber("1e999"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(ParseNumber("1e-999"), 0.0);
}

TEST(ParseBool, AcceptsYaml12SpellingsOnly) {
  EXPECT_EQ(ParseBool("true"), true);
  EXPECT_EQ(ParseBool("FALSE"), false);
  EXPECT_FALSE(ParseBool("yes"));
  EXPECT_FALSE(ParseBool("on"));
}

// Where byte `offset` of the value of key `key` is in the file.
Location At(const std::string& text, const std::string& key, std::size_t offset) {
  SourceFile source("t.yaml", text);
  Diagnostics diagnostics("t.yaml");
  std::optional<YamlNode> root = ReadYaml(source, diagnostics);
  EXPECT_TRUE(root.has_value()) << Lines(diagnostics);
  if (!root) return Location{};
  return LocateInScalar(source, *root->Find(key), offset);
}

TEST(LocateInScalar, PlainSingleLine) {
  EXPECT_EQ(At("eq: a + b\n", "eq", 4), (Location{1, 9}));
  EXPECT_EQ(At("eq: a + b\n", "eq", 5), (Location{1, 10}));  // one past the end
}

TEST(LocateInScalar, PlainFoldedOverLines) {
  // value "MIN(a, b)"
  std::string text = "eq: MIN(a,\n  b)\n";
  EXPECT_EQ(At(text, "eq", 7), (Location{2, 3}));
  EXPECT_EQ(At(text, "eq", 6), (Location{1, 11}));
}

TEST(LocateInScalar, DoubleQuotedWithEscapes) {
  // value: x\ty + "z"  -> escapes map to their backslash
  std::string text = "eq: \"x\\ty + \\\"z\\\"\"\n";
  EXPECT_EQ(At(text, "eq", 0), (Location{1, 6}));
  EXPECT_EQ(At(text, "eq", 1), (Location{1, 7}));
  EXPECT_EQ(At(text, "eq", 2), (Location{1, 9}));
  EXPECT_EQ(At(text, "eq", 6), (Location{1, 13}));
  EXPECT_EQ(At(text, "eq", 7), (Location{1, 15}));
}

TEST(LocateInScalar, DoubleQuotedOverLinesWithContinuation) {
  std::string text = "eq: \"a +\n  b +\\\n  c\"\n";  // value "a + b +c"
  EXPECT_EQ(At(text, "eq", 4), (Location{2, 3}));
  EXPECT_EQ(At(text, "eq", 7), (Location{3, 3}));
}

TEST(LocateInScalar, DoubleQuotedEscapedBlankAfterAContinuation) {
  // The next line's indentation is dropped; "\\ " is an escaped space:
  // value "ab  *" (found by comparing with PyYAML's output).
  std::string text = "eq: \"ab\\\n  \\  *\"\nx: 1\n";
  YamlNode root = ReadOk(text);
  EXPECT_EQ(root.Find("eq")->scalar, "ab  *");
  EXPECT_EQ(At(text, "eq", 2), (Location{2, 3}));
  EXPECT_EQ(At(text, "eq", 4), (Location{2, 6}));
  EXPECT_EQ(At(text, "eq", 5), (Location{2, 7}));  // the closing quote
}

TEST(LocateInScalar, QuotedFoldingDropsBlanksAroundBreaks) {
  // value "a b\nc": trailing and leading blanks go, two breaks give \n.
  std::string text = "eq: 'a   \n   b\n\n  c'\n";
  EXPECT_EQ(ReadOk(text).Find("eq")->scalar, "a b\nc");
  EXPECT_EQ(At(text, "eq", 1), (Location{1, 10}));  // the folded break
  EXPECT_EQ(At(text, "eq", 2), (Location{2, 4}));
  EXPECT_EQ(At(text, "eq", 4), (Location{4, 3}));
}

TEST(LocateInScalar, SingleQuotedWithDoubledQuote) {
  std::string text = "eq: 'it''s x'\n";  // value "it's x"
  EXPECT_EQ(At(text, "eq", 2), (Location{1, 8}));
  EXPECT_EQ(At(text, "eq", 5), (Location{1, 12}));
  EXPECT_EQ(At(text, "eq", 6), (Location{1, 13}));  // one past the end: the closing quote
}

TEST(LocateInScalar, LiteralAndFoldedBlocks) {
  std::string literal = "eq: |\n  a +\n    b\n";  // value "a +\n  b\n"
  EXPECT_EQ(At(literal, "eq", 0), (Location{2, 3}));
  EXPECT_EQ(At(literal, "eq", 6), (Location{3, 5}));
  std::string folded = "eq: >-  # why\n  a +\n  b\n";  // value "a + b"
  EXPECT_EQ(At(folded, "eq", 0), (Location{2, 3}));
  EXPECT_EQ(At(folded, "eq", 4), (Location{3, 3}));
}

TEST(LocateInScalar, MultiByteCharactersCountBytes) {
  EXPECT_EQ(At("eq: \"é + x\"\n", "eq", 5), (Location{1, 11}));
}

TEST(ReadSourceFile, ReportsAMissingFileWithoutALocation) {
  Diagnostics diagnostics("x.yaml");
  EXPECT_FALSE(ReadSourceFile("/nonexistent/x.yaml", diagnostics).has_value());
  EXPECT_EQ(Lines(diagnostics),
            "x.yaml: error: cannot read '/nonexistent/x.yaml': No such file or directory\n");
}

TEST(ReadSourceFile, RefusesAHugeFileWithoutReadingIt) {
  std::string dir = testing::MakeTempDir();
  std::string path = dir + "/huge.yaml";
  testing::WriteFile(path, "");
  std::filesystem::resize_file(path, 2ull << 30);  // sparse: no disk used
  Diagnostics diagnostics("huge.yaml");
  EXPECT_FALSE(ReadSourceFile(path, diagnostics).has_value());
  EXPECT_EQ(Lines(diagnostics),
            "huge.yaml: error: '" + path + "' is 2147483648 bytes; the limit is 1 MiB\n");
}

TEST(ReadSourceFile, ReportsADirectory) {
  std::string dir = testing::MakeTempDir();
  Diagnostics diagnostics("d");
  EXPECT_FALSE(ReadSourceFile(dir, diagnostics).has_value());
  EXPECT_EQ(Lines(diagnostics), "d: error: cannot read '" + dir + "': Is a directory\n");
}

TEST(ReadSourceFile, StopsReadingPastTheLimit) {
  std::string dir = testing::MakeTempDir();
  std::string path = dir + "/big.yaml";
  testing::WriteFile(path, std::string(2000, 'x'));
  Diagnostics diagnostics("big.yaml");
  EXPECT_FALSE(ReadSourceFile(path, diagnostics, 1000).has_value());
  EXPECT_EQ(Lines(diagnostics),
            "big.yaml: error: '" + path + "' is 2000 bytes; the limit is 1000 bytes\n");
  Diagnostics ok("big.yaml");
  std::optional<SourceFile> source = ReadSourceFile(path, ok, 2000);
  ASSERT_TRUE(source.has_value());
  EXPECT_EQ(source->text().size(), 2000u);
}

TEST(ReadYaml, ReportsAnUnclosedBracketAtTheBracket) {
  // At the end of the file, and when a later line starts the next entry.
  EXPECT_EQ(ReadErrors("a:\n  b: {x: 1,\n    y: 2\n"),
            "t.yaml:2:6: error: this '{' is never closed (add the closing '}'; YAML read on to "
            "line 4 and stopped there: end of map flow not found)\n");
  EXPECT_EQ(ReadErrors("list:\n  - {a: 1\n  - {a: 2}\n"),
            "t.yaml:2:5: error: this '{' is never closed (add the closing '}'; YAML read on to "
            "line 3 and stopped there: end of map flow not found)\n");
  // A bracket inside quotes or a comment is no bracket; a closed flow that
  // spans lines is not blamed for an error after it.
  EXPECT_EQ(ReadErrors("a: \"[x\" # {\nb: [1,\n  2]\nc: \"d\" e\n"),
            "t.yaml:4:8: error: invalid YAML: end of map not found (a quoted value must end the "
            "line; to start an equation with a \"quoted name\", put the whole equation in single "
            "quotes)\n");
}

TEST(ReadYaml, ReportsAKeyWithoutItsColonOnItsOwnLine) {
  EXPECT_EQ(ReadErrors("stock:\n  initial: 0\n  max 2000\n  units: requests\n"),
            "t.yaml:3:3: error: 'max 2000' is not a key: it has no ':' (a key needs ':' after it: "
            "`max: 2000`)\n");
  // A value continued on the next line, more deeply indented, is not a key.
  ReadOk("doc: a long text\n  that goes on\nunits: x\n");
}

}  // namespace
}  // namespace sdlab
