// Leverage levels by weighted evidence. An intervention's text is cut into
// clauses (at punctuation and at words like "that", "to", "instead"); the
// first main clause is its head, what the action is about. Each catalogue
// phrase found weighs by its length, where it is (head, rest of the action,
// expected impact) and not at all when negated ("instead of adding pods").
// A phrase inside a longer phrase's words gives way to it ("timeout" inside
// "query timeout"). A level's score is its heaviest phrase plus a share of
// the others; the what-if adds a little.

#include "core/grade/leverage_classifier.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <set>

#include "core/equation/builtins.h"
#include "core/equation/equation_parser.h"
#include "core/grade/concepts.h"
#include "core/names.h"

namespace sdlab {

namespace {

enum class Part { kHead, kBody, kImpact };

struct Token {
  MatchWord word;
  int piece = 0;  // between clause-ending punctuation
  int clause = 0;
  bool negated = false;
  Part part = Part::kBody;
};

bool IsOneOf(const std::string& word, std::initializer_list<const char*> list) {
  for (const char* item : list) {
    if (word == item) return true;
  }
  return false;
}

// Words that open a subordinate part: what follows is not the action's head.
bool OpensClause(const std::string& raw) {
  return IsOneOf(
      raw, {"that",    "which",   "who",   "so",    "when",      "whenever", "while",  "after",
            "before",  "because", "since", "until", "unless",    "if",       "once",   "where",
            "from",    "to",      "by",    "for",   "as",        "instead",  "rather", "but",
            "whereas", "than",    "via",   "then",  "otherwise", "whose"});
}

bool IsNegator(const std::string& raw, const std::string& next) {
  if (IsOneOf(raw, {"no", "not", "never", "without", "instead", "rather", "nor", "avoid",
                    "avoiding", "stop", "stops", "stopping", "cannot", "neither"})) {
    return true;
  }
  // "don't", "won't" ... arrive as two words.
  return next == "t" &&
         IsOneOf(raw, {"don", "doesn", "didn", "won", "isn", "aren", "shouldn", "mustn", "can"});
}

// A negation reaches to the end of its clause, "and"/"but", or a few words.
bool EndsNegation(const std::string& raw) { return IsOneOf(raw, {"and", "but", "so", "then"}); }
constexpr int kNegationReach = 6;

// Splits text at clause-ending punctuation: , ; : ( ) [ ] ! ? a sentence's
// full stop, a spaced dash, arrows and the em and en dashes.
std::vector<std::string> Pieces(const std::string& text) {
  std::vector<std::string> pieces(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : ' ';
    const char before = i > 0 ? text[i - 1] : ' ';
    bool cut = std::string_view(",;:()[]!?").find(c) != std::string_view::npos;
    cut = cut || (c == '.' && (next == ' ' || next == '\n' || i + 1 == text.size()));
    cut = cut || (c == '-' && (next == ' ' || next == '>') && before == ' ');
    cut = cut || (c == '=' && next == '>');
    // U+2013, U+2014 (dashes) and U+2192 (arrow).
    if (c == '\xe2' && i + 2 < text.size() &&
        ((text[i + 1] == '\x80' && (text[i + 2] == '\x93' || text[i + 2] == '\x94')) ||
         (text[i + 1] == '\x86' && text[i + 2] == '\x92'))) {
      cut = true;
      i += 2;
    }
    if (cut) {
      if (!pieces.back().empty()) pieces.emplace_back();
      continue;
    }
    pieces.back() += c;
  }
  return pieces;
}

// The words of an action (head marked) or of an expected impact.
std::vector<Token> Tokens(const std::string& text, bool is_action) {
  std::vector<Token> tokens;
  std::vector<bool> clause_is_main;  // does not open with a subordinating word or a negation
  int clause = -1, piece_index = -1;
  for (const std::string& piece : Pieces(text)) {
    ++piece_index;
    const std::vector<MatchWord> words = MatchWords(piece);
    for (std::size_t i = 0; i < words.size(); ++i) {
      const std::string& next = i + 1 < words.size() ? words[i + 1].raw : std::string();
      if (i == 0 || OpensClause(words[i].raw)) {
        ++clause;
        clause_is_main.push_back(!OpensClause(words[i].raw) && !IsNegator(words[i].raw, next));
      }
      tokens.push_back(
          {words[i], piece_index, clause, false, is_action ? Part::kBody : Part::kImpact});
    }
  }
  // Negation scopes.
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string next = i + 1 < tokens.size() ? tokens[i + 1].word.raw : std::string();
    if (!IsNegator(tokens[i].word.raw, next)) continue;
    // "instead of X", "rather than X": X may be in the clause "than" opens.
    const int clauses = IsOneOf(tokens[i].word.raw, {"instead", "rather"}) ? 1 : 0;
    for (std::size_t j = i + 1; j < tokens.size() && j <= i + kNegationReach; ++j) {
      if (tokens[j].piece != tokens[i].piece || tokens[j].clause > tokens[i].clause + clauses ||
          EndsNegation(tokens[j].word.raw)) {
        break;
      }
      tokens[j].negated = true;
    }
  }
  if (is_action) {
    for (std::size_t c = 0; c < clause_is_main.size(); ++c) {
      if (!clause_is_main[c]) continue;
      for (Token& token : tokens) {
        if (token.clause == static_cast<int>(c)) token.part = Part::kHead;
      }
      break;
    }
  }
  return tokens;
}

bool WordMatches(const MatchWord& text_word, const MatchWord& phrase_word) {
  if (!phrase_word.raw.empty() && phrase_word.raw.back() == '*') {
    std::string_view prefix(phrase_word.raw.data(), phrase_word.raw.size() - 1);
    return text_word.raw.compare(0, prefix.size(), prefix) == 0;
  }
  return text_word.stem == phrase_word.stem;
}

// How specific a phrase is: grows with its words, less than linearly; a
// wildcard word counts a little less than a whole one.
double Specificity(const std::vector<MatchWord>& phrase) {
  double words = 0;
  for (const MatchWord& word : phrase) words += word.raw.back() == '*' ? 0.8 : 1.0;
  return std::pow(words, 0.7);
}

struct PhraseMatch {
  int level = 0;
  std::string phrase;
  std::size_t phrase_words = 0;
  std::vector<std::size_t> positions;  // into the token list, sorted
  double weight = 0;
  bool in_head = false;
};

// Nouns that measure the noun before them ("queue length", "retry rate").
bool IsQuantityWord(const std::string& stem) {
  static const std::vector<std::string> kStems = [] {
    std::vector<std::string> stems;
    for (const char* word :
         {"length", "depth", "size", "count", "rate", "ratio", "metric", "metrics", "percentage"}) {
      for (const MatchWord& match : MatchWords(word)) stems.push_back(match.stem);
    }
    return stems;
  }();
  return std::find(kStems.begin(), kStems.end(), stem) != kStems.end();
}

// The heaviest match of `phrase` in `tokens` that is not negated, if any.
// Its words lie within phrase length + slack consecutive words, any order.
std::optional<PhraseMatch> BestMatch(const std::vector<Token>& tokens,
                                     const std::vector<MatchWord>& phrase, bool structure,
                                     const ClassifierWeights& weights) {
  if (phrase.empty()) return std::nullopt;
  bool phrase_negates = false;
  for (const MatchWord& word : phrase) phrase_negates = phrase_negates || IsNegator(word.raw, "");
  const std::size_t window = phrase.size() + (phrase.size() >= 3 ? 2 : 1);
  std::optional<PhraseMatch> best;
  for (std::size_t start = 0; start < tokens.size(); ++start) {
    bool starts_well = false;
    for (const MatchWord& word : phrase)
      starts_well = starts_well || WordMatches(tokens[start].word, word);
    if (!starts_well) continue;
    const std::size_t end = std::min(tokens.size(), start + window);
    std::vector<std::size_t> positions;
    for (const MatchWord& word : phrase) {
      bool found = false;
      for (std::size_t i = start; i < end && !found; ++i) {
        if (std::find(positions.begin(), positions.end(), i) == positions.end() &&
            WordMatches(tokens[i].word, word)) {
          positions.push_back(i);
          found = true;
        }
      }
      if (!found) {
        positions.clear();
        break;
      }
    }
    if (positions.empty()) continue;
    std::sort(positions.begin(), positions.end());
    // A structure phrase that ends on a noun the text goes on to measure
    // is about that measure, not the thing: "add the queue length to the
    // HPA" is no "add a queue" (while a "replica count" is the replicas).
    if (const std::size_t next = positions.back() + 1;
        structure && next < tokens.size() && tokens[next].piece == tokens[positions.back()].piece &&
        IsQuantityWord(tokens[next].word.stem) &&
        std::none_of(phrase.begin(), phrase.end(),
                     [&](const MatchWord& word) { return WordMatches(tokens[next].word, word); }))
      continue;
    const Token& first = tokens[positions.front()];
    if (first.negated && !phrase_negates) continue;
    const double where = first.part == Part::kHead   ? weights.head
                         : first.part == Part::kBody ? weights.body
                                                     : weights.impact;
    const double weight = Specificity(phrase) * where;
    if (!best || weight > best->weight) {
      best = PhraseMatch{0, "", phrase.size(), positions, weight, first.part == Part::kHead};
    }
  }
  return best;
}

bool Covers(const std::vector<std::size_t>& outer, const std::vector<std::size_t>& inner) {
  return std::includes(outer.begin(), outer.end(), inner.begin(), inner.end());
}

// Every catalogue phrase's best match in one text, minus those whose words
// a longer phrase (or a heavier one of the same level) already claims.
std::vector<PhraseMatch> Matches(const std::map<int, std::vector<std::string>>& catalogue,
                                 const std::vector<Token>& tokens,
                                 const ClassifierWeights& weights) {
  std::vector<PhraseMatch> found;
  for (const auto& [level, phrases] : catalogue) {
    for (const std::string& phrase : phrases) {
      // Levels 10 and 11: the structure of stocks and flows, buffers.
      const bool structure = level == 10 || level == 11;
      if (std::optional<PhraseMatch> match =
              BestMatch(tokens, MatchWords(phrase), structure, weights)) {
        match->level = level;
        match->phrase = phrase;
        found.push_back(*match);
      }
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const PhraseMatch& a, const PhraseMatch& b) {
    return a.phrase_words != b.phrase_words ? a.phrase_words > b.phrase_words : a.weight > b.weight;
  });
  std::vector<PhraseMatch> kept;
  for (const PhraseMatch& match : found) {
    bool claimed = false;
    for (const PhraseMatch& other : kept) {
      const bool longer = other.phrase_words > match.phrase_words;
      claimed = claimed || ((longer || other.level == match.level) &&
                            Covers(other.positions, match.positions));
    }
    if (!claimed) kept.push_back(match);
  }
  return kept;
}

// ---- the what-if, read from the model ----

struct Usage {
  bool used = false;
  bool gates = false;   // in an IF's condition, a comparison or a logical operator
  bool factor = false;  // multiplies something (directly, or as 1 - x)
  std::string delay;    // the builtin whose delay time it is in ("SMTH1"), if any
};

// Builtins whose second argument is a delay or averaging time: setting it is
// changing the length of a delay (Meadows' level 9), not a plain parameter.
const char* DelayFunction(const Expr& call) {
  const BuiltinId id = FindBuiltin(call.name);
  if (id < 0) return nullptr;
  const char* name = GetBuiltin(id).name;
  for (const char* delay :
       {"SMTH1", "SMTH3", "SMTHN", "DELAY1", "DELAY3", "DELAYN", "DELAY", "TREND"}) {
    if (std::string_view(name) == delay) return name;
  }
  return nullptr;
}

void Walk(const Expr& expr, const std::string& name, bool in_condition, bool in_factor,
          const char* in_delay, Usage* usage) {
  switch (expr.kind) {
    case ExprKind::kVariable:
      if (NormalizeName(expr.name) == name) {
        usage->used = true;
        usage->gates = usage->gates || in_condition;
        usage->factor = usage->factor || in_factor;
        if (in_delay != nullptr && usage->delay.empty()) usage->delay = in_delay;
      }
      return;
    case ExprKind::kCall: {
      const char* delay = DelayFunction(expr);
      for (std::size_t i = 0; i < expr.args.size(); ++i)
        Walk(*expr.args[i], name, in_condition, false, i == 1 && delay ? delay : in_delay, usage);
      return;
    }
    case ExprKind::kIf:
      if (!expr.args.empty()) Walk(*expr.args[0], name, true, false, in_delay, usage);
      for (std::size_t i = 1; i < expr.args.size(); ++i)
        Walk(*expr.args[i], name, in_condition, false, in_delay, usage);
      return;
    case ExprKind::kUnary:
      for (const ExprPtr& arg : expr.args)
        Walk(*arg, name, in_condition || expr.unary_op == UnaryOp::kNot, in_factor, in_delay,
             usage);
      return;
    case ExprKind::kBinary: {
      const BinaryOp op = expr.binary_op;
      const bool logical = op == BinaryOp::kAnd || op == BinaryOp::kOr || op == BinaryOp::kEqual ||
                           op == BinaryOp::kNotEqual || op == BinaryOp::kLess ||
                           op == BinaryOp::kLessEqual || op == BinaryOp::kGreater ||
                           op == BinaryOp::kGreaterEqual;
      const bool factor = op == BinaryOp::kMultiply || (in_factor && op == BinaryOp::kSubtract);
      for (const ExprPtr& arg : expr.args)
        Walk(*arg, name, in_condition || logical, factor, in_delay, usage);
      return;
    }
    default:
      for (const ExprPtr& arg : expr.args) Walk(*arg, name, in_condition, false, in_delay, usage);
      return;
  }
}

Usage UsageIn(const StockFlowModel& model, const std::string& name) {
  Usage usage;
  auto read = [&](const EquationText& equation) {
    ParseError error;
    if (ExprPtr expr = ParseEquation(equation.text, &error))
      Walk(*expr, name, false, false, nullptr, &usage);
  };
  for (const Flow& flow : model.flows) read(flow.equation);
  for (const Auxiliary& auxiliary : model.auxiliaries) read(auxiliary.equation);
  return usage;
}

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace

std::map<int, std::string> WhatIfLevels(const Intervention& intervention,
                                        const StockFlowModel& model) {
  std::map<int, std::string> levels;
  for (const auto& [name, value] : intervention.what_if_set) {
    const std::string wanted = NormalizeName(name);
    const Constant* constant = nullptr;
    for (const Constant& candidate : model.constants) {
      if (NormalizeName(candidate.name) == wanted) constant = &candidate;
    }
    if (constant == nullptr || constant->value == value) continue;
    const Usage usage = UsageIn(model, wanted);
    if (!usage.used) continue;
    const bool zero_one =
        (value == 0 || value == 1) && (constant->value == 0 || constant->value == 1);
    if (zero_one && (usage.gates || usage.factor)) {
      const std::string text = "the what-if switches '" + constant->name + "' " +
                               (value == 1 ? "on" : "off") + ", which " +
                               (usage.gates ? "gates a rule" : "gates a flow") + " in the model";
      levels.emplace(7, text);
      levels.emplace(5, text);
    } else if (!zero_one && !usage.delay.empty()) {
      levels.emplace(9, "the what-if sets '" + constant->name + "', the delay time of a " +
                            usage.delay + " in the model, from " + Number(constant->value) +
                            " to " + Number(value));
    } else if (!zero_one) {
      levels.emplace(12, "the what-if sets the parameter '" + constant->name + "' from " +
                             Number(constant->value) + " to " + Number(value));
    }
  }
  return levels;
}

namespace {

// Whether an action sets something to a number: "set X to 60 s", "raise
// the maximum to 60", "from 40 to 60", "40 -> 60". Scans at most the first
// 64 words.
bool SetsANumber(const std::string& action) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i <= action.size() && words.size() < 64; ++i) {
    const char c = i < action.size() ? action[i] : ' ';
    const bool arrow = c == '-' && i + 1 < action.size() && action[i + 1] == '>';
    if (std::isalnum(static_cast<unsigned char>(c)) || (c == '.' && !word.empty())) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      continue;
    }
    if (!word.empty()) words.push_back(word);
    word.clear();
    if (arrow) {
      words.push_back("->");
      ++i;
    }
  }
  auto number = [](const std::string& w) {
    return !w.empty() && std::isdigit(static_cast<unsigned char>(w[0])) != 0;
  };
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    // "to 60", "-> 60"
    if ((words[i] != "to" && words[i] != "->") || !number(words[i + 1])) continue;
    if (words[i] == "->") return true;
    // ... after a number ("from 40 to 60", "40 s to 60 s") or a verb of setting.
    for (std::size_t back = 1; back <= 8 && back <= i; ++back) {
      const std::string& before = words[i - back];
      if (number(before)) return true;
      if (IsOneOf(before, {"set", "raise", "lower", "increase", "decrease", "reduce", "change",
                           "bump", "cut", "shorten", "lengthen", "cap", "limit"}))
        return true;
    }
  }
  return false;
}

}  // namespace

std::map<int, LevelEvidence> ScoreLeverageLevels(
    const std::map<int, std::vector<std::string>>& catalogue, const Intervention& intervention,
    const StockFlowModel* model, const ClassifierWeights& weights) {
  std::vector<PhraseMatch> matches = Matches(catalogue, Tokens(intervention.action, true), weights);
  for (PhraseMatch& match :
       Matches(catalogue, Tokens(intervention.expected_impact, false), weights)) {
    matches.push_back(std::move(match));
  }
  std::stable_sort(matches.begin(), matches.end(),
                   [](const PhraseMatch& a, const PhraseMatch& b) { return a.weight > b.weight; });
  std::map<int, LevelEvidence> evidence;
  std::set<std::pair<int, std::string>> counted;  // a phrase counts once, action or impact
  for (const PhraseMatch& match : matches) {
    if (!counted.insert({match.level, match.phrase}).second) continue;
    LevelEvidence& level = evidence[match.level];
    level.in_head = level.in_head || match.in_head;
    if (level.phrase.empty()) {
      level.score = match.weight;
      level.phrase = match.phrase;
    } else {
      level.score += weights.more_phrases * match.weight;
    }
  }
  if (SetsANumber(intervention.action)) {
    // "set hpa_time to 60 s", "HPA maximum 40 -> 60": a parameter (level
    // 12), weighed as a one-word phrase in the head.
    LevelEvidence& level = evidence[12];
    const double weight = weights.head;
    if (level.phrase.empty()) {
      level.score += weight;
      level.phrase = "a value set to a number";
    } else {
      level.score += weights.more_phrases * weight;
    }
    level.in_head = true;
  }
  if (model != nullptr && model->present) {
    for (const auto& [level, text] : WhatIfLevels(intervention, *model)) {
      evidence[level].score += weights.model;
      evidence[level].model = text;
    }
  }
  return evidence;
}

namespace {

// An action that strings catalogue terms together without the small words
// of a sentence ("circuit breaker retry budget backoff rate limit load
// shedding") names levels rather than saying what to do: a person decides.
// English prose has a function word in every three or four words; a list
// of terms has almost none. Measured on the validity sets: no honest
// action of twelve words or more has fewer than two.
bool ReadsAsTermList(const std::map<int, std::vector<std::string>>& catalogue,
                     const std::string& action, const ClassifierWeights& weights) {
  // The words as written (MatchWords leaves the small words out).
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i <= action.size(); ++i) {
    const char c = i < action.size() ? action[i] : ' ';
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'') {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      // Numbers and units ("0.05 retries/s") are not words of a sentence.
      const bool number = std::isdigit(static_cast<unsigned char>(word[0])) != 0;
      if (!number) words.push_back(word);
      word.clear();
    }
  }
  // Terse notes ("HPA on Q len + faster pod start", "circuit breaker, fail
  // fast, no retry") are short; twelve words with at most one small word are
  // no longer a note but a pile.
  if (words.size() < 12) return false;
  int function_words = 0;
  for (const std::string& raw : words) {
    if (IsOneOf(raw, {"a",    "an",    "the",   "to",   "of",   "for",  "with",  "in",   "on",
                      "at",   "by",    "from",  "and",  "or",   "it",   "its",   "is",   "are",
                      "be",   "that",  "this",  "so",   "when", "if",   "as",    "into", "than",
                      "then", "their", "our",   "we",   "they", "each", "every", "all",  "no",
                      "not",  "until", "while", "them", "his",  "her",  "my",    "your", "there"}))
      ++function_words;
  }
  const std::size_t terms = Matches(catalogue, Tokens(action, true), weights).size();
  return terms >= 3 && function_words <= 1;
}

}  // namespace

LeverageClassification ClassifyIntervention(
    const std::map<int, std::vector<std::string>>& catalogue, const Intervention& intervention,
    const StockFlowModel* model, const ClassifierWeights& weights) {
  LeverageClassification result;
  result.evidence = ScoreLeverageLevels(catalogue, intervention, model, weights);
  if (ReadsAsTermList(catalogue, intervention.action, weights)) {
    result.reason = "the action reads as a list of terms rather than as something to do";
    return result;
  }
  const int given = intervention.level;
  auto score = [&](int level) {
    auto found = result.evidence.find(level);
    return found == result.evidence.end() ? 0.0 : found->second.score;
  };
  auto describe = [&](int level) {
    const LevelEvidence& evidence = result.evidence.at(level);
    return "level " + std::to_string(level) + " (" +
           (evidence.phrase.empty() ? evidence.model : "'" + evidence.phrase + "'") + ")";
  };
  // The strongest level; on a tie the given one, then the nearest to it.
  int top = 0;
  for (const auto& [level, evidence] : result.evidence) {
    const bool better =
        top == 0 || evidence.score > score(top) ||
        (evidence.score == score(top) &&
         (level == given || (top != given && std::abs(level - given) < std::abs(top - given))));
    if (better) top = level;
  }
  const double best = top == 0 ? 0.0 : score(top);
  const double own = score(given);
  if (top == 0) {
    result.reason = "sdlab does not recognise it";
    return result;
  }
  result.level = top;
  if (best < weights.decide) {
    result.reason = "the evidence is weak: " + describe(top) + " at most";
    return result;
  }
  if (own >= weights.fits_share * best) {
    result.fit = LevelFit::kFits;
    result.level = given;
    return result;
  }
  if (std::abs(top - given) == 1) {
    result.fit = LevelFit::kAdjacent;
    return result;
  }
  for (int neighbour : {given - 1, given + 1}) {
    if (score(neighbour) > 0 && score(neighbour) >= weights.adjacent_share * best) {
      result.fit = LevelFit::kAdjacent;
      result.level = neighbour;
      return result;
    }
  }
  // Mixed: the given level has a fair share, and the head does not settle
  // it (it names both levels, or neither).
  const bool own_in_head = result.evidence.count(given) && result.evidence.at(given).in_head;
  if (own >= weights.conflicting_share * best && own_in_head == result.evidence.at(top).in_head) {
    result.reason = "the evidence is mixed: " + describe(given) + " and " + describe(top);
    return result;
  }
  if (best < weights.clear) {
    result.reason = "the evidence is weak: " + describe(top) + " at most";
    return result;
  }
  result.fit = LevelFit::kFar;
  return result;
}

}  // namespace sdlab
