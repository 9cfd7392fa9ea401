// End-to-end tests of `sdlab loops` as a user runs it.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "test_support.h"

namespace sdlab::testing {
namespace {

// Module 1.3's "microservice under stress", as a student would write it.
const char kMicroservice[] = R"yaml(lab: part-b-web-app
causal_loop:
  links:
    - "Load -> Latency (+)"
    - "Latency -> Timeouts (+)"
    - "Timeouts -> Retries (+)"
    - "Retries -> Load (+)"
    - { from: Latency, to: Pods, polarity: "+", delay: true }
    - "Pods -> Latency (−)"
    - "Timeouts -> Circuit State (+)"
    - "Circuit State -> Load (-)"
  loops:
    - id: R1
      name: Retry storm
      type: reinforcing
      path: [Load, Latency, Timeouts, Retries]
    - id: B2
      name: Autoscaler
      type: balancing
      path: [Latency, Pods]
    - id: B3
      name: Circuit breaker
      type: balancing
      path: [Timeouts, Circuit State, Load, Latency]
)yaml";

std::string Write(const std::string& text, const std::string& name = "answer.yaml") {
  std::string path = MakeTempDir() + "/" + name;
  WriteFile(path, text);
  return path;
}

TEST(LoopsCli, PrintsTheCoursesMicroserviceLoopsWithVerdicts) {
  CommandResult result = RunSdlab("loops " + ShellQuote(Write(kMicroservice)));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out,
            "causal loop diagram: 3 loops (1 reinforcing, 2 balancing, 0 undetermined)\n"
            "ID  POLARITY     LENGTH  LABEL    PATH\n"
            "B2  balancing    2       correct  Latency -(+)-> Pods -(-)-> Latency\n"
            "B3  balancing    4       correct  Circuit State -(-)-> Load -(+)-> Latency -(+)-> "
            "Timeouts -(+)-> Circuit State\n"
            "R1  reinforcing  4       correct  Latency -(+)-> Timeouts -(+)-> Retries -(+)-> Load "
            "-(+)-> Latency\n");
}

TEST(LoopsCli, ExplainsAMislabelledLoopAtItsTypeAndStillSucceeds) {
  std::string text = kMicroservice;
  text.replace(text.find("type: balancing\n      path: [Timeouts"), 15, "type: R        ");
  std::string path = Write(text);
  CommandResult result = RunSdlab("loops " + ShellQuote(path));
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.err, path +
                            ":23:13: warning: loop 'B3' is labelled reinforcing, but it is "
                            "balancing (1 negative link (Circuit State -> Load): an odd number of "
                            "negative links makes a loop balancing; a rise in Timeouts comes back "
                            "around the loop as a fall in Timeouts)\n"
                            "      type: R        \n"
                            "            ^\n");
  EXPECT_NE(result.out.find("B3  balancing    4       mislabelled (declared reinforcing)"),
            std::string::npos)
      << result.out;
}

TEST(LoopsCli, NamesTheMissingLinkOfADeclaredLoop) {
  std::string text = kMicroservice;
  text.replace(text.find("[Latency, Pods]"), 15, "[Load, Pods]   ");
  std::string path = Write(text);
  CommandResult result = RunSdlab("loops " + ShellQuote(path));
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.err.find(path + ":17:7: warning: loop 'B2' is not a loop of the diagram: there "
                                   "are no links Load -> Pods, Pods -> Load\n"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("note: 1 loop of the diagram is not declared under 'loops': L1"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.out.find("B2  -            -       not a loop  Load -> Pods -> Load"),
            std::string::npos)
      << result.out;
}

TEST(LoopsCli, LocatesAnErrorInsideACompactLinkAndFails) {
  std::string text = kMicroservice;
  text.replace(text.find("\"Retries -> Load (+)\""), 21, "\"Retries -> Load (++)\"");
  std::string path = Write(text);
  CommandResult result = RunSdlab("loops " + ShellQuote(path));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            path +
                ":7:25: error: unknown polarity '++' on link 'Retries -> Load' (use + or - (also "
                "positive/negative, s/o), or ? when unknown)\n"
                "    - \"Retries -> Load (++)\"\n"
                "                        ^\n"
                "1 error generated.\n");
}

TEST(LoopsCli, JsonHasTheSameContentAsTheTable) {
  CommandResult result = RunSdlab("loops --json " + ShellQuote(Write(kMicroservice)));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  nlohmann::json json = nlohmann::json::parse(result.out);
  const nlohmann::json& cld = json["sources"]["cld"];
  EXPECT_EQ(cld["counts"]["loops"], 3);
  EXPECT_EQ(cld["labels"]["correct"], 3);
  ASSERT_EQ(cld["loops"].size(), 3u);
  EXPECT_EQ(cld["loops"][0]["id"], "B2");
  EXPECT_EQ(cld["loops"][0]["polarity"], "balancing");
  EXPECT_EQ(cld["loops"][0]["path"], "Latency -(+)-> Pods -(-)-> Latency");
  EXPECT_EQ(cld["loops"][0]["links"][0]["delay"], true);
  EXPECT_EQ(cld["loops"][0]["verdict"], "correct");
  EXPECT_EQ(cld["loops"][2]["declared"]["name"], "Retry storm");
}

TEST(LoopsCli, CountPrintsOnlyTheNumbersByPolarity) {
  CommandResult result = RunSdlab("loops --count " + ShellQuote(Write(kMicroservice)));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "SOURCE  LOOPS  REINFORCING  BALANCING  UNDETERMINED\n"
            "cld     3      1            2          0\n");
  CommandResult json = RunSdlab("loops --count --json " + ShellQuote(Write(kMicroservice)));
  EXPECT_EQ(nlohmann::json::parse(json.out)["sources"]["cld"]["counts"]["balancing"], 2);
}

std::string CompleteDigraph(int n) {
  std::string text = "causal_loop:\n  links:\n";
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      if (i != j)
        text += "    - \"v" + std::to_string(i) + " -> v" + std::to_string(j) + " (+)\"\n";
    }
  }
  return text;
}

TEST(LoopsCli, ACompleteDigraphOnTwelveVariablesStopsAtTheCapAndSaysSo) {
  std::string path = Write(CompleteDigraph(12));
  CommandResult result = RunSdlab("loops --count " + ShellQuote(path));
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out,
            "SOURCE  LOOPS   REINFORCING  BALANCING  UNDETERMINED\n"
            "cld     10000+  10000        0          0\n");
  EXPECT_EQ(result.err, path +
                            ": warning: causal loop diagram: stopped after 10000 loops; there are "
                            "more (raise --max-loops, or --max-loops 0 to lift the cap; --count "
                            "keeps no loops in memory)\n");
  CommandResult table = RunSdlab("loops --max-loops 50 " + ShellQuote(path));
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_EQ(table.out.rfind("causal loop diagram: at least 50 loops", 0), 0u) << table.out;
  EXPECT_NE(table.out.find("\nL50 "), std::string::npos);
  EXPECT_EQ(table.out.find("\nL51 "), std::string::npos);
}

// The seeded random diagram of ../shared/bench with the count networkx
// finds; about a tenth of a second in a Release build.
TEST(LoopsCli, FindsExactlyTheNetworkxCountOnTheSharedBenchDiagramWithTheCapLifted) {
  std::string path = SharedDir() + "/bench/random-cld-60-150-seed1.yaml";
  if (!std::ifstream(path)) GTEST_SKIP() << path << " is missing";
  CommandResult result = RunSdlab("loops --max-loops 0 --count " + ShellQuote(path));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "SOURCE  LOOPS   REINFORCING  BALANCING  UNDETERMINED\n"
            "cld     258906  258906       0          0\n");
}

const char kModel[] = R"yaml(lab: autoscaling
stock_flow:
  sim: { start: 0, stop: 30, dt: 1 }
  stocks:
    - { name: Request Queue, initial: 50 }
    - { name: Pods, initial: 1 }
  flows:
    - { name: Arrivals, to: Request Queue, equation: 100 }
    - { name: Processing, from: Request Queue, equation: "MIN(request_queue, pods * 20)"
}
    - { name: Scaling, to: Pods, equation: "(1 + latency / 2 - pods) / 5" }
  auxiliaries:
    - { name: Latency, equation: "request_queue / MAX(pods * 20, 1)" }
causal_loop:
  links:
    - "Latency -> Pods (+)"
    - "Pods -> Latency (+)"
)yaml";

TEST(LoopsCli, ReportsWhereTheDiagramContradictsTheModel) {
  std::string path = Write(kModel);
  CommandResult result = RunSdlab("loops --source both " + ShellQuote(path));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, path +
                            ":17:7: warning: your diagram says Pods -> Latency is +, but in your "
                            "model a rise in Pods lowers Latency (Pods -(-)-> Latency)\n"
                            "    - \"Pods -> Latency (+)\"\n"
                            "      ^\n");
  EXPECT_NE(result.out.find("stock-and-flow model: 4 loops (0 reinforcing, 4 balancing"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("diagram vs model: 1 contradiction\n  your diagram says Pods -> "
                            "Latency is +"),
            std::string::npos)
      << result.out;
  CommandResult json = RunSdlab("loops --source both --json " + ShellQuote(path));
  nlohmann::json parsed = nlohmann::json::parse(json.out);
  EXPECT_EQ(parsed["contradictions"][0]["kind"], "opposite sign");
  EXPECT_EQ(parsed["contradictions"][0]["model_path"], "Pods -(-)-> Latency");
  // The model's loops say how each link got its sign, and carry no labels.
  const nlohmann::json& first = parsed["sources"]["sfd"]["loops"][0];
  EXPECT_EQ(first["path"], "Pods -(-)-> Scaling -(+)-> Pods");
  EXPECT_EQ(first["links"][0]["evidence"], "symbolic");
  EXPECT_EQ(first["links"][0]["reason"], "Scaling = (1 + latency / 2 - pods) / 5");
  EXPECT_EQ(first["links"][1]["evidence"], "stock-flow");
  EXPECT_EQ(first["links"][1]["reason"], "inflow");
  EXPECT_FALSE(first.contains("verdict"));
}

TEST(LoopsCli, GivesTheSameBytesOnEveryRun) {
  std::string path = Write(kModel);
  CommandResult first = RunSdlab("loops --source both --json " + ShellQuote(path));
  CommandResult second = RunSdlab("loops --source both --json " + ShellQuote(path));
  EXPECT_EQ(first.out, second.out);
  EXPECT_FALSE(first.out.empty());
}

TEST(LoopsCli, RejectsABadSourceOrCapAsAUsageError) {
  std::string path = Write(kMicroservice);
  CommandResult source = RunSdlab("loops --source cdl " + ShellQuote(path));
  EXPECT_EQ(source.exit_code, 2);
  EXPECT_EQ(source.err,
            "sdlab loops: unknown --source 'cdl': expected cld, sfd or both (did you mean "
            "'cld'?)\n(see 'sdlab help loops')\n");
  EXPECT_EQ(RunSdlab("loops --max-loops -3 " + ShellQuote(path)).exit_code, 2);
  EXPECT_EQ(RunSdlab("loops").exit_code, 2);
}

TEST(LoopsCli, AskingForASectionTheFileLacksIsAnInputError) {
  std::string path = Write(kMicroservice);
  CommandResult result = RunSdlab("loops --source sfd " + ShellQuote(path));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, path +
                            ": error: no 'stock_flow' section: there is no model to find loops "
                            "in\n1 error generated.\n");
}

// ---- --dominance (Loops That Matter) ----

TEST(LoopsCli, DominanceNamesTheRetryStormDuringTheSpikeAndNotWithRetriesOff) {
  const std::string solution = ShellQuote(SourceDir() + "/solutions/part-b-web-app.yaml");
  CommandResult spike = RunSdlab("loops " + solution + " --dominance --set traffic_spike=2");
  ASSERT_EQ(spike.exit_code, 0) << spike.err;
  // The retry storm through the dropped requests: the loop id of its row.
  std::string storm_id;
  std::istringstream lines(spike.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("reinforcing") != std::string::npos &&
        line.find("Dropped Requests -(+)-> Failed Requests -(+)-> Retries -(+)-> Offered Load "
                  "-(+)-> Dropped Requests") != std::string::npos) {
      storm_id = line.substr(0, line.find(' '));
    }
  }
  ASSERT_FALSE(storm_id.empty()) << spike.out;
  // The solution's declared loops name the model loops that realise them.
  EXPECT_NE(spike.out.find("-(-)-> API Pods  (your B1 'Autoscaler (HPA)')"), std::string::npos)
      << spike.out;
  // A phase during the spike (5400 s to 6000 s) that it dominates alone.
  auto dominates_during_spike = [&](const std::string& out) {
    std::istringstream rows(out.substr(out.find("FROM")));
    for (std::string row; std::getline(rows, row);) {
      std::istringstream cells(row);
      double from = 0, to = 0;
      std::string dominant;
      if (!(cells >> from >> to >> dominant)) continue;
      if (dominant == storm_id && from >= 5400 && from < 6000 && to - from >= 60) return true;
    }
    return false;
  };
  EXPECT_TRUE(dominates_during_spike(spike.out)) << spike.out;

  CommandResult calm =
      RunSdlab("loops " + solution + " --dominance --set traffic_spike=2 --set retry_fraction=0");
  ASSERT_EQ(calm.exit_code, 0) << calm.err;
  EXPECT_FALSE(dominates_during_spike(calm.out)) << calm.out;
}

TEST(LoopsCli, DominanceWritesEveryRelativeScoreAsCsvAndAChart) {
  const std::string dir = MakeTempDir();
  const std::string model = SharedDir() + "/reference/ltm/logistic_growth.stmx";
  if (!std::ifstream(model)) GTEST_SKIP() << "no " << model;
  CommandResult result =
      RunSdlab("loops " + ShellQuote(model) + " --dominance --csv " +
               ShellQuote(dir + "/scores.csv") + " --plot " + ShellQuote(dir + "/scores.svg"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string csv = ReadFileOrDie(dir + "/scores.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "time,L1,L2");
  EXPECT_NE(csv.find("\n1,0.994403,-0.005597\n"), std::string::npos) << csv.substr(0, 200);
  const std::string svg = ReadFileOrDie(dir + "/scores.svg");
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("<path"), std::string::npos);  // the series
  EXPECT_EQ(RunSdlab("loops " + ShellQuote(model) + " --dominance").out,
            RunSdlab("loops " + ShellQuote(model) + " --dominance").out);
  // Beyond --max-loops the strongest-path search finds the loops, and says so.
  CommandResult capped = RunSdlab("loops " + ShellQuote(model) + " --dominance --max-loops 1");
  ASSERT_EQ(capped.exit_code, 0) << capped.err;
  EXPECT_NE(capped.out.find("strongest-path search (2 loops kept of 2 found; the model has more "
                            "than 1)"),
            std::string::npos)
      << capped.out;
}

// The rubric's scenario binds its concepts to the student's elements: the
// spike x3 from t = 5400 s, wherever the model keeps its traffic.
TEST(LoopsCli, DominanceRunsARubricsScenario) {
  const std::string solution = ShellQuote(SourceDir() + "/solutions/part-b-web-app.yaml");
  const std::string rubric = ShellQuote(SourceDir() + "/rubrics/part-b-web-app.yaml");
  CommandResult spike =
      RunSdlab("loops " + solution + " --dominance --scenario traffic_spike --rubric " + rubric);
  ASSERT_EQ(spike.exit_code, 0) << spike.err;
  CommandResult set = RunSdlab("loops " + solution + " --dominance --set traffic_spike=2");
  ASSERT_EQ(set.exit_code, 0) << set.err;
  // The solution's own spike constant (x3 from 5400 s for 600 s) is the
  // rubric's scenario: the same phases.
  EXPECT_EQ(spike.out.substr(spike.out.find("FROM")), set.out.substr(set.out.find("FROM")));
  CommandResult typo =
      RunSdlab("loops " + solution + " --dominance --scenario traffic_spik --rubric " + rubric);
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("did you mean 'traffic_spike'?"), std::string::npos) << typo.err;
  CommandResult alone = RunSdlab("loops " + solution + " --dominance --scenario traffic_spike");
  EXPECT_EQ(alone.exit_code, 2);
  EXPECT_NE(alone.err.find("go together"), std::string::npos) << alone.err;
}

TEST(LoopsCli, DominanceRefusesOptionsItCannotUse) {
  const std::string solution = ShellQuote(SourceDir() + "/solutions/part-b-web-app.yaml");
  CommandResult csv_alone = RunSdlab("loops " + solution + " --csv out.csv");
  EXPECT_EQ(csv_alone.exit_code, 2);
  EXPECT_NE(csv_alone.err.find("--csv needs --dominance"), std::string::npos) << csv_alone.err;
  CommandResult unknown = RunSdlab("loops " + solution + " --dominance --variable request_queu");
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("no element 'request_queu'"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("Request Queue"), std::string::npos) << unknown.err;
  CommandResult bad_set = RunSdlab("loops " + solution + " --dominance --set retry_fraction");
  EXPECT_EQ(bad_set.exit_code, 2);
  EXPECT_NE(bad_set.err.find("--set expects NAME=NUMBER"), std::string::npos) << bad_set.err;
}

}  // namespace
}  // namespace sdlab::testing
