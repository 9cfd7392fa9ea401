#include "core/diagram/cld_diagram.h"

#include <gtest/gtest.h>

#include <map>

#include "core/diagram/dot_writer.h"
#include "core/diagram/graphviz_adapter.h"
#include "core/loops/loop_finder.h"
#include "loop_fixtures.h"
#include "render_fixtures.h"

namespace sdlab {
namespace {

using testing::ParsedSvg;
using testing::ParseSvg;

struct Checked {
  CausalGraph graph;
  LoopCheckResult loops;
};

Checked Check(const CausalLoopDiagram& diagram) {
  Checked checked;
  Diagnostics diagnostics;
  checked.graph = BuildCausalGraph(diagram, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << FormatDiagnostics(diagnostics, nullptr);
  checked.loops = CheckDeclaredLoops(checked.graph, FindLoops(checked.graph), diagnostics);
  return checked;
}

std::string RenderSvg(const Diagram& diagram) {
  RenderOutput output;
  Diagnostics diagnostics;
  EXPECT_TRUE(RenderDiagram(diagram, ImageFormat::kSvg, &output, diagnostics))
      << FormatDiagnostics(diagnostics, nullptr);
  EXPECT_TRUE(output.graphviz_warnings.empty()) << output.graphviz_warnings.front();
  EXPECT_TRUE(output.crowded_markers.empty()) << output.crowded_markers.front();
  return output.data;
}

ParsedSvg RenderChecked(const Checked& checked, const DiagramAnnotations* annotations = nullptr) {
  return ParseSvg(RenderSvg(BuildCldDiagram(checked.graph, &checked.loops, annotations)));
}

TEST(CldDiagram, DrawsEveryVariableAsPlainText) {
  Checked checked = Check(testing::PartBCausalLoops());
  ParsedSvg svg = RenderChecked(checked);
  ASSERT_TRUE(svg.ok) << svg.error;
  ASSERT_EQ(svg.NodesWithClass("variable").size(), checked.graph.variables.size());
  for (std::size_t i = 0; i < checked.graph.variables.size(); ++i) {
    const testing::SvgGroup* node = svg.Node("v" + std::to_string(i));
    ASSERT_NE(node, nullptr);
    EXPECT_EQ(node->JoinedText(), checked.graph.variables[i].name);
    EXPECT_EQ(node->polygons, 0) << "no box around " << checked.graph.variables[i].name;
  }
}

TEST(CldDiagram, PutsEachLinksSignAtItsArrowhead) {
  Checked checked = Check(testing::PartBCausalLoops());
  ParsedSvg svg = RenderChecked(checked);
  ASSERT_TRUE(svg.ok) << svg.error;
  std::vector<const testing::SvgGroup*> links = svg.EdgesWithClass("link");
  ASSERT_EQ(links.size(), checked.graph.links.size());
  std::map<std::string, int> signs;
  for (const testing::SvgGroup* link : links) {
    ASSERT_EQ(link->texts.size(), 1u) << link->id;
    ++signs[link->texts[0]];
    EXPECT_EQ(link->texts[0], link->HasClass("negative") ? "\u2212" : "+") << link->id;
  }
  int negative = 0;
  for (const CausalLink& link : checked.graph.links) {
    negative += link.polarity == LinkPolarity::kNegative;
  }
  EXPECT_EQ(signs["\u2212"], negative);
  EXPECT_EQ(signs["+"], static_cast<int>(checked.graph.links.size()) - negative);
}

TEST(CldDiagram, MarksEachDelayedLinkAcrossIt) {
  Checked checked = Check(testing::PartBCausalLoops());
  ParsedSvg svg = RenderChecked(checked);
  ASSERT_TRUE(svg.ok) << svg.error;
  ASSERT_EQ(svg.EdgesWithClass("delayed").size(), 1u);
  std::vector<const testing::SvgGroup*> marks = svg.NodesWithClass("delay-mark");
  ASSERT_EQ(marks.size(), 1u);
  const std::string mark = marks[0]->JoinedText();
  EXPECT_TRUE(mark == "\u2016" || mark == "=" || mark == "//" || mark == "\\\\") << mark;
}

TEST(CldDiagram, LabelsEachDeclaredLoopInItsPolarityColour) {
  Checked checked = Check(testing::PartBCausalLoops());
  ParsedSvg svg = RenderChecked(checked);
  ASSERT_TRUE(svg.ok) << svg.error;
  std::vector<const testing::SvgGroup*> markers = svg.NodesWithClass("loop-marker");
  ASSERT_EQ(markers.size(), checked.graph.declared_loops.size());
  std::map<std::string, std::string> expected_colors = {{"R1", kReinforcingColor},
                                                        {"B1", kBalancingColor},
                                                        {"R2", kReinforcingColor},
                                                        {"B2", kBalancingColor}};
  for (std::size_t i = 0; i < checked.graph.declared_loops.size(); ++i) {
    const DeclaredLoop& loop = checked.graph.declared_loops[i];
    const testing::SvgGroup* marker = svg.Node("m" + std::to_string(i));
    ASSERT_NE(marker, nullptr) << loop.id;
    ASSERT_GE(marker->texts.size(), 3u);
    EXPECT_TRUE(marker->texts[0] == "\u21BB" || marker->texts[0] == "\u21BA") << marker->texts[0];
    EXPECT_EQ(marker->texts[1], loop.id);
    EXPECT_EQ(testing::CollapseSpaces(marker->JoinedText().substr(marker->texts[0].size())),
              loop.id + " " + loop.name);
    for (const std::string& color : marker->text_colors) {
      EXPECT_EQ(color, expected_colors[loop.id]) << loop.id;
    }
  }
}

TEST(CldDiagram, ColoursAnUndeterminedLoopGrey) {
  Checked checked = Check(
      testing::Diagram({"A -> B (+)", "B -> A (?)"}, {testing::LoopText("L", "R", {"A", "B"})}));
  ParsedSvg svg = RenderChecked(checked);
  ASSERT_TRUE(svg.ok) << svg.error;
  ASSERT_EQ(svg.NodesWithClass("undetermined").size(), 1u);
  EXPECT_EQ(svg.NodesWithClass("undetermined")[0]->text_colors.at(0), kUndeterminedColor);
  EXPECT_EQ(svg.EdgesWithClass("unknown").at(0)->texts.at(0), "?");
}

TEST(CldDiagram, DrawsAWrongLoopLabelInRedWithTheCorrectOne) {
  // Declared reinforcing, but Pods -> Latency is negative: balancing.
  Checked checked = Check(testing::Diagram({"Latency -> Pods (+)", "Pods -> Latency (-)"},
                                           {testing::LoopText("R1", "R", {"Latency", "Pods"})}));
  DiagramAnnotations annotations = LoopCheckAnnotations(checked.graph, checked.loops);
  ASSERT_EQ(annotations.wrong_loop_labels.size(), 1u);
  EXPECT_EQ(annotations.wrong_loop_labels[0].loop_id, "R1");
  EXPECT_EQ(annotations.wrong_loop_labels[0].correct_type, "B");
  ParsedSvg svg = RenderChecked(checked, &annotations);
  ASSERT_TRUE(svg.ok) << svg.error;
  const testing::SvgGroup* marker = svg.Node("m0");
  ASSERT_NE(marker, nullptr);
  EXPECT_TRUE(marker->HasClass("mislabelled"));
  ASSERT_EQ(marker->texts.size(), 4u);
  EXPECT_EQ(marker->texts[1], "R1");
  EXPECT_EQ(marker->text_colors[1], kErrorColor);
  EXPECT_EQ(marker->text_decorations[1], "line-through");
  EXPECT_EQ(marker->texts[3], "B");
  EXPECT_EQ(marker->text_colors[3], kBalancingColor);
}

TEST(CldDiagram, HighlightsALinkWhoseSignContradictsTheModel) {
  Checked checked = Check(testing::RetryStorm());
  DiagramAnnotations annotations;
  annotations.contradicted_links.push_back({"timeouts", "Retries", "-", ""});
  ParsedSvg svg = RenderChecked(checked, &annotations);
  ASSERT_TRUE(svg.ok) << svg.error;
  std::vector<const testing::SvgGroup*> contradicted = svg.EdgesWithClass("contradicted");
  ASSERT_EQ(contradicted.size(), 1u);
  EXPECT_EQ(contradicted[0]->stroke, kErrorColor);
  EXPECT_EQ(contradicted[0]->JoinedText(), "model: \u2212 +");
  EXPECT_EQ(svg.EdgesWithClass("link").size(), 4u);
}

TEST(CldDiagram, DrawsAnExpectedButMissingLinkDashedAndGrey) {
  Checked checked = Check(testing::RetryStorm());
  DiagramAnnotations annotations;
  annotations.missing_links.push_back({"Timeouts", "Circuit Breaker", "+", ""});
  ParsedSvg svg = RenderChecked(checked, &annotations);
  ASSERT_TRUE(svg.ok) << svg.error;
  std::vector<const testing::SvgGroup*> missing = svg.EdgesWithClass("missing-link");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0]->stroke, kMissingColor);
  EXPECT_FALSE(missing[0]->stroke_dasharray.empty());
  EXPECT_EQ(missing[0]->JoinedText(), "+");
  std::vector<const testing::SvgGroup*> placeholders = svg.NodesWithClass("missing");
  ASSERT_EQ(placeholders.size(), 1u);
  EXPECT_EQ(placeholders[0]->JoinedText(), "Circuit Breaker");
  EXPECT_EQ(placeholders[0]->text_colors.at(0), kMissingColor);
}

TEST(CldDiagram, AnnotatesTheLinksADeclaredPathLacks) {
  Checked checked = Check(testing::Diagram({"A -> B (+)", "B -> C (+)"},
                                           {testing::LoopText("R1", "R", {"A", "B", "C"})}));
  DiagramAnnotations annotations = LoopCheckAnnotations(checked.graph, checked.loops);
  ASSERT_EQ(annotations.missing_links.size(), 1u);
  EXPECT_EQ(annotations.missing_links[0].from, "C");
  EXPECT_EQ(annotations.missing_links[0].to, "A");
  ParsedSvg svg = RenderChecked(checked, &annotations);
  ASSERT_TRUE(svg.ok) << svg.error;
  EXPECT_EQ(svg.EdgesWithClass("missing-link").size(), 1u);
  EXPECT_EQ(svg.NodesWithClass("loop-marker").size(), 1u) << "the declaration still has a label";
}

TEST(CldDiagram, DrawsHostileNamesAsText) {
  Checked checked = Check(testing::Diagram(
      {"<script>alert(1)</script> -> \"a\" & b (+)", "\"a\" & b -> <script>alert(1)</script> (-)"},
      {testing::LoopText("<b>B1</b>", "B", {"<script>alert(1)</script>", "\"a\" & b"})}));
  ASSERT_EQ(checked.graph.variables.size(), 2u);
  ParsedSvg svg = RenderChecked(checked);
  ASSERT_TRUE(svg.ok) << svg.error;
  EXPECT_FALSE(svg.HasElement("script"));
  EXPECT_FALSE(svg.HasElement("b"));
  EXPECT_EQ(svg.Node("v0")->JoinedText(), "<script>alert(1)</script>");
  EXPECT_EQ(svg.Node("v1")->JoinedText(), "\"a\" & b");
  EXPECT_EQ(svg.Node("m0")->texts.at(1), "<b>B1</b>");
}

TEST(CldDiagram, GivesByteIdenticalSvgEachTime) {
  Checked checked = Check(testing::PartBCausalLoops());
  Diagram diagram = BuildCldDiagram(checked.graph, &checked.loops);
  EXPECT_EQ(RenderSvg(diagram), RenderSvg(BuildCldDiagram(checked.graph, &checked.loops)));
}

TEST(CldDiagram, MatchesTheGoldenDot) {
  Checked checked = Check(testing::MicroserviceUnderStress());
  EXPECT_EQ(testing::CompareWithGolden("cld_microservice.dot",
                                       WriteDot(BuildCldDiagram(checked.graph, &checked.loops))),
            "");
}

TEST(CldDiagram, DrawsOnlyVariablesAndLinksWithoutTheLoopCheck) {
  Checked checked = Check(testing::RetryStorm());
  Diagram diagram = BuildCldDiagram(checked.graph);
  EXPECT_EQ(diagram.nodes.size(), 4u);
  EXPECT_EQ(diagram.edges.size(), 4u);
}

}  // namespace
}  // namespace sdlab
