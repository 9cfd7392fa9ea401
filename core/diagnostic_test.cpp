#include "core/diagnostic.h"

#include <gtest/gtest.h>

namespace sdlab {
namespace {

TEST(FormatDiagnostic, PrintsLocationMessageHintSourceLineAndCaret) {
  SourceFile source("answer.yaml", "stock_flow:\n  stok: []\n");
  Diagnostic d{Severity::kError, "answer.yaml", Location{2, 3}, "unknown key 'stok'",
               "did you mean 'stocks'?"};
  EXPECT_EQ(FormatDiagnostic(d, &source),
            "answer.yaml:2:3: error: unknown key 'stok' (did you mean 'stocks'?)\n"
            "  stok: []\n"
            "  ^\n");
}

TEST(SourceFile, MapsOffsetsToLinesAcrossLineEndings) {
  SourceFile source("f", "a\r\nbc\rd\n");
  EXPECT_EQ(source.LocationOf(0), (Location{1, 1}));
  EXPECT_EQ(source.LocationOf(4), (Location{2, 2}));
  EXPECT_EQ(source.LocationOf(6), (Location{3, 1}));
  EXPECT_EQ(source.Line(2), "bc");
}

TEST(Diagnostics, KeepsTheFirstFiftyErrorsAndCountsTheRest) {
  Diagnostics diagnostics("f.yaml");
  for (int i = 0; i < 60; ++i) diagnostics.Error(Location{i + 1, 1}, "bad");
  EXPECT_EQ(diagnostics.items().size(), 50u);
  EXPECT_EQ(diagnostics.error_count(), 60u);
  std::string text = FormatDiagnostics(diagnostics, nullptr);
  EXPECT_NE(text.find("note: 10 more errors not shown"), std::string::npos);
  EXPECT_NE(text.find("60 errors generated."), std::string::npos);
}

TEST(Diagnostics, KeepsFiveWarningsOfAKindAndCountsTheRest) {
  Diagnostics diagnostics("cld.yaml");
  for (int i = 0; i < 10000; ++i) {
    diagnostics.Warning(Location{3, 12 + 3 * i},
                        "variable 'v" + std::to_string(i) + "' is not linked to anything");
  }
  ASSERT_EQ(diagnostics.items().size(), 6u);
  EXPECT_EQ(diagnostics.dropped_remarks(), 9995u);
  EXPECT_FALSE(diagnostics.has_errors());
  EXPECT_EQ(FormatDiagnosticLine(diagnostics.items().back()),
            "cld.yaml: note: and 9995 more warnings like \"variable 'v5' is not linked to "
            "anything\" not shown");
}

TEST(Diagnostics, KeepsAtMostFiftyWarningsInAll) {
  Diagnostics diagnostics("f.yaml");
  for (int kind = 0; kind < 100; ++kind) {
    for (int i = 0; i < 3; ++i) {
      diagnostics.Warning(Location{kind + 1, 1}, "problem " + std::string(1, 'a' + kind % 26) +
                                                     std::string(1, 'a' + kind / 26));
    }
  }
  std::size_t kept = 0, notes = 0;
  for (const Diagnostic& d : diagnostics.items()) {
    (d.severity == Severity::kWarning ? kept : notes) += 1;
  }
  EXPECT_EQ(kept, Diagnostics::kMaxRemarks);
  EXPECT_LE(notes, 21u);
  EXPECT_EQ(kept + diagnostics.dropped_remarks(), 300u);
}

TEST(Diagnostics, AppendKeepsTheCountsOfDroppedWarnings) {
  Diagnostics inner("f.yaml");
  for (int i = 0; i < 8; ++i)
    inner.Warning(Location{1, i + 1}, "unused 'x" + std::to_string(i) + "'");
  Diagnostics outer("f.yaml");
  outer.Append(inner);
  EXPECT_EQ(outer.dropped_remarks(), 3u);
  EXPECT_EQ(outer.items().size(), 6u);
}

TEST(MessageKind, BlanksQuotedNamesAndNumbers) {
  EXPECT_EQ(MessageKind("variable 'a1' is unused"), MessageKind("variable 'b22' is unused"));
  EXPECT_EQ(MessageKind("dt is 0.5, expected 2"), MessageKind("dt is 3, expected 10"));
  EXPECT_NE(MessageKind("variable 'a' is unused"), MessageKind("loop 'a' is not a loop"));
}

TEST(FormatDiagnostic, QuotesAVeryLongLineAsAWindowAroundTheCaret) {
  std::string line = "  variables: [";
  for (int i = 0; i < 10000; ++i) line += "v" + std::to_string(i) + ",";
  SourceFile source("cld.yaml", "causal_loop:\n" + line + "]\n");
  const std::size_t column = line.find("v5000,") + 1;
  Diagnostic d{Severity::kWarning, "cld.yaml", Location{2, static_cast<int>(column)},
               "variable 'v5000' is not linked to anything", ""};
  const std::string text = FormatDiagnostic(d, &source);
  EXPECT_LT(text.size(), 400u);
  const std::size_t quote = text.find('\n') + 1;
  const std::size_t caret_line = text.find('\n', quote) + 1;
  const std::string quoted = text.substr(quote, caret_line - quote - 1);
  const std::size_t caret = text.find('^', caret_line) - caret_line;
  EXPECT_EQ(quoted.substr(0, 3), "...");
  EXPECT_EQ(quoted.substr(caret, 6), "v5000,");
}

TEST(FormatDiagnostic, EscapesControlsAndNewlinesInTheMessageAndTheQuote) {
  SourceFile source("a.yaml", "lab: \"\x1b]0;t\x07\" # \xc2\x9b\n");
  Diagnostic d{Severity::kError, "a.yaml", Location{1, 6},
               "unknown lab 'x\n::error title=f::\x1b[2J'", ""};
  EXPECT_EQ(FormatDiagnostic(d, &source),
            "a.yaml:1:6: error: unknown lab 'x\\n::error title=f::\\x1b[2J'\n"
            "lab: \"\\x1b]0;t\\x07\" # \\u009b\n"
            "     ^\n");
}

TEST(FormatDiagnostics, QuotesASourceLineAtMostThreeTimes) {
  SourceFile source("f.yaml", "a: [x, y, z, w, v]\n");
  Diagnostics diagnostics("f.yaml");
  for (int i = 0; i < 5; ++i) diagnostics.Error(Location{1, 5 + 3 * i}, "bad " + std::to_string(i));
  const std::string text = FormatDiagnostics(diagnostics, &source);
  std::size_t quotes = 0;
  for (std::size_t at = text.find("a: [x"); at != std::string::npos;
       at = text.find("a: [x", at + 1)) {
    ++quotes;
  }
  EXPECT_EQ(quotes, 3u);
  EXPECT_NE(text.find("f.yaml:1:17: error: bad 4\n"), std::string::npos);
}

}  // namespace
}  // namespace sdlab
