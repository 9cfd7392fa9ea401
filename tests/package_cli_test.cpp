// End-to-end tests of `sdlab package gradescope`: what the zip holds, that
// its run_autograder grades a submission with the real sdlab, and that the
// shipped sources configure with CMake.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace sdlab::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

namespace fs = std::filesystem;

int Shell(const std::string& command) {
  const int status = std::system(("bash -c " + ShellQuote(command)).c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class PackageCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists("/usr/bin/unzip")) {
      GTEST_SKIP() << "/usr/bin/unzip is not installed (Debian: apt-get install unzip)";
    }
    dir_ = MakeTempDir();
    zip_ = dir_ + "/autograder.zip";
    const CommandResult result =
        RunSdlab("package gradescope --lab part-b-web-app -o " + ShellQuote(zip_));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("for lab part-b-web-app\n"));
    ASSERT_EQ(Shell("unzip -q " + ShellQuote(zip_) + " -d " + ShellQuote(dir_ + "/source")), 0);
  }
  std::string dir_, zip_;
};

TEST_F(PackageCliTest, HoldsTheScriptsTheRubricAndTheSourcesWithoutTests) {
  const std::string source = dir_ + "/source";
  for (const char* file : {"setup.sh", "run_autograder"}) {
    EXPECT_NE(fs::status(source + "/" + file).permissions() & fs::perms::owner_exec,
              fs::perms::none)
        << file;
  }
  // --lab ships the instructor's rubric: the private layer and the public one it extends.
  EXPECT_EQ(ReadFileOrDie(source + "/rubric/part-b-web-app.yaml"),
            ReadFileOrDie(SourceDir() + "/rubrics/part-b-web-app.yaml"));
  EXPECT_EQ(ReadFileOrDie(source + "/rubric/private/part-b-web-app.yaml"),
            ReadFileOrDie(SourceDir() + "/rubrics/private/part-b-web-app.yaml"));
  EXPECT_TRUE(fs::exists(source + "/sdlab/CMakeLists.txt"));
  EXPECT_TRUE(fs::exists(source + "/sdlab/core/grade/grader.cpp"));
  EXPECT_TRUE(fs::exists(source + "/sdlab/grader/main.cpp"));
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(source)) {
    EXPECT_THAT(entry.path().string(), Not(HasSubstr("_test.cpp")));
  }
  const std::string again = dir_ + "/again.zip";
  ASSERT_EQ(RunSdlab("package gradescope --lab part-b-web-app -o " + ShellQuote(again)).exit_code,
            0);
  EXPECT_EQ(ReadFileOrDie(again), ReadFileOrDie(zip_));
}

TEST_F(PackageCliTest, RunAutograderGradesASubmissionWithTheRealSdlab) {
  fs::create_directories(dir_ + "/submission");
  fs::copy_file(SourceDir() + "/solutions/part-b-web-app.yaml", dir_ + "/submission/answer.yaml");
  ASSERT_EQ(Shell("AUTOGRADER_ROOT=" + ShellQuote(dir_) + " SDLAB=" + ShellQuote(SdlabBinary()) +
                  " " + ShellQuote(dir_ + "/source/run_autograder")),
            0);
  const nlohmann::json results =
      nlohmann::json::parse(ReadFileOrDie(dir_ + "/results/results.json"));
  EXPECT_EQ(results["score"], 100);
  EXPECT_FALSE(results["tests"].empty());
}

TEST_F(PackageCliTest, TheShippedSourcesConfigure) {
  if (Shell("command -v cmake >/dev/null") != 0) GTEST_SKIP() << "cmake is not installed";
  const std::string sdlab = dir_ + "/source/sdlab";
  EXPECT_EQ(Shell("mkdir -p " + ShellQuote(sdlab) + "/{labs,rubrics,solutions} && cmake -S " +
                  ShellQuote(sdlab) + " -B " + ShellQuote(dir_ + "/build") +
                  " -G Ninja -DSDLAB_BUILD_TESTS=OFF -DSDLAB_BUILD_BENCHMARKS=OFF > " +
                  ShellQuote(dir_ + "/cmake.log") + " 2>&1"),
            0)
      << ReadFileOrDie(dir_ + "/cmake.log");
}

TEST(PackageCliErrorsTest, UsageAndInputErrorsUseTheDocumentedExitCodes) {
  const std::string out = MakeTempDir() + "/x.zip";
  EXPECT_EQ(RunSdlab("package moodle --lab part-b-web-app -o " + ShellQuote(out)).exit_code, 2);
  EXPECT_EQ(RunSdlab("package gradescope -o " + ShellQuote(out)).exit_code, 2);
  const CommandResult unknown = RunSdlab("package gradescope --lab part-z -o " + ShellQuote(out));
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("no rubric for lab 'part-z'"));
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace sdlab::testing
