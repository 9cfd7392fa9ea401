#include "core/loops/causal_graph.h"

#include <gtest/gtest.h>

#include "loop_fixtures.h"

namespace sdlab {
namespace {

using testing::CompactLink;
using testing::Diagram;
using testing::LoopText;
using testing::MappingLink;

std::vector<std::string> Lines(const Diagnostics& diagnostics) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics.items()) lines.push_back(FormatDiagnosticLine(d));
  return lines;
}

TEST(ParseLinkPolarity, AcceptsEverySpellingTheFormatAllows) {
  for (const char* text : {"+", "positive", "Positive", "s", "S", " + "}) {
    EXPECT_EQ(ParseLinkPolarity(text), LinkPolarity::kPositive) << text;
  }
  for (const char* text : {"-", "negative", "NEGATIVE", "o", "O", "\u2212", "\u2013"}) {
    EXPECT_EQ(ParseLinkPolarity(text), LinkPolarity::kNegative) << text;
  }
  for (const char* text : {"?", "\u00b1", "u", "U", "unknown"}) {
    EXPECT_EQ(ParseLinkPolarity(text), LinkPolarity::kUnknown) << text;
  }
  for (const char* text : {"", "++", "pos", "(+)", "x"}) {
    EXPECT_FALSE(ParseLinkPolarity(text).has_value()) << text;
  }
}

TEST(ParseLoopType, AcceptsTheFourSpellingsInAnyCase) {
  EXPECT_EQ(ParseLoopType("reinforcing"), LoopPolarity::kReinforcing);
  EXPECT_EQ(ParseLoopType("R"), LoopPolarity::kReinforcing);
  EXPECT_EQ(ParseLoopType("Balancing"), LoopPolarity::kBalancing);
  EXPECT_EQ(ParseLoopType("b"), LoopPolarity::kBalancing);
  EXPECT_FALSE(ParseLoopType("positive").has_value());
}

TEST(ParseCompactLink, SplitsNamesWithSpacesAndParenthesesFromThePolarity) {
  std::string error;
  std::size_t offset = 0;
  auto link = ParseCompactLink("Load (rps) -> Request Queue ( - )", &error, &offset);
  ASSERT_TRUE(link.has_value()) << error;
  EXPECT_EQ(link->from, "Load (rps)");
  EXPECT_EQ(link->to, "Request Queue");
  EXPECT_EQ(link->polarity, "-");
  EXPECT_EQ(link->from_offset, 0u);
  EXPECT_EQ(link->to_offset, 14u);
  EXPECT_EQ(link->polarity_offset, 30u);
}

TEST(ParseCompactLink, AcceptsTheUnicodeArrow) {
  std::string error;
  std::size_t offset = 0;
  auto link = ParseCompactLink("Pods \u2192 Latency (\u2212)", &error, &offset);
  ASSERT_TRUE(link.has_value()) << error;
  EXPECT_EQ(link->from, "Pods");
  EXPECT_EQ(link->to, "Latency");
  EXPECT_EQ(link->polarity, "\u2212");
}

TEST(ParseCompactLink, ReportsWhatIsWrongAndWhere) {
  struct Case {
    const char* text;
    const char* error;
    std::size_t offset;
  };
  const Case cases[] = {
      {"Load Latency (+)", "expected 'A -> B (+)': no arrow '->' in link", 0},
      {" -> Latency (+)", "missing the variable before '->'", 1},
      {"Load -> (+)", "missing the variable after '->'", 8},
      {"A -> B -> C (+)", "more than one arrow in link; write one link per item", 7},
      {"A -> B ()", "empty polarity '()'", 7},
      {"A -> B)", "unbalanced ')' in link", 6},
      {"A -> B +", "write the polarity in parentheses: 'A -> B (+)'", 7},
  };
  for (const Case& c : cases) {
    std::string error;
    std::size_t offset = 99;
    EXPECT_FALSE(ParseCompactLink(c.text, &error, &offset).has_value()) << c.text;
    EXPECT_EQ(error, c.error) << c.text;
    EXPECT_EQ(offset, c.offset) << c.text;
  }
}

TEST(BuildCausalGraph, ImpliesVariablesFromLinksInOrderOfFirstUse) {
  Diagnostics diagnostics("answer.yaml");
  CausalGraph graph = BuildCausalGraph(testing::RetryStorm(), diagnostics);
  EXPECT_FALSE(diagnostics.has_errors());
  ASSERT_EQ(graph.variables.size(), 4u);
  EXPECT_EQ(graph.variables[0].name, "Load");
  EXPECT_EQ(graph.variables[3].name, "Retries");
  EXPECT_FALSE(graph.variables[0].declared);
  ASSERT_EQ(graph.links.size(), 4u);
  EXPECT_EQ(graph.LinkText(3), "Retries -> Load (+)");
  EXPECT_EQ(graph.links[3].location, (Location{4, 7}));
}

TEST(BuildCausalGraph, ComparesNamesAsTheFormatNormalisesThem) {
  Diagnostics diagnostics("answer.yaml");
  CausalGraph graph = BuildCausalGraph(
      Diagram({"Request Queue -> latency (+)", "Latency -> request_queue (+)"}), diagnostics);
  EXPECT_EQ(graph.variables.size(), 2u);
  EXPECT_EQ(graph.FindVariable("REQUEST  QUEUE"), 0);
}

TEST(BuildCausalGraph, KeepsDeclaredVariablesWithTheirConcepts) {
  CausalLoopDiagram diagram = Diagram({"Load -> Latency (+)"});
  CldVariable latency;
  latency.name = "Latency";
  latency.concept_id = "latency";
  latency.location = Location{3, 13};
  diagram.variables.push_back(latency);
  Diagnostics diagnostics("answer.yaml");
  CausalGraph graph = BuildCausalGraph(diagram, diagnostics);
  EXPECT_TRUE(diagnostics.items().empty());
  ASSERT_EQ(graph.variables.size(), 2u);
  EXPECT_EQ(graph.variables[0].name, "Latency");
  EXPECT_TRUE(graph.variables[0].declared);
  EXPECT_EQ(graph.variables[0].concept_id, "latency");
  EXPECT_EQ(graph.links[0].from, 1);
  EXPECT_EQ(graph.links[0].to, 0);
}

TEST(BuildCausalGraph, ReadsMappingLinksWithDelayAndEveryPolaritySpelling) {
  CausalLoopDiagram diagram;
  diagram.links = {MappingLink("Latency", "Pods", "positive", /*delay=*/true),
                   MappingLink("Pods", "Latency", "\u2212"), MappingLink("Pods", "Cost", "s"),
                   MappingLink("Cost", "Pods", "o"), MappingLink("Pods", "Morale", "?")};
  Diagnostics diagnostics("answer.yaml");
  CausalGraph graph = BuildCausalGraph(diagram, diagnostics);
  EXPECT_TRUE(diagnostics.items().empty());
  ASSERT_EQ(graph.links.size(), 5u);
  EXPECT_TRUE(graph.links[0].delay);
  EXPECT_FALSE(graph.links[1].delay);
  EXPECT_EQ(graph.links[1].polarity, LinkPolarity::kNegative);
  EXPECT_EQ(graph.links[2].polarity, LinkPolarity::kPositive);
  EXPECT_EQ(graph.links[3].polarity, LinkPolarity::kNegative);
  EXPECT_EQ(graph.links[4].polarity, LinkPolarity::kUnknown);
}

TEST(BuildCausalGraph, LocatesCompactLinkErrorsAtTheColumnInsideTheString) {
  SourceFile source("answer.yaml",
                    "causal_loop:\n"
                    "  links:\n"
                    "    - \"Load Latency (+)\"\n"
                    "    - Load -> Latency (plus)\n"
                    "    - 'Pods -> Pods (+)'\n");
  CausalLoopDiagram diagram;
  diagram.links = {CompactLink("Load Latency (+)", 3, 7),
                   CompactLink("Load -> Latency (plus)", 4, 7),
                   CompactLink("Pods -> Pods (+)", 5, 7)};
  Diagnostics diagnostics("answer.yaml");
  CausalGraph graph = BuildCausalGraph(diagram, diagnostics, &source);
  EXPECT_EQ(Lines(diagnostics),
            (std::vector<std::string>{
                "answer.yaml:3:8: error: expected 'A -> B (+)': no arrow '->' in link",
                "answer.yaml:4:24: error: unknown polarity 'plus' on link 'Load -> Latency' (use + "
                "or - (also positive/negative, s/o), or ? when unknown)",
                "answer.yaml:5:16: error: link from 'Pods' to itself (a causal link joins two "
                "different variables)",
            }));
  EXPECT_TRUE(graph.links.empty());
}

TEST(BuildCausalGraph, SuggestsTheClosestPolarityWordAndAsksForAMissingOne) {
  CausalLoopDiagram diagram;
  diagram.links = {MappingLink("Load", "Latency", "postive"), MappingLink("Latency", "Load", "")};
  diagram.links[0].polarity_location = Location{2, 40};
  diagram.links[1].location = Location{3, 7};
  Diagnostics diagnostics("answer.yaml");
  BuildCausalGraph(diagram, diagnostics);
  EXPECT_EQ(Lines(diagnostics),
            (std::vector<std::string>{
                "answer.yaml:2:40: error: unknown polarity 'postive' on link 'Load -> Latency' "
                "(did you mean 'positive'?)",
                "answer.yaml:3:7: error: link 'Latency -> Load' has no polarity (write '+' or '-', "
                "or '?' when unknown)",
            }));
}

TEST(BuildCausalGraph, WarnsAboutADuplicateLinkAndIgnoresIt) {
  Diagnostics diagnostics("answer.yaml");
  CausalGraph graph =
      BuildCausalGraph(Diagram({"Load -> Latency (+)", "load -> latency (positive)"}), diagnostics);
  EXPECT_FALSE(diagnostics.has_errors());
  EXPECT_EQ(Lines(diagnostics),
            (std::vector<std::string>{"answer.yaml:2:7: warning: duplicate link 'Load -> Latency "
                                      "(+)' (first at 1:7; this one is ignored)"}));
  EXPECT_EQ(graph.links.size(), 1u);
}

TEST(BuildCausalGraph, KeepsParallelLinksWithDifferentSignsAsDistinctLinks) {
  Diagnostics diagnostics("answer.yaml");
  CausalGraph graph = BuildCausalGraph(
      Diagram({"Pods -> Latency (-)", "Pods -> Latency (+)", "Latency -> Pods (+)"}), diagnostics);
  EXPECT_TRUE(diagnostics.items().empty());
  ASSERT_EQ(graph.links.size(), 3u);
  EXPECT_EQ(graph.links[0].polarity, LinkPolarity::kNegative);
  EXPECT_EQ(graph.links[1].polarity, LinkPolarity::kPositive);
}

TEST(BuildCausalGraph, RejectsDuplicateVariablesAndWarnsAboutUnlinkedOnesAndLikelyTypos) {
  CausalLoopDiagram diagram = Diagram({"Load -> Latncy (+)"});
  for (auto [name, line] : {std::pair{"Latency", 3}, std::pair{"Load", 4}, std::pair{"load", 5}}) {
    CldVariable variable;
    variable.name = name;
    variable.location = Location{line, 13};
    diagram.variables.push_back(variable);
  }
  Diagnostics diagnostics("answer.yaml");
  CausalGraph graph = BuildCausalGraph(diagram, diagnostics);
  EXPECT_EQ(Lines(diagnostics),
            (std::vector<std::string>{
                "answer.yaml:5:13: error: duplicate variable 'load' (first declared at 4:13)",
                "answer.yaml:3:13: warning: variable 'Latency' is not linked to anything",
                "answer.yaml:1:7: warning: 'Latncy' is not a declared variable (did you mean "
                "'Latency'?)",
            }));
  EXPECT_EQ(graph.variables.size(), 3u);
}

TEST(BuildCausalGraph, ReadsDeclaredLoopsAndReportsUnreadableOnes) {
  CausalLoopDiagram diagram = testing::RetryStorm();
  diagram.loops.push_back(LoopText("B1", "balancng", {"Load", "Latncy"}, 20));
  diagram.loops.push_back(LoopText("r1", "", {}, 30));
  diagram.loops[1].path[1].second = Location{21, 20};
  Diagnostics diagnostics("answer.yaml");
  CausalGraph graph = BuildCausalGraph(diagram, diagnostics);
  EXPECT_EQ(Lines(diagnostics),
            (std::vector<std::string>{
                "answer.yaml:21:11: error: unknown loop type 'balancng' (did you mean "
                "'balancing'?)",
                "answer.yaml:21:20: error: loop 'B1' names 'Latncy', which is not a variable of "
                "the diagram (did you mean 'Latency'?)",
                "answer.yaml:30:5: error: duplicate loop id 'r1' (first at 6:11)",
                "answer.yaml:31:11: error: loop 'r1' has no type (write 'type: reinforcing' or "
                "'type: balancing')",
                "answer.yaml:30:1: error: loop 'r1' has an empty path",
            }));
  ASSERT_EQ(graph.declared_loops.size(), 3u);
  const DeclaredLoop& r1 = graph.declared_loops[0];
  EXPECT_EQ(r1.id, "R1");
  EXPECT_EQ(r1.label, LoopPolarity::kReinforcing);
  ASSERT_EQ(r1.path.size(), 4u);
  EXPECT_EQ(r1.path[2].variable, graph.FindVariable("Timeouts"));
  EXPECT_EQ(graph.declared_loops[1].path[1].variable, -1);
  EXPECT_FALSE(graph.declared_loops[1].label.has_value());
}

}  // namespace
}  // namespace sdlab
