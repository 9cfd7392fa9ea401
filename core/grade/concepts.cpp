#include "core/grade/concepts.h"

#include <algorithm>
#include <set>

#include "core/names.h"

namespace sdlab {

namespace {

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 ||
         c == '*';
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
  if (EndsWith(stem, "ies") && stem.size() > 4) {
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

bool IsStopWord(const std::string& word) {
  return word == "the" || word == "a" || word == "an" || word == "of";
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
  return EditDistance(a, b) <= allowed;
}

// A similarity score for "did you mean": shared words first, then edit distance.
struct Nearness {
  std::size_t shared_words = 0;
  std::size_t distance = 0;
};

Nearness NearnessTo(const std::string& element_name, const Concept& concept_def) {
  Nearness best{0, SIZE_MAX};
  const std::vector<std::string> element_words = Stems(element_name);
  const std::string element_key = ConceptKey(element_name);
  for (const std::string& alias : AliasNames(concept_def)) {
    std::vector<std::string> alias_words = Stems(alias);
    std::size_t shared = 0;
    for (const std::string& word : alias_words) {
      if (std::find(element_words.begin(), element_words.end(), word) != element_words.end()) {
        ++shared;
      }
    }
    std::string alias_key = ConceptKey(alias);
    std::size_t distance =
        element_key.size() > 200 ? SIZE_MAX : EditDistance(element_key, alias_key);
    if (shared > best.shared_words || (shared == best.shared_words && distance < best.distance)) {
      best = {shared, distance};
    }
  }
  return best;
}

}  // namespace

std::vector<MatchWord> MatchWords(std::string_view text) {
  std::vector<MatchWord> words;
  std::string current;
  auto flush = [&] {
    if (current.empty()) return;
    if (!IsStopWord(current)) {
      // A '*' is a wildcard only at the end of a word; elsewhere it separates.
      words.push_back({current, Stem(current)});
    }
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
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
    current += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
  flush();
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

std::vector<NamedElement> StockFlowElements(const StockFlowModel& model) {
  std::vector<NamedElement> elements;
  auto add = [&](const ElementInfo& info, ElementKind kind) {
    elements.push_back({info.name, kind, info.concept_id, info.location, info.concept_location});
  };
  for (const Stock& stock : model.stocks) add(stock, ElementKind::kStock);
  for (const Flow& flow : model.flows) add(flow, ElementKind::kFlow);
  for (const Auxiliary& aux : model.auxiliaries) add(aux, ElementKind::kAuxiliary);
  for (const Constant& constant : model.constants) add(constant, ElementKind::kConstant);
  for (const Lookup& lookup : model.lookups) add(lookup, ElementKind::kLookup);
  for (const Stock& stock : model.stocks) {
    if (!stock.max) continue;
    NamedElement overflow{stock.name + " overflow", ElementKind::kFlow, "", stock.max_location, {}};
    overflow.overflow_series = true;
    elements.push_back(overflow);
  }
  return elements;
}

std::vector<NamedElement> CausalGraphElements(const CausalGraph& graph) {
  std::vector<NamedElement> elements;
  for (const CausalVariable& variable : graph.variables) {
    elements.push_back(
        {variable.name, std::nullopt, variable.concept_id, variable.location, variable.location});
  }
  return elements;
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
    case ConceptMatchKind::kAmbiguous:
      return "ambiguous";
    case ConceptMatchKind::kMissing:
      return "missing";
  }
  return "missing";
}

ConceptMap ConceptMap::Match(const std::vector<Concept>& concepts,
                             std::vector<NamedElement> elements, Diagnostics* diagnostics) {
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
  const ConceptMatchKind tiers[] = {ConceptMatchKind::kAlias, ConceptMatchKind::kContains,
                                    ConceptMatchKind::kSimilar};
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
          const std::string alias_key = ConceptKey(alias);
          const std::vector<std::string> alias_stems = Stems(alias);
          if (alias_key.empty()) continue;
          for (std::size_t e = 0; e < names.size(); ++e) {
            if (claimed[e]) continue;
            std::size_t extra = 0;
            if (tier == ConceptMatchKind::kAlias) {
              if (element_keys[e] != alias_key) continue;
            } else if (tier == ConceptMatchKind::kContains) {
              std::optional<std::size_t> found = ExtraWords(element_stems[e], alias_stems);
              if (!found || *found == 0 || *found > 3) continue;
              extra = *found;
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

  // 3. For what is still missing, the nearest unclaimed names.
  for (std::size_t c = 0; c < concepts.size(); ++c) {
    if (settled[c]) continue;
    struct Ranked {
      Nearness nearness;
      int element;
    };
    std::vector<Ranked> ranked;
    for (std::size_t e = 0; e < names.size(); ++e) {
      if (claimed[e]) continue;
      Nearness nearness = NearnessTo(names[e].name, concepts[c]);
      std::size_t allowed = std::max<std::size_t>(2, element_keys[e].size() / 3);
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
