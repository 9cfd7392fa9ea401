// Reading an answer: tokens (words, punctuation, arrows), the words each
// negation or contrast covers, the words that hold a sentence together and
// the causal statements. Word lists, not a parser: short answers to a lab
// question are read well enough by their closed-class words.

#include "core/grade/answer_reading.h"

#include <algorithm>
#include <cstring>
#include <set>

namespace sdlab {

namespace {

bool IsWordByte(unsigned char c) {
  // As MatchWords splits words: ASCII letters and digits, other non-ASCII
  // bytes, and '*' (a wildcard at a word's end).
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 ||
         c == '*';
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool In(const std::string& word, std::initializer_list<const char*> list) {
  return std::any_of(list.begin(), list.end(), [&](const char* item) { return word == item; });
}

bool EndsWith(const std::string& word, std::string_view suffix) {
  return word.size() >= suffix.size() &&
         word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Typographic quotes, dashes and arrows as their ASCII forms, so that one
// tokenizer reads what editors and phones type.
std::string AsciiPunctuation(std::string_view text) {
  struct Replacement {
    const char* from;
    const char* to;
  };
  static const Replacement kReplacements[] = {
      {"\xE2\x80\x98", "'"},    {"\xE2\x80\x99", "'"},    {"\xE2\x80\x9C", "\""},
      {"\xE2\x80\x9D", "\""},   {"\xE2\x80\x93", " - "},  {"\xE2\x80\x94", " - "},
      {"\xE2\x86\x92", " -> "}, {"\xE2\x87\x92", " -> "},
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const Replacement& replacement : kReplacements) {
      const std::size_t length = std::strlen(replacement.from);
      if (text.compare(i, length, replacement.from) == 0) {
        out += replacement.to;
        i += length;
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

// A plain negation: "not", "never", "isn't", "doesn't" ... "Can't",
// "cannot", "won't" say what something fails to do ("the HPA can't keep
// up"), not what it is not; they count only before "be".
enum class Negator { kNone, kPlain, kModal };
Negator NegatorKind(const std::string& word) {
  if (In(word, {"can't", "cannot", "cant", "won't", "wont", "couldn't", "couldnt", "wouldn't",
                "wouldnt", "shouldn't", "shouldnt", "mustn't"}))
    return Negator::kModal;
  if (In(word, {"not", "never", "nor", "neither", "dont", "doesnt", "didnt", "isnt", "arent",
                "wasnt", "werent", "hasnt", "havent", "hadnt"}))
    return Negator::kPlain;
  return EndsWith(word, "n't") ? Negator::kPlain : Negator::kNone;
}

bool IsCopula(const std::string& word) {
  return In(word, {"is", "are", "was", "were", "be", "been", "it's", "that's", "they're"});
}

bool IsNegatedCopula(const std::string& word) {
  return In(word, {"isn't", "aren't", "wasn't", "weren't", "isnt", "arent", "wasnt", "werent"});
}

// Words that end what a negation covers, and where a denied subject starts.
bool EndsScope(const std::string& word) {
  return In(word, {"but",  "so",       "because", "which", "while",   "whereas",   "then",
                   "when", "although", "though",  "yet",   "however", "therefore", "hence",
                   "thus", "instead",  "since",   "until", "unless",  "if",        "whenever"});
}

// Words that hold a sentence together: verbs that every sentence leans on,
// pronouns, prepositions and connectives. Not "and"/"or", which join a list.
bool JoinsSentence(const std::string& word) {
  static const std::set<std::string> kJoining = {
      // verbs
      "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does",
      "did", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "get",
      "gets", "got", "become", "becomes", "became", "go", "goes", "went", "make", "makes", "made",
      "cause", "causes", "caused", "lead", "leads", "led", "mean", "means", "meant", "keep",
      "keeps", "kept", "stay", "stays", "come", "comes", "came", "take", "takes", "took", "give",
      "gives", "gave", "happen", "happens", "cannot",
      // pronouns and relatives
      "it", "its", "they", "them", "their", "this", "these", "those", "there", "which", "who",
      "whose", "what", "we", "us", "our", "you", "your", "i", "me", "my", "he", "she", "his", "her",
      "that",
      // prepositions
      "in", "on", "at", "to", "for", "with", "by", "from", "into", "onto", "over", "under", "after",
      "before", "during", "within", "without", "through", "about", "across", "between", "than",
      "until", "upon",
      // connectives and negation
      "because", "so", "since", "therefore", "thus", "hence", "then", "when", "whenever", "while",
      "if", "unless", "although", "though", "whereas", "as", "but", "not", "never",
      // past participles that do not end in -ed
      "written", "done", "gone", "taken", "seen", "known", "held", "built", "sent", "lost", "shown",
      "grown", "fallen", "risen", "driven", "given", "broken", "chosen", "set", "put"};
  if (kJoining.count(word) > 0) return true;
  if (word.find('\'') != std::string::npos) return true;  // "it's", "don't", "they're"
  // A regular past participle or past tense ("loaded", "stored"), not "speed".
  return word.size() >= 5 && EndsWith(word, "ed") && !EndsWith(word, "eed");
}

// Words that say how or how much something happens: under a verb's
// negation they are what is denied ("not fast enough", "not at random").
bool IsMannerWord(const std::string& word) {
  return In(word, {"enough", "fast", "faster", "quickly", "soon", "early", "immediately",
                   "instantly", "slowly", "gradually", "randomly", "random", "evenly", "separately",
                   "individually", "independently", "apart", "much", "well"});
}

// What a post-posed denial says of its subject: "... is not the reason",
// "... are irrelevant", "... doesn't matter", "... plays no role".
bool IsReasonNoun(const std::string& word) {
  return In(word, {"reason", "cause", "problem", "culprit", "issue", "explanation", "trigger",
                   "source", "driver", "factor", "root", "origin", "answer", "it", "why"});
}

}  // namespace

AnswerReading::AnswerReading(std::string_view text) {
  Tokenize(AsciiPunctuation(text));
  MarkNegations();
  FindCausalStatements();
}

void AnswerReading::Tokenize(std::string_view text) {
  auto push = [&](TokenKind kind, std::string lower) {
    Token token;
    token.kind = kind;
    token.lower = std::move(lower);
    token.first_word = token.end_word = words_.size();
    tokens_.push_back(std::move(token));
  };
  const std::size_t n = text.size();
  std::size_t segment = 0;
  for (std::size_t i = 0; i < n;) {
    const char c = text[i];
    if (!tokens_.empty() && tokens_.back().kind != TokenKind::kWord) segment = tokens_.size();
    if (IsWordByte(static_cast<unsigned char>(c))) {
      std::size_t end = i;
      while (end < n) {
        const char here = text[end];
        const bool inner = end + 1 < n && end > i;
        if (IsWordByte(static_cast<unsigned char>(here))) {
          ++end;
        } else if (inner && here == '\'' && IsWordByte(static_cast<unsigned char>(text[end + 1]))) {
          ++end;  // "isn't", "it's"
        } else if (inner && here == '.' && IsDigit(text[end - 1]) && IsDigit(text[end + 1])) {
          ++end;  // "0.95"
        } else {
          break;
        }
      }
      const std::string_view raw = text.substr(i, end - i);
      std::string lower;
      for (char byte : raw)
        lower += (byte >= 'A' && byte <= 'Z') ? static_cast<char>(byte + 32) : byte;
      push(TokenKind::kWord, lower);
      Token& token = tokens_.back();
      for (MatchWord& word : MatchWords(raw)) {
        words_.push_back(std::move(word));
        word_token_.push_back(tokens_.size() - 1);
        word_segment_.push_back(segment);
      }
      token.end_word = words_.size();
      token.joins = JoinsSentence(lower);
      i = end;
      continue;
    }
    const char next = i + 1 < n ? text[i + 1] : '\0';
    const char before = i > 0 ? text[i - 1] : ' ';
    if ((c == '-' || c == '=') && next == '>') {
      push(TokenKind::kArrow, std::string(1, c) + ">");
      tokens_.back().joins = true;
      i += 2;
      continue;
    }
    if (c == '-' && next == '-') {
      push(TokenKind::kComma, "--");
      i += 2;
      continue;
    }
    if (c == '-' && (before == ' ' || before == '\n') && (next == ' ' || next == '\n')) {
      push(TokenKind::kComma, "-");  // a dash between words, not a hyphen
    } else if (c == ',') {
      push(TokenKind::kComma, ",");
    } else if (c == ';' || c == ':' || c == '!' || c == '?' ||
               (c == '.' && !IsWordByte(static_cast<unsigned char>(next)))) {
      push(TokenKind::kSentenceEnd, std::string(1, c));
    } else if (c == '(' || c == ')' || c == '[' || c == ']') {
      push(TokenKind::kParenthesis, std::string(1, c));
    } else if (c == '=' || c == '<' || c == '>') {
      // "latency = queue / throughput", "inflow > outflow": a relation.
      push(TokenKind::kRelation, std::string(1, c));
      tokens_.back().joins = true;
    }
    ++i;
  }
}

bool AnswerReading::IsWord(std::size_t token, std::string_view word) const {
  return token < tokens_.size() && tokens_[token].kind == TokenKind::kWord &&
         tokens_[token].lower == word;
}

std::size_t AnswerReading::WordAt(std::size_t token) const {
  for (std::size_t t = token; t < tokens_.size(); ++t) {
    if (tokens_[t].first_word < tokens_[t].end_word) return tokens_[t].first_word;
  }
  return words_.size();
}

void AnswerReading::MarkNegations() {
  const std::size_t n = tokens_.size();
  auto word_at = [&](std::size_t t) -> const std::string& {
    static const std::string kNone;
    return t < n && tokens_[t].kind == TokenKind::kWord ? tokens_[t].lower : kNone;
  };
  auto deny = [](Token& token, Denial denial) { token.denial = std::max(token.denial, denial); };
  // Denies the words after `from`: to the end of the clause when
  // `to_clause_end` ("not that ...", "rather than ..."), else also up to
  // "and" and at most 8 words ("not the cache and ...").
  auto deny_forward = [&](std::size_t from, bool to_clause_end, Denial denial) {
    std::size_t end = from;
    for (int left = 8; end < n; ++end) {
      const Token& token = tokens_[end];
      if (token.kind != TokenKind::kWord || EndsScope(token.lower)) break;
      if (!to_clause_end && (token.lower == "and" || --left < 0)) break;
    }
    std::size_t start = from;
    if (denial == Denial::kOfVerb) {
      // "do not expire one by one but together", "does not scale fast
      // enough": the manner is denied, not the verb.
      bool manner = IsWord(end, "but");
      for (std::size_t t = from; t < end && !manner; ++t) {
        manner = IsMannerWord(tokens_[t].lower) ||
                 (IsWord(t, "one") && IsWord(t + 1, "by") && IsWord(t + 2, "one")) ||
                 (IsWord(t, "in") && IsWord(t + 1, "time"));
      }
      if (manner) {
        while (start < end && In(tokens_[start].lower, {"all", "always", "really", "actually"}))
          ++start;
        if (start < end) ++start;
      }
    }
    for (std::size_t t = start; t < end; ++t) deny(tokens_[t], denial);
  };
  // Denies the subject before a post-posed denial ("the TTLs are
  // irrelevant"): back to the start of the clause or a connective.
  auto deny_subject = [&](std::size_t before) {
    for (std::size_t t = before; t-- > 0;) {
      Token& token = tokens_[t];
      if (token.kind == TokenKind::kParenthesis) continue;
      if (token.kind != TokenKind::kWord || EndsScope(token.lower) || token.lower == "that") break;
      deny(token, Denial::kOfThing);
    }
  };
  for (std::size_t t = 0; t < n; ++t) {
    if (tokens_[t].kind != TokenKind::kWord) continue;
    const std::string& word = tokens_[t].lower;
    const std::string& next = word_at(t + 1);
    const std::string& after = word_at(t + 2);
    // Contrast and denial phrases that cover what follows them.
    if ((word == "rather" && next == "than") || (word == "instead" && next == "of") ||
        (word == "unrelated" && next == "to")) {
      deny_forward(t + 2, true, Denial::kOfThing);
      if (word == "unrelated") deny_subject(t > 0 && IsCopula(word_at(t - 1)) ? t - 1 : t);
      continue;
    }
    if (word == "as" && next == "opposed" && after == "to") {
      deny_forward(t + 3, true, Denial::kOfThing);
      continue;
    }
    if (word == "nothing" && (next == "to" || next == "do")) {
      // "... has nothing to do with X": both X and what has nothing to do with it.
      std::size_t with = t + 1;
      while (with < n && with < t + 4 && !IsWord(with, "with")) ++with;
      if (IsWord(with, "with")) {
        deny_forward(with + 1, true, Denial::kOfThing);
        std::size_t subject_end = t;
        if (subject_end > 0 && In(word_at(subject_end - 1), {"has", "have", "had"})) --subject_end;
        deny_subject(subject_end);
        continue;
      }
    }
    // "... plays no role", "... has no effect": the subject.
    if ((word == "no" || word == "nothing") &&
        In(next, {"role", "part", "effect", "impact", "influence", "bearing"})) {
      std::size_t subject_end = t;
      if (subject_end > 0 &&
          In(word_at(subject_end - 1), {"play", "plays", "played", "has", "have", "had"}))
        --subject_end;
      deny_subject(subject_end);
      continue;
    }
    // "there is no synchronisation", "the keys have no common TTL"; but
    // "with no retries" is a condition, not a denial.
    if (word == "no" && t > 0 &&
        (IsCopula(word_at(t - 1)) ||
         In(word_at(t - 1), {"there's", "has", "have", "had", "get", "gets", "got"}))) {
      deny_forward(t + 1, false, Denial::kOfThing);
      continue;
    }
    // "... is irrelevant", "... are (totally) unrelated", "... is a red herring".
    if (IsCopula(word)) {
      std::size_t adjective = t + 1;
      if (In(next, {"completely", "totally", "entirely", "probably", "really", "just", "quite"}))
        ++adjective;
      const std::string& said = word_at(adjective);
      if (In(said, {"irrelevant", "unrelated", "innocent", "immaterial"}) ||
          (said == "a" && IsWord(adjective + 1, "red") && IsWord(adjective + 2, "herring"))) {
        deny_subject(t);
        continue;
      }
    }
    const Negator negator = NegatorKind(word);
    if (negator == Negator::kNone) continue;
    if (negator == Negator::kModal && next != "be") continue;
    if (In(next, {"only", "just", "merely", "simply", "until", "long", "far", "yet", "enough"}))
      continue;
    if (t > 0 && In(word_at(t - 1), {"or", "if", "whether"})) continue;  // "or not", "if not"
    // A negated copula or "do not ..." followed by what a cause is: the
    // subject is denied ("the TTL isn't the reason", "TTLs do not matter").
    std::size_t predicate = t + 1;
    const bool copula = IsNegatedCopula(word) ||
                        (word == "not" && t > 0 && IsCopula(word_at(t - 1))) ||
                        (negator == Negator::kModal && next == "be");
    if (negator == Negator::kModal) ++predicate;  // "can't be ..."
    const std::string& said = word_at(predicate);
    const std::string& said_next = word_at(predicate + 1);
    const bool reason = IsReasonNoun(said) || (In(said, {"the", "a", "an", "what", "to"}) &&
                                               (IsReasonNoun(said_next) || said_next == "blame"));
    const bool relevant = In(said, {"relevant", "involved", "responsible", "related", "important"});
    const bool matters = In(said, {"matter", "matters", "explain", "explains", "contribute"});
    if ((copula && (reason || relevant)) || (!copula && matters)) {
      std::size_t subject_end = t;
      if (word == "not" && t > 0 &&
          (IsCopula(word_at(t - 1)) || In(word_at(t - 1), {"do", "does", "did", "can", "could"})))
        --subject_end;
      deny_subject(subject_end);
    }
    // "not that ...", "not because ...": the whole clause.
    if (In(next, {"that", "because"})) {
      deny_forward(t + 2, true, Denial::kOfThing);
      continue;
    }
    // After an auxiliary a verb is negated ("do not expire at random"),
    // else a thing ("not the cache", "is not synchronised").
    const bool of_verb =
        !copula && (word == "never" ||
                    (word == "not" && t > 0 &&
                     In(word_at(t - 1), {"do", "does", "did", "will", "would", "should", "could",
                                         "may", "might", "must", "can", "has", "have", "had"})) ||
                    In(word, {"don't", "doesn't", "didn't", "dont", "doesnt", "didnt", "hasn't",
                              "haven't", "hadn't", "hasnt", "havent", "hadnt"}));
    deny_forward(predicate, false, of_verb ? Denial::kOfVerb : Denial::kOfThing);
  }
}

void AnswerReading::FindCausalStatements() {
  // The connectives: [first token, end token) and which way they run.
  struct Connective {
    std::size_t begin, end;
    bool forward;
  };
  const std::size_t n = tokens_.size();
  std::size_t sentence_start = 0;
  std::vector<Connective> connectives;
  auto word_at = [&](std::size_t t) -> const std::string& {
    static const std::string kNone;
    return t < n && tokens_[t].kind == TokenKind::kWord ? tokens_[t].lower : kNone;
  };
  auto flush_sentence = [&](std::size_t sentence_end) {
    for (std::size_t k = 0; k < connectives.size(); ++k) {
      const Connective& connective = connectives[k];
      const std::size_t before = k == 0 ? sentence_start : connectives[k - 1].end;
      const std::size_t after =
          k + 1 < connectives.size() ? connectives[k + 1].begin : sentence_end;
      auto span = [&](std::size_t from, std::size_t to) {
        return WordSpan{WordAt(from), std::max(WordAt(from), WordAt(to))};
      };
      WordSpan left = span(before, connective.begin);
      WordSpan right = span(connective.end, after);
      if (left.empty() && !connective.forward) {
        // "Because X, Y": X up to the comma, then Y.
        std::size_t comma = connective.end;
        while (comma < after && tokens_[comma].kind != TokenKind::kComma) ++comma;
        if (comma >= after) continue;
        statements_.push_back({span(connective.end, comma), span(comma + 1, after)});
        continue;
      }
      if (left.empty() || right.empty()) continue;
      statements_.push_back(connective.forward ? CausalStatement{left, right}
                                               : CausalStatement{right, left});
    }
    connectives.clear();
  };
  for (std::size_t t = 0; t < n; ++t) {
    const Token& token = tokens_[t];
    if (token.kind == TokenKind::kSentenceEnd) {
      flush_sentence(t);
      sentence_start = t + 1;
      continue;
    }
    if (token.kind == TokenKind::kArrow) {
      connectives.push_back({t, t + 1, true});
      continue;
    }
    if (token.kind != TokenKind::kWord) continue;
    const std::string& word = token.lower;
    const std::string& next = word_at(t + 1);
    const std::string& previous = t > 0 ? word_at(t - 1) : word_at(n);
    if (next == "by" && In(word, {"caused", "triggered", "driven", "produced"})) {
      connectives.push_back({t, t + 2, false});
      ++t;
    } else if (In(next, {"from"}) &&
               In(word, {"comes", "come", "came", "results", "result", "stems", "stem"})) {
      connectives.push_back({t, t + 2, false});
      ++t;
    } else if (word == "because" || (word == "due" && next == "to")) {
      const bool two = next == "of" || next == "to";
      connectives.push_back({t, t + (two ? 2 : 1), false});
      if (two) ++t;
    } else if ((next == "to" && In(word, {"leads", "lead", "led", "leading"})) ||
               (next == "in" && In(word, {"results", "result", "resulted", "resulting"}))) {
      connectives.push_back({t, t + 2, true});
      ++t;
    } else if (word == "so" && !In(next, {"many", "much", "far", "on", "long", "that"})) {
      connectives.push_back({t, t + 1, true});
    } else if (In(word, {"therefore", "thus", "hence", "causes", "caused", "makes", "make", "made",
                         "triggers", "triggered", "drives", "drove"}) ||
               (word == "cause" && !In(previous, {"the", "a", "main", "root", "real", "no"}))) {
      connectives.push_back({t, t + 1, true});
    }
  }
  flush_sentence(n);
}

std::string AnswerReading::Quote(const WordSpan& span) const {
  std::string text;
  for (std::size_t word = span.begin; word < span.end && word < words_.size(); ++word)
    text += (text.empty() ? "" : " ") + words_[word].raw;
  return text;
}

std::vector<WordSpan> AnswerReading::Find(const std::vector<MatchWord>& phrase,
                                          std::size_t slack) const {
  // As ContainsPhrase matches a word: a '*' phrase word is a prefix of the
  // text word, any other has its stem.
  auto matches = [](const MatchWord& text_word, const MatchWord& phrase_word) {
    if (!phrase_word.raw.empty() && phrase_word.raw.back() == '*') {
      const std::string_view prefix(phrase_word.raw.data(), phrase_word.raw.size() - 1);
      return text_word.raw.compare(0, prefix.size(), prefix) == 0;
    }
    return text_word.stem == phrase_word.stem;
  };
  std::vector<WordSpan> spans;
  if (phrase.empty()) return spans;
  const std::size_t window = phrase.size() + slack;
  for (std::size_t start = 0; start < words_.size(); ++start) {
    bool starts_well = false;
    for (const MatchWord& word : phrase) starts_well = starts_well || matches(words_[start], word);
    if (!starts_well) continue;
    std::size_t end = std::min(words_.size(), start + window);
    while (end > start && word_segment_[end - 1] != word_segment_[start]) --end;
    std::vector<bool> used(end - start, false);
    std::size_t last = start;
    bool all_found = true;
    for (const MatchWord& word : phrase) {
      bool found = false;
      for (std::size_t i = start; i < end && !found; ++i) {
        if (!used[i - start] && matches(words_[i], word)) {
          used[i - start] = true;
          last = std::max(last, i);
          found = true;
        }
      }
      all_found = all_found && found;
    }
    if (all_found) spans.push_back({start, last + 1});
  }
  return spans;
}

AnswerReading::Denial AnswerReading::DenialOf(const WordSpan& span) const {
  std::size_t denied = 0;
  Denial strongest = Denial::kNone;
  for (std::size_t i = span.begin; i < span.end && i < words_.size(); ++i) {
    const Denial denial = tokens_[TokenOf(i)].denial;
    if (denial != Denial::kNone) ++denied;
    strongest = std::max(strongest, denial);
  }
  return !span.empty() && denied * 2 >= span.end - span.begin ? strongest : Denial::kNone;
}

WordSpan AnswerReading::Lead() const {
  for (const Token& token : tokens_) {
    if (token.kind == TokenKind::kComma || token.kind == TokenKind::kSentenceEnd ||
        token.kind == TokenKind::kArrow) {
      if (token.first_word > 0) return {0, token.first_word};
    }
  }
  return {0, words_.size()};
}

bool AnswerReading::HoldsTogether(const std::vector<WordSpan>& covered) const {
  for (std::size_t t = 0; t < tokens_.size(); ++t) {
    const Token& token = tokens_[t];
    if (!token.joins) continue;
    // A word inside one of the covered phrases ("on" of "on the hour") is
    // the phrase's, not the sentence's; a stop word sits between the words.
    const bool inside = std::any_of(covered.begin(), covered.end(), [&](const WordSpan& span) {
      if (token.first_word < token.end_word)
        return span.begin <= token.first_word && token.first_word < span.end;
      return span.begin < token.first_word && token.first_word < span.end;
    });
    if (!inside) return true;
  }
  return false;
}

bool AnswerReading::OffersAlternatives() const {
  for (std::size_t t = 0; t < tokens_.size(); ++t) {
    if (tokens_[t].kind != TokenKind::kWord) continue;
    if (tokens_[t].lower == "either") {
      for (std::size_t u = t + 1; u < tokens_.size() && tokens_[u].kind != TokenKind::kSentenceEnd;
           ++u) {
        if (tokens_[u].lower == "or") return true;
      }
    }
    // "and/or", however the slash was read.
    if (tokens_[t].lower == "and") {
      for (std::size_t u = t + 1; u < tokens_.size() && u <= t + 2; ++u) {
        if (tokens_[u].kind == TokenKind::kWord) {
          if (tokens_[u].lower == "or") return true;
          break;
        }
      }
    }
  }
  return false;
}

std::size_t AnswerReading::ContentWords() const {
  std::size_t count = 0;
  for (const Token& token : tokens_) {
    if (!token.joins) count += token.end_word - token.first_word;
  }
  return count;
}

}  // namespace sdlab
