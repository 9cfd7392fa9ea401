#include "core/model_loops.h"

#include <gtest/gtest.h>

#include "core/names.h"
#include "loop_fixtures.h"

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

}  // namespace
}  // namespace sdlab
