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

// `text` as a YAML single-quoted scalar, for answers with ": " in them.
std::string Quoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'";
}

std::string WithAnswer(const std::string& question, const std::string& text,
                       std::string submission = kWebSubmission) {
  const std::string key = "  " + question + ": ";
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

TEST(AnswerCheckTest, KeywordGroupsAllFoundPassWithoutEchoingTheKeywords) {
  const CheckResult& check = OnlyCheck(GradeWeb(kKeywordCheck));
  EXPECT_EQ(check.status, CheckStatus::kPassed);
  EXPECT_EQ(check.message, "the answer covers both ideas the question asks about");
}

TEST(AnswerCheckTest, SomeGroupsIsNeedsReviewWithTheAnswerQuotedAndNoPointsLost) {
  const CheckResult& check = OnlyCheck(
      GradeWeb(kKeywordCheck, WithAnswer("hourly_spike_cause", "Keys expire and get reloaded.")));
  EXPECT_EQ(check.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(check.points, check.max_points);
  EXPECT_EQ(check.message,
            "the answer covers one of the two ideas the question asks about; an instructor will "
            "review it: \"Keys expire and get reloaded.\"");
}

TEST(AnswerCheckTest, AStringOfKeywordsFailsAndAVeryShortOneIsReviewed) {
  const CheckResult& check = OnlyCheck(GradeWeb(
      kKeywordCheck, WithAnswer("hourly_spike_cause", "ttl expire same time on the hour queue")));
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message,
            "the answer reads as a list of words, not as an explanation: write the ideas in "
            "sentences that say how they connect");
  const CheckResult& listed = OnlyCheck(GradeWeb(
      kKeywordCheck, WithAnswer("hourly_spike_cause", "\"TTL, expiry, together, hourly, keys\"")));
  EXPECT_EQ(listed.status, CheckStatus::kFailed);
  const CheckResult& short_one =
      OnlyCheck(GradeWeb(kKeywordCheck, WithAnswer("hourly_spike_cause", "ttl expire same time")));
  EXPECT_EQ(short_one.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(short_one.message,
            "the answer covers both ideas the question asks about, but in words that no sentence "
            "holds together; an instructor will review it: \"ttl expire same time\"");
  // A terse sentence with its joining words still passes.
  const CheckResult& terse =
      OnlyCheck(GradeWeb(kKeywordCheck, WithAnswer("hourly_spike_cause",
                                                   "All keys get the same TTL, so they expire "
                                                   "on the hour.")));
  EXPECT_EQ(terse.status, CheckStatus::kPassed) << terse.message;
}

TEST(AnswerCheckTest, AnAnswerThatBothDeniesAndUsesAnIdeaIsReviewed) {
  const CheckResult& check = OnlyCheck(GradeWeb(
      kKeywordCheck,
      WithAnswer("hourly_spike_cause",
                 "It is not the cache TTL; keys with the same TTL do not expire together. A "
                 "cron job runs on the hour.")));
  EXPECT_EQ(check.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(check.message,
            "the answer says what it is not as well as what it is, and sdlab cannot tell which it "
            "means; an instructor will review it: \"It is not the cache TTL; keys with the same "
            "TTL do not expir...\"");
  // A negation elsewhere in a right answer does not count against it.
  const CheckResult& right =
      OnlyCheck(GradeWeb(kKeywordCheck, WithAnswer("hourly_spike_cause",
                                                   "Every key gets the same TTL, so they all "
                                                   "expire on the hour; nothing is spread.")));
  EXPECT_EQ(right.status, CheckStatus::kPassed) << right.message;
}

// The right idea among guesses is not an answer yet: an instructor decides.
TEST(AnswerCheckTest, AnAnswerThatHedgesBetweenCausesIsReviewed) {
  const CheckResult& check = OnlyCheck(GradeWeb(
      kKeywordCheck, WithAnswer("hourly_spike_cause",
                                Quoted("Either the keys share one TTL and expire at the same "
                                       "time, or an hourly cron job runs."))));
  EXPECT_EQ(check.status, CheckStatus::kNeedsReview) << check.message;
  EXPECT_NE(check.message.find("among alternatives it does not choose between"), std::string::npos)
      << check.message;
}

// With the public layer alone the key is missing: the answer is listed,
// worth nothing in this run, and says what it would be worth.
TEST(AnswerCheckTest, AnAnswerWhoseKeyIsPrivateIsListedWithoutPoints) {
  const char* unkeyed =
      "  - { id: k, kind: answer, question: hourly_spike_cause, key: private, points: 4 }\n";
  const CheckResult& answered = OnlyCheck(
      GradeWeb(unkeyed, WithAnswer("hourly_spike_cause", "Every key gets the same TTL.")));
  EXPECT_EQ(answered.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(answered.points, 0);
  EXPECT_EQ(answered.max_points, 0);
  EXPECT_NE(answered.message.find("your instructor grades it (4 points)"), std::string::npos)
      << answered.message;
  const CheckResult& blank = OnlyCheck(GradeWeb(unkeyed, WithAnswer("hourly_spike_cause", "")));
  EXPECT_EQ(blank.status, CheckStatus::kFailed) << blank.message;
  EXPECT_EQ(blank.max_points, 0);
}

TEST(AnswerCheckTest, AnAnswerThatOnlyDeniesANeededIdeaFails) {
  for (const char* text :
       {"It is not that the keys share the same TTL and expire together; the TTLs are "
        "irrelevant. A cron job runs on the hour.",
        "The spikes have nothing to do with expiry or the TTL: a backup runs on the hour.",
        "The TTL isn't the reason; a batch job starts on the hour."}) {
    const CheckResult& check =
        OnlyCheck(GradeWeb(kKeywordCheck, WithAnswer("hourly_spike_cause", Quoted(text))));
    EXPECT_EQ(check.status, CheckStatus::kFailed) << text << ": " << check.message;
    EXPECT_EQ(check.message, "the answer covers one of the two ideas the question asks about");
  }
}

TEST(AnswerCheckTest, AContrastUsedTheRightWayStillPasses) {
  const CheckResult& check = OnlyCheck(GradeWeb(
      kKeywordCheck, WithAnswer("hourly_spike_cause",
                                Quoted("It's the TTL, not traffic: every key gets the same TTL, so "
                                       "they all expire together on the hour."))));
  EXPECT_EQ(check.status, CheckStatus::kPassed) << check.message;
  const CheckResult& rather = OnlyCheck(GradeWeb(
      kKeywordCheck, WithAnswer("hourly_spike_cause",
                                "The keys expire together rather than one by one, because they "
                                "share one TTL.")));
  EXPECT_EQ(rather.status, CheckStatus::kPassed) << rather.message;
}

TEST(AnswerCheckTest, FeedbackNeverEchoesTheRubricsKeywords) {
  for (const char* text :
       {"Every key gets the same TTL, so they all expire on the hour.", "Keys expire.",
        "ttl expire same time on the hour queue", "The TTL isn't the reason; it is traffic.",
        "Because of the database."}) {
    const CheckResult& check =
        OnlyCheck(GradeWeb(kKeywordCheck, WithAnswer("hourly_spike_cause", Quoted(text))));
    // Only the quoted answer, the student's own words, may hold them.
    const std::string said = check.message.substr(0, check.message.find(": \""));
    for (const char* keyword :
         {"ttl", "expir", "time to live", "same time", "on the hour", "synchroni", "together"}) {
      EXPECT_EQ(said.find(keyword), std::string::npos) << text << ": " << check.message;
    }
  }
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
            "the answer comes close to naming what the question asks for; an instructor will "
            "review it: \"the cache\"");
}

TEST(AnswerCheckTest, NamingADifferentStockOfTheModelFails) {
  for (const char* text :
       {"The Request Queue stock", "Not the cache entries: it is the request queue.",
        "The queue, rather than the cache entries."}) {
    const CheckResult& check =
        OnlyCheck(GradeWeb(kNamesCheck, WithAnswer("hourly_spike_stock", Quoted(text))));
    EXPECT_EQ(check.status, CheckStatus::kFailed) << text;
    EXPECT_EQ(check.message,
              "the answer names 'Request Queue', which is not what the question asks for")
        << text;
  }
}

TEST(AnswerCheckTest, DenyingTheOtherStocksSinglesOneOut) {
  for (const char* text :
       {"The cache entries, not the request queue.", "Cache Entries: the queue only reacts to it.",
        "It is the cache entries rather than the queue."}) {
    const CheckResult& check =
        OnlyCheck(GradeWeb(kNamesCheck, WithAnswer("hourly_spike_stock", Quoted(text))));
    EXPECT_EQ(check.status, CheckStatus::kPassed) << text << ": " << check.message;
    EXPECT_EQ(check.message, "the answer names 'Cache Entries'");
  }
}

TEST(AnswerCheckTest, NamingSeveralStocksIsNotRight) {
  // A bag of names fails; a sentence that does not single one out is reviewed.
  const CheckResult& list = OnlyCheck(
      GradeWeb(kNamesCheck, WithAnswer("hourly_spike_stock", "Request Queue, Cache Entries")));
  EXPECT_EQ(list.status, CheckStatus::kFailed);
  EXPECT_EQ(list.message,
            "the answer lists several stocks ('Request Queue', 'Cache Entries') without saying "
            "which one it is");
  const CheckResult& hedge = OnlyCheck(GradeWeb(
      kNamesCheck,
      WithAnswer("hourly_spike_stock", "It is either the request queue or the cache entries.")));
  EXPECT_EQ(hedge.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(hedge.message,
            "the answer names several stocks of your model ('Request Queue', 'Cache Entries') and "
            "sdlab cannot tell which one it means; an instructor will review it: \"It is either "
            "the request queue or the cache entries.\"");
}

TEST(AnswerCheckTest, AnAliasNamesTheStudentsOwnElement) {
  std::string submission = testing::EditAll(kWebSubmission, "Cache Entries", "Hot Set");
  submission = testing::EditAll(submission, "cache_entries", "hot_set");
  submission = testing::Edit(submission, "    - name: Hot Set\n",
                             "    - name: Hot Set\n      concept: cache_entries\n");
  const CheckResult& check = OnlyCheck(
      GradeWeb(kNamesCheck, WithAnswer("hourly_spike_stock", "the cached keys", submission)));
  EXPECT_EQ(check.status, CheckStatus::kPassed) << check.message;
  EXPECT_EQ(check.message, "the answer names 'Hot Set'");
}

// The fixture's model without its cache: the stock and its flows renamed
// to words no concept has, the answer as written for a model with one.
std::string WithoutCache() {
  std::string submission = testing::EditAll(kWebSubmission, "Cache Entries", "Widgets");
  submission = testing::EditAll(submission, "cache_entries", "widgets");
  submission = testing::Edit(submission, "Cache Fill", "Making");
  return testing::Edit(submission, "name: Expiry", "name: Shipping");
}

TEST(AnswerCheckTest, NamingAConceptTheModelHasNoElementForIsReviewed) {
  const CheckResult& check = OnlyCheck(GradeWeb(
      kNamesCheck, WithAnswer("hourly_spike_stock", "The Cache Entries stock", WithoutCache())));
  EXPECT_EQ(check.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(check.message,
            "the answer names something your stock-and-flow model has no element for; an "
            "instructor will review it: \"The Cache Entries stock\"");
  // The unbound stock of the model, named by the student's own name, may be it.
  const CheckResult& own =
      OnlyCheck(GradeWeb(kNamesCheck, WithAnswer("hourly_spike_stock", "Widgets", WithoutCache())));
  EXPECT_EQ(own.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(own.message,
            "the answer names 'Widgets', which sdlab could not match to what the question asks "
            "for; an instructor will review it: \"Widgets\"");
}

constexpr const char* kConsistentCheck =
    "  - id: b\n"
    "    kind: answer\n"
    "    question: hourly_spike_cause\n"
    "    keywords: [[ttl, expir*, time to live], [same time, on the hour, synchroni*, together]]\n"
    "    consistent_with: [cache_entries, request_queue]\n"
    "    points: 4\n";

TEST(AnswerCheckTest, AnExplanationByWhatTheModelLacksIsReviewed) {
  const CheckResult& consistent = OnlyCheck(GradeWeb(kConsistentCheck));
  EXPECT_EQ(consistent.status, CheckStatus::kPassed) << consistent.message;
  // One bound concept of the list is enough.
  const CheckResult& one = OnlyCheck(GradeWeb(kConsistentCheck, WithoutCache()));
  EXPECT_EQ(one.status, CheckStatus::kPassed) << one.message;
  std::string neither = testing::EditAll(WithoutCache(), "Request Queue", "Things");
  neither = testing::EditAll(neither, "request_queue", "things");
  const CheckResult& check = OnlyCheck(GradeWeb(kConsistentCheck, neither));
  EXPECT_EQ(check.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(check.points, check.max_points);
  EXPECT_EQ(check.message,
            "the answer explains this with something your stock-and-flow model has no element "
            "for; an instructor will review it: \"Every key gets the same TTL, so they all expire "
            "on the hour.\"");
}

TEST(AnswerCheckTest, ConsistentWithNamesConceptsOfTheRubric) {
  Diagnostics diagnostics;
  const std::string rubric = std::string(testing::kWebRubricHead) +
                             "checks:\n"
                             "  - id: b\n"
                             "    kind: answer\n"
                             "    question: hourly_spike_cause\n"
                             "    keywords: [[ttl]]\n"
                             "    consistent_with: [cache_entrys]\n"
                             "    effect: [latency]\n"
                             "    points: 4\n"
                             "  - { id: c, kind: answer, question: hourly_spike_stock, names: "
                             "cache_entries, effect: [latency], points: 1 }\n";
  EXPECT_FALSE(LoadRubricText(SourceFile("rubric.yaml", rubric), diagnostics));
  const std::string text = FormatDiagnostics(diagnostics, nullptr);
  EXPECT_NE(text.find("rubric.yaml:34:23: error: unknown concept 'cache_entrys' (did you mean "
                      "'cache_entries'?)"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find(
          "rubric.yaml:37:88: error: 'effect' names what the keyword ideas explain, so it needs "
          "'keywords'"),
      std::string::npos)
      << text;
}

constexpr const char* kEffectCheck =
    "  - id: b\n"
    "    kind: answer\n"
    "    question: hourly_spike_cause\n"
    "    keywords: [[ttl, expir*, time to live], [same time, on the hour, synchroni*, together]]\n"
    "    effect: [latency, spike*]\n"
    "    points: 4\n";

TEST(AnswerCheckTest, CauseAndEffectTheWrongWayRoundIsReviewed) {
  const CheckResult& backwards = OnlyCheck(GradeWeb(
      kEffectCheck, WithAnswer("hourly_spike_cause",
                               "The latency spikes make the keys expire at the same time.")));
  EXPECT_EQ(backwards.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(backwards.message,
            "the answer covers both ideas the question asks about, but it may give the cause and "
            "the effect the other way round; an instructor will review it: \"The latency spikes "
            "make the keys expire at the same time.\"");
  for (const char* text : {"The keys expire at the same time, so latency spikes.",
                           "Latency spikes because the keys expire at the same time.",
                           "Every key gets the same TTL, so they all expire on the hour."}) {
    const CheckResult& check =
        OnlyCheck(GradeWeb(kEffectCheck, WithAnswer("hourly_spike_cause", Quoted(text))));
    EXPECT_EQ(check.status, CheckStatus::kPassed) << text << ": " << check.message;
  }
}

TEST(AnswerCheckTest, AnAnswerThatAffirmsAMisconceptionIsReviewed) {
  const std::string check_yaml =
      std::string(kKeywordCheck) + "    misconceptions: [keys never expire, cache is flushed]\n";
  const CheckResult& wrong = OnlyCheck(GradeWeb(
      check_yaml, WithAnswer("hourly_spike_cause",
                             Quoted("The TTLs run out together on the hour, and the cache is "
                                    "flushed by a cron job."))));
  EXPECT_EQ(wrong.status, CheckStatus::kNeedsReview);
  EXPECT_EQ(wrong.points, wrong.max_points);
  EXPECT_EQ(wrong.message.substr(0, wrong.message.find(';')),
            "the answer also says \"cache is flushed\", which is not how this system behaves");
  // A denied misconception is what a correct answer says.
  const CheckResult& denied = OnlyCheck(GradeWeb(
      check_yaml, WithAnswer("hourly_spike_cause",
                             Quoted("The TTLs run out together on the hour; the cache is not "
                                    "flushed by anything."))));
  EXPECT_EQ(denied.status, CheckStatus::kPassed) << denied.message;
  // A failing answer stays failed.
  const CheckResult& failed = OnlyCheck(
      GradeWeb(check_yaml, WithAnswer("hourly_spike_cause", "The cache is flushed by a cron.")));
  EXPECT_EQ(failed.status, CheckStatus::kFailed);
}

TEST(AnswerCheckTest, AnAnswerTheStudentsModelDoesNotBearOutIsReviewed) {
  auto graded = [](int min_stocks) {
    return GradeWeb("  - { id: s, kind: stock_count, min: " + std::to_string(min_stocks) +
                    ", points: 1, title: Enough stocks }\n" +
                    "  - { id: a, kind: answer, question: hourly_spike_stock, names: "
                    "cache_entries, supported_by: [s], points: 2 }\n");
  };
  const GradeResult met = graded(2);
  ASSERT_EQ(met.checks.size(), 2u);
  EXPECT_EQ(met.checks[1].status, CheckStatus::kPassed) << met.checks[1].message;
  const GradeResult unmet = graded(9);
  ASSERT_EQ(unmet.checks.size(), 2u);
  EXPECT_EQ(unmet.checks[1].status, CheckStatus::kNeedsReview);
  EXPECT_EQ(unmet.checks[1].points, unmet.checks[1].max_points);
  EXPECT_NE(unmet.checks[1].message.find("your own model does not show \"Enough stocks\""),
            std::string::npos)
      << unmet.checks[1].message;
}

TEST(AnswerCheckTest, AnAnswerInAnotherLanguageIsReviewedNotKeywordMatched) {
  for (const char* text :
       {"Toutes les cles ont le meme TTL et elles expirent ensemble au debut de chaque heure, donc "
        "la latence monte.",
        "Alle Schluessel haben die gleiche TTL und laufen zusammen ab, weil sie zur selben Zeit "
        "geschrieben wurden."}) {
    const CheckResult& check =
        OnlyCheck(GradeWeb(kKeywordCheck, WithAnswer("hourly_spike_cause", Quoted(text))));
    EXPECT_EQ(check.status, CheckStatus::kNeedsReview) << text;
    EXPECT_EQ(check.message.substr(0, check.message.find(';')),
              "the answer is written in another language than the key sdlab reads it with "
              "(English)");
  }
  // A language no word list knows: a long answer almost without English
  // function words (Polish, Dutch).
  for (const char* text :
       {"Wszystkie klucze zapisano w tym samym czasie z tym samym TTL 3600 s, wiec wygasaja "
        "razem, co godzine o pelnej godzinie; wspolczynnik trafien spada z 0,95 do 0,6 i wszystkie "
        "chybienia ida naraz do bazy danych, zapytania zwalniaja i opoznienie rosnie",
        "Alle sleutels zijn tegelijk geschreven met dezelfde TTL van 3600 s, dus ze verlopen "
        "samen elk uur op het hele uur; de trefkans zakt van 0,95 naar 0,6 en alle missers gaan "
        "tegelijk naar de database, die trager wordt waardoor de vertraging stijgt"}) {
    const CheckResult& check =
        OnlyCheck(GradeWeb(kKeywordCheck, WithAnswer("hourly_spike_cause", Quoted(text))));
    EXPECT_EQ(check.status, CheckStatus::kNeedsReview) << text;
  }
  // Another script, however short (Chinese has no spaces between words).
  for (const char* text : {"\xe6\x89\x80\xe6\x9c\x89\xe9\x94\xae\xe7\x9a\x84 TTL "
                           "\xe7\x9b\xb8\xe5\x90\x8c\xef\xbc\x8c\xe5\x90\x8c\xe6\x97\xb6"
                           "\xe8\xbf\x87\xe6\x9c\x9f",
                           "\xd0\x92\xd1\x81\xd0\xb5 \xd0\xba\xd0\xbb\xd1\x8e\xd1\x87"
                           "\xd0\xb8 TTL 3600 s"}) {
    const CheckResult& check =
        OnlyCheck(GradeWeb(kKeywordCheck, WithAnswer("hourly_spike_cause", Quoted(text))));
    EXPECT_EQ(check.status, CheckStatus::kNeedsReview) << text;
  }
  // English with a foreign name or two is still read.
  const CheckResult& english = OnlyCheck(GradeWeb(
      kKeywordCheck, WithAnswer("hourly_spike_cause",
                                Quoted("The keys in the Cola de Peticiones all expire at the same "
                                       "time, on the hour."))));
  EXPECT_EQ(english.status, CheckStatus::kPassed) << english.message;
}

TEST(AnswerCheckTest, AnAnswerUnderAMistypedQuestionIdIsReadWithAWarning) {
  const GradeResult result = GradeWeb(
      kKeywordCheck, Edit(kWebSubmission, "  hourly_spike_cause:", "  hourly_spike_caus:"));
  ASSERT_EQ(result.checks.size(), 1u);
  EXPECT_EQ(result.checks[0].status, CheckStatus::kPassed) << result.checks[0].message;
  ASSERT_FALSE(result.diagnostics.empty());
  EXPECT_EQ(result.diagnostics[0].message,
            "the answer key 'hourly_spike_caus' is no question of lab 'web'; it is read as the "
            "answer to 'hourly_spike_cause'");
  const GradeResult unknown =
      GradeWeb(kKeywordCheck, Edit(kWebSubmission, "  hourly_spike_cause:", "  why_hourly:"));
  EXPECT_EQ(unknown.checks[0].status, CheckStatus::kFailed);
  ASSERT_FALSE(unknown.diagnostics.empty());
  EXPECT_EQ(unknown.diagnostics[0].message,
            "the answer key 'why_hourly' is no question of lab 'web', so it is not graded");
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
