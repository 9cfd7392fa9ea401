// Answer checks, read for meaning (docs/rubric-format.md, Answers):
// - "which X" (`names:`) is answered with an element of the student's own
//   model: the one bound to the concept, by its name or an alias. Another
//   element of that kind named instead, a list of several, or a concept
//   the model has no element for is not a pass.
// - free text (`keywords:`) earns its points for ideas the answer affirms
//   in sentences: what a negation or a contrast covers does not count, a
//   string of keywords does not, and an explanation by something the model
//   lacks (`consistent_with:`) or that runs the wrong way (`effect:`) is
//   reviewed.
// When sdlab cannot be sure, the check is "needs review" with provisional
// points, the answer quoted and the reason given, never a silent pass or
// fail. Feedback says how much was found, never the rubric's words.

#include "core/grade/checks_answers.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <set>
#include <utility>

#include "core/grade/answer_reading.h"
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

enum class Verdict { kPass, kReview, kFail };

// What one part of a check (names, keywords) concluded, and why.
struct Finding {
  Verdict verdict = Verdict::kFail;
  std::string message;
};

std::string CountWord(int count) {
  static const char* const kWords[] = {"none", "one",   "two",   "three", "four", "five",
                                       "six",  "seven", "eight", "nine",  "ten"};
  return count >= 0 && count <= 10 ? kWords[count] : std::to_string(count);
}

// The map an answer is judged against: the stock-and-flow model, or the
// causal loop diagram when the submission has no model; nullptr with neither.
const ConceptMap* ModelMap(CheckContext& context) {
  if (context.submission().stock_flow.present) return &context.model_concepts();
  if (context.submission().causal_loop.present) return &context.diagram_concepts();
  return nullptr;
}

// How messages call that map: "stock-and-flow model", "causal loop diagram".
std::string ModelWords(CheckContext& context) {
  if (context.submission().stock_flow.present) return "stock-and-flow model";
  if (context.submission().causal_loop.present) return "causal loop diagram";
  return "model";
}

bool KindsMeet(const std::vector<ElementKind>& a, const std::vector<ElementKind>& b) {
  return std::any_of(a.begin(), a.end(), [&](ElementKind kind) {
    return std::find(b.begin(), b.end(), kind) != b.end();
  });
}

std::vector<std::string> AliasesWithId(const Concept& concept_def) {
  std::vector<std::string> names = concept_def.aliases;
  names.push_back(concept_def.id);
  return names;
}

// ---- "which X": the elements an answer names

// Something an answer can name: an element of the model, or a concept the
// model has no element for.
struct Candidate {
  int element = -1;
  std::string concept_id;  // when element < 0
  bool target = false;
  std::vector<std::string> phrases;
};

struct Mention {
  std::size_t candidate;
  WordSpan span;
  AnswerReading::Denial denial;
};

std::string KindPlural(const std::vector<ElementKind>& kinds) {
  if (kinds.size() != 1) return "elements";
  switch (kinds.front()) {
    case ElementKind::kStock:
      return "stocks";
    case ElementKind::kFlow:
      return "flows";
    case ElementKind::kAuxiliary:
      return "auxiliaries";
    case ElementKind::kConstant:
      return "constants";
    case ElementKind::kLookup:
      return "lookups";
  }
  return "elements";
}

// The candidates of a "which X" question: the concepts it asks for (by the
// bound element's name and the concept's aliases), then every other
// element of the model of the same kind, and the rubric's other concepts
// of that kind that the model has no element for.
std::vector<Candidate> CandidatesOf(const AnswerParams& params, const Rubric& rubric,
                                    const ConceptMap* map, const ConceptMap* other_map,
                                    std::vector<ElementKind>* kinds) {
  std::vector<Candidate> candidates;
  std::vector<int> concept_of(map ? map->elements().size() : 0, -1);
  if (map != nullptr) {
    for (std::size_t m = 0; m < map->matches().size(); ++m) {
      const ConceptMatch& match = map->matches()[m];
      if (match.element >= 0) concept_of[match.element] = static_cast<int>(m);
    }
  }
  auto add = [&](Candidate candidate) {
    for (Candidate& existing : candidates) {
      const bool same = candidate.element >= 0 ? existing.element == candidate.element
                                               : existing.concept_id == candidate.concept_id;
      if (same) {
        existing.phrases.insert(existing.phrases.end(), candidate.phrases.begin(),
                                candidate.phrases.end());
        return;
      }
    }
    candidates.push_back(std::move(candidate));
  };
  for (const std::string& concept_id : params.names) {
    const Concept* concept_def = rubric.FindConcept(concept_id);
    if (concept_def == nullptr) continue;
    kinds->insert(kinds->end(), concept_def->kinds.begin(), concept_def->kinds.end());
    Candidate candidate;
    candidate.target = true;
    const ConceptMatch* match = map ? map->Find(concept_id) : nullptr;
    if (match != nullptr && match->element >= 0) {
      candidate.element = match->element;
      const NamedElement& element = map->elements()[match->element];
      candidate.phrases.push_back(element.name);
      if (concept_def->kinds.empty() && element.kind) kinds->push_back(*element.kind);
    } else {
      candidate.concept_id = concept_id;
    }
    if (other_map != nullptr) {
      if (const NamedElement* element = other_map->Element(concept_id))
        candidate.phrases.push_back(element->name);
    }
    for (std::string& name : AliasesWithId(*concept_def)) candidate.phrases.push_back(name);
    add(std::move(candidate));
  }
  if (kinds->empty() || map == nullptr) return candidates;
  for (std::size_t i = 0; i < map->elements().size(); ++i) {
    const NamedElement& element = map->elements()[i];
    if (element.overflow_series) continue;
    const Concept* bound =
        concept_of[i] >= 0 ? map->FindConcept(map->matches()[concept_of[i]].concept_id) : nullptr;
    const bool same_kind =
        (element.kind && std::find(kinds->begin(), kinds->end(), *element.kind) != kinds->end()) ||
        (bound != nullptr && KindsMeet(bound->kinds, *kinds));
    if (!same_kind) continue;
    Candidate candidate;
    candidate.element = static_cast<int>(i);
    candidate.phrases.push_back(element.name);
    if (bound != nullptr) {
      for (std::string& name : AliasesWithId(*bound)) candidate.phrases.push_back(name);
    }
    add(std::move(candidate));
  }
  for (const Concept& concept_def : rubric.concepts) {
    if (!KindsMeet(concept_def.kinds, *kinds)) continue;
    if (std::find(params.names.begin(), params.names.end(), concept_def.id) != params.names.end())
      continue;
    const ConceptMatch* match = map->Find(concept_def.id);
    if (match != nullptr && match->element >= 0) continue;  // added with its element
    Candidate candidate;
    candidate.concept_id = concept_def.id;
    candidate.phrases = AliasesWithId(concept_def);
    add(std::move(candidate));
  }
  return candidates;
}

// Where the answer names each candidate; a name inside a longer name of
// another candidate ("jobs" in "Completed Jobs") is that one's.
std::vector<Mention> MentionsOf(const std::vector<Candidate>& candidates,
                                const AnswerReading& reading) {
  std::vector<Mention> all;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    for (const std::string& phrase : candidates[c].phrases) {
      for (const WordSpan& span : reading.Find(MatchWords(phrase), 1))
        all.push_back({c, span, reading.DenialOf(span)});
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const Mention& a, const Mention& b) {
    return a.span.end - a.span.begin > b.span.end - b.span.begin;
  });
  std::vector<Mention> kept;
  for (const Mention& mention : all) {
    const bool taken = std::any_of(kept.begin(), kept.end(), [&](const Mention& other) {
      return other.candidate != mention.candidate && other.span.Overlaps(mention.span);
    });
    if (!taken) kept.push_back(mention);
  }
  return kept;
}

// "'Request Queue', 'Cache Entries'": the student's own names, in the
// order the answer names them; "" when one of them is a concept the model
// lacks (its words are the rubric's).
std::string QuotedNames(const std::set<std::size_t>& named,
                        const std::vector<Candidate>& candidates,
                        const std::vector<Mention>& mentions, const ConceptMap& map) {
  std::vector<std::pair<std::size_t, std::size_t>> order;  // first mention, candidate
  for (std::size_t c : named) {
    if (candidates[c].element < 0) return "";
    std::size_t first = SIZE_MAX;
    for (const Mention& mention : mentions) {
      if (mention.candidate == c) first = std::min(first, mention.span.begin);
    }
    order.emplace_back(first, c);
  }
  std::sort(order.begin(), order.end());
  std::string list;
  for (const auto& [first, c] : order)
    list += (list.empty() ? "'" : ", '") + map.elements()[candidates[c].element].name + "'";
  return list;
}

Finding JudgeNames(const AnswerParams& params, const AnswerReading& reading,
                   CheckContext& context) {
  const ConceptMap* map = ModelMap(context);
  const ConceptMap* other_map = map != nullptr && context.submission().stock_flow.present &&
                                        context.submission().causal_loop.present
                                    ? &context.diagram_concepts()
                                    : nullptr;
  std::vector<ElementKind> kinds;
  const std::vector<Candidate> candidates =
      CandidatesOf(params, context.rubric(), map, other_map, &kinds);
  const std::vector<Mention> mentions = MentionsOf(candidates, reading);
  std::set<std::size_t> targets, others, in_lead;
  bool target_denied = false;
  std::vector<WordSpan> covered;
  const WordSpan lead = reading.Lead();
  for (const Mention& mention : mentions) {
    covered.push_back(mention.span);
    const bool target = candidates[mention.candidate].target;
    if (mention.denial != AnswerReading::Denial::kNone) {
      // "the cache entries do not drain slowly" says how, not what.
      target_denied =
          target_denied || (target && mention.denial == AnswerReading::Denial::kOfThing);
      continue;
    }
    (target ? targets : others).insert(mention.candidate);
    if (lead.Contains(mention.span)) in_lead.insert(mention.candidate);
  }
  const std::string plural = KindPlural(kinds);

  if (targets.empty()) {
    if (!others.empty()) {
      // The model's own element under a name sdlab did not bind may be the
      // one the question asks for.
      const bool target_unbound =
          std::none_of(candidates.begin(), candidates.end(),
                       [](const Candidate& c) { return c.target && c.element >= 0; });
      const bool unbound_elements_only =
          std::all_of(others.begin(), others.end(), [&](std::size_t c) {
            return candidates[c].element >= 0 &&
                   map->ConceptOf(map->elements()[candidates[c].element].name).empty();
          });
      const std::string names = QuotedNames(others, candidates, mentions, *map);
      if (target_unbound && unbound_elements_only) {
        return {Verdict::kReview,
                "the answer names " + names +
                    ", which sdlab could not match to what the question asks for"};
      }
      if (others.size() == 1 && !names.empty())
        return {Verdict::kFail,
                "the answer names " + names + ", which is not what the question asks for"};
      return {Verdict::kFail, "the answer names " + plural + " of your model" +
                                  (names.empty() ? "" : " (" + names + ")") +
                                  " that are not what the question asks for"};
    }
    for (const Candidate& candidate : candidates) {
      if (!candidate.target) continue;
      for (const std::string& phrase : candidate.phrases) {
        if (NearlyContains(reading.words(), MatchWords(phrase)))
          return {Verdict::kReview, "the answer comes close to naming what the question asks for"};
      }
    }
    return {Verdict::kFail, "the answer does not contain what the question asks for"};
  }
  // The target named: its element when the model has one.
  std::size_t named_index = *targets.begin();
  for (std::size_t c : targets) {
    if (candidates[c].element >= 0) named_index = c;
  }
  const Candidate& named = candidates[named_index];
  if (named.element < 0 && context.IsAmbiguous(named.concept_id)) {
    // Several elements could be it: the grader has an instructor judge.
    return {Verdict::kFail, "several of your elements could be what the answer names"};
  }
  if (named.element < 0) {
    // A name of the concept, but nothing in the model is it: an answer
    // written for another model (or copied).
    return {Verdict::kReview,
            "the answer names something your " + ModelWords(context) + " has no element for"};
  }
  if (!others.empty()) {
    std::set<std::size_t> all = targets;
    all.insert(others.begin(), others.end());
    std::string names = QuotedNames(all, candidates, mentions, *map);
    if (!names.empty()) names = " (" + names + ")";
    // A bag of names is no answer, whichever comes first.
    if (!reading.HoldsTogether(covered)) {
      return {Verdict::kFail,
              "the answer lists several " + plural + names + " without saying which one it is"};
    }
    // A sentence that leads with one of them singles it out ("Cache
    // Entries: the queue only reacts to it").
    const bool singled_out = in_lead.size() == 1 && targets.count(*in_lead.begin()) > 0;
    if (!singled_out) {
      return {Verdict::kReview, "the answer names several " + plural + " of your model" + names +
                                    " and sdlab cannot tell which one it means"};
    }
  }
  if (target_denied) {
    return {Verdict::kReview,
            "the answer says what it is not as well as what it is, and sdlab cannot tell which "
            "it means"};
  }
  return {Verdict::kPass, "the answer names '" + map->elements()[named.element].name + "'"};
}

// ---- free text: the keyword groups an answer affirms

std::string IdeasCovered(int matched, int groups, int required) {
  if (groups == 1) return "the answer covers the idea the question asks about";
  std::string text;
  if (matched == groups) {
    text = groups == 2
               ? "the answer covers both ideas the question asks about"
               : "the answer covers all " + CountWord(groups) + " ideas the question asks about";
  } else {
    text = "the answer covers " + CountWord(matched) + " of the " + CountWord(groups) +
           " ideas the question asks about";
  }
  if (required < groups) text += " (" + CountWord(required) + " needed)";
  return text;
}

// True when the answer's causal statements run from the symptom to the
// rubric's ideas and never the other way ("the latency spikes make the
// keys expire").
bool RunsBackwards(const AnswerReading& reading, const std::vector<WordSpan>& ideas,
                   const std::vector<std::string>& effects) {
  std::vector<WordSpan> symptoms;
  for (const std::string& phrase : effects) {
    for (const WordSpan& span : reading.Find(MatchWords(phrase), 0)) {
      if (!reading.Denied(span)) symptoms.push_back(span);
    }
  }
  auto any_in = [](const std::vector<WordSpan>& spans, const WordSpan& side) {
    return std::any_of(spans.begin(), spans.end(),
                       [&](const WordSpan& span) { return side.Contains(span); });
  };
  int backwards = 0, forwards = 0;
  for (const CausalStatement& link : reading.causal_statements()) {
    const bool idea_causes = any_in(ideas, link.cause), idea_follows = any_in(ideas, link.effect);
    const bool symptom_causes = any_in(symptoms, link.cause);
    const bool symptom_follows = any_in(symptoms, link.effect);
    if (symptom_causes && !idea_causes && idea_follows && !symptom_follows) ++backwards;
    if (idea_causes && symptom_follows) ++forwards;
  }
  return backwards > 0 && forwards == 0;
}

Finding JudgeKeywords(const AnswerParams& params, const AnswerReading& reading,
                      CheckOutcome* outcome) {
  const int groups = static_cast<int>(params.keywords.size());
  const int required = params.require > 0 ? std::min(params.require, groups) : groups;
  int matched = 0, contradicted = 0, conflicted = 0;
  std::vector<WordSpan> covered, affirmed_ideas;
  for (const std::vector<std::string>& group : params.keywords) {
    // A verb's negation ("keys do not expire together") cancels the
    // match; but where the answer also affirms the same phrase ("they
    // don't expire at random: they expire together") it denied a manner.
    int affirmed = 0, denied = 0;
    for (const std::string& phrase : group) {
      int phrase_affirmed = 0, phrase_denied_verb = 0;
      for (const WordSpan& span : reading.Find(MatchWords(phrase), 0)) {
        covered.push_back(span);
        switch (reading.DenialOf(span)) {
          case AnswerReading::Denial::kNone:
            ++phrase_affirmed;
            affirmed_ideas.push_back(span);
            break;
          case AnswerReading::Denial::kOfVerb:
            ++phrase_denied_verb;
            break;
          case AnswerReading::Denial::kOfThing:
            ++denied;
            break;
        }
      }
      affirmed += phrase_affirmed;
      if (phrase_affirmed == 0) denied += phrase_denied_verb;
    }
    if (affirmed > 0) ++matched;
    if (affirmed > 0 && denied > 0) ++conflicted;
    if (affirmed == 0 && denied > 0) ++contradicted;
  }
  outcome->evidence.measurements.push_back({"ideas found", static_cast<double>(matched), ""});
  outcome->evidence.measurements.push_back({"ideas needed", static_cast<double>(required), ""});
  const std::string covers = IdeasCovered(matched, groups, required);
  if (matched == 0)
    return {Verdict::kFail, "the answer does not contain what the question asks for"};
  // A string of keywords earns nothing, however many of them are right.
  const bool holds_together = reading.HoldsTogether(covered);
  if (!holds_together && reading.ContentWords() >= 5) {
    return {Verdict::kFail,
            "the answer reads as a list of words, not as an explanation: write the ideas in "
            "sentences that say how they connect"};
  }
  if (matched < required) {
    // An answer that argues against an idea it needs is not partly right.
    if (contradicted > 0) return {Verdict::kFail, covers};
    return {Verdict::kReview, covers};
  }
  if (!holds_together && (required >= 2 || reading.ContentWords() >= 3))
    return {Verdict::kReview, covers + ", but in words that no sentence holds together"};
  // "Either the TTLs run out at once, or a cron job, or ...": the right
  // idea among guesses is not yet an answer.
  if (reading.OffersAlternatives()) {
    return {Verdict::kReview, covers + ", among alternatives it does not choose between"};
  }
  if (conflicted > 0 || contradicted > 0) {
    return {Verdict::kReview,
            "the answer says what it is not as well as what it is, and sdlab cannot tell which "
            "it means"};
  }
  if (!params.effect.empty() && RunsBackwards(reading, affirmed_ideas, params.effect)) {
    return {Verdict::kReview,
            covers + ", but it may give the cause and the effect the other way round"};
  }
  return {Verdict::kPass, covers};
}

// True when the answer is written in another language than the rubric's
// key, which is English: sdlab cannot read it for meaning (its negations,
// its connectives), so an instructor reads it. Told by the short function
// words of French, Spanish, Portuguese, Italian and German that are no
// English word, against English ones.
bool InAnotherLanguage(const std::string& text) {
  static const std::set<std::string> kEnglish = {
      "the",  "is",    "are",  "and",   "of",    "to",  "it",  "that", "because", "with", "when",
      "they", "this",  "from", "by",    "which", "not", "be",  "was",  "were",    "has",  "have",
      "into", "their", "then", "there", "an",    "for", "its", "than", "but",     "until"};
  static const std::set<std::string> kOther = {
      // French
      "les", "le", "la", "des", "du", "est", "sont", "et", "que", "qui", "une", "dans", "pour",
      "avec", "donc", "elles", "ils", "pas", "sur", "au", "aux", "puis", "ce", "cette",
      // Spanish
      "los", "las", "el", "del", "una", "para", "por", "cada", "pero", "como", "muy", "hay",
      // Portuguese
      "os", "um", "uma", "pelo", "pela", "nao", "sao", "em", "com",
      // Italian
      "il", "gli", "della", "che", "sono", "nel", "alla", "dei", "delle", "anche",
      // German
      "der", "die", "das", "und", "ist", "sind", "mit", "fur", "auf", "dem", "den", "nicht", "ein",
      "eine", "wird", "werden", "zu", "sich", "weil", "dann", "sie", "zur", "haben", "wenn", "oder",
      "auch", "wie", "bei", "nach", "noch"};
  int english = 0, other = 0;
  // With kEnglish, the English function words of the second test.
  static const std::set<std::string> kMoreEnglish = {
      "a",     "in",     "on",    "at",   "as",   "so",  "if",  "or",  "all",
      "each",  "every",  "more",  "less", "same", "one", "up",  "out", "over",
      "after", "before", "while", "will", "can",  "do",  "does"};
  int words = 0, function = 0;
  // Letters of another script (Cyrillic, Greek, CJK, Hangul ...): their
  // UTF-8 lead bytes from 0xD0 up, against ASCII letters.
  std::size_t ascii_letters = 0, script_letters = 0;
  for (unsigned char c : text) {
    if (std::isalpha(c)) ++ascii_letters;
    if (c >= 0xD0 && c != 0xE2) ++script_letters;  // 0xE2: punctuation, arrows, dashes
  }
  // Mostly another script: an answer in another language, however short
  // (Chinese has no spaces, so it has few "words").
  if (script_letters >= 4 && script_letters * 3 > ascii_letters) return true;
  std::string word;
  auto count = [&] {
    if (word.empty()) return;
    ++words;
    if (kEnglish.count(word)) ++english;
    if (kOther.count(word)) ++other;
    if (kEnglish.count(word) || kMoreEnglish.count(word)) ++function;
    word.clear();
  };
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      word += '?';  // an accented letter: no word of any list
    } else {
      count();
    }
  }
  // A language the lists know: more of its function words than English ones.
  if (other >= 4 && other > 2 * english) return true;
  // Any other language: a long answer almost without English function words
  // (Polish, Dutch, Turkish ... whose words no list here knows). English
  // answers of 30 words or more, terse ones with arrows included, have at
  // least one in eight; the answers in other languages of the validity sets
  // at most one in twelve.
  return words >= 30 && function * 12 < words;
}

// The first claim of `misconceptions` the answer affirms, in its words.
std::optional<std::string> AffirmedMisconception(const AnswerParams& params,
                                                 const AnswerReading& reading) {
  for (const std::string& phrase : params.misconceptions) {
    for (const WordSpan& span : reading.Find(MatchWords(phrase), 0)) {
      if (!reading.Denied(span)) return reading.Quote(span);
    }
  }
  return std::nullopt;
}

// True when the model has an element for one of the concepts (an
// ambiguous one counts: the model has it, sdlab cannot tell which).
bool ModelHasOneOf(const std::vector<std::string>& concept_ids, CheckContext& context) {
  const ConceptMap* map = ModelMap(context);
  if (map == nullptr) return false;
  return std::any_of(concept_ids.begin(), concept_ids.end(), [&](const std::string& id) {
    const ConceptMatch* match = map->Find(id);
    return match != nullptr && (match->element >= 0 || match->kind == ConceptMatchKind::kAmbiguous);
  });
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
    outcome.message = "answered; your instructor grades it (" + FormatPoints(check.points) +
                      (check.points == 1 ? " point" : " points") +
                      ") with an answer key that the self-check does not have";
    return outcome;
  }
  const AnswerReading reading(answer->text);
  std::vector<Finding> findings;
  if (!params.names.empty()) findings.push_back(JudgeNames(params, reading, context));
  if (!params.keywords.empty()) {
    if (InAnotherLanguage(answer->text)) {
      findings.push_back({Verdict::kReview,
                          "the answer is written in another language than the key sdlab reads "
                          "it with (English)"});
    } else {
      findings.push_back(JudgeKeywords(params, reading, &outcome));
    }
  }
  auto count = [&](Verdict verdict) {
    return std::count_if(findings.begin(), findings.end(),
                         [&](const Finding& finding) { return finding.verdict == verdict; });
  };
  Verdict verdict = count(Verdict::kPass) == static_cast<long>(findings.size()) ? Verdict::kPass
                    : count(Verdict::kFail) == static_cast<long>(findings.size())
                        ? Verdict::kFail
                        : Verdict::kReview;  // one part there, or a part uncertain
  std::string reasons;
  for (const Finding& finding : findings) {
    if (verdict == Verdict::kReview && finding.verdict == Verdict::kPass && findings.size() > 1)
      continue;
    reasons += (reasons.empty() ? "" : "; ") + finding.message;
  }
  if (verdict != Verdict::kFail) {
    if (std::optional<std::string> claim = AffirmedMisconception(params, reading)) {
      if (verdict == Verdict::kPass) reasons.clear();
      verdict = Verdict::kReview;
      reasons += std::string(reasons.empty() ? "" : "; ") + "the answer also says \"" + *claim +
                 "\", which is not how this system behaves";
    }
  }
  if (verdict != Verdict::kFail && !params.consistent_with.empty() &&
      !ModelHasOneOf(params.consistent_with, context)) {
    if (verdict == Verdict::kPass) reasons.clear();
    verdict = Verdict::kReview;
    reasons += std::string(reasons.empty() ? "" : "; ") +
               "the answer explains this with something your " + ModelWords(context) +
               " has no element for";
  }
  switch (verdict) {
    case Verdict::kPass:
      outcome.fraction = 1;
      outcome.message = reasons;
      break;
    case Verdict::kFail:
      outcome.message = reasons;
      break;
    case Verdict::kReview:
      // No points are lost until an instructor has read it.
      outcome.status = CheckStatus::kNeedsReview;
      outcome.fraction = 1;
      outcome.message =
          reasons + "; an instructor will review it: \"" + OneLineShortened(answer->text) + "\"";
      break;
  }
  return outcome;
}

}  // namespace sdlab
