#include "core/batch/gradescope_package.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "test_support.h"

namespace sdlab {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace fs = std::filesystem;

std::vector<std::string> Names(const std::vector<ZipEntry>& entries) {
  std::vector<std::string> names;
  for (const ZipEntry& entry : entries) names.push_back(entry.name + (entry.executable ? "*" : ""));
  return names;
}

int Bash(const std::string& command) {
  const int status = std::system(("bash -c " + testing::ShellQuote(command)).c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(GradescopePackageTest, HoldsScriptsRubricLayersAndSourcesWithoutTests) {
  const std::string root = testing::MakeTempDir();
  testing::WriteFile(root + "/CMakeLists.txt", "project(sdlab)\n");
  fs::create_directories(root + "/core/engine");  // sources live in stage folders
  fs::create_directories(root + "/core/.cache");
  fs::create_directories(root + "/grader");
  fs::create_directories(root + "/tests");
  testing::WriteFile(root + "/core/engine/model.cpp", "// model\n");
  testing::WriteFile(root + "/core/engine/model.h", "");
  testing::WriteFile(root + "/core/engine/model_test.cpp", "");
  testing::WriteFile(root + "/core/build_config.h.in", "");
  testing::WriteFile(root + "/core/.cache/index", "");  // hidden: left out
  testing::WriteFile(root + "/grader/main.cpp", "");
  testing::WriteFile(root + "/tests/cli_test.cpp", "");
  fs::create_directories(root + "/rubrics");
  fs::create_directories(root + "/private");
  testing::WriteFile(root + "/rubrics/lab.yaml", "lab: lab\n");
  testing::WriteFile(root + "/private/hidden.yaml", "extends: ../rubrics/lab.yaml\n");

  Diagnostics diagnostics;
  GradescopePackageInput input;
  input.source_dir = root;
  input.rubric_files = {root + "/rubrics/lab.yaml", root + "/private/hidden.yaml"};
  input.rubric_layers = {root + "/private/hidden.yaml"};
  const std::vector<ZipEntry> entries = BuildGradescopePackage(input, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors());
  EXPECT_THAT(Names(entries),
              ElementsAre("setup.sh*", "run_autograder*", "rubric/rubrics/lab.yaml",
                          "rubric/private/hidden.yaml", "sdlab/CMakeLists.txt",
                          "sdlab/core/build_config.h.in", "sdlab/core/engine/model.cpp",
                          "sdlab/core/engine/model.h", "sdlab/grader/main.cpp"));
  EXPECT_EQ(entries[4].data, "project(sdlab)\n");
  EXPECT_THAT(entries[1].data,
              HasSubstr("grade \"$submission\" --rubric \"$source/rubric/\"'private/hidden.yaml' "
                        "--format gradescope -o \"$results\""));
}

TEST(GradescopePackageTest, MissingSourcesOrRubricsAreErrors) {
  Diagnostics diagnostics;
  GradescopePackageInput input;
  input.source_dir = "/no/such/sdlab";
  input.rubric_files = {"/no/such/rubric.yaml"};
  input.rubric_layers = input.rubric_files;
  BuildGradescopePackage(input, diagnostics);
  ASSERT_EQ(diagnostics.items().size(), 2u);
  EXPECT_EQ(FormatDiagnosticLine(diagnostics.items()[0]),
            "/no/such/rubric.yaml: error: cannot read the rubric file");
  EXPECT_EQ(FormatDiagnosticLine(diagnostics.items()[1]),
            "/no/such/sdlab: error: no sdlab sources here (CMakeLists.txt is missing) (package "
            "from a build of the source tree, or pass --source)");
}

TEST(GradescopePackageTest, ScriptsAreValidBash) {
  const std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/setup.sh", GradescopeSetupScript());
  testing::WriteFile(dir + "/run_autograder", GradescopeRunScript({"lab.yaml", "it's.yaml"}));
  EXPECT_EQ(Bash("bash -n " + dir + "/setup.sh"), 0);
  EXPECT_EQ(Bash("bash -n " + dir + "/run_autograder"), 0);
}

// run_autograder with a stand-in for sdlab that records its arguments.
class RunAutograderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = testing::MakeTempDir();
    fs::create_directories(root_ + "/submission");
    fs::create_directories(root_ + "/source");
    testing::WriteFile(root_ + "/source/run_autograder", GradescopeRunScript({"lab.yaml"}));
    fake_ = root_ + "/fake-sdlab";
  }
  void FakeSdlab(const std::string& body) {
    testing::WriteFile(fake_, "#!/usr/bin/env bash\n" + body);
    chmod(fake_.c_str(), 0755);
  }
  std::string Run() {
    const int status = Bash("AUTOGRADER_ROOT=" + root_ + " SDLAB=" + fake_ + " bash " + root_ +
                            "/source/run_autograder");
    EXPECT_EQ(status, 0);
    return testing::ReadFileOrDie(root_ + "/results/results.json");
  }
  std::string root_, fake_;
};

TEST_F(RunAutograderTest, GradesAnswerYamlWithTheRubric) {
  FakeSdlab("printf '%s|' \"$@\" > \"${@: -1}\"\n");
  testing::WriteFile(root_ + "/submission/answer.yaml", "");
  testing::WriteFile(root_ + "/submission/other.yaml", "");
  EXPECT_EQ(Run(), "grade|answer.yaml|--rubric|" + root_ +
                       "/source/rubric/lab.yaml|--format|gradescope|-o|" + root_ +
                       "/results/results.json|");
}

TEST_F(RunAutograderTest, TakesTheOnlyYamlFileWhenThereIsNoAnswerYaml) {
  FakeSdlab("printf '%s' \"$2\" > \"${@: -1}\"\n");
  testing::WriteFile(root_ + "/submission/my answer.yml", "");
  EXPECT_EQ(Run(), "my answer.yml");
}

TEST_F(RunAutograderTest, NoSubmissionStillWritesResults) {
  FakeSdlab("exit 3\n");
  EXPECT_EQ(Run(),
            "{\"score\": 0, \"output\": \"No submission to grade: upload one YAML file, "
            "answer.yaml.\", \"tests\": []}\n");
}

TEST_F(RunAutograderTest, AFailingSdlabStillLeavesResults) {
  FakeSdlab("exit 3\n");
  testing::WriteFile(root_ + "/submission/answer.yaml", "");
  EXPECT_EQ(Run(),
            "{\"score\": 0, \"output\": \"sdlab could not grade this submission (exit "
            "status 3). Please tell your instructor.\", \"tests\": []}\n");
}

}  // namespace
}  // namespace sdlab
