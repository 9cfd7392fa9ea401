#include "core/grade/concepts.h"

#include <gtest/gtest.h>

namespace sdlab {
namespace {

NamedElement Element(std::string name, std::optional<ElementKind> kind = std::nullopt,
                     std::string tag = "") {
  NamedElement element;
  element.name = std::move(name);
  element.kind = kind;
  element.concept_tag = std::move(tag);
  element.location = {3, 5};
  element.tag_location = {4, 14};
  return element;
}

Concept MakeConcept(std::string id, std::vector<std::string> aliases,
                    std::vector<ElementKind> kinds = {}) {
  Concept concept_def;
  concept_def.id = std::move(id);
  concept_def.aliases = std::move(aliases);
  concept_def.kinds = std::move(kinds);
  return concept_def;
}

std::string Bound(const ConceptMap& map, const std::string& id) {
  const NamedElement* element = map.Element(id);
  return element == nullptr ? "<none>" : element->name;
}

TEST(ConceptKeyTest, IgnoresCaseSeparatorsPluralsAndWordOrder) {
  EXPECT_EQ(ConceptKey("Request Queue"), ConceptKey("request_queue"));
  EXPECT_EQ(ConceptKey("Request Queues"), ConceptKey("request queue"));
  EXPECT_EQ(ConceptKey("Queue of Requests"), ConceptKey("request queue"));
  EXPECT_EQ(ConceptKey("Cache Entries"), ConceptKey("cache entry"));
  EXPECT_EQ(ConceptKey("caches"), ConceptKey("Cache"));
  EXPECT_EQ(ConceptKey("Processes"), ConceptKey("process"));
  EXPECT_EQ(ConceptKey("cache-hit-rate"), ConceptKey("Cache Hit Rate"));
  EXPECT_NE(ConceptKey("Request Queue"), ConceptKey("Request Rate"));
  EXPECT_EQ(ConceptKey("  "), "");
}

TEST(MatchWordsTest, StemsAndDropsStopWords) {
  std::vector<MatchWord> words = MatchWords("The Number of Pods, TTLs!");
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words[0].raw, "number");
  EXPECT_EQ(words[1].stem, "pod");
  EXPECT_EQ(words[2].stem, "ttl");
}

std::vector<std::string> RawWords(std::string_view text) {
  std::vector<std::string> raw;
  for (const MatchWord& word : MatchWords(text)) raw.push_back(word.raw);
  return raw;
}

TEST(MatchWordsTest, NamesInFiveOtherLanguagesReadAsTheirEnglishWords) {
  using Words = std::vector<std::string>;
  EXPECT_EQ(RawWords("Cola de Peticiones"), (Words{"queue", "requests"}));
  EXPECT_EQ(RawWords("File d'attente"), (Words{"queue"}));
  EXPECT_EQ(RawWords("File d\u2019attente"), (Words{"queue"}));
  EXPECT_EQ(RawWords("L"), (Words{"l"}));  // Little's L stays a name
  EXPECT_EQ(RawWords("Temps d'attente"), (Words{"wait", "time"}));
  EXPECT_EQ(RawWords("Nouvelles tentatives"), (Words{"retries"}));
  EXPECT_EQ(RawWords("Trefferquote"), (Words{"hit", "rate"}));
  EXPECT_EQ(RawWords("Fila de Requisições"), RawWords("Fila de Requisicoes"));
  EXPECT_EQ(RawWords("Cache Einträge"), (Words{"cache", "entries"}));
  EXPECT_EQ(RawWords("Base de données"), (Words{"database"}));
  // English words stay as they are, "a" and "the" still dropped.
  EXPECT_EQ(RawWords("the Code of a Queue"), (Words{"code", "queue"}));
}

TEST(ContainsPhraseTest, FindsWordsInAnyOrderWithinTheWindow) {
  auto text = MatchWords("keys expire together at the top of every hour");
  EXPECT_TRUE(ContainsPhrase(text, MatchWords("expire"), 0));
  EXPECT_TRUE(ContainsPhrase(text, MatchWords("expir*"), 0));
  EXPECT_TRUE(ContainsPhrase(text, MatchWords("top hour"), 2));
  EXPECT_FALSE(ContainsPhrase(text, MatchWords("keys hour"), 0));
  EXPECT_FALSE(ContainsPhrase(text, MatchWords("ttl"), 5));
  EXPECT_FALSE(ContainsPhrase(text, {}, 0));
}

TEST(ConceptMapTest, MatchesAliasesAfterNormalisation) {
  ConceptMap map = ConceptMap::Match({MakeConcept("request_queue", {"queue", "backlog"}),
                                      MakeConcept("load", {"traffic", "demand"})},
                                     {Element("Queue of Requests", ElementKind::kStock),
                                      Element("Traffic", ElementKind::kConstant)},
                                     nullptr);
  EXPECT_EQ(Bound(map, "request_queue"), "Queue of Requests");
  EXPECT_EQ(map.Find("request_queue")->kind, ConceptMatchKind::kAlias);
  EXPECT_EQ(Bound(map, "load"), "Traffic");
  EXPECT_EQ(map.ConceptOf("traffic"), "load");
}

TEST(ConceptMapTest, ExplicitTagWinsOverAName) {
  Diagnostics diagnostics;
  ConceptMap map =
      ConceptMap::Match({MakeConcept("request_queue", {"request queue"})},
                        {Element("Request Queue", ElementKind::kStock),
                         Element("Pending Work", ElementKind::kStock, "request_queue")},
                        &diagnostics);
  EXPECT_EQ(Bound(map, "request_queue"), "Pending Work");
  EXPECT_EQ(map.Find("request_queue")->kind, ConceptMatchKind::kTag);
  EXPECT_FALSE(diagnostics.has_errors());
  EXPECT_TRUE(diagnostics.items().empty());
}

TEST(ConceptMapTest, UnknownTagIsAWarningWithASuggestion) {
  Diagnostics diagnostics("answer.yaml");
  ConceptMap map =
      ConceptMap::Match({MakeConcept("request_queue", {})},
                        {Element("Backlog", ElementKind::kStock, "request_queu")}, &diagnostics);
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(FormatDiagnosticLine(diagnostics.items()[0]),
            "answer.yaml:4:14: warning: 'Backlog' is tagged with concept 'request_queu', which "
            "this lab's rubric does not use (did you mean 'request_queue'?)");
  EXPECT_EQ(Bound(map, "request_queue"), "<none>");
}

TEST(ConceptMapTest, ContainedAliasWithFewestExtraWordsWins) {
  ConceptMap map = ConceptMap::Match({MakeConcept("cache_entries", {"cache entries"})},
                                     {Element("Redis Cache Entries Count", ElementKind::kStock),
                                      Element("Redis Cache Entries", ElementKind::kStock)},
                                     nullptr);
  EXPECT_EQ(Bound(map, "cache_entries"), "Redis Cache Entries");
  EXPECT_EQ(map.Find("cache_entries")->kind, ConceptMatchKind::kContains);
}

TEST(ConceptMapTest, ExactMatchOfOneConceptIsNotStolenByAContainsMatch) {
  // "Request Queue" contains "request", but it is exactly request_queue.
  ConceptMap map = ConceptMap::Match(
      {MakeConcept("requests", {"request"}), MakeConcept("request_queue", {"queue"})},
      {Element("Request Queue", ElementKind::kStock), Element("Requests", ElementKind::kFlow)},
      nullptr);
  EXPECT_EQ(Bound(map, "request_queue"), "Request Queue");
  EXPECT_EQ(Bound(map, "requests"), "Requests");
}

TEST(ConceptMapTest, NearTypoBindsAsSimilar) {
  ConceptMap map = ConceptMap::Match({MakeConcept("latency", {"response time"})},
                                     {Element("Responce Time", ElementKind::kAuxiliary)}, nullptr);
  EXPECT_EQ(Bound(map, "latency"), "Responce Time");
  EXPECT_EQ(map.Find("latency")->kind, ConceptMatchKind::kSimilar);
}

// A near typo is a letter wrong in a long word, not another short word:
// "req_done" (request done) is no "request drops".
TEST(ConceptMapTest, ANearTypoDoesNotSwapAShortWord) {
  ConceptMap map = ConceptMap::Match({MakeConcept("dropped", {"request drops"})},
                                     {Element("req_done", ElementKind::kFlow)}, nullptr);
  EXPECT_EQ(Bound(map, "dropped"), "<none>");
  map = ConceptMap::Match({MakeConcept("dropped", {"request drops"})},
                          {Element("requst drops", ElementKind::kFlow)}, nullptr);
  EXPECT_EQ(Bound(map, "dropped"), "requst drops");
}

// "rq" is the request queue, as "q" is the queue.
TEST(ConceptMapTest, RqIsTheRequestQueue) {
  ConceptMap map = ConceptMap::Match(
      {MakeConcept("request_queue", {"request queue", "queue depth"}, {ElementKind::kStock})},
      {Element("rq_depth", ElementKind::kStock)}, nullptr);
  EXPECT_EQ(Bound(map, "request_queue"), "rq_depth");
}

TEST(ConceptMapTest, AmbiguousMatchNamesTheCandidates) {
  Concept queue = MakeConcept("request_queue", {"queue"});
  queue.description = "the request queue";
  ConceptMap map = ConceptMap::Match(
      {queue},
      {Element("API Queue", ElementKind::kStock), Element("DB Queue", ElementKind::kStock)},
      nullptr);
  EXPECT_EQ(map.Find("request_queue")->kind, ConceptMatchKind::kAmbiguous);
  EXPECT_EQ(Bound(map, "request_queue"), "<none>");
  EXPECT_EQ(map.Explain("request_queue"),
            "several elements could be the request queue: 'API Queue' and 'DB Queue'; add "
            "`concept: request_queue` to the one you mean");
}

TEST(ConceptMapTest, PreferredKindBreaksATie) {
  ConceptMap map = ConceptMap::Match(
      {MakeConcept("request_queue", {"queue"}, {ElementKind::kStock})},
      {Element("Queue Drain", ElementKind::kFlow), Element("Queue Depth", ElementKind::kStock)},
      nullptr);
  EXPECT_EQ(Bound(map, "request_queue"), "Queue Depth");
}

TEST(ConceptMapTest, MissingConceptSuggestsTheClosestNames) {
  Concept queue = MakeConcept("request_queue", {"request queue", "queue"});
  queue.description = "the request queue";
  ConceptMap map = ConceptMap::Match(
      {queue},
      {Element("Request Backlog", ElementKind::kStock), Element("Pods", ElementKind::kConstant)},
      nullptr);
  EXPECT_EQ(map.Find("request_queue")->kind, ConceptMatchKind::kMissing);
  EXPECT_EQ(map.Explain("request_queue"),
            "no element matches the request queue; did you mean 'Request Backlog'? If so, add "
            "`concept: request_queue` to it");
}

TEST(ConceptMapTest, MissingConceptWithNothingCloseSaysHowToTag) {
  ConceptMap map = ConceptMap::Match({MakeConcept("cache_entries", {})},
                                     {Element("Pods", ElementKind::kConstant)}, nullptr);
  EXPECT_EQ(map.Explain("cache_entries"),
            "no element matches concept 'cache_entries' (add `concept: cache_entries` to the "
            "element you mean)");
}

TEST(ConceptMapTest, ADocOrUnitsBindingSaysWhichOfThemNamedIt) {
  NamedElement by_units = Element("Repliki", ElementKind::kStock);
  by_units.units = "replicas";
  NamedElement by_doc = Element("Kolejka", ElementKind::kStock);
  by_doc.doc = "request queue, at most 10000";
  ConceptMap map = ConceptMap::Match(
      {MakeConcept("pods", {"replicas"}), MakeConcept("queue", {"request queue"})},
      {by_units, by_doc}, nullptr);
  EXPECT_EQ(Bound(map, "pods"), "Repliki");
  EXPECT_EQ(map.Find("pods")->reason, "its units are \"replicas\"");
  EXPECT_EQ(Bound(map, "queue"), "Kolejka");
  EXPECT_EQ(map.Find("queue")->reason, "its doc says \"request queue, at most 10000\"");
}

TEST(ConceptMapTest, EachElementBindsAtMostOneConcept) {
  ConceptMap map =
      ConceptMap::Match({MakeConcept("queue_a", {"queue"}), MakeConcept("queue_b", {"queue"})},
                        {Element("Queue", ElementKind::kStock)}, nullptr);
  EXPECT_EQ(Bound(map, "queue_a"), "Queue");
  EXPECT_EQ(Bound(map, "queue_b"), "<none>");
}

TEST(ConceptMapTest, TwoElementsTaggedWithOneConceptAreAmbiguous) {
  ConceptMap map = ConceptMap::Match(
      {MakeConcept("load", {})},
      {Element("A", std::nullopt, "load"), Element("B", std::nullopt, "load")}, nullptr);
  EXPECT_EQ(map.Find("load")->kind, ConceptMatchKind::kAmbiguous);
  EXPECT_EQ(map.Find("load")->candidates.size(), 2u);
}

TEST(CausalGraphElementsTest, ListsTheGraphsVariablesWithTheirTags) {
  CausalLoopDiagram diagram;
  CldVariable load;
  load.name = "Load";
  load.concept_id = "load";
  diagram.variables.push_back(load);
  CldLinkText link;
  link.from = "load";
  link.to = "Latency";
  link.polarity = "+";
  diagram.links.push_back(link);
  link.from = "Latency";
  link.to = "Retries";
  diagram.links.push_back(link);
  Diagnostics diagnostics;
  std::vector<NamedElement> elements = CausalGraphElements(BuildCausalGraph(diagram, diagnostics));
  ASSERT_EQ(elements.size(), 3u);
  EXPECT_EQ(elements[0].name, "Load");
  EXPECT_EQ(elements[0].concept_tag, "load");
  EXPECT_EQ(elements[1].name, "Latency");
  EXPECT_EQ(elements[2].name, "Retries");
}

StockFlowModel CappedQueue() {
  StockFlowModel model;
  Stock queue;
  queue.name = "Request Queue";
  queue.max = 100;
  model.stocks.push_back(queue);
  return model;
}

TEST(StockFlowElementsTest, OffersTheOverflowSeriesOfCappedStocks) {
  std::vector<NamedElement> elements = StockFlowElements(CappedQueue());
  ASSERT_EQ(elements.size(), 2u);
  EXPECT_EQ(elements[1].name, "Request Queue overflow");
  EXPECT_TRUE(elements[1].overflow_series);
  ConceptMap map =
      ConceptMap::Match({MakeConcept("dropped", {"overflow", "dropped"})}, elements, nullptr);
  EXPECT_EQ(Bound(map, "dropped"), "Request Queue overflow");
}

// ---- Roles: a small model as elements and what each reads.
//   0 Hot Set (stock) <- 1 Fills (inflow); 2 Drains (outflow)
//   3 Hit Rate reads 0;  4 Timeout Fraction reads 5 Latency; 5 Latency reads 3
//   6 Waiting Line (stock) <- 7 Arrivals (inflow) reads 8 Users (exogenous)
struct RoleModel {
  std::vector<NamedElement> elements;
  ElementGraph graph;
};

RoleModel MakeRoleModel() {
  RoleModel model;
  auto add = [&](std::string name, ElementKind kind, std::vector<int> inputs) {
    model.elements.push_back(Element(std::move(name), kind));
    ElementFacts facts;
    facts.inputs = std::move(inputs);
    facts.stock = kind == ElementKind::kStock;
    model.graph.facts.push_back(facts);
  };
  add("Hot Set", ElementKind::kStock, {1});
  add("Fills", ElementKind::kFlow, {3});
  add("Drains", ElementKind::kFlow, {0});
  add("Hit Rate", ElementKind::kAuxiliary, {0});
  add("Timeout Fraction", ElementKind::kAuxiliary, {5});
  add("Latency", ElementKind::kAuxiliary, {3, 6});
  add("Waiting Line", ElementKind::kStock, {7});
  add("Arrivals", ElementKind::kFlow, {8});
  add("Users", ElementKind::kConstant, {});
  model.graph.facts[0].inflows = {1};
  model.graph.facts[0].outflows = {2};
  model.graph.facts[6].inflows = {7};
  model.graph.facts[8].exogenous = true;
  model.graph.facts[8].min = model.graph.facts[8].max = 1000;
  return model;
}

Concept WithRole(Concept concept_def, ConceptRole role) {
  concept_def.role = std::move(role);
  return concept_def;
}

TEST(ConceptRoleTest, AStockBindsByWhatReadsItUnderTheStudentsOwnName) {
  RoleModel model = MakeRoleModel();
  ConceptRole read_by_hit_rate;
  read_by_hit_rate.feeds = {"hit_rate"};
  read_by_hit_rate.max_steps = 2;
  std::vector<Concept> concepts = {
      WithRole(MakeConcept("cache_entries", {"cache entries", "cache"}, {ElementKind::kStock}),
               read_by_hit_rate),
      MakeConcept("hit_rate", {"hit rate"})};
  concepts[0].description = "the cache entries";
  concepts[1].description = "the cache hit rate";
  ConceptMap map = ConceptMap::Match(concepts, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "cache_entries"), "Hot Set");
  EXPECT_EQ(map.Find("cache_entries")->kind, ConceptMatchKind::kRole);
  EXPECT_EQ(map.Find("cache_entries")->reason,
            "it is a stock and your 'Hit Rate' (the cache hit rate) reads it");
  // Without the model's structure the name alone finds nothing.
  ConceptMap names_only = ConceptMap::Match(concepts, model.elements, nullptr);
  EXPECT_EQ(Bound(names_only, "cache_entries"), "<none>");
}

TEST(ConceptRoleTest, AWeakNameThatContradictsTheRoleDoesNotBind) {
  RoleModel model = MakeRoleModel();
  ConceptRole reads_cache;
  reads_cache.reads = {"cache_entries"};
  reads_cache.max_steps = 2;
  std::vector<Concept> concepts = {
      MakeConcept("cache_entries", {"hot set"}),
      WithRole(MakeConcept("hit_fraction", {"fraction"}), reads_cache)};
  concepts[0].description = "the cache entries";
  concepts[1].description = "the hit fraction";
  // "Timeout Fraction" contains the alias "fraction" but reads the cache
  // only three links away (Hot Set -> Hit Rate -> Latency -> it).
  ConceptMap map = ConceptMap::Match(concepts, model.elements, nullptr, &model.graph);
  const ConceptMatch* match = map.Find("hit_fraction");
  ASSERT_NE(match, nullptr);
  ASSERT_EQ(match->rejected.size(), 1u);
  EXPECT_EQ(map.elements()[match->rejected[0].first].name, "Timeout Fraction");
  EXPECT_EQ(match->rejected[0].second,
            "it does not read 'Hot Set' (the cache entries) within 2 links");
  // The element that fits the role binds instead.
  EXPECT_EQ(Bound(map, "hit_fraction"), "Hit Rate");
  EXPECT_EQ(match->kind, ConceptMatchKind::kRole);
}

// "Cache Hit Fraction" holds the stock's alias "cache", but it is no stock:
// claimed first by the stock concept, it would be undone by its kind and
// never reach the hit rate it names, and neither concept would bind.
TEST(ConceptRoleTest, AWeakNameOfTheWrongKindIsLeftForTheConceptItNames) {
  std::vector<NamedElement> elements = {Element("Warm Keys", ElementKind::kStock),
                                        Element("Cache Hit Fraction", ElementKind::kAuxiliary)};
  ElementGraph graph;
  graph.facts.resize(2);
  graph.facts[0].stock = true;
  graph.facts[1].inputs = {0};
  ConceptRole feeds_hit_rate;
  feeds_hit_rate.feeds = {"hit_rate"};
  feeds_hit_rate.max_steps = 2;
  ConceptRole reads_cache;
  reads_cache.reads = {"cache_entries"};
  reads_cache.max_steps = 2;
  std::vector<Concept> concepts = {
      WithRole(MakeConcept("cache_entries", {"cache"}, {ElementKind::kStock}), feeds_hit_rate),
      WithRole(MakeConcept("hit_rate", {"hit fraction"}, {ElementKind::kAuxiliary}), reads_cache)};
  ConceptMap map = ConceptMap::Match(concepts, elements, nullptr, &graph);
  EXPECT_EQ(Bound(map, "hit_rate"), "Cache Hit Fraction");
  EXPECT_EQ(Bound(map, "cache_entries"), "Warm Keys");
}

TEST(ConceptRoleTest, AnExactAliasIsNeverUndoneByItsRole) {
  RoleModel model = MakeRoleModel();
  ConceptRole reads_cache;
  reads_cache.reads = {"cache_entries"};
  reads_cache.max_steps = 1;
  std::vector<Concept> concepts = {
      MakeConcept("cache_entries", {"hot set"}),
      WithRole(MakeConcept("timeouts", {"timeout fraction"}), reads_cache)};
  ConceptMap map = ConceptMap::Match(concepts, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "timeouts"), "Timeout Fraction");
}

TEST(ConceptRoleTest, TiedNamesAreSettledByRoleAndExogenousDrivers) {
  RoleModel model = MakeRoleModel();
  ConceptRole driver;
  driver.exogenous = true;
  driver.low = 10;
  driver.high = 1e6;
  // "users" and "arrivals" are both aliases; only Users is an external driver.
  std::vector<Concept> concepts = {
      WithRole(MakeConcept("user_traffic", {"users", "arrivals"}), driver)};
  ConceptMap map = ConceptMap::Match(concepts, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "user_traffic"), "Users");
}

TEST(ConceptRoleTest, SeveralElementsFittingARoleStayAmbiguous) {
  RoleModel model = MakeRoleModel();
  ConceptRole any_stock_fed_by_a_flow;
  any_stock_fed_by_a_flow.reads = {"inflow_concept"};
  // Both stocks read a flow, but only one flow is bound: Fills.
  std::vector<Concept> concepts = {
      MakeConcept("inflow_concept", {"fills"}),
      WithRole(MakeConcept("stock_concept", {"zzz"}, {ElementKind::kStock}),
               any_stock_fed_by_a_flow)};
  ConceptMap map = ConceptMap::Match(concepts, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "stock_concept"), "Hot Set");
  // With a relation both stocks meet, the role cannot choose.
  ConceptRole fed = any_stock_fed_by_a_flow;
  fed.reads = {"inflow_concept", "arrivals_concept"};
  concepts = {MakeConcept("inflow_concept", {"fills"}),
              MakeConcept("arrivals_concept", {"arrivals"}),
              WithRole(MakeConcept("stock_concept", {"zzz"}, {ElementKind::kStock}), fed)};
  map = ConceptMap::Match(concepts, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "stock_concept"), "<none>");
}

TEST(ConceptFigureTest, TheLabsNumberBindsTheOneElementThatHasIt) {
  RoleModel model = MakeRoleModel();
  model.graph.facts[6].capacity = 10000;  // Waiting Line has max: 10000
  model.graph.facts[0].initial = 100000;  // Hot Set starts at 100000
  model.graph.facts[6].initial = 0;
  Concept queue = MakeConcept("request_queue", {"request queue"}, {ElementKind::kStock});
  queue.figure_capacity = 10000;
  Concept cache = MakeConcept("cache_entries", {"cache entries"}, {ElementKind::kStock});
  cache.figure_initial = 100000;
  ConceptMap map = ConceptMap::Match({queue, cache}, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "request_queue"), "Waiting Line");
  EXPECT_EQ(map.Find("request_queue")->kind, ConceptMatchKind::kFigure);
  EXPECT_EQ(map.Find("request_queue")->reason, "its `max:` is 10000, the lab's figure for it");
  EXPECT_EQ(Bound(map, "cache_entries"), "Hot Set");
  EXPECT_EQ(map.Find("cache_entries")->reason, "it starts at 100000, the lab's figure for it");
  // Two stocks with the number: neither binds by it.
  model.graph.facts[6].initial = 100000;
  map = ConceptMap::Match({cache}, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "cache_entries"), "<none>");
}

TEST(ConceptFigureTest, TheLabsNumberTakesAnElementFromAWeakName) {
  RoleModel model = MakeRoleModel();
  model.elements[6].name = "Antrian Requests";  // holds "requests", an alias word of the load
  model.graph.facts[6].capacity = 10000;
  Concept queue = MakeConcept("request_queue", {"request queue"}, {ElementKind::kStock});
  queue.figure_capacity = 10000;
  Concept load = MakeConcept("load", {"requests"});
  ConceptMap map = ConceptMap::Match({load, queue}, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "request_queue"), "Antrian Requests");
  EXPECT_EQ(Bound(map, "load"), "<none>");
}

TEST(ConceptFigureTest, TheSameNumberAlongAChainBindsTheLastAndTheKindMustFit) {
  RoleModel model = MakeRoleModel();
  // Users (a constant, 1000) feeds Arrivals (a flow, 1000 at the start).
  model.graph.facts[8].initial = 1000;
  model.graph.facts[7].initial = 1000;
  Concept traffic = MakeConcept("user_traffic", {"user traffic"});
  traffic.figure_initial = 1000;
  ConceptMap map = ConceptMap::Match({traffic}, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "user_traffic"), "Arrivals");
  // Only constants allowed: the constant.
  traffic.kinds = {ElementKind::kConstant};
  map = ConceptMap::Match({traffic}, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "user_traffic"), "Users");
}

TEST(ConceptRoleTest, UnitsOfTimeBindALatencyNamedInAnotherLanguage) {
  RoleModel model = MakeRoleModel();
  model.elements[5].name = "Vertraging";  // Dutch for delay; Latency reads Hit Rate
  model.elements[5].units = "seconds";
  model.elements[4].units = "";  // Timeout Fraction reads Vertraging, so it reads Hit Rate too
  ConceptRole role;
  role.reads = {"hit_rate"};
  role.max_steps = 3;
  role.units = {"seconds", "s", "ms"};
  std::vector<Concept> concepts = {WithRole(MakeConcept("latency", {"latency"}), role),
                                   MakeConcept("hit_rate", {"hit rate"})};
  ConceptMap map = ConceptMap::Match(concepts, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "latency"), "Vertraging");
  EXPECT_NE(map.Find("latency")->reason.find("its units are seconds"), std::string::npos)
      << map.Find("latency")->reason;
  // Units that are no unit of time break the role: nothing binds.
  model.elements[5].units = "requests";
  map = ConceptMap::Match(concepts, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "latency"), "<none>");
}

// A stock bound by its doc ("requests waiting for a free pod" mentions a
// pod) gives the concept up to the one stock with the lab's number.
TEST(ConceptFigureTest, AWeakNameOfTheConceptItselfGivesWayToTheLabsNumber) {
  RoleModel model = MakeRoleModel();
  model.elements[6].doc = "requests waiting for a free pod";
  model.graph.facts[6].initial = 0;
  model.graph.facts[0].initial = 15;  // Hot Set stands in for the pods here
  Concept pods = MakeConcept("pods", {"pod"}, {ElementKind::kStock});
  pods.figure_initial = 15;
  ConceptMap map = ConceptMap::Match({pods}, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "pods"), "Hot Set");
  EXPECT_EQ(map.Find("pods")->kind, ConceptMatchKind::kFigure);
  // When the element its doc names has the number, the doc binding stays.
  model.graph.facts[6].initial = 15;
  map = ConceptMap::Match({pods}, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "pods"), "Waiting Line");
  EXPECT_EQ(map.Find("pods")->kind, ConceptMatchKind::kDoc);
}

// A doc that names two concepts binds the one it names first.
TEST(ConceptMapTest, ADocBindsTheConceptItNamesFirst) {
  std::vector<NamedElement> elements = {Element("Majaribio tena", ElementKind::kAuxiliary)};
  elements[0].doc = "retries req/s";
  ConceptMap map = ConceptMap::Match(
      {MakeConcept("load", {"requests"}), MakeConcept("retries", {"retries"})}, elements, nullptr);
  EXPECT_EQ(Bound(map, "retries"), "Majaribio tena");
  EXPECT_EQ(Bound(map, "load"), "<none>");
}

// Without units, a latency binds by role only when it reads much of what
// the role lists: one relation is not enough.
TEST(ConceptRoleTest, ALatencyWithoutUnitsBindsWhenItReadsThreeListedConcepts) {
  RoleModel model = MakeRoleModel();
  model.elements[5].name = "Latencija";  // reads Hit Rate (3) and Waiting Line (6)
  ConceptRole role;
  role.reads = {"hit_rate", "queue"};
  role.max_steps = 3;
  role.units = {"seconds", "s", "ms"};
  std::vector<Concept> concepts = {WithRole(MakeConcept("latency", {"latency"}), role),
                                   MakeConcept("hit_rate", {"hit rate"}),
                                   MakeConcept("queue", {"waiting line"}, {ElementKind::kStock})};
  ConceptMap map = ConceptMap::Match(concepts, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "latency"), "<none>");  // reaches two of the listed concepts
  role.reads = {"hit_rate", "queue", "cache"};
  concepts[0] = WithRole(MakeConcept("latency", {"latency"}), role);
  concepts.push_back(MakeConcept("cache", {"hot set"}, {ElementKind::kStock}));
  map = ConceptMap::Match(concepts, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "latency"), "Latencija");  // the hit rate reads the cache: three
}

TEST(ConceptRoleTest, AConstantOrAStockCannotFillARoleThatReadsOrFlows) {
  RoleModel model = MakeRoleModel();
  model.elements[8].name = "Client Timeout";  // a constant, exactly an alias
  ConceptRole reads_latency;
  reads_latency.reads = {"latency"};
  std::vector<Concept> concepts = {
      WithRole(MakeConcept("timeouts", {"client timeout"}), reads_latency),
      MakeConcept("latency", {"latency"})};
  ConceptMap map = ConceptMap::Match(concepts, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "timeouts"), "Timeout Fraction");
  ASSERT_FALSE(map.Find("timeouts")->rejected.empty());
  EXPECT_EQ(map.Find("timeouts")->rejected[0].second, "it is a constant, which reads nothing");
  // A stock named like an outflow is not the outflow.
  model.elements[6].name = "Expired Keys";
  ConceptRole drains;
  drains.outflow_of = "cache_entries";
  concepts = {WithRole(MakeConcept("cache_expiry", {"expired keys", "drains"}), drains),
              MakeConcept("cache_entries", {"hot set"}, {ElementKind::kStock})};
  map = ConceptMap::Match(concepts, model.elements, nullptr, &model.graph);
  EXPECT_EQ(Bound(map, "cache_expiry"), "Drains");
}

TEST(ElementGraphTest, GoingThroughAStockCostsThreeLinks) {
  RoleModel model = MakeRoleModel();
  // Fills -> Hot Set: 1 link; Fills -> Hot Set -> Hit Rate: 1 + 3.
  EXPECT_EQ(model.graph.PathLength(1, 0, 5), 1);
  EXPECT_EQ(model.graph.PathLength(1, 3, 5), 4);
  EXPECT_EQ(model.graph.PathLength(1, 3, 3), -1);
  // Hot Set -> Hit Rate starts at the stock: 1 link.
  EXPECT_EQ(model.graph.PathLength(0, 3, 1), 1);
  // An outflow carries nothing into its stock.
  EXPECT_EQ(model.graph.PathLength(2, 0, 5), -1);
  EXPECT_EQ(model.graph.Path(8, 6, 5), (std::vector<int>{8, 7, 6}));
}

}  // namespace
}  // namespace sdlab

namespace sdlab {
namespace {

TEST(SplitNameUnitsTest, ABracketedTailOrAUnitWordIsTheUnit) {
  auto split = [](const char* name) {
    const NameUnits parts = SplitNameUnits(name);
    return parts.base + "|" + parts.units;
  };
  EXPECT_EQ(split("Latency (ms)"), "Latency|ms");
  EXPECT_EQ(split("Antrian (req)"), "Antrian|req");
  EXPECT_EQ(split("Queue [requests]"), "Queue|requests");
  EXPECT_EQ(split("Latensi ms"), "Latensi|ms");
  EXPECT_EQ(split("wait_time_s"), "wait_time|s");
  EXPECT_EQ(split("db-latency-seconds"), "db-latency|seconds");
  // A last word that is no unit of time or rate stays part of the name.
  EXPECT_EQ(split("Cache keys"), "Cache keys|");
  EXPECT_EQ(split("Hit rate"), "Hit rate|");
  EXPECT_EQ(split("ms"), "ms|");
  EXPECT_EQ(split("(ms)"), "(ms)|");
}

}  // namespace
}  // namespace sdlab
