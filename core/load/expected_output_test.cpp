#include "core/load/expected_output.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sdlab {
namespace {

std::optional<ExpectedOutput> Parse(const std::string& text, Diagnostics* diagnostics = nullptr) {
  Diagnostics local("out.tab");
  Diagnostics& used = diagnostics != nullptr ? *diagnostics : local;
  std::optional<ExpectedOutput> out = ParseExpectedOutput(SourceFile("out.tab", text), used);
  if (diagnostics == nullptr) {
    EXPECT_FALSE(used.has_errors()) << FormatDiagnostics(used, nullptr);
  }
  return out;
}

std::string Errors(const std::string& text) {
  Diagnostics diagnostics("out.csv");
  EXPECT_FALSE(ParseExpectedOutput(SourceFile("out.csv", text), diagnostics).has_value());
  std::string out;
  for (const Diagnostic& d : diagnostics.items()) out += FormatDiagnosticLine(d) + "\n";
  return out;
}

TEST(ExpectedOutputTest, ReadsCommaSeparatedColumnsByName) {
  std::optional<ExpectedOutput> out = Parse("Time,Stock A,flow\n0,1,2\n1,3,4\n");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->time.name, "Time");
  EXPECT_EQ(out->time.values, (std::vector<double>{0, 1}));
  ASSERT_EQ(out->columns.size(), 2u);
  EXPECT_EQ(out->columns[0].name, "Stock A");
  EXPECT_EQ(out->columns[0].normalized, "stock_a");
  EXPECT_EQ(out->columns[1].values, (std::vector<double>{2, 4}));
  ASSERT_NE(out->Find("STOCK_a"), nullptr);
  EXPECT_EQ(out->Find("STOCK_a")->values, (std::vector<double>{1, 3}));
  EXPECT_EQ(out->Find("missing"), nullptr);
  EXPECT_EQ(out->rows(), 2u);
}

TEST(ExpectedOutputTest, TabInTheHeaderMeansTabSeparated) {
  std::optional<ExpectedOutput> out = Parse("Time\tFlow w/ division, lists\n0\t1.5\n");
  ASSERT_TRUE(out);
  ASSERT_EQ(out->columns.size(), 1u);
  EXPECT_EQ(out->columns[0].name, "Flow w/ division, lists");
  EXPECT_EQ(out->columns[0].values, (std::vector<double>{1.5}));
}

TEST(ExpectedOutputTest, AcceptsCrCrlfAndLfLineEndingsMixed) {
  std::optional<ExpectedOutput> out = Parse("Time,x\r0,1\r\n1,2\n2,3\r");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->time.values, (std::vector<double>{0, 1, 2}));
  EXPECT_EQ(out->columns[0].values, (std::vector<double>{1, 2, 3}));
}

TEST(ExpectedOutputTest, EmptyCellsRepeatTheValueAbove) {
  // Vensim writes a constant on the first row only.
  std::optional<ExpectedOutput> out =
      Parse("Time\tFINAL TIME\tstock\tTIME STEP\r\n0\t10\t0.34\t1\r\n1\t\t0.5\t\r\n2\t\t0.7\t\r\n");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->Find("FINAL TIME")->values, (std::vector<double>{10, 10, 10}));
  EXPECT_EQ(out->Find("time step")->values, (std::vector<double>{1, 1, 1}));
  EXPECT_EQ(out->Find("stock")->values, (std::vector<double>{0.34, 0.5, 0.7}));
}

TEST(ExpectedOutputTest, EmptyFirstCellIsNaN) {
  std::optional<ExpectedOutput> out = Parse("Time,x\n0,\n1,5\n");
  ASSERT_TRUE(out);
  EXPECT_TRUE(std::isnan(out->columns[0].values[0]));
  EXPECT_EQ(out->columns[0].values[1], 5);
}

TEST(ExpectedOutputTest, ReadsExponentsLeadingPlusAndShortRows) {
  std::optional<ExpectedOutput> out = Parse("Months,a,b\n0,1.05E-15,+3e-05\n1,-2\n");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->time.name, "Months");
  EXPECT_EQ(out->columns[0].values, (std::vector<double>{1.05e-15, -2}));
  EXPECT_EQ(out->columns[1].values, (std::vector<double>{3e-05, 3e-05}));
}

TEST(ExpectedOutputTest, QuotedHeadersMayHoldCommasQuotesAndLineBreaks) {
  std::optional<ExpectedOutput> out =
      Parse("Time,\"Flow w/ division, lists\",\"say \"\"hi\"\"\",\"two\nlines\"\n0,1,2,3\n");
  ASSERT_TRUE(out);
  ASSERT_EQ(out->columns.size(), 3u);
  EXPECT_EQ(out->columns[0].name, "Flow w/ division, lists");
  EXPECT_EQ(out->columns[1].name, "say \"hi\"");
  EXPECT_EQ(out->columns[2].normalized, "two_lines");
  EXPECT_EQ(out->columns[2].values, (std::vector<double>{3}));
}

TEST(ExpectedOutputTest, SkipsBlankLines) {
  std::optional<ExpectedOutput> out = Parse("Time,x\n\n0,1\n\n\n1,2\n\n");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->rows(), 2u);
}

TEST(ExpectedOutputTest, ReportsCellsThatAreNotNumbersWithTheirLocation) {
  EXPECT_EQ(Errors("Time,x,y\n0,1,2\n1,abc,3\n"),
            "out.csv:3:3: error: 'abc' in column 'x' is not a number\n");
}

TEST(ExpectedOutputTest, ReportsRowsLongerThanTheHeader) {
  EXPECT_EQ(Errors("Time,x\n0,1,2\n"),
            "out.csv:2:5: error: row has 3 cells but the header has 2\n");
}

TEST(ExpectedOutputTest, ReportsDuplicateColumns) {
  EXPECT_EQ(Errors("Time,Stock A,stock_a\n0,1,2\n"),
            "out.csv:1:14: error: duplicate column 'stock_a' (first on line 1)\n");
}

TEST(ExpectedOutputTest, ReportsRowsWithoutTime) {
  EXPECT_EQ(Errors("Time,x\n,1\n"), "out.csv:2:1: error: row without a time\n");
}

TEST(ExpectedOutputTest, ReportsUnterminatedQuotes) {
  EXPECT_EQ(Errors("Time,\"x\n0,1\n"), "out.csv:1:6: error: unterminated quoted cell\n");
}

TEST(ExpectedOutputTest, ReportsAnEmptyFile) {
  EXPECT_EQ(Errors("\n\n"), "out.csv:1:1: error: no header row\n");
}

TEST(ExpectedOutputTest, RefusesFilesOverTheSizeLimit) {
  Diagnostics diagnostics("big.csv");
  ExpectedOutputLimits limits;
  limits.max_file_bytes = 10;
  EXPECT_FALSE(
      ParseExpectedOutput(SourceFile("big.csv", "Time,x\n0,1\n1,2\n"), diagnostics, limits));
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].message, "file is too large (15 bytes; the limit is 10)");
}

TEST(ExpectedOutputTest, ReportsAMissingFile) {
  Diagnostics diagnostics;
  EXPECT_FALSE(ReadExpectedOutputFile("/nonexistent/output.tab", diagnostics));
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(FormatDiagnosticLine(diagnostics.items()[0]),
            "/nonexistent/output.tab: error: cannot read '/nonexistent/output.tab': No such file "
            "or directory");
}

TEST(ExpectedOutputTest, ControlColumnsAreVensimsFour) {
  EXPECT_TRUE(IsControlColumn("INITIAL TIME"));
  EXPECT_TRUE(IsControlColumn("FINAL TIME"));
  EXPECT_TRUE(IsControlColumn("TIME_STEP"));
  EXPECT_TRUE(IsControlColumn("saveper"));
  EXPECT_FALSE(IsControlColumn("Time"));
  EXPECT_FALSE(IsControlColumn("final"));
}

TEST(ExpectedOutputTest, ToleranceIsRelativeWithAnAbsoluteAllowanceNearZero) {
  EXPECT_TRUE(WithinTolerance(3.33333, 10.0 / 3));  // 6 significant digits
  EXPECT_TRUE(WithinTolerance(1000, 1000.09));      // relative 1e-4
  EXPECT_FALSE(WithinTolerance(1000, 1000.2));
  EXPECT_TRUE(WithinTolerance(1.05e-15, 0));   // near zero
  EXPECT_TRUE(WithinTolerance(-2.52e-06, 0));  // Vensim's float sum of 0.1s
  EXPECT_TRUE(WithinTolerance(0, 9e-6));
  EXPECT_FALSE(WithinTolerance(0, 2e-5));
  EXPECT_FALSE(WithinTolerance(-1, 1));
  EXPECT_FALSE(WithinTolerance(std::nan(""), std::nan("")));
  EXPECT_TRUE(WithinTolerance(HUGE_VAL, HUGE_VAL));
}

}  // namespace
}  // namespace sdlab
