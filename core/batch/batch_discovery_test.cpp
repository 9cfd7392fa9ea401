#include "core/batch/batch_discovery.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "test_support.h"

namespace sdlab {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
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

// The entries that are submissions (not skipped).
std::vector<BatchSubmission> Submissions(const std::vector<BatchSubmission>& found) {
  std::vector<BatchSubmission> submissions;
  for (const BatchSubmission& one : found) {
    if (!one.skipped) submissions.push_back(one);
  }
  return submissions;
}

const BatchSubmission& Entry(const std::vector<BatchSubmission>& found, const std::string& id) {
  for (const BatchSubmission& one : found) {
    if (one.student_id == id) return one;
  }
  throw std::runtime_error("no entry '" + id + "'");
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
  const std::vector<BatchSubmission> all = DiscoverSubmissions({dir, extra}, diagnostics);
  EXPECT_THAT(Errors(diagnostics), IsEmpty());
  const std::vector<BatchSubmission> found = Submissions(all);
  EXPECT_THAT(Ids(found), ElementsAre("ada", "bob", "carol", "dave", "erin", "frank", "zoe"));
  EXPECT_EQ(found[0].path, extra);
  EXPECT_EQ(found[1].path, dir + "/bob.yml");
  EXPECT_EQ(found[2].path, dir + "/carol/answer.yaml");
  EXPECT_EQ(found[3].path, dir + "/dave/work.yaml");
  EXPECT_EQ(found[4].path, "");
  EXPECT_EQ(found[4].problem, "no .yaml file in " + dir + "/erin");
  EXPECT_EQ(found[5].problem, "several .yaml files in " + dir +
                                  "/frank (x.yaml, y.yaml); name the one to grade answer.yaml");
  // Every other entry is listed, skipped, with its reason.
  EXPECT_THAT(Ids(all), ElementsAre(".git", ".hidden.yaml", "README.md", "ada", "bob", "carol",
                                    "dave", "erin", "frank", "zoe"));
  EXPECT_TRUE(all[0].skipped);
  EXPECT_EQ(all[0].reason, "dotfile");
  EXPECT_EQ(all[1].problem, dir + "/.hidden.yaml is hidden (its name starts with '.'); not graded");
  EXPECT_EQ(all[2].reason, "not a submission");
  EXPECT_EQ(all[2].problem, dir + "/README.md is not a .yaml or .yml file or a student's folder");
}

// Issue 14 item 5: `Zoé.yaml` and `Zoë.yaml` both fold to `Zo__`; the whole
// class used to be dropped. Now each gets a folder of its own, every run the
// same, and both are graded.
TEST(DiscoverSubmissionsTest, IdsThatFoldToOneFolderGetDistinctFoldersDeterministically) {
  const std::string dir = testing::MakeTempDir();
  const std::string nfc_e_acute = "Zo\xc3\xa9", nfc_e_diaeresis = "Zo\xc3\xab";
  const std::string nfd_e_acute = "Zoe\xcc\x81", nfd_e_diaeresis = "Zoe\xcc\x88";
  for (const std::string& id : {nfc_e_acute, nfc_e_diaeresis, nfd_e_acute, nfd_e_diaeresis}) {
    testing::WriteFile(dir + "/" + id + ".yaml", "");
  }
  testing::WriteFile(dir + "/Ada.yaml", "");  // Ada and ada: one folder on a Mac
  testing::WriteFile(dir + "/ada.yaml", "");
  testing::WriteFile(dir + "/a b.yaml", "");
  testing::WriteFile(dir + "/a_b.yaml", "");
  testing::WriteFile(dir + "/bob.yaml", "");
  fs::create_directories(dir + "/bob");  // two submissions for one id
  testing::WriteFile(dir + "/bob/answer.yaml", "");

  Diagnostics diagnostics;
  const std::vector<BatchSubmission> found = DiscoverSubmissions({dir}, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << Errors(diagnostics);
  ASSERT_EQ(found.size(), 10u);
  std::set<std::string> folded;
  for (const BatchSubmission& submission : found) {
    EXPECT_FALSE(submission.path.empty()) << submission.student_id << ": " << submission.problem;
    std::string key = submission.folder;
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(folded.insert(key).second) << submission.folder << " is used twice";
    EXPECT_EQ(OutputFolderName(submission.folder), submission.folder);
  }
  // Every member of a clash gets the shared name and a hash; others keep theirs.
  const BatchSubmission& zoe = Entry(found, nfc_e_acute);
  EXPECT_EQ(zoe.folder.rfind("Zo__-", 0), 0u) << zoe.folder;
  EXPECT_EQ(zoe.folder.size(), std::string("Zo__-").size() + 8);
  EXPECT_EQ(zoe.note, "results in students/" + zoe.folder + ": '" + nfc_e_acute + "', '" +
                          nfc_e_diaeresis + "' would share students/Zo__");
  EXPECT_EQ(Entry(found, nfd_e_acute).folder.rfind("Zoe__-", 0), 0u);
  EXPECT_EQ(Entry(found, "Ada").folder.rfind("Ada-", 0), 0u);
  EXPECT_EQ(Entry(found, "ada").folder.rfind("ada-", 0), 0u);  // its own name, then a hash
  EXPECT_EQ(Entry(found, "a b").folder.rfind("a_b-", 0), 0u);
  EXPECT_THAT(Entry(found, "bob").note, HasSubstr("would share students/bob"));
  // A warning for each clash, in folder order.
  std::string warnings;
  for (const Diagnostic& diagnostic : diagnostics.items()) {
    EXPECT_EQ(diagnostic.severity, Severity::kWarning);
    warnings += diagnostic.message + "\n";
  }
  EXPECT_THAT(warnings, HasSubstr("submissions '" + nfc_e_acute + "', '" + nfc_e_diaeresis +
                                  "' would share the result folder 'Zo__'; each has its own\n"));
  EXPECT_THAT(warnings, HasSubstr("submissions 'Ada', 'ada' would share the result folder 'Ada'"));
  EXPECT_EQ(diagnostics.items().size(), 5u);

  // The same class gives the same folders every time.
  Diagnostics again;
  const std::vector<BatchSubmission> second = DiscoverSubmissions({dir}, again);
  ASSERT_EQ(second.size(), found.size());
  for (std::size_t i = 0; i < found.size(); ++i) EXPECT_EQ(second[i].folder, found[i].folder);
}

// Issue 14 item 6: a link to a secret file put a line of it in the gradebook.
TEST(DiscoverSubmissionsTest, SymbolicLinksOutOfTheFolderAreReportedNotFollowed) {
  const std::string outside = testing::MakeTempDir();
  testing::WriteFile(outside + "/secret.txt", "SECRET\n");
  fs::create_directories(outside + "/elsewhere");
  testing::WriteFile(outside + "/elsewhere/answer.yaml", "SECRET\n");
  const std::string dir = outside + "/class";
  fs::create_directories(dir + "/ada");
  testing::WriteFile(dir + "/ada/answer.yaml", "");
  fs::create_directories(dir + "/eve");
  fs::create_symlink(outside + "/secret.txt", dir + "/eve/answer.yaml");
  fs::create_symlink("../secret.txt", dir + "/mallory.yaml");
  fs::create_symlink("/proc/version", dir + "/kernel.yaml");
  fs::create_symlink(outside + "/elsewhere", dir + "/trudy");
  fs::create_symlink(".", dir + "/loop");
  fs::create_symlink("self.yaml", dir + "/self.yaml");
  fs::create_symlink("ada/answer.yaml", dir + "/copy.yaml");  // inside: followed
  fs::create_symlink("ada", dir + "/alias");

  Diagnostics diagnostics;
  const std::vector<BatchSubmission> found = DiscoverSubmissions({dir}, diagnostics);
  EXPECT_THAT(Errors(diagnostics), IsEmpty());
  EXPECT_THAT(Ids(found), ElementsAre("ada", "alias", "copy", "eve", "kernel", "loop", "mallory",
                                      "self", "trudy"));
  EXPECT_EQ(Entry(found, "copy").path, dir + "/copy.yaml");
  EXPECT_EQ(Entry(found, "alias").path, dir + "/alias/answer.yaml");
  const std::string out = " is a symbolic link to outside the class folder; not followed";
  for (const auto& [id, problem] : std::vector<std::pair<std::string, std::string>>{
           {"eve", dir + "/eve/answer.yaml" + out},
           {"kernel", dir + "/kernel.yaml" + out},
           {"mallory", dir + "/mallory.yaml" + out},
           {"trudy", dir + "/trudy" + out},
           {"loop", dir + "/loop is a symbolic link to the class folder itself; not followed"},
           {"self", dir + "/self.yaml is a symbolic link whose target is missing or loops; not "
                          "followed"}}) {
    const BatchSubmission& entry = Entry(found, id);
    EXPECT_EQ(entry.path, "") << id;
    EXPECT_FALSE(entry.skipped) << id;
    EXPECT_EQ(entry.reason, "symbolic link") << id;
    EXPECT_EQ(entry.problem, problem);
  }
}

TEST(DiscoverSubmissionsTest, FifosAndDevicesAreNeverOpened) {
  const std::string dir = testing::MakeTempDir();
  ASSERT_EQ(mkfifo((dir + "/pipe.yaml").c_str(), 0600), 0);
  ASSERT_EQ(mkfifo((dir + "/pipe").c_str(), 0600), 0);
  fs::create_directories(dir + "/ada");
  ASSERT_EQ(mkfifo((dir + "/ada/answer.yaml").c_str(), 0600), 0);
  fs::create_symlink("/dev/null", dir + "/null.yaml");
  Diagnostics diagnostics;
  const std::vector<BatchSubmission> found = DiscoverSubmissions({dir}, diagnostics);
  EXPECT_THAT(Errors(diagnostics), IsEmpty());
  EXPECT_THAT(Ids(found), ElementsAre("ada", "null", "pipe", "pipe"));
  EXPECT_EQ(found[0].problem, dir + "/ada/answer.yaml is a FIFO (named pipe); not read");
  EXPECT_EQ(found[0].reason, "not a regular file");
  EXPECT_EQ(found[1].reason, "symbolic link");
  // pipe (no extension) is skipped; pipe.yaml is a student's, not gradable.
  EXPECT_EQ(found[2].path + found[3].path, "");
  EXPECT_NE(found[2].skipped, found[3].skipped);
  for (const BatchSubmission& pipe : {found[2], found[3]}) {
    EXPECT_EQ(pipe.reason, "not a regular file");
    EXPECT_THAT(pipe.problem, HasSubstr(" is a FIFO (named pipe); not read"));
  }
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
  for (int i = 0; i < 10; ++i) all.push_back({"s" + std::to_string(i), "", "", "", false, "", ""});
  EXPECT_THAT(Ids(SelectShard(all, {1, 3})), ElementsAre("s0", "s3", "s6", "s9"));
  EXPECT_THAT(Ids(SelectShard(all, {2, 3})), ElementsAre("s1", "s4", "s7"));
  EXPECT_THAT(Ids(SelectShard(all, {3, 3})), ElementsAre("s2", "s5", "s8"));
  EXPECT_EQ(SelectShard(all, {1, 1}).size(), 10u);
  EXPECT_THAT(SelectShard(all, {12, 12}), IsEmpty());
}

}  // namespace
}  // namespace sdlab
