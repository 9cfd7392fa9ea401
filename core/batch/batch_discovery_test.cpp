#include "core/batch/batch_discovery.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "test_support.h"

namespace sdlab {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace fs = std::filesystem;

std::vector<std::string> Ids(const std::vector<BatchSubmission>& submissions) {
  std::vector<std::string> ids;
  for (const BatchSubmission& submission : submissions) ids.push_back(submission.student_id);
  return ids;
}

std::string Errors(const Diagnostics& diagnostics) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics.items()) {
    text += FormatDiagnosticLine(diagnostic) + "\n";
  }
  return text;
}

TEST(DiscoverSubmissionsTest, FindsFilesAndStudentFoldersInIdOrder) {
  const std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/zoe.yaml", "");
  testing::WriteFile(dir + "/bob.yml", "");
  testing::WriteFile(dir + "/README.md", "");
  testing::WriteFile(dir + "/.hidden.yaml", "");
  fs::create_directories(dir + "/carol");
  testing::WriteFile(dir + "/carol/answer.yaml", "");
  testing::WriteFile(dir + "/carol/notes.yaml", "");
  fs::create_directories(dir + "/dave");
  testing::WriteFile(dir + "/dave/work.yaml", "");
  fs::create_directories(dir + "/erin");
  fs::create_directories(dir + "/frank");
  testing::WriteFile(dir + "/frank/y.yaml", "");
  testing::WriteFile(dir + "/frank/x.yaml", "");
  fs::create_directories(dir + "/.git");
  const std::string extra = testing::MakeTempDir() + "/ada.txt";
  testing::WriteFile(extra, "");

  Diagnostics diagnostics;
  const std::vector<BatchSubmission> found = DiscoverSubmissions({dir, extra}, diagnostics);
  EXPECT_THAT(Errors(diagnostics), IsEmpty());
  EXPECT_THAT(Ids(found), ElementsAre("ada", "bob", "carol", "dave", "erin", "frank", "zoe"));
  EXPECT_EQ(found[0].path, extra);
  EXPECT_EQ(found[1].path, dir + "/bob.yml");
  EXPECT_EQ(found[2].path, dir + "/carol/answer.yaml");
  EXPECT_EQ(found[3].path, dir + "/dave/work.yaml");
  EXPECT_EQ(found[4].path, "");
  EXPECT_EQ(found[4].problem, "no .yaml file in " + dir + "/erin");
  EXPECT_EQ(found[5].problem, "several .yaml files in " + dir +
                                  "/frank (x.yaml, y.yaml); name the one to grade answer.yaml");
}

TEST(DiscoverSubmissionsTest, TwoSubmissionsForOneStudentAreAnError) {
  const std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/ada.yaml", "");
  fs::create_directories(dir + "/ada");
  testing::WriteFile(dir + "/ada/answer.yaml", "");
  testing::WriteFile(dir + "/a b.yaml", "");
  testing::WriteFile(dir + "/a_b.yaml", "");
  Diagnostics diagnostics;
  DiscoverSubmissions({dir}, diagnostics);
  EXPECT_EQ(Errors(diagnostics),
            dir +
                "/a_b.yaml: error: students 'a b' and 'a_b' would share the result folder "
                "'a_b' (the other is " +
                dir + "/a b.yaml)\n" + dir +
                "/ada/answer.yaml: error: two submissions for student 'ada' (the other is " + dir +
                "/ada.yaml)\n");
}

TEST(DiscoverSubmissionsTest, AMissingInputIsAnError) {
  Diagnostics diagnostics;
  EXPECT_THAT(DiscoverSubmissions({"/no/such/place"}, diagnostics), IsEmpty());
  EXPECT_EQ(Errors(diagnostics), "/no/such/place: error: no such file or folder\n");
}

TEST(OutputFolderNameTest, KeepsSafeCharactersOnly) {
  EXPECT_EQ(OutputFolderName("ada.lovelace+1@uni-x_y"), "ada.lovelace+1@uni-x_y");
  EXPECT_EQ(OutputFolderName("a b/c\\d"), "a_b_c_d");
  EXPECT_EQ(OutputFolderName(".."), "_..");
  EXPECT_EQ(OutputFolderName(""), "_");
  EXPECT_EQ(OutputFolderName("Zoë"), "Zo__");
}

TEST(ShardTest, ParsesIndexOfCount) {
  ASSERT_TRUE(ParseShard("2/4"));
  EXPECT_EQ(ParseShard("2/4")->index, 2);
  EXPECT_EQ(ParseShard("2/4")->count, 4);
  EXPECT_TRUE(ParseShard("1/1"));
  for (const char* bad : {"0/4", "5/4", "a/4", "2/", "/4", "2/0", "2/4x", "24", "-1/4", ""}) {
    EXPECT_FALSE(ParseShard(bad)) << bad;
  }
}

TEST(ShardTest, EverySubmissionIsInExactlyOneShard) {
  std::vector<BatchSubmission> all;
  for (int i = 0; i < 10; ++i) all.push_back({"s" + std::to_string(i), "", ""});
  EXPECT_THAT(Ids(SelectShard(all, {1, 3})), ElementsAre("s0", "s3", "s6", "s9"));
  EXPECT_THAT(Ids(SelectShard(all, {2, 3})), ElementsAre("s1", "s4", "s7"));
  EXPECT_THAT(Ids(SelectShard(all, {3, 3})), ElementsAre("s2", "s5", "s8"));
  EXPECT_EQ(SelectShard(all, {1, 1}).size(), 10u);
  EXPECT_THAT(SelectShard(all, {12, 12}), IsEmpty());
}

}  // namespace
}  // namespace sdlab
