// End-to-end: problems that have a place in the file are reported there
// (file:line:col), not where a parser gave up or with no place at all.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "test_support.h"

namespace sdlab::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Write(const std::string& name, const std::string& text) {
  const std::string path = MakeTempDir() + "/" + name;
  WriteFile(path, text);
  return path;
}

// A quote left open on line 4, then 130 stocks: yaml-cpp reads on until the
// next quote and gives up ~260 lines later, at a line that is fine.
TEST(LocationsCli, AnUnclosedQuoteIsReportedWhereItOpens) {
  std::string text =
      "lab: bathtub\nstock_flow:\n  stocks:\n    - name: \"Water\n      initial: 1\n";
  for (int i = 0; i < 130; ++i) {
    text += "    - name: S" + std::to_string(i) + "\n      initial: 1\n";
  }
  text += "    - name: \"Tank\"\n      initial: 2\n";
  const std::string path = Write("answer.yaml", text);
  const CommandResult result = RunSdlab("simulate " + ShellQuote(path));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              HasSubstr(path + ":4:13: error: double-quoted text is not closed on "
                               "its line (add the closing \"; YAML read on to line 266"));
  EXPECT_THAT(result.err, HasSubstr("    - name: \"Water\n            ^\n"));
}

TEST(LocationsCli, AnUnclosedSingleQuoteOnTheLabLineIsReportedThere) {
  const std::string path =
      Write("answer.yaml", "lab: 'bathtub\nauthor: me\nstock_flow:\n  stocks: []\n");
  const CommandResult result = RunSdlab("simulate " + ShellQuote(path));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr(path + ":1:6: error: single-quoted text is not closed"));
}

TEST(LocationsCli, TheStepLimitPointsAtTheSimSettings) {
  const std::string path = Write("answer.yaml",
                                 "lab: bathtub\nstock_flow:\n  sim:\n    start: 0\n    stop: 1e9\n"
                                 "    dt: 0.001\n  stocks:\n    - name: Water\n      initial: 1\n");
  const CommandResult result = RunSdlab("simulate " + ShellQuote(path));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr(path + ":4:5: error: the run would take "));
  EXPECT_THAT(result.err, HasSubstr("(raise dt or shorten the run)"));
}

TEST(LocationsCli, TheStepLimitOfCommandLineTimesHasNoPlaceInTheFile) {
  const std::string path = Write(
      "answer.yaml", "lab: bathtub\nstock_flow:\n  stocks:\n    - name: Water\n      initial: 1\n");
  const CommandResult result =
      RunSdlab("simulate " + ShellQuote(path) + " --start 0 --stop 1e9 --dt 0.001");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr(path + ": error: the run would take"));
}

TEST(LocationsCli, AMissingLabIsReportedAtTheTopOfTheFile) {
  const std::string path =
      Write("answer.yaml", "stock_flow:\n  stocks:\n    - name: Water\n      initial: 1\n");
  const CommandResult result = RunSdlab("check " + ShellQuote(path));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr(path + ":1:1: error: the file has no `lab:` (add `lab: ID` at "
                                           "the top, or give --lab ID or --rubric FILE)"));
}

TEST(LocationsCli, NoRubricForTheLabPointsAtTheLabValue) {
  const std::string path = Write("answer.yaml", "author: me\nlab: bathtbu\n");
  const CommandResult result = RunSdlab("check " + ShellQuote(path));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr(path + ":2:6: error: no rubric for lab 'bathtbu' (did you "
                                           "mean 'bathtub'?)"));
  EXPECT_THAT(result.err, HasSubstr("lab: bathtbu\n     ^\n"));
}

}  // namespace
}  // namespace sdlab::testing
