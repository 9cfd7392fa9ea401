#include "core/diagram/dot_writer.h"

#include <gtest/gtest.h>

namespace sdlab {
namespace {

TEST(EscapeLabelText, TurnsMarkupCharactersIntoEntities) {
  EXPECT_EQ(EscapeLabelText("<script>\"a\" & b</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; b&lt;/script&gt;");
}

TEST(EscapeLabelText, KeepsEntitiesLiteral) {
  EXPECT_EQ(EscapeLabelText("&amp; &#8722;"), "&amp;amp; &amp;#8722;");
}

TEST(EscapeLabelText, ReplacesControlCharactersWithSpaces) {
  EXPECT_EQ(EscapeLabelText(std::string("a\tb\nc\x01"
                                        "d\x7f",
                                        8)),
            "a b c d ");
}

TEST(EscapeLabelText, ReplacesInvalidUtf8WithReplacementCharacter) {
  EXPECT_EQ(EscapeLabelText("ok \xC3\xA9 bad \xFF \xC3 end"),
            "ok \xC3\xA9 bad \xEF\xBF\xBD \xEF\xBF\xBD end");
  EXPECT_EQ(EscapeLabelText("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(EscapeLabelText("\xE2\x88\x92"), "\xE2\x88\x92");                          // −
}

TEST(EscapeLabelText, DoublesBackslashesSoGraphvizDoesNotExpandThem) {
  // Graphviz would draw \N as the node's id and \G as the graph's name.
  EXPECT_EQ(EscapeLabelText("\\N \\G x\\"), "\\\\N \\\\G x\\\\");
}

TEST(QuoteDot, EscapesQuotesAndBackslashes) { EXPECT_EQ(QuoteDot("a\"b\\c"), "\"a\\\"b\\\\c\""); }

TEST(LabelHtml, WritesLinesRunsAndStyles) {
  Label label;
  TextStyle bold;
  bold.bold = true;
  label.AddLine("Name", bold);
  TextStyle detail;
  detail.color = "#555555";
  detail.point_size = 9;
  detail.italic = true;
  detail.strike = true;
  label.AddLine("max 10", detail).Append(" & more");
  EXPECT_EQ(LabelHtml(label),
            "<B>Name</B><BR/><FONT COLOR=\"#555555\" POINT-SIZE=\"9\"><I><S>max 10</S></I></FONT>"
            " &amp; more");
}

TEST(LabelHtml, WritesATableWhenTheFirstLineIsAPort) {
  Label label;
  label.first_line_port = "v";
  label.AddLine("\u22C8").AddLine("Arrivals");
  EXPECT_EQ(LabelHtml(label),
            "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
            "<TR><TD PORT=\"v\">\u22C8</TD></TR><TR><TD>Arrivals</TD></TR></TABLE>");
}

Diagram SmallDiagram() {
  Diagram diagram;
  diagram.name = "g";
  diagram.graph_attributes = {{"rankdir", "LR"}};
  diagram.edge_defaults = {{"arrowsize", "0.7"}};
  diagram.AddNode("a", Label::Text("A & B"), "variable").attributes = {{"shape", "plaintext"}};
  diagram.AddNode("b", Label{});
  DiagramEdge& edge = diagram.AddEdge("a", "b", "link");
  edge.head_label = Label::Text("+");
  edge.to_port = "v";
  DiagramNode& marker = diagram.AddNode("m0", Label::Text("R1"), "loop-marker");
  marker.orbit = {"a", "b"};
  return diagram;
}

TEST(WriteDot, WritesNodesThenEdgesInOrderWithKeys) {
  EXPECT_EQ(WriteDot(SmallDiagram()),
            "digraph \"g\" {\n"
            "  graph [rankdir=\"LR\"];\n"
            "  edge [arrowsize=\"0.7\"];\n"
            "  \"a\" [label=<A &amp; B>, class=\"variable\", shape=\"plaintext\"];\n"
            "  \"b\" [label=\"\"];\n"
            "  // floating: placed after layout inside the cycle a b\n"
            "  \"m0\" [label=<R1>, class=\"loop-marker\"];\n"
            "  \"a\" -> \"b\":\"v\" [key=\"e0\", headlabel=<+>, class=\"link\"];\n"
            "}\n");
}

TEST(WriteDot, LeavesFloatingNodesOutWhenAsked) {
  DotWriteOptions options;
  options.include_floating = false;
  std::string dot = WriteDot(SmallDiagram(), options);
  EXPECT_EQ(dot.find("m0"), std::string::npos) << dot;
  EXPECT_NE(dot.find("\"a\" -> \"b\""), std::string::npos) << dot;
}

TEST(WriteDot, PutsClusterNodesInsideTheirSubgraph) {
  Diagram diagram;
  diagram.clusters.push_back({"pool", Label::Text("Connection pool"), {{"style", "dashed"}}});
  diagram.AddNode("s0", Label::Text("Idle")).cluster = "pool";
  diagram.AddNode("s1", Label::Text("Other")).cluster = "no such cluster";
  EXPECT_EQ(WriteDot(diagram),
            "digraph \"diagram\" {\n"
            "  subgraph \"cluster_pool\" {\n"
            "    graph [label=<Connection pool>, style=\"dashed\"];\n"
            "    \"s0\" [label=<Idle>];\n"
            "  }\n"
            "  \"s1\" [label=<Other>];\n"
            "}\n");
}

TEST(WrapWords, BreaksAtSpacesAndCutsLongNames) {
  EXPECT_EQ(WrapWords("Cache Hit Rate", 16, 100), std::vector<std::string>{"Cache Hit Rate"});
  EXPECT_EQ(WrapWords("Connections Acquired Per Second", 16, 100),
            (std::vector<std::string>{"Connections", "Acquired Per", "Second"}));
  EXPECT_EQ(WrapWords("Supercalifragilistic x", 8, 100),
            (std::vector<std::string>{"Supercalifragilistic", "x"}));
  EXPECT_EQ(WrapWords("abcdefghij", 20, 5), std::vector<std::string>{"abcd\u2026"});
  // Cuts count characters, not bytes, and never split one.
  EXPECT_EQ(WrapWords("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", 20, 4),
            std::vector<std::string>{"\u00e9\u00e9\u00e9\u2026"});
  EXPECT_EQ(WrapWords("", 10, 10), std::vector<std::string>{""});
}

}  // namespace
}  // namespace sdlab
