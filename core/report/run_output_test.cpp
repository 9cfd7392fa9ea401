#include "core/report/run_output.h"
#include "core/engine/simulator.h"

#include <gtest/gtest.h>

#include <sstream>

namespace sdlab {
namespace {

TEST(CsvField, QuotesOnlyWhatCsvNeedsQuoted) {
  EXPECT_EQ(CsvField("Request Queue"), "Request Queue");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
}

TEST(WriteRunCsv, WritesTimeThenTheChosenSeriesInTheGivenOrder) {
  sdlab::Run run;
  run.times = {0, 0.5, 1};
  run.series_names = {"Stock", "Flow, out"};
  run.series_variables = {0, 1};
  run.values = {{10, 9.5, 9}, {1, 1, 0.1}};
  std::ostringstream all;
  WriteRunCsv(run, {0, 1}, all);
  EXPECT_EQ(all.str(), "time,Stock,\"Flow, out\"\n0,10,1\n0.5,9.5,1\n1,9,0.1\n");
  std::ostringstream one;
  WriteRunCsv(run, {1}, one);
  EXPECT_EQ(one.str(), "time,\"Flow, out\"\n0,1\n0.5,1\n1,0.1\n");
}

TEST(FormatStockSummaries, AlignsNamesLeftAndNumbersRight) {
  StockSummary queue{"Request Queue", 50, 50, 0, 1000, 75.5, 1000};
  StockSummary cache{"Cache", 9500, 6000, 3600, 9500, 0, 9400};
  EXPECT_EQ(FormatStockSummaries({queue, cache}, "seconds"),
            "stock          initial   min  at t   max  at t  final\n"
            "Request Queue       50    50     0  1000  75.5   1000\n"
            "Cache             9500  6000  3600  9500     0   9400\n"
            "times in seconds\n");
}

}  // namespace
}  // namespace sdlab
