// Answer checks: a short written answer names a concept, or contains enough
// of the rubric's keyword groups. A near miss is "needs review" with
// provisional points, never a silent zero. Feedback says what was found,
// not what was missing, so that it does not hand out the answer.

#include "core/grade/checks_answers.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>

#include "core/grade/check_context.h"
#include "core/names.h"

namespace sdlab {

namespace {

bool IsBlank(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// Some, but not all, words of a multi-word phrase; or a word that is a near
// typo of a phrase word ("cahce").
bool NearlyContains(const std::vector<MatchWord>& text, const std::vector<MatchWord>& phrase) {
  std::size_t present = 0;
  for (const MatchWord& word : phrase) {
    bool found = false;
    for (const MatchWord& candidate : text) {
      if (candidate.stem == word.stem) {
        found = true;
        break;
      }
      const std::size_t longer = std::max(candidate.stem.size(), word.stem.size());
      if (longer >= 5 && EditDistance(candidate.stem, word.stem) <= 1) {
        found = true;
        break;
      }
    }
    if (found) ++present;
  }
  return phrase.size() >= 2 ? present * 2 >= phrase.size() : present == phrase.size();
}

// The phrases that name a concept: the student's own names for it (first,
// so that feedback quotes them), then the rubric's aliases and id.
std::vector<std::string> NamesOf(const std::string& concept_id, CheckContext& context) {
  std::vector<std::string> names;
  if (context.submission().stock_flow.present) {
    if (const NamedElement* element = context.model_concepts().Element(concept_id)) {
      names.push_back(element->name);
    }
  }
  if (context.submission().causal_loop.present) {
    if (const NamedElement* element = context.diagram_concepts().Element(concept_id)) {
      names.push_back(element->name);
    }
  }
  if (const Concept* concept_def = context.rubric().FindConcept(concept_id)) {
    names.insert(names.end(), concept_def->aliases.begin(), concept_def->aliases.end());
    names.push_back(concept_def->id);
  }
  return names;
}

enum class Match { kNone, kNear, kFull };

// The words a denial covers, one run per denial: the six words after
// "not", "never", "isn't", "don't" ..., cut at the end of a clause or
// at "and", "but", "so", "because". "It is not the cache TTL: ..." ->
// ["the cache ttl"]. "No retries" and "without retries" are conditions.
std::vector<std::string> NegatedRuns(const std::string& text) {
  std::vector<std::string> runs;
  std::string run;
  int left = 0;  // words the current negation still covers
  std::string word;
  auto end_run = [&] {
    if (!run.empty()) runs.push_back(run);
    run.clear();
    left = 0;
  };
  auto take = [&](const std::string& raw) {
    std::string lower;
    for (char c : raw) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool negator = lower == "not" || lower == "never" ||
                         (lower.size() > 3 && lower.compare(lower.size() - 3, 3, "n't") == 0 &&
                          lower != "can't" && lower != "won't");
    if (negator) {
      end_run();
      left = 6;
      return;
    }
    if (lower == "and" || lower == "but" || lower == "so" || lower == "because") {
      end_run();
      return;
    }
    if (left > 0) {
      run += (run.empty() ? "" : " ") + lower;
      if (--left == 0) end_run();
    }
  };
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'' || c == '*') {
      word += c;
      continue;
    }
    if (!word.empty()) take(word);
    word.clear();
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' ||
        c == ')')
      end_run();
  }
  if (!word.empty()) take(word);
  end_run();
  return runs;
}

// A keyword phrase the answer mentions only to deny it, or "".
std::string DeniedKeyword(const std::string& text, const AnswerParams& params) {
  const std::vector<std::string> runs = NegatedRuns(text);
  for (const std::string& run : runs) {
    const std::vector<MatchWord> words = MatchWords(run);
    for (const std::vector<std::string>& group : params.keywords) {
      for (const std::string& phrase : group) {
        if (ContainsPhrase(words, MatchWords(phrase), 0)) return phrase;
      }
    }
  }
  return "";
}

// An explanation has words that join its ideas ("because", "is", "so",
// "when" ...); a string of the question's keywords has none. Words that
// are themselves part of a keyword phrase do not count as joining words.
bool ReadsAsKeywordList(const std::string& text, const AnswerParams& params) {
  static const char* const kJoiningWords[] = {
      "is",     "are",   "was",    "were", "be",    "been",  "because", "so",   "when",
      "which",  "that",  "it",     "its",  "they",  "them",  "their",   "this", "these",
      "and",    "then",  "in",     "on",   "to",    "for",   "with",    "by",   "from",
      "as",     "after", "before", "into", "than",  "there", "has",     "have", "had",
      "do",     "does",  "why",    "what", "where", "while", "since",   "if",   "but",
      "causes", "cause", "makes",  "make", "leads", "means", "get",     "gets", "we",
      "you",    "i",     "our",    "were", "will",  "would", "can",     "a",    "an",
      "the",    "of",    "all",    "at",   "every", "each",  "out",     "up",   "down"};
  // Lower-cased words, apostrophes dropped ("don't" -> "dont").
  auto words_of = [](const std::string& source) {
    std::vector<std::string> words;
    std::string current;
    for (char c : source) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        current += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else if (c != '\'' && !current.empty()) {
        words.push_back(current);
        current.clear();
      }
    }
    if (!current.empty()) words.push_back(current);
    return words;
  };
  std::set<std::string> keyword_words;
  for (const std::vector<std::string>& group : params.keywords) {
    for (const std::string& phrase : group) {
      for (std::string& word : words_of(phrase)) keyword_words.insert(std::move(word));
    }
  }
  const std::vector<std::string> words = words_of(text);
  const bool joined = std::any_of(words.begin(), words.end(), [&](const std::string& word) {
    return keyword_words.count(word) == 0 &&
           std::find(std::begin(kJoiningWords), std::end(kJoiningWords), word) !=
               std::end(kJoiningWords);
  });
  return words.size() >= 4 && !joined;
}

}  // namespace

CheckOutcome EvaluateAnswerCheck(const CheckSpec& check, CheckContext& context) {
  CheckOutcome outcome;
  const AnswerParams& params = check.answer;
  const Answer* answer = context.submission().answers.Find(params.question);
  outcome.location = context.submission().answers.location;
  if (answer == nullptr || IsBlank(answer->text)) {
    if (answer != nullptr) outcome.location = answer->location;
    outcome.message = "no answer to '" + params.question + "'";
    return outcome;
  }
  outcome.location = answer->location;
  if (params.key_private) {
    outcome.status = CheckStatus::kNeedsReview;
    outcome.message =
        "answered; your instructor grades this answer with a key that the self-check does not have";
    return outcome;
  }
  const std::vector<MatchWord> words = MatchWords(answer->text);

  bool all_full = true, anything = false;
  std::vector<std::string> found;

  if (!params.names.empty()) {
    Match best = Match::kNone;
    std::string named;
    for (const std::string& concept_id : params.names) {
      for (const std::string& name : NamesOf(concept_id, context)) {
        const std::vector<MatchWord> phrase = MatchWords(name);
        if (ContainsPhrase(words, phrase, 1)) {
          best = Match::kFull;
          named = name;
          break;
        }
        if (best == Match::kNone && NearlyContains(words, phrase)) best = Match::kNear;
      }
      if (best == Match::kFull) break;
    }
    if (best == Match::kFull) {
      anything = true;
      found.push_back("names '" + named + "'");
    } else {
      all_full = false;
      if (best == Match::kNear) {
        anything = true;
        found.push_back("comes close to naming what the question asks for");
      }
    }
  }

  if (!params.keywords.empty()) {
    const int groups = static_cast<int>(params.keywords.size());
    const int required = params.require > 0 ? std::min(params.require, groups) : groups;
    int matched = 0;
    for (const std::vector<std::string>& group : params.keywords) {
      for (const std::string& phrase : group) {
        if (ContainsPhrase(words, MatchWords(phrase), 0)) {
          ++matched;
          found.push_back("mentions '" + phrase + "'");
          break;
        }
      }
    }
    outcome.evidence.measurements.push_back({"ideas found", static_cast<double>(matched), ""});
    outcome.evidence.measurements.push_back({"ideas needed", static_cast<double>(required), ""});
    if (matched < required) all_full = false;
    if (matched > 0) anything = true;
  }

  std::string summary;
  for (std::size_t i = 0; i < found.size(); ++i) summary += (i > 0 ? ", " : "") + found[i];
  // An answer that denies one of the ideas ("it is not the TTL") may be
  // arguing against the very cause it mentions: a person decides.
  const std::string denied =
      params.keywords.empty() ? std::string() : DeniedKeyword(answer->text, params);
  if (all_full && !denied.empty()) {
    outcome.status = CheckStatus::kNeedsReview;
    outcome.fraction = 1;
    outcome.message = "the answer mentions what the question asks for but also says it is not '" +
                      denied + "'; an instructor will review it";
    return outcome;
  }
  if (all_full && !params.keywords.empty() && ReadsAsKeywordList(answer->text, params)) {
    outcome.status = CheckStatus::kNeedsReview;
    outcome.fraction = 1;
    outcome.message =
        "the answer reads as a list of words rather than an explanation; an instructor will "
        "review it";
    return outcome;
  }
  if (all_full) {
    outcome.fraction = 1;
    outcome.message = "the answer " + summary;
    return outcome;
  }
  if (!anything) {
    outcome.message = "the answer does not contain what the question asks for";
    return outcome;
  }
  // Partly there: sdlab cannot be sure, so an instructor decides; no points
  // are lost until then.
  outcome.status = CheckStatus::kNeedsReview;
  outcome.fraction = 1;
  outcome.message = "the answer is partly there (it " + summary + "); an instructor will review it";
  return outcome;
}

}  // namespace sdlab
