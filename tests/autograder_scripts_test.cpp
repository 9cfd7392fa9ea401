// The Gradescope and PrairieLearn entry scripts (labs/_autograder/), run
// against a fake /autograder or /grade tree: they always leave a valid
// results.json, whatever happens to the submission or to sdlab.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace sdlab::testing {
namespace {

using ::testing::HasSubstr;

const char* const kHiddenLayer = R"yaml(lab: web
extends: rubric.yaml
checks:
  - id: spike_cause
    kind: answer
    question: hourly_spike_cause
    keywords: [[ttl, expir*], [same time, on the hour]]
    points: 5
    visibility: hidden
)yaml";

int RunScript(const std::string& env, const std::string& script) {
  const std::string command =
      env + " bash " + ShellQuote(SourceDir() + "/labs/_autograder/" + script) + " >/dev/null 2>&1";
  return std::system(command.c_str());
}

class GradescopeScriptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = MakeTempDir();
    std::filesystem::create_directories(root_ + "/source");
    std::filesystem::create_directories(root_ + "/submission");
    std::filesystem::copy_file(Data("web.yaml"), root_ + "/source/rubric.yaml");
    WriteFile(root_ + "/source/rubric.hidden.yaml", kHiddenLayer);
  }
  static std::string Data(const std::string& name) {
    return SourceDir() + "/tests/data/grading/" + name;
  }
  nlohmann::json Run(const std::string& sdlab = SdlabBinary()) {
    EXPECT_EQ(RunScript("AUTOGRADER_ROOT=" + ShellQuote(root_) + " SDLAB=" + ShellQuote(sdlab),
                        "gradescope/run_autograder"),
              0);
    return nlohmann::json::parse(ReadFileOrDie(root_ + "/results/results.json"));
  }
  std::string root_;
};

TEST_F(GradescopeScriptTest, GradesTheSubmissionWithBothLayers) {
  std::filesystem::copy_file(Data("good.yaml"), root_ + "/submission/answer.yaml");
  nlohmann::json results = Run();
  EXPECT_EQ(results["score"], 25);
  ASSERT_EQ(results["tests"].size(), 10u);
  EXPECT_EQ(results["tests"][9]["visibility"], "hidden");
  EXPECT_THAT(results["tests"][1]["output"].get<std::string>(), HasSubstr("answer.yaml:"));
}

TEST_F(GradescopeScriptTest, BrokenSubmissionStillGetsResults) {
  std::filesystem::copy_file(Data("broken.yaml"), root_ + "/submission/answer.yaml");
  nlohmann::json results = Run();
  EXPECT_EQ(results["score"], 0);
  EXPECT_THAT(results["output"].get<std::string>(), HasSubstr("unknown key 'stok_flow'"));
}

TEST_F(GradescopeScriptTest, NoYamlFileIsExplained) {
  WriteFile(root_ + "/submission/notes.txt", "hello");
  nlohmann::json results = Run();
  EXPECT_EQ(results["score"], 0);
  EXPECT_EQ(results["output"], "No answer file found: submit your answer as one .yaml file.");
}

TEST_F(GradescopeScriptTest, MissingSdlabStillWritesResults) {
  std::filesystem::copy_file(Data("good.yaml"), root_ + "/submission/answer.yaml");
  nlohmann::json results = Run("/nonexistent/sdlab");
  EXPECT_EQ(results["score"], 0);
  EXPECT_THAT(results["output"].get<std::string>(), HasSubstr("sdlab is not installed"));
}

TEST(PrairieLearnScriptTest, GradesAndReportsAFraction) {
  const std::string root = MakeTempDir();
  std::filesystem::create_directories(root + "/tests");
  std::filesystem::create_directories(root + "/student");
  std::filesystem::copy_file(SourceDir() + "/tests/data/grading/web.yaml",
                             root + "/tests/rubric.yaml");
  WriteFile(root + "/tests/rubric.hidden.yaml", kHiddenLayer);
  std::filesystem::copy_file(SourceDir() + "/tests/data/grading/good.yaml",
                             root + "/student/answer.yaml");
  EXPECT_EQ(RunScript("GRADE_ROOT=" + ShellQuote(root) + " SDLAB=" + ShellQuote(SdlabBinary()),
                      "prairielearn/run.sh"),
            0);
  nlohmann::json results = nlohmann::json::parse(ReadFileOrDie(root + "/results/results.json"));
  EXPECT_EQ(results["gradable"], true);
  EXPECT_EQ(results["score"], 1.0);
  // Eight visible checks and one line for the hidden layer's check, which
  // counts in the score without its title.
  ASSERT_EQ(results["tests"].size(), 9u);
  EXPECT_EQ(results["tests"].back()["name"], "Hidden checks");
  EXPECT_EQ(results.dump().find("spike_cause"), std::string::npos);
  std::filesystem::remove(root + "/student/answer.yaml");
  EXPECT_EQ(RunScript("GRADE_ROOT=" + ShellQuote(root) + " SDLAB=" + ShellQuote(SdlabBinary()),
                      "prairielearn/run.sh"),
            0);
  nlohmann::json missing = nlohmann::json::parse(ReadFileOrDie(root + "/results/results.json"));
  EXPECT_EQ(missing["gradable"], false);
  EXPECT_EQ(missing["message"], "No answer file found: submit one .yaml file.");
}

}  // namespace
}  // namespace sdlab::testing
