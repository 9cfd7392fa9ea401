#include "core/loops/model_loops.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "core/engine/simulator.h"
#include "core/loops/loop_finder.h"
#include "core/names.h"
#include "loop_fixtures.h"
#include "model_builder.h"

namespace sdlab {
namespace {

// ---- Diagram vs model, on model graphs built by hand ----

struct ModelLink {
  const char* from;
  const char* to;
  LinkPolarity polarity;
};

ModelCausalGraph HandModel(const std::vector<std::pair<std::string, std::string>>& elements,
                           const std::vector<ModelLink>& links) {
  ModelCausalGraph model;
  for (const auto& [name, concept_id] : elements) {
    model.graph.variables.push_back(
        CausalVariable{name, NormalizeName(name), concept_id, Location{}, true});
    model.element_of_variable.push_back(static_cast<int>(model.element_of_variable.size()));
  }
  for (const ModelLink& link : links) {
    CausalLink causal;
    causal.from = model.graph.FindVariable(link.from);
    causal.to = model.graph.FindVariable(link.to);
    causal.polarity = link.polarity;
    model.graph.links.push_back(causal);
    model.evidence.push_back(PolarityEvidence::kSymbolic);
    model.reason.push_back("");
  }
  return model;
}

// Pods raise capacity, capacity raises processing (the queue's outflow),
// and the queue makes latency: more pods, less latency.
ModelCausalGraph PodsModel() {
  return HandModel({{"Pods", "pods"},
                    {"Capacity", ""},
                    {"Processing", ""},
                    {"Queue", ""},
                    {"Latency", ""},
                    {"Arrivals", ""}},
                   {{"Pods", "Capacity", LinkPolarity::kPositive},
                    {"Capacity", "Processing", LinkPolarity::kPositive},
                    {"Processing", "Queue", LinkPolarity::kNegative},
                    {"Arrivals", "Queue", LinkPolarity::kPositive},
                    {"Queue", "Latency", LinkPolarity::kPositive},
                    {"Queue", "Processing", LinkPolarity::kUnknown}});
}

std::vector<std::string> Compare(const CausalLoopDiagram& diagram, const ModelCausalGraph& model,
                                 std::vector<LinkContradiction>* out = nullptr) {
  Diagnostics build("answer.yaml");
  CausalGraph graph = BuildCausalGraph(diagram, build);
  Diagnostics diagnostics("answer.yaml");
  std::vector<LinkContradiction> contradictions =
      CompareDiagramWithModel(graph, model, diagnostics);
  if (out != nullptr) *out = contradictions;
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics.items()) lines.push_back(FormatDiagnosticLine(d));
  return lines;
}

TEST(CompareDiagramWithModel, ReportsADiagramLinkWhoseSignTheModelContradicts) {
  std::vector<LinkContradiction> contradictions;
  EXPECT_EQ(Compare(testing::Diagram({"Pods -> Latency (+)"}), PodsModel(), &contradictions),
            (std::vector<std::string>{
                "answer.yaml:1:7: warning: your diagram says Pods -> Latency is +, but in your "
                "model a rise in Pods lowers Latency (Pods -(+)-> Capacity -(+)-> Processing "
                "-(-)-> Queue -(+)-> Latency)"}));
  ASSERT_EQ(contradictions.size(), 1u);
  EXPECT_EQ(contradictions[0].kind, LinkContradiction::Kind::kOppositeSign);
  EXPECT_EQ(contradictions[0].model_polarity, LinkPolarity::kNegative);
  EXPECT_EQ(contradictions[0].model_path.size(), 4u);
}

TEST(CompareDiagramWithModel, AgreesWhenTheSignsMatch) {
  EXPECT_TRUE(
      Compare(testing::Diagram({"Pods -> Latency (-)", "Arrivals -> Latency (+)"}), PodsModel())
          .empty());
}

TEST(CompareDiagramWithModel, MatchesVariablesByConceptWhenNamesDiffer) {
  CausalLoopDiagram diagram = testing::Diagram({"Server Count -> Latency (+)"});
  CldVariable servers;
  servers.name = "Server Count";
  servers.concept_id = "pods";
  diagram.variables.push_back(servers);
  EXPECT_EQ(Compare(diagram, PodsModel()).size(), 1u);
}

TEST(CompareDiagramWithModel, ReportsALinkTheModelDoesNotHaveAtAll) {
  std::vector<LinkContradiction> contradictions;
  EXPECT_EQ(Compare(testing::Diagram({"Latency -> Pods (+)"}), PodsModel(), &contradictions),
            (std::vector<std::string>{"answer.yaml:1:7: warning: your diagram says Latency -> "
                                      "Pods, but in your model Latency does not affect Pods"}));
  EXPECT_EQ(contradictions[0].kind, LinkContradiction::Kind::kNoInfluence);
}

TEST(CompareDiagramWithModel, AcceptsADiagramLinkThatShortcutsItsOwnChain) {
  // The model reaches Latency from Pods only through Queue, which the diagram
  // names too: the diagram's Pods -> Latency is a shortcut, not a mistake.
  EXPECT_TRUE(Compare(testing::Diagram(
                          {"Pods -> Queue (-)", "Queue -> Latency (+)", "Pods -> Latency (-)"}),
                      PodsModel())
                  .empty());
}

TEST(CompareDiagramWithModel, ClaimsNothingWhenTheModelPathHasAnUnknownLink) {
  // Queue -> Processing is unknown in the model: no contradiction either way.
  EXPECT_TRUE(Compare(testing::Diagram({"Queue -> Processing (+)"}), PodsModel()).empty());
  EXPECT_TRUE(Compare(testing::Diagram({"Queue -> Processing (-)"}), PodsModel()).empty());
}

TEST(CompareDiagramWithModel, IgnoresVariablesTheModelDoesNotHave) {
  EXPECT_TRUE(Compare(testing::Diagram({"Morale -> Latency (+)"}), PodsModel()).empty());
}

// ---- The model's causal graph, from compiled and simulated models ----

using testing::ModelBuilder;

struct Analysed {
  std::optional<Model> model;
  Run run;
  ModelCausalGraph graph;
  LoopSearchResult loops;
};

// Compiles, runs (unless `simulate` is false) and builds the causal graph.
std::unique_ptr<Analysed> Analyse(const StockFlowModel& spec, bool simulate = true) {
  auto analysed = std::make_unique<Analysed>();
  analysed->model = testing::CompileOrFail(spec);
  if (!analysed->model) return analysed;
  bool ran = false;
  if (simulate) {
    Diagnostics diagnostics("model.yaml");
    ran = Simulate(*analysed->model, {}, &analysed->run, diagnostics);
    EXPECT_TRUE(ran) << testing::DiagnosticLines(diagnostics);
  }
  analysed->graph = BuildModelCausalGraph(*analysed->model, ran ? &analysed->run : nullptr, &spec);
  analysed->loops = FindLoops(analysed->graph.graph);
  return analysed;
}

// "From -(s)-> To [evidence]" for every link of the model graph.
std::vector<std::string> LinkLines(const ModelCausalGraph& graph) {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < graph.graph.links.size(); ++i) {
    const CausalLink& link = graph.graph.links[i];
    lines.push_back(graph.graph.variables[static_cast<std::size_t>(link.from)].name + " -(" +
                    PolaritySymbol(link.polarity) + ")-> " +
                    graph.graph.variables[static_cast<std::size_t>(link.to)].name + " [" +
                    PolarityEvidenceName(graph.evidence[i]) + "]");
  }
  return lines;
}

std::vector<std::string> LoopLines(const Analysed& analysed) {
  std::vector<std::string> lines;
  for (const Loop& loop : analysed.loops.loops) {
    lines.push_back(std::string(LoopPolarityLetter(loop.polarity)) + " " +
                    LoopPathText(analysed.graph.graph, loop));
  }
  return lines;
}

TEST(BuildModelCausalGraph, AStockDrainedInProportionIsABalancingLoop) {
  auto analysed = Analyse(ModelBuilder()
                              .Sim(0, 20, 1)
                              .Stock("Water", "100")
                              .Flow("Drain", "water / drain_time", "Water")
                              .Constant("Drain Time", 10)
                              .Build());
  EXPECT_EQ(LinkLines(analysed->graph), (std::vector<std::string>{
                                            "Drain -(-)-> Water [stock-flow]",
                                            "Water -(+)-> Drain [symbolic]",
                                            "Drain Time -(-)-> Drain [symbolic]",
                                        }));
  EXPECT_EQ(LoopLines(*analysed), (std::vector<std::string>{"B Drain -(-)-> Water -(+)-> Drain"}));
}

TEST(BuildModelCausalGraph, CompoundGrowthIsAReinforcingLoop) {
  auto analysed = Analyse(ModelBuilder()
                              .Sim(0, 10, 1)
                              .Stock("Population", "10")
                              .Flow("Births", "population * birth_rate", "", "Population")
                              .Constant("Birth Rate", 0.03)
                              .Build());
  EXPECT_EQ(LoopLines(*analysed),
            (std::vector<std::string>{"R Births -(+)-> Population -(+)-> Births"}));
  EXPECT_EQ(analysed->graph.evidence[1], PolarityEvidence::kSymbolic);
  EXPECT_EQ(analysed->graph.reason[1], "Births = population * birth_rate");
}

TEST(BuildModelCausalGraph, MinOfOpposingBranchesIsMixedAlongTheRun) {
  // Growth rises with X while X < 25 and falls after (X passes 25 at
  // t = 16.9): neither + nor -.
  auto analysed = Analyse(ModelBuilder()
                              .Sim(0, 60, 0.5)
                              .Stock("X", "1")
                              .Flow("Growth", "0.2 * MIN(x, 50 - x)", "", "X")
                              .Build());
  ASSERT_EQ(analysed->graph.graph.links.size(), 2u);
  EXPECT_EQ(analysed->graph.evidence[1], PolarityEvidence::kMixed);
  EXPECT_EQ(analysed->graph.graph.links[1].polarity, LinkPolarity::kUnknown);
  EXPECT_EQ(analysed->graph.reason[1], "Growth = 0.2 * MIN(x, 50 - x); + at t=0, - at t=17");
  EXPECT_EQ(LoopLines(*analysed), (std::vector<std::string>{"U Growth -(+)-> X -(?)-> Growth"}));
}

TEST(BuildModelCausalGraph, IfBranchesThatSwitchWithTheVariableAreMixed) {
  auto analysed = Analyse(ModelBuilder()
                              .Sim(0, 60, 0.5)
                              .Stock("X", "1")
                              .Flow("Growth", "IF x < 25 THEN 0.2 * x ELSE 0.2 * (50 - x)", "", "X")
                              .Build());
  EXPECT_EQ(analysed->graph.evidence[1], PolarityEvidence::kMixed);
  EXPECT_EQ(analysed->loops.counts.undetermined, 1u);
}

TEST(BuildModelCausalGraph, MinWhoseBranchesAgreeIsSymbolic) {
  // MIN is non-decreasing in each argument: the processing flow of the
  // course's pipeline drains the queue, a balancing loop.
  auto analysed =
      Analyse(ModelBuilder()
                  .Sim(0, 10, 1)
                  .Stock("Request Queue", "50")
                  .Flow("Processing", "MIN(request_queue / DT, capacity)", "Request Queue")
                  .Constant("Capacity", 40)
                  .Build());
  EXPECT_EQ(LoopLines(*analysed),
            (std::vector<std::string>{"B Processing -(-)-> Request Queue -(+)-> Processing"}));
  EXPECT_EQ(analysed->graph.evidence[1], PolarityEvidence::kSymbolic);
}

TEST(BuildModelCausalGraph, StatefulBuiltinsPassTheirInputThroughButInitDoesNot) {
  auto analysed = Analyse(ModelBuilder()
                              .Sim(0, 20, 1)
                              .Stock("Backlog", "100")
                              .Flow("Work Done", "perceived_backlog / 10", "Backlog")
                              .Aux("Perceived Backlog", "SMTH1(backlog, 4, initial_guess)")
                              .Aux("Target", "INIT(backlog) / 2")
                              .Constant("Initial Guess", 80)
                              .Build());
  EXPECT_EQ(LinkLines(analysed->graph), (std::vector<std::string>{
                                            "Work Done -(-)-> Backlog [stock-flow]",
                                            "Perceived Backlog -(+)-> Work Done [symbolic]",
                                            "Backlog -(+)-> Perceived Backlog [symbolic]",
                                        }));
  EXPECT_EQ(LoopLines(*analysed),
            (std::vector<std::string>{
                "B Backlog -(+)-> Perceived Backlog -(+)-> Work Done -(-)-> Backlog"}));
}

TEST(BuildModelCausalGraph, ALookupsSlopeIsReadFromTheRun) {
  auto analysed = Analyse(ModelBuilder()
                              .Sim(0, 30, 1)
                              .Stock("Queue", "10")
                              .Flow("Dropped", "queue * drop_share(queue / 100)", "Queue")
                              .Lookup("Drop Share", {{0, 0}, {1, 0.5}, {2, 1}})
                              .Build());
  EXPECT_EQ(LinkLines(analysed->graph), (std::vector<std::string>{
                                            "Dropped -(-)-> Queue [stock-flow]",
                                            "Queue -(+)-> Dropped [sampled]",
                                        }));
}

TEST(BuildModelCausalGraph, WithoutARunUnsettledLinksAreUnknown) {
  auto analysed = Analyse(ModelBuilder()
                              .Sim(0, 30, 1)
                              .Stock("Queue", "10")
                              .Flow("Dropped", "queue * drop_share(queue / 100)", "Queue")
                              .Lookup("Drop Share", {{0, 0}, {1, 0.5}, {2, 1}})
                              .Build(),
                          /*simulate=*/false);
  EXPECT_EQ(analysed->graph.evidence[1], PolarityEvidence::kNotSampled);
  EXPECT_EQ(analysed->graph.graph.links[1].polarity, LinkPolarity::kUnknown);
}

TEST(BuildModelCausalGraph, ThresholdsAndSwitchesAreMonotoneInTheirCondition) {
  // More queue (or a breaker switched on) can only turn sending off: the
  // step is never seen by a small nudge, but its direction is certain.
  auto analysed =
      Analyse(ModelBuilder()
                  .Sim(0, 10, 1)
                  .Stock("Queue", "10")
                  .Flow("Sent", "IF breaker > 0.5 AND queue > 50 THEN 0 ELSE 5", "", "Queue")
                  .Constant("Breaker", 0)
                  .Build());
  EXPECT_EQ(LinkLines(analysed->graph), (std::vector<std::string>{
                                            "Sent -(+)-> Queue [stock-flow]",
                                            "Queue -(-)-> Sent [symbolic]",
                                            "Breaker -(-)-> Sent [symbolic]",
                                        }));
}

TEST(BuildModelCausalGraph, AnInputThatNeverMattersInTheRunHasNoEffect) {
  // The wobble is switched off (0): the queue changes nothing in this run,
  // while the switch itself acts both ways as SIN changes sign.
  auto analysed = Analyse(ModelBuilder()
                              .Sim(0, 10, 1)
                              .Stock("Queue", "10")
                              .Flow("Sent", "5 + wobble * SIN(queue / 10)", "", "Queue")
                              .Constant("Wobble", 0)
                              .Build());
  EXPECT_EQ(LinkLines(analysed->graph), (std::vector<std::string>{
                                            "Sent -(+)-> Queue [stock-flow]",
                                            "Queue -(?)-> Sent [no effect]",
                                            "Wobble -(?)-> Sent [mixed]",
                                        }));
}

TEST(BuildModelCausalGraph, TakesATermsSignFromTheRunWhenTheEquationsCannotTell) {
  auto analysed = Analyse(ModelBuilder()
                              .Sim(0, 10, 1)
                              .Stock("Queue", "10")
                              .Flow("Served", "queue * speed", "Queue")
                              .Aux("Speed", "(2 + SIN(TIME)) / 10")
                              .Build());
  ASSERT_EQ(analysed->graph.graph.links.size(), 3u);
  EXPECT_EQ(analysed->graph.evidence[1], PolarityEvidence::kSampled);
  EXPECT_EQ(analysed->graph.reason[1],
            "Served = queue * speed; the signs of its terms along the run");
  EXPECT_EQ(LoopLines(*analysed), (std::vector<std::string>{"B Queue -(+)-> Served -(-)-> Queue"}));
}

TEST(BuildModelCausalGraph, CarriesConceptBindingsFromTheModelAsWritten) {
  StockFlowModel spec = ModelBuilder()
                            .Sim(0, 5, 1)
                            .Stock("Replicas", "2")
                            .Flow("Scale Up", "1", "", "Replicas")
                            .Build();
  spec.stocks[0].concept_id = "pods";
  auto analysed = Analyse(spec);
  EXPECT_EQ(analysed->graph.graph.variables[0].concept_id, "pods");
  CausalLoopDiagram diagram = testing::Diagram({"Pods -> Scale Up (+)"});
  CldVariable pods;
  pods.name = "Pods";
  pods.concept_id = "pods";
  diagram.variables.push_back(pods);
  Diagnostics diagnostics("answer.yaml");
  CausalGraph graph = BuildCausalGraph(diagram, diagnostics);
  EXPECT_EQ(MatchDiagramToModel(graph, analysed->graph), (std::vector<int>{0, 1}));
}

TEST(CompareDiagramWithModel, ReadsTheModelsPolarityFromItsEquations) {
  StockFlowModel spec = ModelBuilder()
                            .Sim(0, 10, 1)
                            .Stock("Request Queue", "50")
                            .Flow("Arrivals", "100", "", "Request Queue")
                            .Flow("Processing", "MIN(request_queue, pods * 20)", "Request Queue")
                            .Aux("Latency", "request_queue / MAX(pods * 20, 1)")
                            .Constant("Pods", 3)
                            .Build();
  auto analysed = Analyse(spec);
  std::vector<LinkContradiction> contradictions;
  EXPECT_EQ(Compare(testing::Diagram({"Pods -> Latency (+)", "Request Queue -> Latency (+)"}),
                    analysed->graph, &contradictions),
            (std::vector<std::string>{
                "answer.yaml:1:7: warning: your diagram says Pods -> Latency is +, but in your "
                "model a rise in Pods lowers Latency (Pods -(-)-> Latency)"}));
}

}  // namespace
}  // namespace sdlab
