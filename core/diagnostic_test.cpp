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

}  // namespace
}  // namespace sdlab
