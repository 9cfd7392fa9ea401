#include "core/grade/answer_reading.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sdlab {
namespace {

// The words of a span as matching sees them, joined by spaces.
std::string Text(const AnswerReading& reading, const WordSpan& span) {
  std::string text;
  for (std::size_t i = span.begin; i < span.end; ++i)
    text += (text.empty() ? "" : " ") + reading.words()[i].raw;
  return text;
}

// Whether `phrase` occurs in `answer` outside (affirmed) and inside
// (denied) a negation or the rejected side of a contrast.
struct Occurrences {
  bool affirmed = false;
  bool denied = false;
};
Occurrences Read(const std::string& answer, const std::string& phrase) {
  const AnswerReading reading(answer);
  Occurrences found;
  for (const WordSpan& span : reading.Find(MatchWords(phrase), 0))
    (reading.Denied(span) ? found.denied : found.affirmed) = true;
  return found;
}

bool OnlyDenied(const std::string& answer, const std::string& phrase) {
  const Occurrences found = Read(answer, phrase);
  return found.denied && !found.affirmed;
}

bool OnlyAffirmed(const std::string& answer, const std::string& phrase) {
  const Occurrences found = Read(answer, phrase);
  return found.affirmed && !found.denied;
}

TEST(AnswerReadingTest, EitherOrAndAndOrOfferAlternatives) {
  EXPECT_TRUE(
      AnswerReading("Either the TTLs run out at once, or a cron job runs.").OffersAlternatives());
  EXPECT_TRUE(AnswerReading("Cache Entries and/or Request Queue").OffersAlternatives());
  EXPECT_FALSE(AnswerReading("The keys expire together, or nearly so.").OffersAlternatives());
  EXPECT_FALSE(
      AnswerReading("Either way the keys expire together. Or so it seems.").OffersAlternatives());
  EXPECT_FALSE(AnswerReading("Keys and retries both matter.").OffersAlternatives());
}

TEST(AnswerReadingTest, FindsPhrasesInAnyOrderWithPrefixesAndSlack) {
  const AnswerReading reading("The keys expire together: TTL expiry of the cached keys.");
  const std::vector<WordSpan> spans = reading.Find(MatchWords("expir*"), 0);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(Text(reading, spans[0]), "expire");
  EXPECT_EQ(Text(reading, spans[1]), "expiry");
  // "keys cached" matches "cached keys" in either order; slack lets a word in between.
  EXPECT_EQ(reading.Find(MatchWords("keys cached"), 0).size(), 1u);
  EXPECT_TRUE(reading.Find(MatchWords("ttl keys"), 0).empty());
  EXPECT_EQ(reading.Find(MatchWords("keys together"), 1).size(), 1u);
}

TEST(AnswerReadingTest, APhraseDoesNotReachAcrossPunctuation) {
  EXPECT_TRUE(AnswerReading("Request Queue, API Pods").Find(MatchWords("api queue"), 1).empty());
  EXPECT_EQ(AnswerReading("the API queue").Find(MatchWords("api queue"), 1).size(), 1u);
}

TEST(AnswerReadingTest, NotDeniesWhatFollowsToTheEndOfItsClause) {
  EXPECT_TRUE(OnlyDenied("Not the cache entries: it is the request queue.", "cache entries"));
  EXPECT_TRUE(OnlyAffirmed("Not the cache entries: it is the request queue.", "request queue"));
  EXPECT_TRUE(OnlyDenied("It is not the TTL.", "ttl"));
  EXPECT_TRUE(OnlyDenied("The keys never expire together.", "expire together"));
}

TEST(AnswerReadingTest, AContrastDeniesItsRejectedSideOnly) {
  const std::string contrast = "It is the queue, not the cache, that fills up.";
  EXPECT_TRUE(OnlyAffirmed(contrast, "queue"));
  EXPECT_TRUE(OnlyDenied(contrast, "cache"));
  const std::string correct = "It's the TTL, not traffic: every key expires on the hour.";
  EXPECT_TRUE(OnlyAffirmed(correct, "ttl"));
  EXPECT_TRUE(OnlyDenied(correct, "traffic"));
  EXPECT_TRUE(OnlyAffirmed(correct, "expir*"));
  const std::string but = "Not the traffic but the TTL makes them expire.";
  EXPECT_TRUE(OnlyDenied(but, "traffic"));
  EXPECT_TRUE(OnlyAffirmed(but, "ttl"));
}

TEST(AnswerReadingTest, RatherThanInsteadOfAndAsOpposedToDenyWhatTheyIntroduce) {
  EXPECT_TRUE(OnlyDenied("The cache stock rather than the queue.", "queue"));
  EXPECT_TRUE(OnlyAffirmed("The cache stock rather than the queue.", "cache"));
  EXPECT_TRUE(OnlyDenied("Expiry instead of traffic.", "traffic"));
  EXPECT_TRUE(OnlyDenied("The TTL, as opposed to the load, explains it.", "load"));
}

TEST(AnswerReadingTest, PostposedDenialsDenyTheirSubject) {
  EXPECT_TRUE(OnlyDenied("The TTL isn't the reason.", "ttl"));
  EXPECT_TRUE(OnlyDenied("The TTL is not the cause of the spikes.", "ttl"));
  EXPECT_TRUE(OnlyDenied("The TTLs are irrelevant here.", "ttl"));
  EXPECT_TRUE(OnlyDenied("Expiry has nothing to do with it.", "expir*"));
  EXPECT_TRUE(OnlyDenied("It has nothing to do with expiry or the TTL.", "expir*"));
  EXPECT_TRUE(OnlyDenied("It has nothing to do with expiry or the TTL.", "ttl"));
  EXPECT_TRUE(OnlyDenied("TTLs do not matter.", "ttl"));
  EXPECT_TRUE(OnlyDenied("Expiry plays no role.", "expir*"));
  // Typographic apostrophes read like ASCII ones.
  EXPECT_TRUE(OnlyDenied("The TTL isn\xE2\x80\x99t the reason.", "ttl"));
}

TEST(AnswerReadingTest, ThereIsNoDeniesButWithNoIsACondition) {
  EXPECT_TRUE(OnlyDenied("There is no synchronisation: keys expire at random.", "synchroni*"));
  EXPECT_TRUE(OnlyDenied("The keys have no common TTL.", "ttl"));
  EXPECT_TRUE(OnlyAffirmed("With no retries the queue drains.", "retr*"));
  EXPECT_TRUE(OnlyAffirmed("No retries -> the queue drains.", "retr*"));
}

TEST(AnswerReadingTest, NotThatDeniesTheWholeClauseAcrossAnd) {
  const std::string answer =
      "It is not that the keys share the same TTL and expire together - a cron job runs on the "
      "hour.";
  EXPECT_TRUE(OnlyDenied(answer, "same ttl"));
  EXPECT_TRUE(OnlyDenied(answer, "expire together"));
  EXPECT_TRUE(OnlyAffirmed(answer, "on the hour"));
  // A plain "not" stops at "and".
  EXPECT_TRUE(OnlyAffirmed("It is not the queue and the keys expire together.", "expire"));
}

TEST(AnswerReadingTest, SomeNegativeWordsDenyNothing) {
  EXPECT_TRUE(OnlyAffirmed("Not only the TTL but also the writes.", "ttl"));
  EXPECT_TRUE(OnlyAffirmed("The HPA can't scale up in time.", "scal*"));
  EXPECT_TRUE(
      OnlyAffirmed("Every key gets the same TTL, so they all expire on the hour; nothing "
                   "is spread.",
                   "expir*"));
  EXPECT_TRUE(OnlyAffirmed("Whether or not the queue fills, keys expire together.", "expir*"));
  // A modal before "be" does deny: "it can't be the TTL".
  EXPECT_TRUE(OnlyDenied("It can't be the TTL.", "ttl"));
}

TEST(AnswerReadingTest, AStringOfKeywordsDoesNotHoldTogether) {
  EXPECT_FALSE(
      AnswerReading("ttl expire same time queue retry drop hpa cache keys hour").HoldsTogether({}));
  EXPECT_FALSE(
      AnswerReading("TTL, cache, expiry, hourly, keys, hit rate, database.").HoldsTogether({}));
  EXPECT_EQ(AnswerReading("TTL, cache, expiry, hourly, keys, hit rate, database.").ContentWords(),
            8u);
  EXPECT_TRUE(
      AnswerReading("All keys get the same TTL, so they expire on the hour.").HoldsTogether({}));
  EXPECT_TRUE(AnswerReading("keys written together -> all expire together").HoldsTogether({}));
  EXPECT_TRUE(AnswerReading("the cache was loaded at once").HoldsTogether({}));
}

TEST(AnswerReadingTest, WordsOfCoveredPhrasesDoNotHoldASentenceTogether) {
  const AnswerReading reading("ttl expire on the hour");
  EXPECT_TRUE(reading.HoldsTogether({}));
  const std::vector<WordSpan> on_the_hour = reading.Find(MatchWords("on the hour"), 0);
  ASSERT_EQ(on_the_hour.size(), 1u);
  EXPECT_FALSE(reading.HoldsTogether(on_the_hour));
}

TEST(AnswerReadingTest, TheLeadIsTheFirstClauseWithItsParenthesis) {
  const AnswerReading reading(
      "Pending jobs (created but not completed) is the stock; completed jobs is a second stock.");
  EXPECT_EQ(Text(reading, reading.Lead()), "pending jobs created but not completed is stock");
  const AnswerReading list("Cache Entries, Request Queue, Pods");
  EXPECT_EQ(Text(list, list.Lead()), "cache entries");
}

TEST(AnswerReadingTest, CausalStatementsRunFromCauseToEffect) {
  const AnswerReading forward("The keys expire together, so latency spikes.");
  ASSERT_EQ(forward.causal_statements().size(), 1u);
  EXPECT_EQ(Text(forward, forward.causal_statements()[0].cause), "keys expire together");
  EXPECT_EQ(Text(forward, forward.causal_statements()[0].effect), "latency spikes");

  const AnswerReading backward("Latency spikes because the keys expire together.");
  ASSERT_EQ(backward.causal_statements().size(), 1u);
  EXPECT_EQ(Text(backward, backward.causal_statements()[0].cause), "keys expire together");
  EXPECT_EQ(Text(backward, backward.causal_statements()[0].effect), "latency spikes");

  const AnswerReading leading("Because the keys expire together, latency spikes.");
  ASSERT_EQ(leading.causal_statements().size(), 1u);
  EXPECT_EQ(Text(leading, leading.causal_statements()[0].cause), "keys expire together");
  EXPECT_EQ(Text(leading, leading.causal_statements()[0].effect), "latency spikes");

  const AnswerReading verb("The latency spikes make the keys expire.");
  ASSERT_EQ(verb.causal_statements().size(), 1u);
  EXPECT_EQ(Text(verb, verb.causal_statements()[0].cause), "latency spikes");
  EXPECT_EQ(Text(verb, verb.causal_statements()[0].effect), "keys expire");

  const AnswerReading chain("same TTL -> keys expire together -> hit rate falls");
  ASSERT_EQ(chain.causal_statements().size(), 2u);
  EXPECT_EQ(Text(chain, chain.causal_statements()[1].cause), "keys expire together");
  EXPECT_EQ(Text(chain, chain.causal_statements()[1].effect), "hit rate falls");
}

TEST(AnswerReadingTest, AnEmptyAnswerHasNoWords) {
  const AnswerReading reading("");
  EXPECT_TRUE(reading.words().empty());
  EXPECT_FALSE(reading.HoldsTogether({}));
  EXPECT_TRUE(reading.Lead().empty());
  EXPECT_TRUE(reading.causal_statements().empty());
}

}  // namespace
}  // namespace sdlab
