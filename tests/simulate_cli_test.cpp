// End-to-end tests of `sdlab simulate` as a user runs it.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace sdlab::testing {
namespace {

std::string BundledExample() { return SourceDir() + "/solutions/request-pipeline.yaml"; }

std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    std::istringstream fields(line);
    std::string cell;
    while (std::getline(fields, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

TEST(SimulateCli, PrintsAStockSummaryForTheBundledExample) {
  CommandResult result = RunSdlab("simulate " + ShellQuote(BundledExample()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  std::istringstream lines(result.out);
  std::string header, row, units;
  std::getline(lines, header);
  std::getline(lines, row);
  std::getline(lines, units);
  std::istringstream header_words(header);
  std::vector<std::string> columns;
  for (std::string word; header_words >> word;) columns.push_back(word);
  EXPECT_EQ(columns, (std::vector<std::string>{"stock", "initial", "min", "at", "t", "max", "at",
                                               "t", "final"}));
  // "Request Queue  initial min at-t max at-t final": starts at 50, capped at
  // 1000, reached 15.75 s after the slowdown at t = 60 (dt = 0.25).
  ASSERT_EQ(row.rfind("Request Queue ", 0), 0u) << row;
  std::istringstream numbers(row.substr(std::string("Request Queue").size()));
  double initial, min, min_time, max, max_time, final_value;
  ASSERT_TRUE(numbers >> initial >> min >> min_time >> max >> max_time >> final_value) << row;
  EXPECT_EQ(initial, 50);
  EXPECT_EQ(min, 50);
  EXPECT_EQ(max, 1000);
  EXPECT_EQ(max_time, 75.75);
  EXPECT_EQ(final_value, 1000);
  EXPECT_EQ(units, "times in seconds");
}

TEST(SimulateCli, TheQueueFillsAboutSixteenSecondsAfterTheDatabaseSlowsDown) {
  CommandResult result =
      RunSdlab("simulate " + ShellQuote(BundledExample()) + " --csv - --series 'Request Queue'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto rows = ParseCsv(result.out);
  ASSERT_GT(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"time", "Request Queue"}));
  double slowdown = 60, full_at = -1;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    double time = std::stod(rows[r][0]), queue = std::stod(rows[r][1]);
    if (time < slowdown) {
      EXPECT_NEAR(queue, 50, 1e-9) << "stable before the slowdown, t=" << time;
    }
    if (full_at < 0 && queue >= 1000 - 1e-9) full_at = time;
  }
  ASSERT_GT(full_at, 0) << "the queue never filled";
  // (1000 - 50) / (100 + retries - 40) ≈ 15.5 s; the course says "~16 seconds".
  EXPECT_GE(full_at - slowdown, 15.0);
  EXPECT_LE(full_at - slowdown, 17.0);
}

TEST(SimulateCli, SetOverridesAConstantAndStopShortensTheRun) {
  CommandResult result = RunSdlab("simulate " + ShellQuote(BundledExample()) +
                                  " --csv - --series request_queue --set 'Slow Capacity=100'"
                                  " --stop 10 --dt 1");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto rows = ParseCsv(result.out);
  ASSERT_EQ(rows.size(), 12u);  // header + t = 0..10
  EXPECT_EQ(rows.back()[0], "10");
}

TEST(SimulateCli, UnknownSeriesAndOverridesAreUsageErrorsWithSuggestions) {
  CommandResult series =
      RunSdlab("simulate " + ShellQuote(BundledExample()) + " --csv - --series 'Reqest Queue'");
  EXPECT_EQ(series.exit_code, 2);
  EXPECT_EQ(series.err,
            "sdlab simulate: --series: no series named 'Reqest Queue' (did you mean 'Request "
            "Queue'?)\n");
  CommandResult set =
      RunSdlab("simulate " + ShellQuote(BundledExample()) + " --set retry_fractoin=0");
  EXPECT_EQ(set.exit_code, 2);
  EXPECT_EQ(set.err,
            "sdlab simulate: --set: the model has no element 'retry_fractoin' (did you mean 'Retry "
            "Fraction'?)\n");
  CommandResult method = RunSdlab("simulate " + ShellQuote(BundledExample()) + " --method rk5");
  EXPECT_EQ(method.exit_code, 2);
  EXPECT_NE(method.err.find("unknown method 'rk5': expected euler, rk2 or rk4"), std::string::npos);
}

// Models from Stella and other XMILE tools run as they are.
TEST(SimulateCli, RunsAnXmileModel) {
  const std::string teacup = SharedDir() + "/conformance/samples/teacup/teacup.xmile";
  if (!std::ifstream(teacup)) GTEST_SKIP() << teacup << " is missing (../shared/conformance)";
  CommandResult result = RunSdlab("simulate " + ShellQuote(teacup) + " --csv -");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::istringstream lines(result.out);
  std::string header, first, second;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(header,
            "time,Teacup Temperature,Heat Loss to Room,Room Temperature,Characteristic Time");
  EXPECT_EQ(first, "0,180,11,70,10");
  // dt = 0.125: one Euler step loses 11 * 0.125 degrees.
  EXPECT_EQ(second, "0.125,178.625,10.8625,70,10");
}

TEST(SimulateCli, ABrokenXmileFileIsALocatedInputError) {
  const std::string dir = MakeTempDir();
  WriteFile(dir + "/model.stmx",
            "<xmile><model><variables><stock name=\"x\"><eqn>1</eqn></stock></variables>"
            "</model>");
  CommandResult result = RunSdlab("simulate " + ShellQuote(dir + "/model.stmx"));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("model.stmx:1:1: error: <xmile> is not closed"), std::string::npos)
      << result.err;
}

TEST(SimulateCli, AMissingFileIsAnInputErrorOnStderr) {
  CommandResult result = RunSdlab("simulate /nonexistent/answer.yaml");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("/nonexistent/answer.yaml"), std::string::npos) << result.err;
}

TEST(SimulateCli, ASubmissionErrorExitsOneWithALocatedDiagnostic) {
  std::string dir = MakeTempDir();
  WriteFile(dir + "/answer.yaml",
            "stock_flow:\n"
            "  stocks:\n"
            "    - { name: Queue, initial: 1 }\n"
            "  flows:\n"
            "    - { name: Out, from: Queue, equation: queue * rate }\n");
  CommandResult result = RunSdlab("simulate " + ShellQuote(dir + "/answer.yaml"));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("answer.yaml:5:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("'rate'"), std::string::npos) << result.err;
}

TEST(Cli, HelpVersionAndUsageErrorsUseTheDocumentedExitCodes) {
  EXPECT_EQ(RunSdlab("--version").exit_code, 0);
  CommandResult help = RunSdlab("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("simulate"), std::string::npos);
  CommandResult command_help = RunSdlab("help simulate");
  EXPECT_EQ(command_help.exit_code, 0);
  EXPECT_NE(command_help.out.find("--save-every"), std::string::npos);
  EXPECT_EQ(RunSdlab("").exit_code, 2);
  EXPECT_EQ(RunSdlab("frobnicate").exit_code, 2);
  EXPECT_EQ(RunSdlab("simulate").exit_code, 2);
  EXPECT_EQ(RunSdlab("simulate a.yaml --no-such-option").exit_code, 2);
}

}  // namespace
}  // namespace sdlab::testing
