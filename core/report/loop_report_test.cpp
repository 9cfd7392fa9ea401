#include "core/report/loop_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "loop_fixtures.h"

namespace sdlab {
namespace {

struct Analysed {
  CausalGraph graph;
  LoopSearchResult found;
  LoopCheckResult check;
  LoopReport report;
};

// Analyses a diagram the way `sdlab loops --source cld` does.
void Analyse(const CausalLoopDiagram& diagram, Analysed* out, LoopSearchOptions options = {}) {
  Diagnostics diagnostics("answer.yaml");
  out->graph = BuildCausalGraph(diagram, diagnostics);
  out->found = FindLoops(out->graph, options);
  out->check = CheckDeclaredLoops(out->graph, out->found, diagnostics);
  out->report.file = "answer.yaml";
  LoopSourceReport source;
  source.source = "cld";
  source.title = "causal loop diagram";
  source.graph = &out->graph;
  source.found = &out->found;
  source.check = &out->check;
  out->report.sources.push_back(source);
}

TEST(FormatLoopTable, ShowsIdPolarityLengthLabelAndSignedPath) {
  CausalLoopDiagram diagram = testing::MicroserviceUnderStress();
  diagram.loops[2].type = "reinforcing";
  diagram.loops.erase(diagram.loops.begin() + 1);
  Analysed analysed;
  Analyse(diagram, &analysed);
  EXPECT_EQ(FormatLoopTable(analysed.report),
            "causal loop diagram: 3 loops (1 reinforcing, 2 balancing, 0 undetermined)\n"
            "ID  POLARITY     LENGTH  LABEL                               PATH\n"
            "L1  balancing    2       unlabelled                          Latency -(+)-> Pods "
            "-(-)-> Latency\n"
            "B3  balancing    4       mislabelled (declared reinforcing)  Circuit State -(-)-> "
            "Load -(+)-> Latency -(+)-> Timeouts -(+)-> Circuit State\n"
            "R1  reinforcing  4       correct                             Latency -(+)-> "
            "Timeouts -(+)-> Retries -(+)-> Load -(+)-> Latency\n");
}

TEST(FormatLoopTable, ShowsADeclarationThatIsNotALoopAsWritten) {
  CausalLoopDiagram diagram = testing::RetryStorm();
  diagram.loops[0].path = {{"Load", {}}, {"Latency", {}}, {"Retries", {}}};
  Analysed analysed;
  Analyse(diagram, &analysed);
  EXPECT_EQ(FormatLoopTable(analysed.report),
            "causal loop diagram: 1 loop (1 reinforcing, 0 balancing, 0 undetermined)\n"
            "ID  POLARITY     LENGTH  LABEL       PATH\n"
            "L1  reinforcing  4       unlabelled  Latency -(+)-> Timeouts -(+)-> Retries -(+)-> "
            "Load -(+)-> Latency\n"
            "R1  -            -       not a loop  Load -> Latency -> Retries -> Load\n");
}

TEST(FormatLoopCounts, PrintsCountsByPolarityAndMarksACappedCount) {
  Analysed analysed;
  Analyse(testing::MicroserviceUnderStress(), &analysed);
  EXPECT_EQ(FormatLoopCounts(analysed.report),
            "SOURCE  LOOPS  REINFORCING  BALANCING  UNDETERMINED\n"
            "cld     3      1            2          0\n");
  LoopSearchOptions options;
  options.max_loops = 2;
  Analysed capped;
  Analyse(testing::MicroserviceUnderStress(), &capped, options);
  EXPECT_EQ(FormatLoopCounts(capped.report),
            "SOURCE  LOOPS  REINFORCING  BALANCING  UNDETERMINED\n"
            "cld     2+     0            2          0\n");
}

TEST(FormatLoopJson, HasTheTableContentInAFixedKeyOrder) {
  CausalLoopDiagram diagram = testing::Diagram({"Pods -> Latency (-)", "Latency -> Pods (+)"},
                                               {testing::LoopText("R9", "R", {"Pods", "Latency"})});
  diagram.links[1].delay = true;
  Analysed analysed;
  Analyse(diagram, &analysed);
  EXPECT_EQ(FormatLoopJson(analysed.report, /*counts_only=*/false), R"({
  "file": "answer.yaml",
  "sources": {
    "cld": {
      "complete": true,
      "max_loops": 10000,
      "counts": {
        "loops": 1,
        "reinforcing": 0,
        "balancing": 1,
        "undetermined": 0
      },
      "labels": {
        "correct": 0,
        "mislabelled": 1,
        "undetermined": 0,
        "not_a_loop": 0,
        "duplicate": 0,
        "unlabelled": 0
      },
      "loops": [
        {
          "id": "R9",
          "polarity": "balancing",
          "length": 2,
          "negative_links": 1,
          "unknown_links": 0,
          "variables": [
            "Latency",
            "Pods"
          ],
          "links": [
            {
              "from": "Latency",
              "to": "Pods",
              "polarity": "+",
              "delay": true,
              "location": {
                "line": 2,
                "column": 7
              }
            },
            {
              "from": "Pods",
              "to": "Latency",
              "polarity": "-",
              "delay": false,
              "location": {
                "line": 1,
                "column": 7
              }
            }
          ],
          "path": "Latency -(+)-> Pods -(-)-> Latency",
          "declared": {
            "id": "R9",
            "name": "",
            "label": "reinforcing",
            "location": {
              "line": 4,
              "column": 7
            }
          },
          "verdict": "mislabelled",
          "explanation": "labelled reinforcing, but it is balancing: 1 negative link (Pods -> Latency): an odd number of negative links makes a loop balancing; a rise in Pods comes back around the loop as a fall in Pods"
        }
      ]
    }
  }
}
)");
}

TEST(FormatLoopJson, CountsOnlyLeavesOutTheLoops) {
  Analysed analysed;
  Analyse(testing::MicroserviceUnderStress(), &analysed);
  nlohmann::json json = nlohmann::json::parse(FormatLoopJson(analysed.report, true));
  EXPECT_FALSE(json["sources"]["cld"].contains("loops"));
  EXPECT_EQ(json["sources"]["cld"]["counts"]["balancing"], 2);
  EXPECT_EQ(json["sources"]["cld"]["complete"], true);
}

TEST(FormatLoopJson, EscapesStudentText) {
  Analysed analysed;
  Analyse(testing::Diagram({"A \"quoted\" \\ name -> B (+)", "B -> A \"quoted\" \\ name (-)"}),
          &analysed);
  std::string text = FormatLoopJson(analysed.report, false);
  nlohmann::json json = nlohmann::json::parse(text);
  EXPECT_EQ(json["sources"]["cld"]["loops"][0]["variables"][0], "A \"quoted\" \\ name");
}

}  // namespace
}  // namespace sdlab
