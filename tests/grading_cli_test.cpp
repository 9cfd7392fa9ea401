// End-to-end tests of `sdlab check` and `sdlab grade`: exit codes, what a
// student sees, layered rubrics, every output format, determinism and
// escaping of student text in GitHub workflow commands.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>

#include "test_support.h"

namespace sdlab::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Data(const std::string& name) {
  return ShellQuote(SourceDir() + "/tests/data/grading/" + name);
}

// RunSdlab with environment variables set for the one command.
CommandResult RunWithEnv(const std::string& env, const std::string& args) {
  const std::string dir = MakeTempDir();
  const std::string out = dir + "/out", err = dir + "/err";
  const std::string command = env + " " + ShellQuote(SdlabBinary()) + " " + args + " </dev/null >" +
                              ShellQuote(out) + " 2>" + ShellQuote(err);
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFileOrDie(out);
  result.err = ReadFileOrDie(err);
  return result;
}

TEST(CheckCommandTest, ShowsVisibleChecksAndCountsHiddenOnes) {
  CommandResult result = RunSdlab("check " + Data("good.yaml") + " --rubric " + Data("web.yaml"));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out,
              HasSubstr("[pass]    4/4     The retry storm loop is reinforcing (retry_storm)\n"));
  EXPECT_THAT(result.out, Not(HasSubstr("queue_grows")));
  EXPECT_THAT(result.out, HasSubstr("score: 18/18 (visible checks)\n1 hidden check worth 2 points "
                                    "is not shown; it is graded when your work is submitted.\n"));
  EXPECT_EQ(result.err, "");
}

TEST(CheckCommandTest, FindsTheRubricFromTheLab) {
  const std::string dir = MakeTempDir();
  std::filesystem::create_directories(dir + "/rubrics");
  std::filesystem::copy_file(SourceDir() + "/tests/data/grading/web.yaml",
                             dir + "/rubrics/web.yaml");
  CommandResult found =
      RunWithEnv("SDLAB_DATA_DIR=" + ShellQuote(dir), "check " + Data("good.yaml"));
  EXPECT_EQ(found.exit_code, 0) << found.err;
  EXPECT_THAT(found.out, HasSubstr("score: 18/18 (visible checks)"));
  CommandResult unknown =
      RunWithEnv("SDLAB_DATA_DIR=" + ShellQuote(dir), "check " + Data("good.yaml") + " --lab wbe");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err,
              HasSubstr("sdlab check: no rubric for lab 'wbe' (did you mean 'web'?)\n"));
}

TEST(CheckCommandTest, NotGradableFileShowsItsErrors) {
  CommandResult result = RunSdlab("check " + Data("broken.yaml") + " --rubric " + Data("web.yaml"));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("broken.yaml:3:1: error: unknown key 'stok_flow' (did you mean "
                                    "'stock_flow'?)\nstok_flow:\n^\n"));
  EXPECT_THAT(result.out, HasSubstr("not gradable"));
}

// --format html: one page, written where -o says, nothing on stdout.
// The dominance feedback covers the scenarios visible checks run: a scenario
// only hidden checks use (fighting-autoscalers' hpa_only) is not named, even
// in an instructor's grade (whose hidden checks name it themselves), so that
// no student view can show it.
TEST(DominanceFeedbackCliTest, CoversOnlyTheScenariosOfVisibleChecks) {
  const std::string solution = ShellQuote(SourceDir() + "/solutions/part-b-web-app.yaml");
  CommandResult check = RunSdlab("check " + solution + " --format json");
  ASSERT_EQ(check.exit_code, 0) << check.err;
  const nlohmann::json result = nlohmann::json::parse(check.out);
  std::vector<std::string> scenarios;
  for (const auto& entry : result["dominance"]) scenarios.push_back(entry["scenario"]);
  EXPECT_THAT(scenarios, ::testing::ElementsAre("", "traffic_spike", "traffic_spike_no_retries"));
  // During the spike the retry storm (drops retried) dominates a phase.
  bool storm = false;
  for (const auto& loop : result["dominance"][1]["loops"]) {
    storm = storm ||
            (loop["polarity"] == "reinforcing" &&
             std::find(loop["path"].begin(), loop["path"].end(), "Retries") != loop["path"].end());
  }
  EXPECT_TRUE(storm) << result["dominance"][1].dump(2);

  const std::string autoscalers = ShellQuote(SourceDir() + "/solutions/fighting-autoscalers.yaml");
  CommandResult grade = RunSdlab(
      "grade " + autoscalers + " --rubric " +
      ShellQuote(SourceDir() + "/rubrics/private/fighting-autoscalers.yaml") + " --format json");
  ASSERT_EQ(grade.exit_code, 0) << grade.err;
  const nlohmann::json graded = nlohmann::json::parse(grade.out);
  EXPECT_EQ(graded["dominance"].dump().find("hpa_only"), std::string::npos);
  EXPECT_EQ(graded["dominance"].dump().find("queue_only"), std::string::npos);
  EXPECT_EQ(graded["dominance"].size(), 1u);  // the model as written
}

TEST(HtmlFormatTest, ThePartBSolutionGetsDiagramsAndChartsWithUnits) {
  const std::string page = MakeTempDir() + "/report.html";
  CommandResult result =
      RunSdlab("check " + ShellQuote(SourceDir() + "/solutions/part-b-web-app.yaml") +
               " --rubric " + ShellQuote(SourceDir() + "/rubrics/part-b-web-app.yaml") +
               " --format html -o " + ShellQuote(page));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  const std::string html = ReadFileOrDie(page);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_THAT(html, HasSubstr("<h2>Behaviour over time</h2>"));
  EXPECT_THAT(html, HasSubstr(">time (seconds)</text>"));
  EXPECT_THAT(html, HasSubstr("<h2>Diagrams</h2>"));
  EXPECT_THAT(html, HasSubstr("alt=\"Causal loop diagram\" src=\"data:image/svg+xml;base64,"));
  EXPECT_THAT(html, HasSubstr("alt=\"Stock-and-flow diagram\" src=\"data:image/svg+xml;base64,"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
}

TEST(HtmlFormatTest, ASelfCheckLeavesHiddenChecksOutTheGradeShowsThem) {
  const std::string args =
      Data("good.yaml") + " --rubric " + Data("web.hidden.yaml") + " --format html";
  CommandResult check = RunSdlab("check " + args);
  ASSERT_EQ(check.exit_code, 0) << check.err;
  EXPECT_THAT(check.out, Not(HasSubstr("breaker_helps")));
  CommandResult grade = RunSdlab("grade " + args);
  ASSERT_EQ(grade.exit_code, 0) << grade.err;
  EXPECT_THAT(grade.out, HasSubstr("breaker_helps"));
}

TEST(HtmlFormatTest, ANotGradableFileStillGetsItsPageAndOneFileAtATime) {
  const std::string page = MakeTempDir() + "/report.html";
  CommandResult broken = RunSdlab("check " + Data("broken.yaml") + " --rubric " + Data("web.yaml") +
                                  " --format html -o " + ShellQuote(page));
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_EQ(broken.out, "");
  EXPECT_THAT(broken.err, HasSubstr("broken.yaml:3:1: error: unknown key 'stok_flow'"));
  EXPECT_THAT(ReadFileOrDie(page), HasSubstr("Not gradable"));
  CommandResult two = RunSdlab("grade " + Data("good.yaml") + " " + Data("good.yaml") +
                               " --rubric " + Data("web.yaml") + " --format html");
  EXPECT_EQ(two.exit_code, 2);
  EXPECT_THAT(two.err, HasSubstr("sdlab grade: --format html grades one submission at a time\n"));
}

TEST(GradeCommandTest, HiddenLayerGradesEveryCheck) {
  CommandResult result =
      RunSdlab("grade " + Data("good.yaml") + " --rubric " + Data("web.hidden.yaml"));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("(breaker_helps)"));
  EXPECT_THAT(result.out, HasSubstr("score: 30/30\n"));
  CommandResult layered = RunSdlab("grade " + Data("good.yaml") + " --rubric " + Data("web.yaml") +
                                   " --rubric " + Data("web.hidden.yaml"));
  EXPECT_EQ(layered.exit_code, 0) << layered.err;
  EXPECT_THAT(layered.out, HasSubstr("score: 30/30\n"));
}

TEST(GradeCommandTest, ExitCodes) {
  EXPECT_EQ(RunSdlab("grade " + Data("broken.yaml") + " --rubric " + Data("web.yaml")).exit_code,
            1);
  EXPECT_EQ(RunSdlab("grade " + Data("wrong-lab.yaml") + " --rubric " + Data("web.yaml")).exit_code,
            1);
  EXPECT_EQ(RunSdlab("grade " + Data("good.yaml")).exit_code, 2);
  EXPECT_EQ(
      RunSdlab("grade " + Data("good.yaml") + " --rubric " + Data("web.yaml") + " --format xml")
          .exit_code,
      2);
  EXPECT_EQ(RunSdlab("grade " + Data("good.yaml") + " " + Data("good.yaml") + " --rubric " +
                     Data("web.yaml") + " --format gradescope")
                .exit_code,
            2);
  // A rubric with errors is the rubric's problem, reported located.
  const std::string dir = MakeTempDir();
  WriteFile(dir + "/bad.yaml", "lab: web\nchecks:\n  - { id: a, kind: stok_count, points: 1 }\n");
  CommandResult bad =
      RunSdlab("grade " + Data("good.yaml") + " --rubric " + ShellQuote(dir + "/bad.yaml"));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("bad.yaml:3:20: error: unknown check kind 'stok_count' (did you "
                                 "mean 'stock_count'?)"));
}

TEST(GradeCommandTest, GradescopeResultIsWrittenEvenForABrokenFile) {
  const std::string dir = MakeTempDir();
  CommandResult result = RunSdlab("grade " + Data("broken.yaml") + " --rubric " + Data("web.yaml") +
                                  " --format gradescope -o " + ShellQuote(dir + "/results.json"));
  EXPECT_EQ(result.exit_code, 1);
  nlohmann::json results = nlohmann::json::parse(ReadFileOrDie(dir + "/results.json"));
  EXPECT_EQ(results["score"], 0);
  EXPECT_THAT(results["output"].get<std::string>(), HasSubstr("unknown key 'stok_flow'"));
}

TEST(GradeCommandTest, JunitReportParsesBack) {
  CommandResult result = RunSdlab("grade " + Data("good.yaml") + " " + Data("broken.yaml") +
                                  " --rubric " + Data("web.hidden.yaml") + " --format junit");
  EXPECT_EQ(result.exit_code, 1);
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string(result.out.c_str()));
  EXPECT_EQ(document.child("testsuites").attribute("tests").as_int(), 12);
  EXPECT_EQ(document.child("testsuites").attribute("errors").as_int(), 1);
}

TEST(GradeCommandTest, EveryFormatIsByteIdenticalAcrossRuns) {
  for (const char* format :
       {"text", "md", "json", "junit", "gradescope", "prairielearn", "github"}) {
    const std::string args = "grade " + Data("good.yaml") + " --rubric " + Data("web.hidden.yaml") +
                             " --format " + format;
    CommandResult first = RunSdlab(args);
    CommandResult second = RunSdlab(args);
    EXPECT_EQ(first.exit_code, 0) << format << ": " << first.err;
    EXPECT_FALSE(first.out.empty()) << format;
    EXPECT_EQ(first.out, second.out) << format;
  }
}

TEST(GradeCommandTest, GithubFormatWritesSummaryAndCannotBeForged) {
  const std::string dir = MakeTempDir();
  const std::string summary = dir + "/summary.md";
  CommandResult result = RunWithEnv(
      "GITHUB_STEP_SUMMARY=" + ShellQuote(summary),
      "grade " + Data("hostile.yaml") + " --rubric " + Data("web.yaml") + " --format github");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::istringstream lines(result.out);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    EXPECT_TRUE(line.rfind("::error file=", 0) == 0 || line.rfind("::warning file=", 0) == 0 ||
                line.rfind("::notice file=", 0) == 0)
        << line;
    EXPECT_THAT(line, HasSubstr(",title=sdlab"));
  }
  EXPECT_GT(count, 3);
  EXPECT_THAT(result.out, Not(HasSubstr("\n::error::")));
  EXPECT_THAT(result.out, Not(HasSubstr("\n::set-output")));
  // Student text that looked like an escape stays literal text.
  EXPECT_THAT(result.out, HasSubstr("%250A"));
  EXPECT_EQ(result.err, "");
  const std::string markdown = ReadFileOrDie(summary);
  EXPECT_THAT(markdown, HasSubstr("hostile.yaml: 4/20 points"));
  EXPECT_THAT(markdown, Not(HasSubstr("<b>")));
}

TEST(GradeCommandTest, JsonOfSeveralFilesIsAnArray) {
  CommandResult result = RunSdlab("grade " + Data("good.yaml") + " " + Data("wrong-lab.yaml") +
                                  " --rubric " + Data("web.yaml") + " --format json");
  EXPECT_EQ(result.exit_code, 1);
  nlohmann::json document = nlohmann::json::parse(result.out);
  ASSERT_TRUE(document.is_array());
  EXPECT_EQ(document[0]["score"], 20);
  EXPECT_EQ(document[1]["gradable"], false);
  EXPECT_EQ(document[1]["diagnostics"][0]["message"],
            "this file answers lab 'bathtub', but the rubric grades lab 'web'");
}

}  // namespace
}  // namespace sdlab::testing
