#include "core/grade/concepts.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <queue>
#include <set>

#include "core/names.h"
#include "core/number_format.h"

namespace sdlab {

namespace {

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 ||
         c == '*';
}

// The plain letters of U+00C0..U+00FF, by the second byte of their UTF-8
// encoding (0xC3 0x80..0xBF), lower-cased; null where there is none (×, ÷).
const char* FoldedLatin1(unsigned char second) {
  static const char* const kPlain[64] = {
      "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
      "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
      "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};
  return second >= 0x80 && second <= 0xBF ? kPlain[second - 0x80] : nullptr;
}

bool EndsWith(const std::string& word, std::string_view suffix) {
  return word.size() >= suffix.size() &&
         word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A light stemmer that maps singular and plural to the same key. It need
// not produce real words: "cache" and "caches" both become "cach",
// "entry" and "entries" both "entry", "process"/"processes" "process".
std::string Stem(const std::string& word) {
  if (word.size() < 4) return word;
  std::string stem = word;
  if (EndsWith(stem, "ied") && stem.size() > 4) {
    // "retried" and "retry" are one word here.
    stem.resize(stem.size() - 3);
    stem += 'y';
  } else if (EndsWith(stem, "ies") && stem.size() > 4) {
    stem.resize(stem.size() - 3);
    stem += 'y';
  } else if (EndsWith(stem, "sses") || EndsWith(stem, "uses")) {
    stem.resize(stem.size() - 2);
  } else if (EndsWith(stem, "es")) {
    stem.resize(stem.size() - 2);
  } else if (EndsWith(stem, "s") && !EndsWith(stem, "ss") && !EndsWith(stem, "us") &&
             !EndsWith(stem, "is")) {
    stem.resize(stem.size() - 1);
  }
  if (stem.size() >= 4 && stem.back() == 'e') stem.pop_back();
  return stem;
}

// Spellings and abbreviations that mean one word: British -ise/-isation,
// and the short forms engineers write in names ("Lat", "Util", "Req Q").
const std::map<std::string, std::string>& Translations();

std::string CanonicalWord(std::string word) {
  if (auto translated = Translations().find(word); translated != Translations().end())
    return translated->second;
  static const std::map<std::string, std::string> kAbbreviations = {
      {"lat", "latency"},
      {"util", "utilization"},
      {"req", "request"},
      {"reqs", "requests"},
      {"resp", "response"},
      {"conn", "connection"},
      {"conns", "connections"},
      {"q", "queue"},
      {"avg", "average"},
      {"num", "number"},
      {"cnt", "count"},
      {"svc", "service"},
      {"tput", "throughput"},
      {"pct", "percent"},
      {"perc", "percent"},
      {"db", "database"},
      {"dbq", "database queries"},
      {"rq", "request queue"},
      {"dbs", "databases"},
  };
  auto found = kAbbreviations.find(word);
  if (found != kAbbreviations.end()) return found->second;
  const std::size_t isation = word.find("isation");
  if (isation != std::string::npos) word.replace(isation, 7, "ization");
  if (word.size() >= 7 && EndsWith(word, "ise")) word.replace(word.size() - 3, 3, "ize");
  if (word.size() >= 8 && EndsWith(word, "ised")) word.replace(word.size() - 4, 4, "ized");
  return word;
}

// Students name elements in their own language ("Cola de Peticiones",
// "File d'attente", "Wiederholungen"). The words of the domain that the
// rubrics' aliases are written with, in French, Spanish, Portuguese,
// Italian and German, accents folded, are read as their English word; a
// compound is read as its words ("trefferquote": "hit rate").
const std::map<std::string, std::string>& Translations() {
  static const std::map<std::string, std::string> kWords = {
      // requests, queue, traffic, users, arrivals
      {"requetes", "requests"},
      {"requete", "request"},
      {"peticiones", "requests"},
      {"peticion", "request"},
      {"solicitudes", "requests"},
      {"solicitud", "request"},
      {"richieste", "requests"},
      {"richiesta", "request"},
      {"requisicoes", "requests"},
      {"requisicao", "request"},
      {"anfragen", "requests"},
      {"anfrage", "request"},
      {"cola", "queue"},
      {"fila", "queue"},
      {"coda", "queue"},
      {"warteschlange", "queue"},
      {"trafic", "traffic"},
      {"trafico", "traffic"},
      {"traffico", "traffic"},
      {"trafego", "traffic"},
      {"verkehr", "traffic"},
      {"nutzerverkehr", "user traffic"},
      {"utilisateurs", "users"},
      {"utilisateur", "user"},
      {"usuarios", "users"},
      {"usuario", "user"},
      {"utenti", "users"},
      {"utente", "user"},
      {"nutzer", "users"},
      {"benutzer", "users"},
      {"arrivees", "arrivals"},
      {"llegadas", "arrivals"},
      {"chegadas", "arrivals"},
      {"arrivi", "arrivals"},
      {"ankuenfte", "arrivals"},
      {"ankunfte", "arrivals"},
      // retries, drops, timeouts
      {"reintentos", "retries"},
      {"reintento", "retry"},
      {"relances", "retries"},
      {"tentatives", "retries"},
      {"tentativas", "retries"},
      {"retentativas", "retries"},
      {"retentativa", "retry"},
      {"tentativi", "retries"},
      {"wiederholungen", "retries"},
      {"wiederholung", "retry"},
      {"rejets", "rejected"},
      {"rechazos", "rejected"},
      {"rechazadas", "rejected"},
      {"descartes", "dropped"},
      {"descartadas", "dropped"},
      {"scartate", "dropped"},
      {"scartati", "dropped"},
      {"scarti", "dropped"},
      {"verworfen", "dropped"},
      {"verworfene", "dropped"},
      {"abgelehnt", "rejected"},
      {"abgelehnte", "rejected"},
      // cache
      {"entrees", "entries"},
      {"entradas", "entries"},
      {"voci", "entries"},
      {"eintraege", "entries"},
      {"eintrage", "entries"},
      {"cles", "keys"},
      {"claves", "keys"},
      {"chaves", "keys"},
      {"chiavi", "keys"},
      {"schluessel", "keys"},
      {"schlussel", "keys"},
      {"taux", "rate"},
      {"tasa", "rate"},
      {"taxa", "rate"},
      {"tasso", "rate"},
      {"succes", "hit"},
      {"aciertos", "hits"},
      {"acierto", "hit"},
      {"acertos", "hits"},
      {"acerto", "hit"},
      {"treffer", "hits"},
      {"trefferquote", "hit rate"},
      {"trefferrate", "hit rate"},
      {"expirations", "expirations"},
      {"caducidad", "expiry"},
      {"expiracao", "expiration"},
      {"expiracion", "expiration"},
      {"scadenze", "expiries"},
      {"scadenza", "expiry"},
      {"ablauf", "expiry"},
      {"ecritures", "writes"},
      {"escrituras", "writes"},
      {"gravacao", "writes"},
      {"scritture", "writes"},
      // database, load, latency
      {"bd", "database"},
      {"datenbank", "database"},
      {"charge", "load"},
      {"carga", "load"},
      {"carico", "load"},
      {"latence", "latency"},
      {"latencia", "latency"},
      {"latenza", "latency"},
      {"latenz", "latency"},
  };
  return kWords;
}

bool IsStopWord(const std::string& word) {
  // English, and the short function words of the languages above that are
  // no English word ("Cola de Peticiones", "File d'attente").
  static const std::set<std::string> kStopWords = {
      "the",   "a",     "an",  "of",    "de",    "del",   "des", "du",  "di",
      "della", "delle", "dei", "degli", "dello", "der",   "dem", "das", "los",
      "las",   "les",   "el",  "il",    "nel",   "nella", "vom"};
  return kStopWords.count(word) > 0;
}

bool WordMatches(const MatchWord& text_word, const MatchWord& phrase_word) {
  if (!phrase_word.raw.empty() && phrase_word.raw.back() == '*') {
    std::string_view prefix(phrase_word.raw.data(), phrase_word.raw.size() - 1);
    return text_word.raw.compare(0, prefix.size(), prefix) == 0;
  }
  return text_word.stem == phrase_word.stem;
}

std::vector<std::string> Stems(std::string_view text) {
  std::vector<std::string> stems;
  for (const MatchWord& word : MatchWords(text)) stems.push_back(word.stem);
  return stems;
}

// All alias names of a concept, the id included ("request_queue" -> "request queue").
std::vector<std::string> AliasNames(const Concept& concept_def) {
  std::vector<std::string> names = {concept_def.id};
  names.insert(names.end(), concept_def.aliases.begin(), concept_def.aliases.end());
  return names;
}

// How many extra words `element` has beyond `alias`, if it contains all of
// them; nullopt otherwise.
std::optional<std::size_t> ExtraWords(const std::vector<std::string>& element,
                                      const std::vector<std::string>& alias) {
  if (alias.empty() || alias.size() > element.size()) return std::nullopt;
  std::multiset<std::string> remaining(element.begin(), element.end());
  for (const std::string& word : alias) {
    auto found = remaining.find(word);
    if (found == remaining.end()) return std::nullopt;
    remaining.erase(found);
  }
  return remaining.size();
}

// A near typo: the keys differ by a small edit distance for their length.
bool IsNearTypo(const std::string& a, const std::string& b) {
  std::size_t longer = std::max(a.size(), b.size());
  if (longer < 5) return false;
  std::size_t allowed = longer >= 10 ? 2 : 1;
  if (a.size() + allowed < b.size() || b.size() + allowed < a.size()) return false;
  if (EditDistance(a, b) > allowed) return false;
  // Word by word when both have as many words: a typo is in a long word,
  // one letter at most; a short word that differs is another word
  // ("req_done" is no "request drops": "don" and "drop" are two words).
  auto words = [](const std::string& key) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= key.size()) {
      const std::size_t space = std::min(key.find(' ', start), key.size());
      out.push_back(key.substr(start, space - start));
      start = space + 1;
    }
    return out;
  };
  const std::vector<std::string> wa = words(a), wb = words(b);
  if (wa.size() != wb.size() || wa.size() < 2) return true;
  for (std::size_t i = 0; i < wa.size(); ++i) {
    if (wa[i] == wb[i]) continue;
    if (std::min(wa[i].size(), wb[i].size()) < 5 || EditDistance(wa[i], wb[i]) > 1) return false;
  }
  return true;
}

// A similarity score for "did you mean": shared words first, then edit distance.
struct Nearness {
  std::size_t shared_words = 0;
  std::size_t distance = 0;
};

// Words too common to say two names mean the same ("queries to db", "TO").
bool IsFunctionWord(const std::string& stem) {
  static const char* const kWords[] = {"to", "in",  "on", "per", "from", "for", "by",
                                       "at", "and", "or", "is",  "with", "as"};
  return std::find(std::begin(kWords), std::end(kWords), stem) != std::end(kWords);
}

// Words that say what kind of quantity something is, not which one: "Timeout
// Fraction" and "hit fraction" share a word but not a meaning. They are no
// evidence for an element that binds by its role.
bool IsMeasureWord(const std::string& stem) {
  static const std::vector<std::string> kStems = [] {
    std::vector<std::string> stems;
    for (const char* word :
         {"rate", "ratio", "fraction", "share", "percent", "percentage", "level", "count", "number",
          "total", "amount", "value", "size", "time", "factor"}) {
      for (const MatchWord& match : MatchWords(word)) stems.push_back(match.stem);
    }
    return stems;
  }();
  return std::find(kStems.begin(), kStems.end(), stem) != kStems.end();
}

// An alias's words, stems and key, read once: binding asks for every alias
// of every concept for each element, and aliases come from the rubric, so
// the cache is as large as the rubrics, whatever the submission.
struct AliasForm {
  std::vector<MatchWord> words;
  std::vector<std::string> stems;
  std::vector<std::string> content_stems;  // the stems that are no function word
  std::vector<std::string> naming_stems;   // ... and no measure word
  std::string key;
};

const AliasForm& FormOf(const std::string& alias) {
  thread_local std::map<std::string, AliasForm> forms;
  auto found = forms.find(alias);
  if (found == forms.end()) {
    AliasForm form{MatchWords(alias), {}, {}, {}, ConceptKey(alias)};
    for (const MatchWord& word : form.words) {
      form.stems.push_back(word.stem);
      if (IsFunctionWord(word.stem)) continue;
      form.content_stems.push_back(word.stem);
      if (!IsMeasureWord(word.stem)) form.naming_stems.push_back(word.stem);
    }
    found = forms.emplace(alias, std::move(form)).first;
  }
  return found->second;
}

// The alias forms of a concept, its id first.
std::vector<const AliasForm*> FormsOf(const Concept& concept_def) {
  std::vector<const AliasForm*> forms;
  for (const std::string& alias : AliasNames(concept_def)) forms.push_back(&FormOf(alias));
  return forms;
}

// How near an element's name (its word stems and key) is to a concept's
// aliases: the most alias words it shares, then the smallest edit distance
// between the keys. A distance is computed exactly where it can matter: when
// words are shared, or when the keys' lengths differ by at most
// `max_distance` (the distance is at least that difference); otherwise it is
// SIZE_MAX.
Nearness NearnessTo(const std::vector<std::string>& element_words, const std::string& element_key,
                    const std::vector<const AliasForm*>& forms, std::size_t max_distance) {
  Nearness best{0, SIZE_MAX};
  for (const AliasForm* form : forms) {
    std::size_t shared = 0;
    for (const std::string& word : form->content_stems) {
      if (std::find(element_words.begin(), element_words.end(), word) != element_words.end()) {
        ++shared;
      }
    }
    const std::string& alias_key = form->key;
    const std::size_t length_difference = element_key.size() > alias_key.size()
                                              ? element_key.size() - alias_key.size()
                                              : alias_key.size() - element_key.size();
    std::size_t distance = SIZE_MAX;
    if (element_key.size() <= 200 && (shared > 0 || length_difference <= max_distance)) {
      distance = EditDistance(element_key, alias_key);
    }
    if (shared > best.shared_words || (shared == best.shared_words && distance < best.distance)) {
      best = {shared, distance};
    }
  }
  return best;
}

// The most words an element's name shares with one alias of a concept,
// measure words ("rate", "fraction") left out.
std::size_t NamingWordsShared(const std::vector<std::string>& element_words,
                              const std::vector<const AliasForm*>& forms) {
  std::size_t best = 0;
  for (const AliasForm* form : forms) {
    std::size_t shared = 0;
    for (const std::string& word : form->naming_stems) {
      if (std::find(element_words.begin(), element_words.end(), word) != element_words.end())
        ++shared;
    }
    best = std::max(best, shared);
  }
  return best;
}

// Elements reachable from `from` along readers, with their distance, up to
// `max_steps`. A link costs 1; going on through a stock costs 2 more, since
// what accumulates there is a delay, not a direct influence.
std::vector<int> Distances(const ElementGraph& graph, const std::vector<std::vector<int>>& readers,
                           int from, int max_steps) {
  std::vector<int> distance(readers.size(), -1);
  if (from < 0 || from >= static_cast<int>(readers.size())) return distance;
  using Entry = std::pair<int, int>;  // distance, element
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> queue;
  queue.push({0, from});
  distance[from] = 0;
  while (!queue.empty()) {
    const auto [at_distance, at] = queue.top();
    queue.pop();
    if (at_distance > distance[at]) continue;
    const int through = (at != from && graph.facts[at].stock) ? 2 : 0;
    for (int next : readers[at]) {
      const int next_distance = at_distance + 1 + through;
      if (next_distance > max_steps) continue;
      if (distance[next] >= 0 && distance[next] <= next_distance) continue;
      distance[next] = next_distance;
      queue.push({next_distance, next});
    }
  }
  return distance;
}

std::vector<std::vector<int>> Readers(const ElementGraph& graph) {
  std::vector<std::vector<int>> readers(graph.facts.size());
  for (std::size_t e = 0; e < graph.facts.size(); ++e) {
    for (int input : graph.facts[e].inputs) {
      if (input >= 0 && input < static_cast<int>(readers.size()) && input != static_cast<int>(e))
        readers[input].push_back(static_cast<int>(e));
    }
  }
  for (std::vector<int>& list : readers) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  return readers;
}

std::string FormatRangeValue(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value == 0 ? 0.0 : value);
  return buffer;
}

// How many of a doc's first words say what the element is.
constexpr std::size_t kDocLeadWords = 6;

// True when a doc has an alias's words side by side.
bool DocNames(const std::vector<MatchWord>& doc, const Concept& concept_def) {
  if (doc.empty()) return false;
  for (const std::string& alias : AliasNames(concept_def)) {
    const std::vector<MatchWord>& words = FormOf(alias).words;
    if (!words.empty() && ContainsPhrase(doc, words, 0)) return true;
  }
  return false;
}

// A role binds an element with no word of the concept's names only through
// relations this close.
constexpr int kCloseLinks = 2;
// Listed concepts an element must reach for its role to bind it without
// the units the role asks for.
constexpr int kBroadReads = 3;

// How one element fits one concept's role, given what is bound so far.
struct RoleFit {
  int satisfied = 0;
  int violated = 0;
  int unknown = 0;
  std::vector<std::string> reasons;  // one per satisfied property
  std::string violation;             // the first violated property
  int longest = 0;                   // links of the longest satisfied reads/feeds path
  int total = 0;                     // links of every satisfied reads/feeds path
  int breadth = 0;                   // listed concepts reached, over all relations
  bool units_unknown = false;        // the role has units, the element none
};

class RoleJudge {
 public:
  RoleJudge(const std::vector<Concept>& concepts, const std::vector<NamedElement>& names,
            const ElementGraph& graph, const std::vector<ConceptMatch>& matches)
      : concepts_(concepts),
        names_(names),
        graph_(graph),
        matches_(matches),
        readers_(Readers(graph)) {}

  /// With `strong_only`, only concepts bound by a tag or an exact alias
  /// count as known: what is bound by a weaker name or by role may still
  /// change, and must not undo another binding.
  RoleFit Fit(const Concept& concept_def, int e, bool strong_only = false) {
    strong_only_ = strong_only;
    RoleFit fit;
    const ConceptRole& role = concept_def.role;
    const ElementFacts& facts = graph_.facts[e];
    auto relation = [&](const std::vector<std::string>& others, bool reads) {
      if (others.empty()) return;
      bool any_known = false, met = false;
      std::vector<std::string> known_names;
      for (const std::string& other : others) {
        const int b = Bound(other);
        if (b < 0 || b == e) continue;
        any_known = true;
        known_names.push_back(Label(other, b));
        const int distance =
            reads ? Distance(b, e, role.max_steps) : Distance(e, b, role.max_steps);
        if (distance <= 0) continue;
        // Every listed concept reached widens the fit; the first is the reason.
        ++fit.breadth;
        if (met) continue;
        met = true;
        ++fit.satisfied;
        fit.longest = std::max(fit.longest, distance);
        fit.total += distance;
        fit.reasons.push_back(reads ? "it reads your " + Label(other, b)
                                    : "your " + Label(other, b) + " reads it");
      }
      if (met) return;
      if (!any_known || ReachesWeaklyBound(others, e, reads, role.max_steps)) {
        // Nothing known to judge by, or what it reads is bound only by a
        // weak name yet: no evidence against it.
        ++fit.unknown;
        return;
      }
      ++fit.violated;
      if (fit.violation.empty()) {
        fit.violation = std::string(reads ? "it does not read " : "it does not feed ") +
                        JoinOr(known_names) + " within " + std::to_string(role.max_steps) +
                        (role.max_steps == 1 ? " link" : " links");
      }
    };
    relation(role.reads, /*reads=*/true);
    relation(role.feeds, /*reads=*/false);
    auto flow_of = [&](const std::string& stock_concept, bool inflow) {
      if (stock_concept.empty()) return;
      const int b = Bound(stock_concept);
      if (b < 0) {
        ++fit.unknown;
        return;
      }
      const std::vector<int>& flows = inflow ? graph_.facts[b].inflows : graph_.facts[b].outflows;
      if (std::find(flows.begin(), flows.end(), e) != flows.end()) {
        ++fit.satisfied;
        fit.reasons.push_back(std::string(inflow ? "it flows into your " : "it drains your ") +
                              Label(stock_concept, b));
      } else {
        ++fit.violated;
        if (fit.violation.empty()) {
          fit.violation = std::string("it is not ") +
                          (inflow ? "an inflow of " : "an outflow of ") + Label(stock_concept, b);
        }
      }
    };
    flow_of(role.inflow_of, true);
    flow_of(role.outflow_of, false);
    if (role.exogenous) {
      if (facts.exogenous == *role.exogenous) {
        ++fit.satisfied;
        fit.reasons.push_back(facts.exogenous ? "nothing in your model feeds it"
                                              : "it depends on a stock");
      } else {
        ++fit.violated;
        if (fit.violation.empty()) {
          fit.violation =
              facts.exogenous ? "nothing in the model feeds it" : "it depends on a stock";
        }
      }
    }
    if (!role.units.empty()) {
      auto plain = [](std::string_view text) {
        std::string out;
        for (char c : text) {
          if (c != ' ' && c != '\t')
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return out;
      };
      auto wanted_units = [&](const std::string& units) {
        return std::any_of(role.units.begin(), role.units.end(),
                           [&](const std::string& wanted) { return plain(wanted) == units; });
      };
      const std::string units = plain(names_[e].units);
      if (units.empty()) {
        // No `units:`: a unit in the name ("Latensi ms") supports the role,
        // and any other last word of the name says nothing against it.
        const NameUnits in_name = SplitNameUnits(names_[e].name);
        if (!in_name.units.empty() && wanted_units(plain(in_name.units))) {
          ++fit.satisfied;
          fit.reasons.push_back("its name gives its units, " + in_name.units);
        } else {
          ++fit.unknown;
          fit.units_unknown = true;
        }
      } else if (wanted_units(units)) {
        ++fit.satisfied;
        fit.reasons.push_back("its units are " + names_[e].units);
      } else {
        ++fit.violated;
        if (fit.violation.empty()) fit.violation = "its units are " + names_[e].units;
      }
    }
    if (role.low || role.high) {
      if (!facts.min || !facts.max) {
        ++fit.unknown;
      } else {
        const double low = role.low.value_or(-HUGE_VAL), high = role.high.value_or(HUGE_VAL);
        const double slack = 1e-9 * std::max({1.0, std::fabs(low), std::fabs(high)});
        if (*facts.min >= low - slack && *facts.max <= high + slack) {
          ++fit.satisfied;
          fit.reasons.push_back("its values stay within " + RangeText(role));
        } else {
          ++fit.violated;
          if (fit.violation.empty()) {
            const double outside = *facts.max > high + slack ? *facts.max : *facts.min;
            fit.violation =
                "its values reach " + FormatRangeValue(outside) + ", outside " + RangeText(role);
          }
        }
      }
    }
    return fit;
  }

  /// The concept's element when bound, else -1.
  int Bound(const std::string& concept_id) const {
    for (const ConceptMatch& match : matches_) {
      if (match.concept_id != concept_id) continue;
      if (strong_only_ && match.kind != ConceptMatchKind::kTag &&
          match.kind != ConceptMatchKind::kAlias)
        return -1;
      return match.element;
    }
    return -1;
  }

 private:
  /// With `strong_only`: whether `e` reads (or feeds) one of `others` as
  /// bound by any name, weak ones included.
  bool ReachesWeaklyBound(const std::vector<std::string>& others, int e, bool reads,
                          int max_steps) {
    if (!strong_only_) return false;
    strong_only_ = false;
    bool reached = false;
    for (const std::string& other : others) {
      const int b = Bound(other);
      if (b < 0 || b == e) continue;
      const int distance = reads ? Distance(b, e, max_steps) : Distance(e, b, max_steps);
      if (distance > 0) reached = true;
    }
    strong_only_ = true;
    return reached;
  }

  int Distance(int from, int to, int max_steps) {
    auto key = std::make_pair(from, max_steps);
    auto found = distances_.find(key);
    if (found == distances_.end())
      found = distances_.emplace(key, Distances(graph_, readers_, from, max_steps)).first;
    return found->second[to];
  }

  std::string Label(const std::string& concept_id, int element) const {
    std::string text = "'" + names_[element].name + "'";
    for (const Concept& concept_def : concepts_) {
      if (concept_def.id == concept_id && !concept_def.description.empty())
        return text + " (" + concept_def.description + ")";
    }
    return text;
  }

  static std::string JoinOr(const std::vector<std::string>& items) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) text += (i + 1 == items.size()) ? " or " : ", ";
      text += items[i];
    }
    return text;
  }

  static std::string RangeText(const ConceptRole& role) {
    if (role.low && role.high)
      return FormatRangeValue(*role.low) + ".." + FormatRangeValue(*role.high);
    if (role.low) return "at least " + FormatRangeValue(*role.low);
    return "at most " + FormatRangeValue(*role.high);
  }

  const std::vector<Concept>& concepts_;
  const std::vector<NamedElement>& names_;
  const ElementGraph& graph_;
  const std::vector<ConceptMatch>& matches_;
  std::vector<std::vector<int>> readers_;
  std::map<std::pair<int, int>, std::vector<int>> distances_;
  bool strong_only_ = false;
};

std::string JoinAnd(const std::vector<std::string>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += (i + 1 == items.size()) ? " and " : ", ";
    text += items[i];
  }
  return text;
}

}  // namespace

int ElementGraph::PathLength(int from, int to, int max_steps) const {
  if (from < 0 || to < 0 || from >= static_cast<int>(facts.size()) ||
      to >= static_cast<int>(facts.size()))
    return -1;
  return Distances(*this, Readers(*this), from, max_steps)[to];
}

std::vector<int> ElementGraph::Path(int from, int to, int max_steps) const {
  if (from < 0 || to < 0 || from >= static_cast<int>(facts.size()) ||
      to >= static_cast<int>(facts.size()))
    return {};
  const std::vector<int> distance = Distances(*this, Readers(*this), from, max_steps);
  if (distance[to] < 0) return {};
  // Walk back from `to` along inputs, each one as much closer as its link costs.
  std::vector<int> path = {to};
  int at = to;
  while (at != from) {
    int previous = -1;
    for (int input : facts[at].inputs) {
      if (input < 0 || input >= static_cast<int>(distance.size()) || distance[input] < 0) continue;
      const int cost = 1 + ((input != from && facts[input].stock) ? 2 : 0);
      if (distance[input] == distance[at] - cost && (previous < 0 || input < previous))
        previous = input;
    }
    if (previous < 0) return {};
    path.push_back(previous);
    at = previous;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

std::vector<MatchWord> MatchWords(std::string_view text) {
  std::vector<MatchWord> words;
  std::string current;
  auto flush = [&] {
    if (current.empty()) return;
    if (!IsStopWord(current)) {
      // A '*' is a wildcard only at the end of a word; elsewhere it separates.
      if (current.back() != '*') current = CanonicalWord(std::move(current));
      for (std::size_t start = 0; start < current.size();) {
        const std::size_t space = std::min(current.find(' ', start), current.size());
        std::string word = current.substr(start, space - start);
        words.push_back({word, Stem(word)});
        start = space + 1;
      }
    }
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      // A Latin-1 letter with an accent is its plain letter ("Entrées",
      // "Requisições", "Einträge"): students write both.
      if (const char* plain = FoldedLatin1(static_cast<unsigned char>(text[i + 1]))) {
        current += plain;
        ++i;
        continue;
      }
    }
    // An elided article before an apostrophe ("d'attente", "l’utente") is
    // no word; a lone "d" or "L" elsewhere (Little's L) still is.
    const bool apostrophe = c == '\'' || (c == 0xE2 && text.substr(i, 3) == "\xE2\x80\x99");
    if (apostrophe && (current == "d" || current == "l")) {
      current.clear();
      if (c == 0xE2) i += 2;
      continue;
    }
    if (c == 0xE2 && text.substr(i, 3) == "\xE2\x80\x99") {
      flush();
      i += 2;
      continue;
    }
    if (!IsWordByte(c)) {
      flush();
      continue;
    }
    if (c == '*') {
      bool at_end = i + 1 == text.size() || !IsWordByte(static_cast<unsigned char>(text[i + 1]));
      if (!current.empty() && at_end) current += '*';
      flush();
      continue;
    }
    // camelCase and PascalCase: a word starts at a capital after a small
    // letter ("PendingRequests"), and at the last capital of a run that a
    // small letter follows ("HTTPRequests" -> "http", "requests").
    const bool upper = c >= 'A' && c <= 'Z';
    if (upper && i > 0) {
      const unsigned char before = static_cast<unsigned char>(text[i - 1]);
      const unsigned char after = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
      const bool before_lower = before >= 'a' && before <= 'z';
      const bool before_upper = before >= 'A' && before <= 'Z';
      const bool after_lower = after >= 'a' && after <= 'z';
      // ... but a plural "s" stays on its acronym ("TTLs", "APIs").
      const unsigned char after_next =
          i + 2 < text.size() ? static_cast<unsigned char>(text[i + 2]) : 0;
      const bool plural_s = after == 's' && !(after_next >= 'a' && after_next <= 'z');
      if (before_lower || (before_upper && after_lower && !plural_s)) flush();
    }
    current += upper ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
  flush();
  // Phrases of two words that are one English word: "file d'attente" is a
  // queue, "base de datos" a database, "temps d'attente" a wait time.
  static const std::vector<std::pair<std::pair<const char*, const char*>, const char*>> kPairs = {
      {{"file", "attente"}, "queue"},      {{"temps", "attente"}, "wait time"},
      {{"base", "donnees"}, "database"},   {{"base", "datos"}, "database"},
      {{"banco", "dados"}, "database"},    {{"nouvelles", "retries"}, "retries"},
      {{"retries", "ripetuti"}, "retries"}};
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    for (const auto& [pair, english] : kPairs) {
      if (words[i].raw != pair.first || words[i + 1].raw != pair.second) continue;
      std::vector<MatchWord> replacement;
      std::string_view rest = english;
      while (!rest.empty()) {
        const std::size_t space = std::min(rest.find(' '), rest.size());
        std::string word(rest.substr(0, space));
        replacement.push_back({word, Stem(word)});
        rest.remove_prefix(std::min(space + 1, rest.size()));
      }
      words.erase(words.begin() + static_cast<std::ptrdiff_t>(i),
                  words.begin() + static_cast<std::ptrdiff_t>(i + 2));
      words.insert(words.begin() + static_cast<std::ptrdiff_t>(i), replacement.begin(),
                   replacement.end());
      break;
    }
  }
  return words;
}

std::string ConceptKey(std::string_view name) {
  std::vector<std::string> stems = Stems(name);
  std::sort(stems.begin(), stems.end());
  std::string key;
  for (const std::string& stem : stems) {
    if (!key.empty()) key += ' ';
    key += stem;
  }
  return key;
}

// The first word of the first place `phrase` is found in `text` (its words
// side by side, in any order), or SIZE_MAX.
std::size_t PhraseStart(const std::vector<MatchWord>& text, const std::vector<MatchWord>& phrase) {
  if (phrase.empty()) return SIZE_MAX;
  for (std::size_t start = 0; start + phrase.size() <= text.size(); ++start) {
    std::vector<bool> used(phrase.size(), false);
    bool all = true;
    for (std::size_t i = start; i < start + phrase.size() && all; ++i) {
      bool found = false;
      for (std::size_t w = 0; w < phrase.size() && !found; ++w) {
        if (!used[w] && WordMatches(text[i], phrase[w])) used[w] = found = true;
      }
      all = found;
    }
    if (all) return start;
  }
  return SIZE_MAX;
}

bool ContainsPhrase(const std::vector<MatchWord>& text, const std::vector<MatchWord>& phrase,
                    std::size_t slack) {
  if (phrase.empty() || text.empty()) return false;
  const std::size_t window = phrase.size() + slack;
  for (std::size_t start = 0; start < text.size(); ++start) {
    // Only windows that start with one of the phrase's words can be minimal.
    bool starts_well = false;
    for (const MatchWord& word : phrase)
      starts_well = starts_well || WordMatches(text[start], word);
    if (!starts_well) continue;
    const std::size_t end = std::min(text.size(), start + window);
    std::vector<bool> used(end - start, false);
    bool all_found = true;
    for (const MatchWord& word : phrase) {
      bool found = false;
      for (std::size_t i = start; i < end && !found; ++i) {
        if (!used[i - start] && WordMatches(text[i], word)) {
          used[i - start] = true;
          found = true;
        }
      }
      if (!found) {
        all_found = false;
        break;
      }
    }
    if (all_found) return true;
  }
  return false;
}

namespace {

NamedElement MakeNamed(std::string name, std::optional<ElementKind> kind, std::string tag,
                       Location location, Location tag_location, std::string doc) {
  NamedElement element;
  element.name = std::move(name);
  element.kind = kind;
  element.concept_tag = std::move(tag);
  element.location = location;
  element.tag_location = tag_location;
  element.doc = std::move(doc);
  return element;
}

}  // namespace

NameUnits SplitNameUnits(std::string_view name) {
  auto trim = [](std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
      text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
      text.remove_suffix(1);
    return text;
  };
  const std::string_view whole = trim(name);
  NameUnits result{std::string(whole), ""};
  if (whole.size() < 3) return result;
  const char last = whole.back();
  if (last == ')' || last == ']') {
    const std::size_t open = whole.rfind(last == ')' ? '(' : '[');
    if (open == std::string_view::npos || open == 0) return result;
    const std::string_view base = trim(whole.substr(0, open));
    const std::string_view units = trim(whole.substr(open + 1, whole.size() - open - 2));
    if (base.empty() || units.empty()) return result;
    return {std::string(base), std::string(units)};
  }
  // A last word after a space, '_' or '-' that is a unit of time or of a rate.
  const std::size_t cut = whole.find_last_of(" _-");
  if (cut == std::string_view::npos || cut == 0 || cut + 1 == whole.size()) return result;
  std::string word(whole.substr(cut + 1));
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::set<std::string, std::less<>> kUnitWords = {
      "s",      "sec",          "secs", "second", "seconds", "ms",      "msec",
      "millis", "milliseconds", "min",  "mins",   "minute",  "minutes", "rps",
      "qps",    "rpm",          "qpm",  "pct",    "percent"};
  if (kUnitWords.count(word) == 0) return result;
  const std::string_view base = trim(whole.substr(0, cut));
  if (base.empty()) return result;
  return {std::string(base), std::string(whole.substr(cut + 1))};
}

std::vector<NamedElement> StockFlowElements(const StockFlowModel& model) {
  std::vector<NamedElement> elements;
  auto add = [&](const ElementInfo& info, ElementKind kind) {
    elements.push_back(MakeNamed(info.name, kind, info.concept_id, info.location,
                                 info.concept_location, info.doc));
    elements.back().units = info.units;
  };
  for (const Stock& stock : model.stocks) add(stock, ElementKind::kStock);
  for (const Flow& flow : model.flows) add(flow, ElementKind::kFlow);
  for (const Auxiliary& aux : model.auxiliaries) add(aux, ElementKind::kAuxiliary);
  for (const Constant& constant : model.constants) add(constant, ElementKind::kConstant);
  for (const Lookup& lookup : model.lookups) add(lookup, ElementKind::kLookup);
  for (const Stock& stock : model.stocks) {
    if (!stock.max) continue;
    NamedElement overflow =
        MakeNamed(stock.name + " overflow", ElementKind::kFlow, "", stock.max_location, {}, "");
    overflow.overflow_series = true;
    elements.push_back(overflow);
  }
  return elements;
}

std::vector<NamedElement> CausalGraphElements(const CausalGraph& graph) {
  std::vector<NamedElement> elements;
  for (const CausalVariable& variable : graph.variables) {
    elements.push_back(MakeNamed(variable.name, std::nullopt, variable.concept_id,
                                 variable.location, variable.location, ""));
  }
  return elements;
}

const char* KindWithArticle(ElementKind kind) {
  switch (kind) {
    case ElementKind::kStock:
      return "a stock";
    case ElementKind::kFlow:
      return "a flow";
    case ElementKind::kAuxiliary:
      return "an auxiliary";
    case ElementKind::kConstant:
      return "a constant";
    case ElementKind::kLookup:
      return "a lookup";
  }
  return "an element";
}

const char* ConceptMatchKindName(ConceptMatchKind kind) {
  switch (kind) {
    case ConceptMatchKind::kTag:
      return "tag";
    case ConceptMatchKind::kAlias:
      return "alias";
    case ConceptMatchKind::kContains:
      return "contains";
    case ConceptMatchKind::kSimilar:
      return "similar";
    case ConceptMatchKind::kDoc:
      return "doc";
    case ConceptMatchKind::kRole:
      return "role";
    case ConceptMatchKind::kFigure:
      return "figure";
    case ConceptMatchKind::kBehaviour:
      return "behaviour";
    case ConceptMatchKind::kAmbiguous:
      return "ambiguous";
    case ConceptMatchKind::kMissing:
      return "missing";
  }
  return "missing";
}

ConceptMap ConceptMap::Match(const std::vector<Concept>& concepts,
                             std::vector<NamedElement> elements, Diagnostics* diagnostics,
                             const ElementGraph* graph) {
  ConceptMap map;
  map.concepts_ = concepts;
  map.elements_ = std::move(elements);
  const std::vector<NamedElement>& names = map.elements_;
  std::vector<ConceptMatch>& matches = map.matches_;
  for (const Concept& concept_def : concepts) {
    ConceptMatch match;
    match.concept_id = concept_def.id;
    matches.push_back(std::move(match));
  }
  std::vector<bool> claimed(names.size(), false);
  std::vector<bool> settled(concepts.size(), false);

  // 1. Explicit tags win over any name.
  std::vector<std::string> concept_ids;
  for (const Concept& concept_def : concepts) concept_ids.push_back(concept_def.id);
  for (std::size_t e = 0; e < names.size(); ++e) {
    if (names[e].concept_tag.empty()) continue;
    const std::string tag = NormalizeName(names[e].concept_tag);
    std::size_t c = 0;
    while (c < concepts.size() && NormalizeName(concepts[c].id) != tag) ++c;
    if (c == concepts.size()) {
      if (diagnostics != nullptr) {
        diagnostics->Warning(
            names[e].tag_location.known() ? names[e].tag_location : names[e].location,
            "'" + names[e].name + "' is tagged with concept '" + names[e].concept_tag +
                "', which this lab's rubric does not use",
            DidYouMean(names[e].concept_tag, concept_ids));
      }
      continue;
    }
    claimed[e] = true;
    settled[c] = true;
    matches[c].candidates.push_back(static_cast<int>(e));
  }
  for (std::size_t c = 0; c < concepts.size(); ++c) {
    if (!settled[c]) continue;
    if (matches[c].candidates.size() == 1) {
      matches[c].kind = ConceptMatchKind::kTag;
      matches[c].element = matches[c].candidates[0];
      matches[c].candidates.clear();
    } else {
      matches[c].kind = ConceptMatchKind::kAmbiguous;
    }
  }

  // 2. Names, by tiers of decreasing certainty.
  std::vector<std::vector<std::string>> element_stems;
  std::vector<std::string> element_keys;
  for (const NamedElement& element : names) {
    std::vector<std::string> stems = Stems(element.name);
    std::sort(stems.begin(), stems.end());
    element_keys.push_back(ConceptKey(element.name));
    element_stems.push_back(std::move(stems));
  }
  std::vector<std::vector<const AliasForm*>> concept_forms;
  for (const Concept& concept_def : concepts) concept_forms.push_back(FormsOf(concept_def));
  // A doc says what an element is in its first words ("Requests waiting for
  // a pod"); further on it names what the element works with ("the rest is
  // dropped"), which is no evidence of what it is. Units that are an alias
  // ("pods") count as well.
  std::vector<std::vector<MatchWord>> element_docs;
  for (const NamedElement& element : names) {
    std::vector<MatchWord> words = MatchWords(element.doc);
    if (words.size() > kDocLeadWords) words.resize(kDocLeadWords);
    std::vector<MatchWord> units = MatchWords(element.units);
    if (units.size() > kDocLeadWords) units.resize(kDocLeadWords);  // bounds the work
    if (!units.empty()) {
      words.push_back({";", ";"});  // keeps the units apart from the doc's words
      words.insert(words.end(), units.begin(), units.end());
    }
    element_docs.push_back(std::move(words));
  }
  const ConceptMatchKind tiers[] = {ConceptMatchKind::kAlias, ConceptMatchKind::kContains,
                                    ConceptMatchKind::kSimilar, ConceptMatchKind::kDoc};
  // Where in each element's doc a concept is first named: a doc names what
  // the element is first ("retries req/s" is the retries, in requests).
  auto doc_start = [&](std::size_t c, std::size_t e) {
    std::size_t first = SIZE_MAX;
    for (const std::string& alias : AliasNames(concepts[c]))
      first = std::min(first, PhraseStart(element_docs[e], FormOf(alias).words));
    return first;
  };
  std::vector<std::size_t> doc_first(names.size(), SIZE_MAX);
  for (std::size_t e = 0; e < names.size(); ++e) {
    if (element_docs[e].empty()) continue;
    for (std::size_t c = 0; c < concepts.size(); ++c)
      doc_first[e] = std::min(doc_first[e], doc_start(c, e));
  }
  for (ConceptMatchKind tier : tiers) {
    std::vector<std::vector<int>> tied(concepts.size());
    bool progress = true;
    while (progress) {
      progress = false;
      for (std::size_t c = 0; c < concepts.size(); ++c) {
        if (settled[c]) continue;
        std::vector<int> candidates;
        std::size_t best_extra = SIZE_MAX;
        for (const std::string& alias : AliasNames(concepts[c])) {
          const AliasForm& form = FormOf(alias);
          const std::string& alias_key = form.key;
          const std::vector<std::string>& alias_stems = form.stems;
          if (alias_key.empty()) continue;
          for (std::size_t e = 0; e < names.size(); ++e) {
            if (claimed[e]) continue;
            // A weak name of the wrong kind would be undone by the role step
            // anyway; claiming it first would keep it from the concept it
            // does name ("Cache Hit Fraction" holds "cache", but it is no
            // stock: it is the hit fraction).
            if (tier != ConceptMatchKind::kAlias && names[e].kind && !concepts[c].kinds.empty() &&
                std::find(concepts[c].kinds.begin(), concepts[c].kinds.end(), *names[e].kind) ==
                    concepts[c].kinds.end())
              continue;
            std::size_t extra = 0;
            if (tier == ConceptMatchKind::kAlias) {
              if (element_keys[e] != alias_key) continue;
            } else if (tier == ConceptMatchKind::kContains) {
              std::optional<std::size_t> found = ExtraWords(element_stems[e], alias_stems);
              if (!found || *found == 0 || *found > 3) continue;
              extra = *found;
            } else if (tier == ConceptMatchKind::kDoc) {
              // The doc names the concept with an alias's words side by
              // side; a longer alias is a better match (fewer "extra").
              const std::vector<MatchWord>& alias_words = FormOf(alias).words;
              if (alias_words.empty() || element_docs[e].empty() ||
                  !ContainsPhrase(element_docs[e], alias_words, 0) ||
                  doc_start(c, e) > doc_first[e])
                continue;
              extra = 100 - std::min<std::size_t>(alias_words.size(), 99);
            } else if (!IsNearTypo(element_keys[e], alias_key)) {
              continue;
            }
            if (extra < best_extra) {
              best_extra = extra;
              candidates.clear();
            }
            if (extra == best_extra && std::find(candidates.begin(), candidates.end(),
                                                 static_cast<int>(e)) == candidates.end()) {
              candidates.push_back(static_cast<int>(e));
            }
          }
        }
        if (candidates.size() > 1 && !concepts[c].kinds.empty()) {
          std::vector<int> preferred;
          for (int e : candidates) {
            const auto& kinds = concepts[c].kinds;
            if (names[e].kind &&
                std::find(kinds.begin(), kinds.end(), *names[e].kind) != kinds.end()) {
              preferred.push_back(e);
            }
          }
          if (!preferred.empty()) candidates = preferred;
        }
        std::sort(candidates.begin(), candidates.end());
        tied[c] = candidates;
        if (candidates.size() == 1) {
          matches[c].kind = tier;
          matches[c].element = candidates[0];
          if (tier == ConceptMatchKind::kDoc) {
            // The doc's lead words, or else the units, named the concept.
            const NamedElement& element = names[candidates[0]];
            bool in_doc = false;
            std::vector<MatchWord> doc = MatchWords(element.doc);
            if (doc.size() > kDocLeadWords) doc.resize(kDocLeadWords);
            for (const std::string& alias : AliasNames(concepts[c])) {
              const std::vector<MatchWord>& alias_words = FormOf(alias).words;
              if (!alias_words.empty() && ContainsPhrase(doc, alias_words, 0)) in_doc = true;
            }
            matches[c].reason = in_doc || element.units.empty()
                                    ? "its doc says \"" + OneLineShortened(element.doc) + "\""
                                    : "its units are \"" + OneLineShortened(element.units) + "\"";
          }
          claimed[candidates[0]] = true;
          settled[c] = true;
          progress = true;
        }
      }
    }
    for (std::size_t c = 0; c < concepts.size(); ++c) {
      if (settled[c] || tied[c].size() < 2) continue;
      matches[c].kind = ConceptMatchKind::kAmbiguous;
      matches[c].candidates = tied[c];
      settled[c] = true;
    }
  }

  // 2b. Figures: the number the lab gives for a concept (`figure:`) binds
  // the one element that has it, where names left the concept unbound or
  // tied. Its kind, its being an external driver or not, and its range must
  // fit as well. The same number along a chain (a constant and the
  // auxiliary that passes it on) is the last of the chain.
  if (graph != nullptr && graph->facts.size() == names.size()) {
    auto same = [](double a, double b) {
      return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
    };
    for (std::size_t c = 0; c < concepts.size(); ++c) {
      const Concept& concept_def = concepts[c];
      ConceptMatch& match = matches[c];
      if (!concept_def.has_figure()) continue;
      // A weak name of the concept itself (a doc that mentions "pod" in
      // "requests waiting for a free pod") gives way to the lab's number
      // when the element it names does not have it and another one does.
      const bool weak_self = match.element >= 0 && (match.kind == ConceptMatchKind::kContains ||
                                                    match.kind == ConceptMatchKind::kSimilar ||
                                                    match.kind == ConceptMatchKind::kDoc);
      if (match.element >= 0 && !weak_self) continue;
      if (weak_self) {
        const ElementFacts& held = graph->facts[static_cast<std::size_t>(match.element)];
        const bool has_figure =
            (!concept_def.figure_initial ||
             (held.initial && same(*held.initial, *concept_def.figure_initial))) &&
            (!concept_def.figure_capacity ||
             (held.capacity && same(*held.capacity, *concept_def.figure_capacity)));
        if (has_figure) continue;
      }
      const bool tied = match.kind == ConceptMatchKind::kAmbiguous;
      const ConceptRole& role = concept_def.role;
      // The concept that holds an element by a weak name (some of an
      // alias's words, a near typo, its doc): the lab's number is stronger
      // evidence ("Antrian (req)" with max: 10000 holds "req", a word of
      // the load's aliases, but it is the queue).
      auto weakly_held_by = [&](int element) -> int {
        for (std::size_t other = 0; other < concepts.size(); ++other) {
          const ConceptMatch& held = matches[other];
          if (held.element != element) continue;
          const bool weak = held.kind == ConceptMatchKind::kContains ||
                            held.kind == ConceptMatchKind::kSimilar ||
                            held.kind == ConceptMatchKind::kDoc;
          return weak ? static_cast<int>(other) : -1;
        }
        return -1;
      };
      std::vector<int> fitting;
      for (std::size_t e = 0; e < names.size(); ++e) {
        const int element = static_cast<int>(e);
        if (tied ? std::find(match.candidates.begin(), match.candidates.end(), element) ==
                       match.candidates.end()
                 : claimed[e] && weakly_held_by(element) < 0)
          continue;
        if (names[e].overflow_series) continue;
        if (!concept_def.kinds.empty() &&
            (!names[e].kind || std::find(concept_def.kinds.begin(), concept_def.kinds.end(),
                                         *names[e].kind) == concept_def.kinds.end()))
          continue;
        const ElementFacts& facts = graph->facts[e];
        if (concept_def.figure_initial &&
            !(facts.initial && same(*facts.initial, *concept_def.figure_initial)))
          continue;
        if (concept_def.figure_capacity &&
            !(facts.capacity && same(*facts.capacity, *concept_def.figure_capacity)))
          continue;
        if (role.exogenous && facts.exogenous != *role.exogenous) continue;
        if (role.low && facts.min && *facts.min < *role.low) continue;
        if (role.high && facts.max && *facts.max > *role.high) continue;
        fitting.push_back(element);
      }
      std::vector<int> last;
      for (int e : fitting) {
        const bool passed_on = std::any_of(fitting.begin(), fitting.end(), [&](int other) {
          const std::vector<int>& inputs = graph->facts[other].inputs;
          return other != e && std::find(inputs.begin(), inputs.end(), e) != inputs.end();
        });
        if (!passed_on) last.push_back(e);
      }
      if (last.size() != 1) continue;
      const int e = last[0];
      if (weak_self) {
        if (e == match.element) continue;
        match.rejected.emplace_back(match.element, "another element has the lab's figure for it");
        claimed[static_cast<std::size_t>(match.element)] = false;
      }
      if (claimed[e] && !tied) {
        const int other = weakly_held_by(e);
        if (other < 0) continue;
        ConceptMatch& held = matches[static_cast<std::size_t>(other)];
        held.rejected.emplace_back(
            e, "it has the lab's figure for " +
                   (concept_def.description.empty() ? concept_def.id : concept_def.description));
        held.element = -1;
        held.kind = ConceptMatchKind::kMissing;
        settled[static_cast<std::size_t>(other)] = false;
      }
      match.element = e;
      match.kind = ConceptMatchKind::kFigure;
      match.candidates.clear();
      match.reason =
          concept_def.figure_capacity
              ? "its `max:` is " + FormatSignificant(*concept_def.figure_capacity, 12) +
                    ", the lab's figure for it"
              : std::string(names[e].kind == ElementKind::kStock ? "it starts at "
                                                                 : "its value at the start is ") +
                    FormatSignificant(*concept_def.figure_initial, 12) +
                    ", the lab's figure for it";
      claimed[e] = true;
      settled[c] = true;
    }
  }

  // 3. Roles: a name that contradicts its concept's role does not bind; an
  // element that fits a role binds where names left the concept unsettled.
  if (graph != nullptr && graph->facts.size() == names.size()) {
    RoleJudge judge(concepts, names, *graph, matches);
    auto kind_allowed = [&](const Concept& concept_def, int e) {
      if (concept_def.kinds.empty() || !names[e].kind) return true;
      return std::find(concept_def.kinds.begin(), concept_def.kinds.end(), *names[e].kind) !=
             concept_def.kinds.end();
    };
    auto was_rejected = [&](const ConceptMatch& match, int e) {
      for (const auto& [element, why] : match.rejected) {
        if (element == e) return true;
      }
      return false;
    };
    auto reason_for = [&](const Concept& concept_def, int e, const RoleFit& fit) {
      std::vector<std::string> parts;
      if (!concept_def.kinds.empty() && names[e].kind)
        parts.push_back(std::string("it is ") + KindWithArticle(*names[e].kind));
      parts.insert(parts.end(), fit.reasons.begin(), fit.reasons.end());
      return JoinAnd(parts);
    };
    const std::size_t max_rounds = concepts.size() + 1;
    for (std::size_t round = 0; round < max_rounds; ++round) {
      bool changed = false;
      // a. Name bindings whose role is contradicted by what is bound.
      for (std::size_t c = 0; c < concepts.size(); ++c) {
        ConceptMatch& match = matches[c];
        // Only a weak name match (some words of an alias, a near typo) is
        // undone by its role: an exact alias is strong evidence of its own,
        // and undoing it on a structural guess could fail correct work.
        if (concepts[c].role.empty() || match.element < 0 || match.kind == ConceptMatchKind::kTag ||
            match.kind == ConceptMatchKind::kRole || match.kind == ConceptMatchKind::kFigure) {
          continue;
        }
        // ... except for facts of the model, not guesses. A constant or a
        // lookup reads nothing and changes in no run: it cannot be what a
        // role says reads something or flows, nor a concept of other kinds
        // ("Client Timeout", 1 s, is no flow of timed-out requests).
        // A stock is no inflow or outflow either ("Expired Keys" counted as a
        // stock is not the expiry flow).
        if (const std::optional<ElementKind> kind = names[match.element].kind; kind) {
          const ConceptRole& role = concepts[c].role;
          const bool flow_role = !role.inflow_of.empty() || !role.outflow_of.empty();
          const bool dynamic_role = !role.reads.empty() || flow_role;
          const bool fixed = *kind == ElementKind::kConstant || *kind == ElementKind::kLookup;
          if ((fixed && (dynamic_role || !kind_allowed(concepts[c], match.element))) ||
              (flow_role && *kind == ElementKind::kStock)) {
            match.rejected.emplace_back(match.element,
                                        std::string("it is ") + KindWithArticle(*kind) +
                                            (fixed && dynamic_role ? ", which reads nothing"
                                             : flow_role           ? ", not a flow"
                                                                   : ""));
            claimed[match.element] = false;
            match.element = -1;
            match.kind = ConceptMatchKind::kMissing;
            changed = true;
            continue;
          }
        }
        // Being an external driver or not is a fact too: "RPS" that adds the
        // retries is not user traffic.
        if (match.kind == ConceptMatchKind::kAlias) {
          const ConceptRole& role = concepts[c].role;
          if (!role.exogenous || graph->facts[match.element].exogenous == *role.exogenous) continue;
          match.rejected.emplace_back(match.element, *role.exogenous
                                                         ? "something in the model feeds it"
                                                         : "nothing in the model feeds it");
          claimed[match.element] = false;
          match.element = -1;
          match.kind = ConceptMatchKind::kMissing;
          changed = true;
          continue;
        }
        const RoleFit fit = judge.Fit(concepts[c], match.element, /*strong_only=*/true);
        const bool wrong_kind = !kind_allowed(concepts[c], match.element);
        if (fit.violated == 0 && !wrong_kind) continue;
        match.rejected.emplace_back(
            match.element,
            fit.violated > 0 ? fit.violation
                             : std::string("it is ") + KindWithArticle(*names[match.element].kind));
        claimed[match.element] = false;
        match.element = -1;
        match.kind = ConceptMatchKind::kMissing;
        changed = true;
      }
      // b. Unsettled concepts with a role: the elements that fit it.
      for (std::size_t c = 0; c < concepts.size(); ++c) {
        ConceptMatch& match = matches[c];
        const Concept& concept_def = concepts[c];
        if (concept_def.role.empty() || match.element >= 0) continue;
        bool tied = match.kind == ConceptMatchKind::kAmbiguous;
        if (tied && match.candidates.empty()) continue;
        // Tied names of which none fits the role: look for the role among
        // every unclaimed element instead.
        if (tied && std::none_of(match.candidates.begin(), match.candidates.end(), [&](int e) {
              const RoleFit fit = judge.Fit(concept_def, e);
              return kind_allowed(concept_def, e) && fit.violated == 0 && fit.satisfied > 0;
            })) {
          tied = false;
        }
        std::vector<int> pool;
        if (tied) {
          pool = match.candidates;
        } else {
          for (std::size_t e = 0; e < names.size(); ++e) {
            if (!claimed[e]) pool.push_back(static_cast<int>(e));
          }
        }
        struct Candidate {
          int element;
          RoleFit fit;
          std::size_t shared_words;
        };
        std::vector<Candidate> fitting;
        for (int e : pool) {
          if (names[e].overflow_series && !tied && concept_def.kinds.empty()) continue;
          if (!kind_allowed(concept_def, e) || was_rejected(match, e)) continue;
          if (claimed[e] && !tied) continue;
          RoleFit fit = judge.Fit(concept_def, e);
          if (fit.violated > 0 || fit.satisfied == 0) continue;
          // Bound by role alone, a concept needs its relations settled, and
          // either a word of its names or relations at close range: a long
          // chain of equations links too many elements to single one out.
          // A doc that names the concept counts as a shared word.
          std::size_t shared = NamingWordsShared(element_stems[e], concept_forms[c]);
          if (shared == 0 && DocNames(element_docs[e], concept_def)) shared = 1;
          // Units not given are no evidence against an element that reads
          // many of what its role lists (a latency named in the student's
          // language that reads the queue, the hit rate and the database).
          const int unknown =
              fit.unknown - (fit.units_unknown && fit.breadth >= kBroadReads ? 1 : 0);
          if (!tied && (unknown > 0 || (shared == 0 && fit.longest > kCloseLinks))) continue;
          fitting.push_back({e, std::move(fit), shared});
        }
        if (fitting.empty()) continue;
        // Most properties met, then a shared word, then the most listed
        // concepts reached, then the closest relations.
        std::stable_sort(fitting.begin(), fitting.end(),
                         [](const Candidate& a, const Candidate& b) {
                           if (a.fit.satisfied != b.fit.satisfied)
                             return a.fit.satisfied > b.fit.satisfied;
                           if (a.shared_words != b.shared_words)
                             return a.shared_words > b.shared_words;
                           if (a.fit.breadth != b.fit.breadth) return a.fit.breadth > b.fit.breadth;
                           return a.fit.total < b.fit.total;
                         });
        std::vector<int> best;
        for (const Candidate& candidate : fitting) {
          if (candidate.fit.satisfied == fitting[0].fit.satisfied &&
              candidate.shared_words == fitting[0].shared_words &&
              candidate.fit.breadth == fitting[0].fit.breadth &&
              candidate.fit.total == fitting[0].fit.total)
            best.push_back(candidate.element);
        }
        if (best.size() == 1) {
          const int e = best[0];
          match.element = e;
          match.reason = reason_for(concept_def, e, fitting[0].fit);
          match.kind = ConceptMatchKind::kRole;
          match.candidates.clear();
          claimed[e] = true;
          settled[c] = true;
          changed = true;
        } else if (!tied && best.size() > 1) {
          // Several fit equally where no name did: ambiguous, so that the
          // caller resolves it by behaviour or the checks go to review, rather
          // than unbound, which fails them.
          std::sort(best.begin(), best.end());
          match.kind = ConceptMatchKind::kAmbiguous;
          match.candidates = best;
          settled[c] = true;
          changed = true;
        } else if (tied && best.size() < match.candidates.size()) {
          std::sort(best.begin(), best.end());
          match.candidates = best;
        }
      }
      if (!changed) break;
    }
    for (std::size_t c = 0; c < concepts.size(); ++c) {
      settled[c] = matches[c].element >= 0 || matches[c].kind == ConceptMatchKind::kAmbiguous;
    }
  }

  // 4. For what is still missing, the nearest unclaimed names.
  for (std::size_t c = 0; c < concepts.size(); ++c) {
    if (settled[c]) continue;
    struct Ranked {
      Nearness nearness;
      int element;
    };
    std::vector<Ranked> ranked;
    for (std::size_t e = 0; e < names.size(); ++e) {
      if (claimed[e]) continue;
      std::size_t allowed = std::max<std::size_t>(2, element_keys[e].size() / 3);
      Nearness nearness = NearnessTo(element_stems[e], element_keys[e], concept_forms[c], allowed);
      if (nearness.shared_words > 0 || nearness.distance <= allowed) {
        ranked.push_back({nearness, static_cast<int>(e)});
      }
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
      if (a.nearness.shared_words != b.nearness.shared_words) {
        return a.nearness.shared_words > b.nearness.shared_words;
      }
      return a.nearness.distance < b.nearness.distance;
    });
    for (std::size_t i = 0; i < ranked.size() && i < 3; ++i) {
      matches[c].closest.push_back(ranked[i].element);
    }
  }
  return map;
}

void ConceptMap::Resolve(std::string_view concept_id, int element, std::string reason) {
  for (ConceptMatch& match : matches_) {
    if (match.concept_id != concept_id) continue;
    match.kind = ConceptMatchKind::kBehaviour;
    match.element = element;
    match.reason = std::move(reason);
    match.candidates.clear();
  }
}

const Concept* ConceptMap::FindConcept(std::string_view concept_id) const {
  for (const Concept& candidate : concepts_) {
    if (candidate.id == concept_id) return &candidate;
  }
  return nullptr;
}

const ConceptMatch* ConceptMap::Find(std::string_view concept_id) const {
  for (const ConceptMatch& match : matches_) {
    if (match.concept_id == concept_id) return &match;
  }
  return nullptr;
}

const NamedElement* ConceptMap::Element(std::string_view concept_id) const {
  const ConceptMatch* match = Find(concept_id);
  if (match == nullptr || match->element < 0) return nullptr;
  return &elements_[match->element];
}

std::string ConceptMap::ConceptOf(std::string_view element_name) const {
  const std::string key = NormalizeName(element_name);
  for (const ConceptMatch& match : matches_) {
    if (match.element >= 0 && NormalizeName(elements_[match.element].name) == key) {
      return match.concept_id;
    }
  }
  return "";
}

bool ConceptMap::HasElementNamed(std::string_view element_name) const {
  const std::string key = NormalizeName(element_name);
  return std::any_of(elements_.begin(), elements_.end(), [&](const NamedElement& element) {
    return NormalizeName(element.name) == key;
  });
}

std::string ConceptMap::ConceptOfBaseName(std::string_view element_name) const {
  const std::string key = NormalizeName(SplitNameUnits(element_name).base);
  if (key.empty()) return "";
  std::string found;
  for (const ConceptMatch& match : matches_) {
    if (match.element < 0 || elements_[match.element].overflow_series) continue;
    if (NormalizeName(SplitNameUnits(elements_[match.element].name).base) != key) continue;
    if (!found.empty() && found != match.concept_id) return "";
    found = match.concept_id;
  }
  return found;
}

std::string ConceptMap::ConceptOfSharedWord(std::string_view element_name) const {
  // Only the student's own words: a word of the rubric's names ("latency"
  // in "Database Latency") says which concept by itself, through the names.
  std::set<std::string> known;
  for (const Concept& concept_def : concepts_) {
    for (const std::string& alias : AliasNames(concept_def)) {
      for (const std::string& stem : FormOf(alias).stems) known.insert(stem);
    }
  }
  auto words_of = [&](std::string_view name) {
    std::vector<std::string> words;
    for (const MatchWord& word : MatchWords(name)) {
      if (word.raw.size() >= 4 && !IsFunctionWord(word.stem) && !IsMeasureWord(word.stem) &&
          known.count(word.stem) == 0)
        words.push_back(word.raw);
    }
    return words;
  };
  auto alike = [](const std::string& a, const std::string& b) {
    if (a == b) return true;
    const std::size_t shorter = std::min(a.size(), b.size());
    if (shorter < 5) return false;
    std::size_t common = 0;
    while (common < shorter && a[common] == b[common]) ++common;
    return common >= 5 && common + 2 >= std::max(a.size(), b.size());
  };
  const std::vector<std::string> own = words_of(element_name);
  if (own.empty()) return "";
  std::string found;
  int found_element = -1;
  for (const ConceptMatch& match : matches_) {
    if (match.element < 0 || elements_[match.element].overflow_series) continue;
    const std::vector<std::string> theirs = words_of(elements_[match.element].name);
    const bool shares = std::any_of(own.begin(), own.end(), [&](const std::string& word) {
      return std::any_of(theirs.begin(), theirs.end(),
                         [&](const std::string& other) { return alike(word, other); });
    });
    if (!shares) continue;
    if (found_element >= 0 && found_element != match.element) return "";
    found = match.concept_id;
    found_element = match.element;
  }
  return found;
}

std::string ConceptMap::Explain(std::string_view concept_id) const {
  const ConceptMatch* match = Find(concept_id);
  const Concept* concept_def = nullptr;
  for (const Concept& candidate : concepts_) {
    if (candidate.id == concept_id) concept_def = &candidate;
  }
  if (match == nullptr || concept_def == nullptr) {
    return "the rubric uses an unknown concept '" + std::string(concept_id) + "'";
  }
  const std::string what = DescribeConcept(*concept_def);
  const std::string tag = "`concept: " + concept_def->id + "`";
  auto quoted_list = [&](const std::vector<int>& indices) {
    std::string text;
    for (std::size_t i = 0; i < indices.size(); ++i) {
      if (i > 0) text += (i + 1 == indices.size()) ? " and " : ", ";
      text += "'" + elements_[indices[i]].name + "'";
    }
    return text;
  };
  switch (match->kind) {
    case ConceptMatchKind::kAmbiguous:
      return "several elements could be " + what + ": " + quoted_list(match->candidates) +
             "; add " + tag + " to the one you mean";
    case ConceptMatchKind::kMissing: {
      std::string text = "no element matches " + what;
      for (const auto& [element, why] : match->rejected) {
        text += "; '" + elements_[element].name + "' has a matching name, but " + why +
                ", so it is not taken as " + what;
      }
      if (!match->closest.empty()) {
        text += "; did you mean '" + elements_[match->closest[0]].name + "'";
        if (match->closest.size() > 1) {
          std::vector<int> others(match->closest.begin() + 1, match->closest.end());
          text += " (or " + quoted_list(others) + ")";
        }
        text += "? If so, add " + tag + " to it";
      } else {
        text += " (add " + tag + " to the element you mean)";
      }
      return text;
    }
    default:
      return what + " is '" + elements_[match->element].name + "'";
  }
}

std::string DescribeConcept(const Concept& concept_def) {
  if (!concept_def.description.empty()) return concept_def.description;
  return "concept '" + concept_def.id + "'";
}

}  // namespace sdlab
