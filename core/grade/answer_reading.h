#pragma once
// Reading a short written answer the way a grader does, before any rubric
// is applied: its words as concept matching sees them (MatchWords), which of
// them a negation or a contrast covers ("not the cache", "rather than the
// queue", "the TTLs are irrelevant"), whether anything holds the words
// together as a sentence, and which way its causal statements run ("X, so
// Y", "Y because X"). Used by the answer checks (checks_answers.h).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/grade/concepts.h"

namespace sdlab {

/// Words [begin, end) of an AnswerReading, as indices into words().
struct WordSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty() const { return begin >= end; }
  bool Overlaps(const WordSpan& other) const { return begin < other.end && other.begin < end; }
  bool Contains(const WordSpan& other) const { return begin <= other.begin && other.end <= end; }
};

/// A causal statement: the words on its cause side and on its effect side
/// ("keys expire together, so latency spikes": cause "keys expire
/// together", effect "latency spikes"; "latency spikes because keys
/// expire": the other way round).
struct CausalStatement {
  WordSpan cause;
  WordSpan effect;
};

class AnswerReading {
 public:
  /// Reads `text`; never fails (an empty text has no words).
  explicit AnswerReading(std::string_view text);

  /// The words, as MatchWords gives them for the whole text.
  const std::vector<MatchWord>& words() const { return words_; }

  /// Every place `phrase` occurs, as ContainsPhrase matches it (the
  /// phrase's words in any order within phrase length + `slack` words, '*'
  /// a prefix), from the first to the last matched word; in text order.
  /// An occurrence does not reach across punctuation ("Queue, API" is not
  /// "API queue").
  std::vector<WordSpan> Find(const std::vector<MatchWord>& phrase, std::size_t slack) const;
  /// The span's words as the student wrote them, one space apart.
  std::string Quote(const WordSpan& span) const;

  /// How a negation covers a span (at least half of its words):
  /// - kOfThing: what the answer says something is not, or the rejected
  ///   side of a contrast: "not the cache", "it is the queue, not the
  ///   cache", "rather than / instead of / as opposed to the queue",
  ///   "nothing to do with expiry", "the TTL isn't the reason", "the TTLs
  ///   are irrelevant", "it is not that the keys expire together", "there
  ///   is no synchronisation";
  /// - kOfVerb: a verb's negation ("keys do not expire together", "never
  ///   expire together"), which may deny the idea or only its manner; with
  ///   a word of manner in it ("not at random", "not fast enough", "not
  ///   one by one but together") the verb itself stays affirmed;
  /// - kNone otherwise. "Not only", "not until" and a modal "can't keep
  ///   up" deny nothing.
  enum class Denial { kNone, kOfVerb, kOfThing };
  Denial DenialOf(const WordSpan& span) const;
  bool Denied(const WordSpan& span) const { return DenialOf(span) != Denial::kNone; }

  /// The words of the answer's lead: its first clause, up to the first
  /// comma, colon, semicolon, dash, arrow or sentence end (a parenthesis
  /// stays in it): "Pending jobs (created but not done) is the stock".
  WordSpan Lead() const;

  /// True when something other than the `covered` words holds the answer
  /// together as a sentence: a verb such as "is", "has", "makes", a
  /// pronoun, a preposition, a connective ("because", "so", "when"), a
  /// contraction, a past participle ("written", "loaded") or an arrow
  /// ("->", "=>"). "ttl expire same time" has none; nor has "TTL, cache,
  /// expiry, hourly". Words inside `covered` (the rubric's own phrases,
  /// "on the hour") do not count.
  bool HoldsTogether(const std::vector<WordSpan>& covered) const;

  /// True when the answer hedges between alternatives: "either ... or" in
  /// one sentence, or "and/or" ("Cache Entries and/or Request Queue").
  bool OffersAlternatives() const;

  /// How many words carry content: the words that do not hold a sentence
  /// together (see HoldsTogether), stop words excluded.
  std::size_t ContentWords() const;

  /// The causal statements, in text order: a forward connective ("so",
  /// "therefore", "causes", "makes", "leads to", "results in", "->")
  /// has its cause before it, a backward one ("because", "due to",
  /// "caused by", "comes from") after it, each side reaching to the next
  /// connective or the end of the sentence ("Because X, Y": X up to the
  /// comma).
  const std::vector<CausalStatement>& causal_statements() const { return statements_; }

 private:
  // kRelation: '=', '<', '>' between words ("inflow > outflow").
  enum class TokenKind { kWord, kComma, kParenthesis, kSentenceEnd, kArrow, kRelation };
  struct Token {
    TokenKind kind = TokenKind::kWord;
    std::string lower;  // a word, lower-cased, its inner apostrophes kept
    Denial denial = Denial::kNone;
    bool joins = false;                        // holds a sentence together (see HoldsTogether)
    std::size_t first_word = 0, end_word = 0;  // its MatchWords, [first, end)
  };
  void Tokenize(std::string_view text);
  void MarkNegations();
  void FindCausalStatements();
  bool IsWord(std::size_t token, std::string_view word) const;
  /// The token index of each word, and the first word at or after a token.
  std::size_t TokenOf(std::size_t word) const { return word_token_[word]; }
  std::size_t WordAt(std::size_t token) const;

  std::vector<Token> tokens_;
  std::vector<MatchWord> words_;
  std::vector<std::size_t> word_token_;
  std::vector<std::size_t> word_segment_;  // words between two punctuation marks share one
  std::vector<CausalStatement> statements_;
};

}  // namespace sdlab
