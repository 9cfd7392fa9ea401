#include "core/diagram/sfd_diagram.h"

#include <gtest/gtest.h>

#include <set>

#include "core/diagram/dot_writer.h"
#include "core/diagram/graphviz_adapter.h"
#include "render_fixtures.h"

namespace sdlab {
namespace {

using testing::ParsedSvg;
using testing::ParseSvg;

std::string RenderSvg(const Diagram& diagram) {
  RenderOutput output;
  Diagnostics diagnostics;
  EXPECT_TRUE(RenderDiagram(diagram, ImageFormat::kSvg, &output, diagnostics))
      << FormatDiagnostics(diagnostics, nullptr);
  EXPECT_TRUE(output.graphviz_warnings.empty()) << output.graphviz_warnings.front();
  return output.data;
}

// Open flow ends: a flow without `from` starts in a cloud, one without `to`
// ends in one.
std::size_t OpenFlowEnds(const StockFlowModel& model) {
  std::size_t ends = 0;
  for (const Flow& flow : model.flows) ends += flow.from.empty() + flow.to.empty();
  return ends;
}

TEST(SfdDiagram, DrawsOneBoxPerStockWithItsNameInitialValueAndMax) {
  StockFlowModel model = testing::PartBStockFlow();
  ParsedSvg svg = ParseSvg(RenderSvg(BuildSfdDiagram(model)));
  ASSERT_TRUE(svg.ok) << svg.error;
  std::vector<const testing::SvgGroup*> stocks = svg.NodesWithClass("stock");
  ASSERT_EQ(stocks.size(), model.stocks.size());
  for (std::size_t i = 0; i < model.stocks.size(); ++i) {
    const testing::SvgGroup& box = *svg.Node("s" + std::to_string(i));
    EXPECT_TRUE(box.HasClass("stock"));
    EXPECT_EQ(box.polygons, 1) << "a stock is one box";
    EXPECT_EQ(box.stroke, "black");
    ASSERT_GE(box.texts.size(), 2u);
    EXPECT_EQ(box.texts[0], model.stocks[i].name);
    EXPECT_EQ(box.texts[1], "initial " + model.stocks[i].initial.text);
  }
  EXPECT_EQ(svg.Node("s0")->texts.at(2), "max 1000");
  EXPECT_EQ(svg.Node("s2")->texts.size(), 2u) << "no max line without a max";
}

TEST(SfdDiagram, DrawsACloudForEachOpenFlowEnd) {
  StockFlowModel model = testing::PartBStockFlow();
  ParsedSvg svg = ParseSvg(RenderSvg(BuildSfdDiagram(model)));
  ASSERT_TRUE(svg.ok) << svg.error;
  std::vector<const testing::SvgGroup*> clouds = svg.NodesWithClass("cloud");
  EXPECT_EQ(clouds.size(), OpenFlowEnds(model));
  EXPECT_EQ(clouds.size(), 5u);  // Arrivals, Processing, Timeouts, Cache Fills, Expirations
  for (const testing::SvgGroup* cloud : clouds) EXPECT_EQ(cloud->JoinedText(), "\u2601");
}

TEST(SfdDiagram, DrawsEachFlowAsAValveWithItsNameOnADoublePipe) {
  StockFlowModel model = testing::PartBStockFlow();
  ParsedSvg svg = ParseSvg(RenderSvg(BuildSfdDiagram(model)));
  ASSERT_TRUE(svg.ok) << svg.error;
  std::vector<const testing::SvgGroup*> valves = svg.NodesWithClass("flow");
  ASSERT_EQ(valves.size(), model.flows.size());
  for (std::size_t i = 0; i < model.flows.size(); ++i) {
    EXPECT_EQ(svg.Node("f" + std::to_string(i))->JoinedText(), "\u22C8 " + model.flows[i].name);
  }
  // Two pipe segments per flow (source to valve, valve to sink), each drawn
  // as two parallel lines: black:invis:black gives three paths, one unseen.
  std::vector<const testing::SvgGroup*> pipes = svg.EdgesWithClass("flow-pipe");
  ASSERT_EQ(pipes.size(), 2 * model.flows.size());
  for (const testing::SvgGroup* pipe : pipes) EXPECT_EQ(pipe->paths, 3) << pipe->id;
}

TEST(SfdDiagram, SendsInflowsInFromTheLeftAndOutflowsOutToTheRight) {
  Diagram diagram = BuildSfdDiagram(testing::BathtubStockFlow());
  RenderOutput output;
  Diagnostics diagnostics;
  ASSERT_TRUE(RenderDiagram(diagram, ImageFormat::kDot, &output, diagnostics));
  testing::LaidOutDot laid_out = testing::ParseLaidOutDot(output.data);
  // c0 -> Arrivals (f0) -> Request Queue (s0) -> Processing (f1) -> c1.
  EXPECT_LT(laid_out.nodes["c0"].x, laid_out.nodes["f0"].x);
  EXPECT_LT(laid_out.nodes["f0"].x, laid_out.nodes["s0"].x);
  EXPECT_LT(laid_out.nodes["s0"].x, laid_out.nodes["f1"].x);
  EXPECT_LT(laid_out.nodes["f1"].x, laid_out.nodes["c1"].x);
}

TEST(SfdDiagram, DrawsAuxiliariesAndConstantsAsPlainText) {
  StockFlowModel model = testing::PartBStockFlow();
  ParsedSvg svg = ParseSvg(RenderSvg(BuildSfdDiagram(model)));
  ASSERT_TRUE(svg.ok) << svg.error;
  ASSERT_EQ(svg.NodesWithClass("auxiliary").size(), model.auxiliaries.size());
  ASSERT_EQ(svg.NodesWithClass("constant").size(), model.constants.size());
  for (const testing::SvgGroup* node : svg.NodesWithClass("auxiliary")) {
    EXPECT_EQ(node->polygons, 0) << node->JoinedText() << " has a box";
  }
  EXPECT_EQ(svg.Node("a1")->JoinedText(), "Latency");
  EXPECT_EQ(svg.Node("k0")->JoinedText(), "Base Traffic = 100");
  EXPECT_EQ(svg.Node("k3")->JoinedText(), "Retry Fraction = 0.6");
}

// "from -> to" for each information link of a diagram.
std::set<std::string> InformationLinks(const Diagram& diagram) {
  std::set<std::string> links;
  for (const DiagramEdge& edge : diagram.edges) {
    if (edge.css_class == "info-link") links.insert(edge.from + " -> " + edge.to);
  }
  return links;
}

TEST(SfdDiagram, LinksWhatEachEquationReadsToWhatItDefines) {
  // Latency reads Request Queue and Processing; Processing reads Request
  // Queue and Capacity; Arrivals reads Base Traffic.
  EXPECT_EQ(InformationLinks(BuildSfdDiagram(testing::BathtubStockFlow())),
            (std::set<std::string>{"s0 -> f1", "k1 -> f1", "s0 -> a0", "f1 -> a0", "k0 -> f0"}));
}

TEST(SfdDiagram, DrawsInformationLinksAsThinArrows) {
  ParsedSvg svg = ParseSvg(RenderSvg(BuildSfdDiagram(testing::BathtubStockFlow())));
  ASSERT_TRUE(svg.ok) << svg.error;
  std::vector<const testing::SvgGroup*> links = svg.EdgesWithClass("info-link");
  ASSERT_EQ(links.size(), 5u);
  for (const testing::SvgGroup* link : links) {
    EXPECT_EQ(link->paths, 1) << "one thin line";
    EXPECT_EQ(link->polygons, 1) << "one arrowhead";
  }
}

TEST(SfdDiagram, MatchesTheGoldenDot) {
  EXPECT_EQ(testing::CompareWithGolden("sfd_bathtub.dot",
                                       WriteDot(BuildSfdDiagram(testing::BathtubStockFlow()))),
            "");
}

TEST(SfdDiagram, GivesByteIdenticalSvgEachTime) {
  StockFlowModel model = testing::PartBStockFlow();
  EXPECT_EQ(RenderSvg(BuildSfdDiagram(model)), RenderSvg(BuildSfdDiagram(model)));
}

TEST(SfdDiagram, DrawsHostileNamesAsText) {
  StockFlowModel model;
  testing::render_detail::AddStock(model, "<script>alert(1)</script>", "1");
  testing::render_detail::AddFlow(model, "\"a\" & b", "", "<script>alert(1)</script>", "1");
  testing::render_detail::AddConstant(model, "x</text><text>y", 1);
  ParsedSvg svg = ParseSvg(RenderSvg(BuildSfdDiagram(model)));
  ASSERT_TRUE(svg.ok) << svg.error;
  EXPECT_FALSE(svg.HasElement("script"));
  EXPECT_EQ(svg.Node("s0")->texts.at(0), "<script>alert(1)</script>");
  EXPECT_EQ(svg.Node("f0")->JoinedText(), "\u22C8 \"a\" & b");
  EXPECT_EQ(svg.Node("k0")->JoinedText(), "x</text><text>y = 1");
}

TEST(SfdDiagram, DrawsHighlightedElementsInRed) {
  DiagramAnnotations annotations;
  annotations.highlighted_elements = {"request_queue"};
  ParsedSvg svg = ParseSvg(RenderSvg(BuildSfdDiagram(testing::BathtubStockFlow(), &annotations)));
  ASSERT_TRUE(svg.ok) << svg.error;
  EXPECT_EQ(svg.Node("s0")->stroke, kErrorColor);
  EXPECT_EQ(svg.Node("s0")->text_colors.at(0), kErrorColor);
  EXPECT_EQ(svg.Node("f0")->stroke, "");
}

TEST(SfdDiagram, DrawsAFlowBetweenTwoStocksWithoutClouds) {
  StockFlowModel model = testing::PartBStockFlow();
  Diagram diagram = BuildSfdDiagram(model);
  // Acquire (f5) runs from Idle Connections (s2) to Busy Connections (s3).
  std::set<std::string> pipes;
  for (const DiagramEdge& edge : diagram.edges) {
    if (edge.css_class == "flow-pipe") pipes.insert(edge.from + " -> " + edge.to);
  }
  EXPECT_TRUE(pipes.count("s2 -> f5"));
  EXPECT_TRUE(pipes.count("f5 -> s3"));
}

TEST(SfdDiagram, DrawsALookupLinkedToWhatCallsIt) {
  StockFlowModel model = testing::BathtubStockFlow();
  Lookup effect = testing::render_detail::Named<Lookup>("Latency Effect");
  effect.points = {{0, 1}, {1, 5}};
  model.lookups.push_back(effect);
  model.auxiliaries[0].equation.text = "latency_effect(request_queue / 100)";
  Diagram diagram = BuildSfdDiagram(model);
  EXPECT_EQ(InformationLinks(diagram),
            (std::set<std::string>{"s0 -> f1", "k1 -> f1", "k0 -> f0", "l0 -> a0", "s0 -> a0"}));
  ParsedSvg svg = ParseSvg(RenderSvg(diagram));
  ASSERT_TRUE(svg.ok) << svg.error;
  ASSERT_EQ(svg.NodesWithClass("lookup").size(), 1u);
  EXPECT_EQ(svg.Node("l0")->JoinedText(), "Latency Effect (graph)");
}

TEST(EquationNames, FindsIdentifiersAndQuotedNamesOnce) {
  EXPECT_EQ(EquationNames("MIN(request_queue / DT, \"Max Capacity\") + request_queue * 1.5e-3"),
            (std::vector<std::string>{"MIN", "request_queue", "DT", "Max Capacity"}));
  EXPECT_EQ(EquationNames("IF a > 2 THEN b ELSE c_1"),
            (std::vector<std::string>{"IF", "a", "THEN", "b", "ELSE", "c_1"}));
  EXPECT_EQ(EquationNames("1e3 + .5 + 2E+4"), std::vector<std::string>{});
  EXPECT_EQ(EquationNames("\"unterminated"), std::vector<std::string>{"unterminated"});
}

TEST(FormatDiagramNumber, WritesNumbersAsPeopleDo) {
  EXPECT_EQ(FormatDiagramNumber(100), "100");
  EXPECT_EQ(FormatDiagramNumber(0.25), "0.25");
  EXPECT_EQ(FormatDiagramNumber(-0.0), "0");
  EXPECT_EQ(FormatDiagramNumber(1e-6), "1e-06");
  EXPECT_EQ(FormatDiagramNumber(1.0 / 3), "0.333333");
}

}  // namespace
}  // namespace sdlab
