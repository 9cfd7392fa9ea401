#include <gtest/gtest.h>

#include "grading_fixtures.h"

namespace sdlab {
namespace {

using testing::Edit;
using testing::EditAll;
using testing::GradeWeb;
using testing::kWebSubmission;
using testing::OnlyCheck;

TEST(StockCountCheckTest, PassesWithEnoughStocks) {
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: s, kind: stock_count, min: 2, points: 4 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
  EXPECT_EQ(check.points, 4);
  EXPECT_EQ(check.message, "the model has 2 stocks ('Request Queue' and 'Cache Entries')");
}

TEST(StockCountCheckTest, PartialCreditForSomeStocks) {
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: s, kind: stock_count, min: 4, points: 4 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kPartial);
  EXPECT_EQ(check.points, 2);
  EXPECT_EQ(
      check.message,
      "the model has 2 stocks ('Request Queue' and 'Cache Entries'); the lab asks for at least 4");
}

TEST(StockCountCheckTest, AllOrNothingWithoutPartialCredit) {
  const CheckResult& check = OnlyCheck(
      GradeWeb("  - { id: s, kind: stock_count, min: 4, points: 4, partial_credit: false }\n"));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.points, 0);
}

TEST(StockCountCheckTest, TooManyStocksFailAMaximum) {
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: s, kind: stock_count, min: 1, max: 1, points: 1 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(
      check.message,
      "the model has 2 stocks ('Request Queue' and 'Cache Entries'); the lab asks for at most 1");
}

TEST(ElementCheckTest, ConceptExistsAsAStock) {
  const CheckResult& check = OnlyCheck(
      GradeWeb("  - { id: q, kind: element, concept: request_queue, as: stock, points: 3 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
  EXPECT_EQ(check.message, "'Request Queue' is a stock");
  EXPECT_EQ(check.location.line, 6);
}

TEST(ElementCheckTest, WrongKindFailsAndSaysWhich) {
  const CheckResult& check = OnlyCheck(
      GradeWeb("  - { id: q, kind: element, concept: latency, as: [stock, flow], points: 3 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message, "'Latency' is an auxiliary; it should be a stock or a flow");
}

TEST(ElementCheckTest, ContainedAliasBinds) {
  const std::string submission =
      EditAll(EditAll(kWebSubmission, "Request Queue", "Request Backlog"), "request_queue",
              "request_backlog");
  const CheckResult& check = OnlyCheck(GradeWeb(
      "  - { id: q, kind: element, concept: request_queue, as: stock, points: 3 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
  EXPECT_EQ(check.message, "'Request Backlog' is a stock");
}

TEST(ElementCheckTest, MissingConceptSuggestsTheClosestNames) {
  const std::string submission = EditAll(EditAll(kWebSubmission, "Cache Entries", "Cache Contents"),
                                         "cache_entries", "cache_contents");
  const CheckResult& check = OnlyCheck(GradeWeb(
      "  - { id: c, kind: element, concept: cache_entries, as: stock, points: 3 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message,
            "in the stock-and-flow model, no element matches concept 'cache_entries'; did you mean "
            "'Cache Contents' (or 'Cache Fill' and 'Key Space')? If so, add `concept: "
            "cache_entries` to it");
  const CheckResult& missing =
      OnlyCheck(GradeWeb("  - { id: c, kind: element, concept: pods, points: 3 }\n"));
  EXPECT_EQ(missing.status, CheckStatus::kFailed);
  EXPECT_EQ(missing.message,
            "in the stock-and-flow model, no element matches concept 'pods' (add `concept: pods` "
            "to the element you mean)");
}

TEST(ElementCheckTest, ExplicitTagBindsAnyName) {
  const std::string submission = Edit(kWebSubmission, "    - { name: Capacity, value: 150 }",
                                      "    - { name: Workers, value: 150, concept: pods }");
  const CheckResult& check = OnlyCheck(GradeWeb(
      "  - { id: c, kind: element, concept: pods, as: constant, points: 3 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
  EXPECT_EQ(check.message, "'Workers' is a constant");
}

TEST(StockFlowsCheckTest, AStockWithBothFlows) {
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: f, kind: stock_flows, concept: request_queue, points: 2 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
  EXPECT_EQ(check.message, "'Request Queue' has inflow 'Arrivals' and outflow 'Processing'");
}

TEST(StockFlowsCheckTest, HalfCreditForOneSide) {
  const std::string submission = Edit(kWebSubmission, "      from: Request Queue\n", "");
  const CheckResult& check = OnlyCheck(GradeWeb(
      "  - { id: f, kind: stock_flows, concept: request_queue, points: 2 }\n", submission));
  EXPECT_EQ(check.status, CheckStatus::kPartial);
  EXPECT_EQ(check.points, 1);
  EXPECT_EQ(check.message, "'Request Queue' has inflow 'Arrivals' and no outflow");
}

TEST(StockFlowsCheckTest, CountsStocksWithBothFlows) {
  const CheckResult& pass =
      OnlyCheck(GradeWeb("  - { id: f, kind: stock_flows, min: 2, points: 2 }\n"));
  EXPECT_EQ(pass.status, CheckStatus::kPassed);
  const std::string submission = Edit(kWebSubmission, "      from: Cache Entries\n", "");
  const CheckResult& partial =
      OnlyCheck(GradeWeb("  - { id: f, kind: stock_flows, min: 2, points: 2 }\n", submission));
  EXPECT_EQ(partial.status, CheckStatus::kPartial);
  EXPECT_EQ(partial.message,
            "1 stock has an inflow and an outflow ('Request Queue'); the lab asks for at least 2");
  EXPECT_EQ(partial.details, "without an inflow and an outflow: 'Cache Entries'");
}

TEST(StocksConnectedCheckTest, InformationLinkThroughAuxiliaries) {
  // Cache Entries does not feed the queue in the fixture; make arrivals depend on it.
  const std::string submission =
      Edit(kWebSubmission, "equation: traffic + retries",
           "equation: traffic + retries + (key_space - cache_entries) / 100");
  const CheckResult& check = OnlyCheck(GradeWeb(
      "  - { id: c, kind: stocks_connected, from: cache_entries, to: request_queue, points: 2 }\n",
      submission));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
  EXPECT_EQ(check.message,
            "'Cache Entries' and 'Request Queue' are connected by an information link");
}

TEST(StocksConnectedCheckTest, UnconnectedStocksFail) {
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: c, kind: stocks_connected, from: cache_entries, to: "
                         "request_queue, points: 2 }\n"));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message, "'Cache Entries' and 'Request Queue' are not connected");
  const CheckResult& every =
      OnlyCheck(GradeWeb("  - { id: c, kind: stocks_connected, points: 2 }\n"));
  EXPECT_EQ(every.status, CheckStatus::kFailed);
  EXPECT_EQ(every.message,
            "'Request Queue' and 'Cache Entries' are not connected to any other stock");
}

TEST(StocksConnectedCheckTest, AFlowBetweenStocksConnectsThem) {
  const std::string submission =
      Edit(kWebSubmission, "    - name: Expiry\n      from: Cache Entries\n",
           "    - name: Expiry\n      from: Cache Entries\n      to: Request Queue\n");
  const CheckResult& check = OnlyCheck(GradeWeb(
      "  - { id: c, kind: stocks_connected, from: request_queue, to: cache_entries, via: flow, "
      "points: 2 }\n",
      submission));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
  EXPECT_EQ(check.message, "'Request Queue' and 'Cache Entries' are connected by a flow");
}

TEST(StructureCheckTest, NoStockFlowSectionFails) {
  const CheckResult& check =
      OnlyCheck(GradeWeb("  - { id: s, kind: stock_count, min: 1, points: 1 }\n",
                         "lab: web\nanswers: { hourly_spike_stock: x }\n"));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message, "the submission has no stock_flow section");
}

}  // namespace
}  // namespace sdlab
