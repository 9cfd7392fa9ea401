#pragma once
// Concept matching: binding a rubric's concepts ("request_queue", aliases
// "queue", "backlog") to the elements a student made. Names are compared
// after normalisation (case, spaces/underscores/punctuation, plural/singular,
// word order); an explicit `concept:` tag in the submission always wins. A
// concept may also state its role in the model (what it reads and feeds,
// whether it is exogenous, the range of its values): a name match that
// contradicts the role does not bind, and an element that fits the role
// binds even under a name of the student's own. An ambiguous or missing
// match is reported with the closest names.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/load/submission.h"
#include "core/loops/causal_graph.h"

namespace sdlab {

/// What a concept's element does in the model (docs/rubric-format.md,
/// `role:`). Every stated property must hold; a list means "any of these".
/// Paths run along the model's dependencies (an equation's references, a
/// flow into or out of its stock) and are at most `max_steps` links long.
struct ConceptRole {
  std::vector<std::string> reads;  // concepts: it depends on one of them
  std::vector<std::string> feeds;  // concepts: one of them depends on it
  std::string inflow_of;           // a concept (a stock): it is one of its inflows
  std::string outflow_of;
  int max_steps = 3;
  std::optional<bool> exogenous;    // true: no stock upstream of it
  std::optional<double> low, high;  // its values in the model as written
  /// Its `units:`, any of these (compared without case and spaces); an
  /// element without units neither meets nor breaks it.
  std::vector<std::string> units;
  bool empty() const {
    return reads.empty() && feeds.empty() && inflow_of.empty() && outflow_of.empty() &&
           !exogenous && !low && !high && units.empty();
  }
};

/// A rubric concept: an id and the names that mean it.
struct Concept {
  std::string id;                    // "request_queue"
  std::vector<std::string> aliases;  // "request queue", "backlog"; the id is implied
  /// Element kinds: break a tie between names, and an element bound by its
  /// role alone must be one of them.
  std::vector<ElementKind> kinds;
  std::string description;  // shown in messages: "the request queue"
  Location location;        // in the rubric
  std::string file;         // the rubric file that defines it
  ConceptRole role;
  Location role_location;
  /// When several elements fit equally, the one with the largest total in
  /// this scenario's run binds ("the one that carries the drops").
  std::string resolve_scenario;
  /// A number the lab's README gives for it (`figure:`): its value at the
  /// start (a stock's initial value, a constant's value, an auxiliary's or
  /// flow's first value), and a stock's `max:`. An element whose name says
  /// nothing (written in another language, or in the student's own words)
  /// that is the only one with that number binds by it.
  std::optional<double> figure_initial, figure_capacity;
  bool has_figure() const { return figure_initial || figure_capacity; }
};

/// One word of a text as matching sees it: `raw` lower-cased, `stem` with
/// plural endings (and a final 'e') removed so "caches"/"cache" and
/// "entries"/"entry" compare equal.
struct MatchWord {
  std::string raw;
  std::string stem;
};

/// Splits text into words (runs of ASCII letters and digits; other non-ASCII
/// bytes count as letters), lower-cased and stemmed, without the stop words
/// "the", "a", "an", "of". "The Request_Queues" -> [request, queu].
std::vector<MatchWord> MatchWords(std::string_view text);

/// The word-order-free key of a name: its stems sorted and joined by ' '.
/// "Queue of Requests" and "request queue" give the same key.
std::string ConceptKey(std::string_view name);

/// True when every word of `phrase` occurs in `text` within a window of
/// (phrase length + slack) consecutive words, in any order. A phrase word
/// ending in '*' matches any text word starting with it ("expir*").
bool ContainsPhrase(const std::vector<MatchWord>& text, const std::vector<MatchWord>& phrase,
                    std::size_t slack);

/// A name that a concept can bind to: one element of the stock-and-flow
/// model, or one variable of the causal loop diagram.
struct NamedElement {
  std::string name;  // as written
  std::optional<ElementKind> kind;
  std::string concept_tag;  // explicit `concept:`, or empty
  Location location;
  Location tag_location;
  /// Not an element but the `<stock> overflow` series of a capped stock.
  bool overflow_series = false;
  /// The element's `doc:`: weaker evidence than its name ("HR", doc "hit
  /// rate 0..1").
  std::string doc;
  std::string units;  // its `units:` ("pods"): evidence like the doc
};

/// What roles are judged against, one entry per NamedElement (same order).
struct ElementFacts {
  std::vector<int> inputs;             // elements it reads directly; a stock: its inflows
  std::vector<int> inflows, outflows;  // a stock's flows
  bool stock = false;                  // a path through it costs 2 more links
  bool exogenous = false;              // no stock upstream
  std::optional<double> min, max;      // its values in the model as written
  std::optional<double> initial;       // its value at the start of that run
  std::optional<double> capacity;      // a stock's `max:`
};
struct ElementGraph {
  std::vector<ElementFacts> facts;
  /// Links on the shortest path from `from` to `to` (0 for the same
  /// element), or -1 when it is longer than `max_steps` or absent. Going
  /// on through a stock counts as 3 links: an accumulation is a delay.
  int PathLength(int from, int to, int max_steps) const;
  /// The elements on that path, `from` first and `to` last (empty if none).
  std::vector<int> Path(int from, int to, int max_steps) const;
};

/// The stock-and-flow elements in model order (stocks, flows, auxiliaries,
/// constants, lookups), then the overflow series of each stock with `max:`.
std::vector<NamedElement> StockFlowElements(const StockFlowModel& model);
/// The causal graph's variables, in the graph's order (declared ones, then
/// names used by links in first-use order).
std::vector<NamedElement> CausalGraphElements(const CausalGraph& graph);

/// A name split from the unit it carries: "Latency (ms)", "Latensi ms",
/// "Queue [req]" and "wait_time_s" give ("Latency", "ms") and so on. Only a
/// bracketed last part or a last word that is a unit of time or of a rate
/// counts as a unit; otherwise `units` is empty and `base` is the name.
struct NameUnits {
  std::string base;
  std::string units;
};
NameUnits SplitNameUnits(std::string_view name);

/// "a stock", "a flow", "an auxiliary", "a constant", "a lookup".
const char* KindWithArticle(ElementKind kind);

enum class ConceptMatchKind {
  kTag,
  kAlias,
  kContains,
  kSimilar,
  kDoc,        // its `doc:` says what it is ("doc: request queue")
  kRole,       // by what it does in the model, not by its name
  kFigure,     // by the lab's number for it (`figure:`), its name saying nothing
  kBehaviour,  // among elements that fit equally, by a scenario's run
  kAmbiguous,
  kMissing
};
/// "tag", "alias", "contains", "similar", "doc", "role", "figure",
/// "behaviour", "ambiguous", "missing".
const char* ConceptMatchKindName(ConceptMatchKind kind);

struct ConceptMatch {
  std::string concept_id;
  ConceptMatchKind kind = ConceptMatchKind::kMissing;
  int element = -1;             // index into the matcher's elements when bound
  std::vector<int> candidates;  // when ambiguous: the tied elements
  std::vector<int> closest;     // when missing: up to three nearest names, nearest first
  /// Why it is bound, when by role or behaviour: "it is a stock and your
  /// 'Hit Rate' (the cache hit rate) reads it".
  std::string reason;
  /// Elements whose names matched but whose role did not, with why.
  std::vector<std::pair<int, std::string>> rejected;
};

/// The binding of every concept of a rubric to one space of names. Each
/// element binds to at most one concept. Order of precedence: explicit tags,
/// then exact alias keys, then names containing an alias's words (fewest
/// extra words wins), then a near-typo of an alias; at each stage a concept
/// with several equally good candidates is ambiguous.
class ConceptMap {
 public:
  ConceptMap() = default;
  /// Matches `concepts` against `elements`. A tag naming no concept is a
  /// warning in `diagnostics` (with a "did you mean"). With `graph` (facts
  /// parallel to `elements`), concepts with a `role:` are checked against
  /// it and bound by it where names do not settle them.
  static ConceptMap Match(const std::vector<Concept>& concepts, std::vector<NamedElement> elements,
                          Diagnostics* diagnostics, const ElementGraph* graph = nullptr);

  /// Binds an ambiguous concept to one of its candidates (kBehaviour).
  void Resolve(std::string_view concept_id, int element, std::string reason);

  const std::vector<NamedElement>& elements() const { return elements_; }
  const std::vector<ConceptMatch>& matches() const { return matches_; }
  const ConceptMatch* Find(std::string_view concept_id) const;
  /// The element bound to the concept, or nullptr (missing, ambiguous, unknown).
  const NamedElement* Element(std::string_view concept_id) const;
  /// The concept bound to an element (normalised name comparison), or "".
  std::string ConceptOf(std::string_view element_name) const;
  /// Whether an element has this name (normalised), bound or not.
  bool HasElementNamed(std::string_view element_name) const;
  /// The concept bound to the one element whose name, without its unit,
  /// is `element_name` without its unit ("Latensi" and "Latensi ms"), or ""
  /// when none or several concepts are.
  std::string ConceptOfBaseName(std::string_view element_name) const;
  /// The concept bound to the one element that shares a word with
  /// `element_name` (4 letters or more; or the same first 5 letters, as a
  /// word's endings vary: "Podovi" and "broj_podova"), when no other bound
  /// element shares one, or "".
  std::string ConceptOfSharedWord(std::string_view element_name) const;
  /// Why a concept is not bound, as a student reads it:
  /// "no element matches the request queue (request_queue); did you mean
  /// 'Request Backlog'? Add `concept: request_queue` to the element you mean."
  std::string Explain(std::string_view concept_id) const;
  /// The concept as the rubric defines it, or nullptr.
  const Concept* FindConcept(std::string_view concept_id) const;

 private:
  std::vector<Concept> concepts_;
  std::vector<NamedElement> elements_;
  std::vector<ConceptMatch> matches_;
};

/// "the request queue" (the description) or "concept 'request_queue'".
std::string DescribeConcept(const Concept& concept_def);

}  // namespace sdlab
