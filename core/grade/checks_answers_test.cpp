#include <gtest/gtest.h>

#include "grading_fixtures.h"

namespace sdlab {
namespace {

using testing::Edit;
using testing::GradeWeb;
using testing::kWebSubmission;
using testing::OnlyCheck;

constexpr const char* kNamesCheck =
    "  - { id: a, kind: answer, question: hourly_spike_stock, names: cache_entries, points: 2 }\n";
constexpr const char* kKeywordCheck =
    "  - id: b\n"
    "    kind: answer\n"
    "    question: hourly_spike_cause\n"
    "    keywords: [[ttl, expir*, time to live], [same time, on the hour, synchroni*, together]]\n"
    "    points: 4\n";

std::string WithAnswer(const std::string& question, const std::string& text) {
  const std::string key = "  " + question + ": ";
  std::string submission = kWebSubmission;
  const std::size_t at = submission.find(key);
  const std::size_t end = submission.find('\n', at);
  return submission.replace(at, end - at, key + text);
}

TEST(AnswerCheckTest, NamesTheConceptByAlias) {
  const CheckResult& check = OnlyCheck(GradeWeb(kNamesCheck));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
  EXPECT_EQ(check.message, "the answer names 'Cache Entries'");
  EXPECT_EQ(check.location.line, 57);
}

TEST(AnswerCheckTest, NamesTheConceptByTheStudentsOwnName) {
  const std::string submission =
      Edit(Edit(WithAnswer("hourly_spike_stock", "Hot Keys"), "    - name: Cache Entries\n",
                "    - name: Hot Keys\n      concept: cache_entries\n"),
           "", "");
  const std::string renamed =
      testing::EditAll(testing::EditAll(submission, "Cache Entries", "Hot Keys"),
                       "cache_entries / ttl", "hot_keys / ttl");
  const CheckResult& check =
      OnlyCheck(GradeWeb(kNamesCheck, testing::EditAll(renamed, "- cache_entries", "- hot_keys")));
  EXPECT_EQ(check.status, CheckStatus::kPassed) << check.message;
  EXPECT_EQ(check.message, "the answer names 'Hot Keys'");
}

TEST(AnswerCheckTest, KeywordGroupsAllFound) {
  const CheckResult& check = OnlyCheck(GradeWeb(kKeywordCheck));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
  EXPECT_EQ(check.message, "the answer mentions 'ttl', mentions 'on the hour'");
}

TEST(AnswerCheckTest, SomeGroupsIsNeedsReviewWithoutLosingPoints) {
  const CheckResult& check = OnlyCheck(
      GradeWeb(kKeywordCheck, WithAnswer("hourly_spike_cause", "Keys expire and get reloaded.")));
  EXPECT_EQ(check.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(check.points, check.max_points);
  EXPECT_EQ(check.message,
            "the answer is partly there (it mentions 'expir*'); an instructor will review it");
}

TEST(AnswerCheckTest, AStringOfKeywordsIsReviewedNotPassed) {
  const CheckResult& check = OnlyCheck(GradeWeb(
      kKeywordCheck, WithAnswer("hourly_spike_cause", "ttl expire same time on the hour queue")));
  EXPECT_EQ(check.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(check.message,
            "the answer reads as a list of words rather than an explanation; an instructor will "
            "review it");
  // A terse sentence with its joining words still passes.
  const CheckResult& terse =
      OnlyCheck(GradeWeb(kKeywordCheck, WithAnswer("hourly_spike_cause",
                                                   "All keys get the same TTL, so they expire "
                                                   "on the hour.")));
  EXPECT_EQ(terse.status, CheckStatus::kPassed) << terse.message;
}

TEST(AnswerCheckTest, AnAnswerThatDeniesAnIdeaIsReviewed) {
  const CheckResult& check = OnlyCheck(GradeWeb(
      kKeywordCheck,
      WithAnswer("hourly_spike_cause",
                 "It is not the cache TTL; keys with the same TTL do not expire together. A "
                 "cron job runs on the hour.")));
  EXPECT_EQ(check.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(check.message,
            "the answer mentions what the question asks for but also says it is not 'ttl'; an "
            "instructor will review it");
  // A negation elsewhere in a right answer does not count against it.
  const CheckResult& right =
      OnlyCheck(GradeWeb(kKeywordCheck, WithAnswer("hourly_spike_cause",
                                                   "Every key gets the same TTL, so they all "
                                                   "expire on the hour; nothing is spread.")));
  EXPECT_EQ(right.status, CheckStatus::kPassed) << right.message;
}

TEST(AnswerCheckTest, NothingRelevantFails) {
  const CheckResult& check = OnlyCheck(
      GradeWeb(kKeywordCheck, WithAnswer("hourly_spike_cause", "Because of the database.")));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message, "the answer does not contain what the question asks for");
}

TEST(AnswerCheckTest, NearMissOfANameNeedsReview) {
  const CheckResult& check =
      OnlyCheck(GradeWeb(kNamesCheck, WithAnswer("hourly_spike_stock", "the cache")));
  EXPECT_EQ(check.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(check.points, check.max_points);
  EXPECT_EQ(check.message,
            "the answer is partly there (it comes close to naming what the question asks for); an "
            "instructor will review it");
}

TEST(AnswerCheckTest, EmptyOrMissingAnswerFails) {
  const CheckResult& empty =
      OnlyCheck(GradeWeb(kNamesCheck, WithAnswer("hourly_spike_stock", "\"  \"")));
  EXPECT_EQ(empty.status, CheckStatus::kFailed);
  EXPECT_EQ(empty.message, "no answer to 'hourly_spike_stock'");
  const std::string submission = kWebSubmission;
  const CheckResult& missing =
      OnlyCheck(GradeWeb(kNamesCheck, submission.substr(0, submission.find("answers:"))));
  EXPECT_EQ(missing.status, CheckStatus::kFailed);
  EXPECT_EQ(missing.message, "no answer to 'hourly_spike_stock'");
}

TEST(AnswerCheckTest, RequireFewerGroups) {
  const CheckResult& check = OnlyCheck(GradeWeb(std::string(kKeywordCheck) + "    require: 1\n",
                                                WithAnswer("hourly_spike_cause", "The TTL.")));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
}

}  // namespace
}  // namespace sdlab
