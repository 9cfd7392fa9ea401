// End-to-end tests of `sdlab batch`: a class of over 200 generated
// submissions (reference solutions, every known Part B mistake, broken
// files, empty and ambiguous folders) graded with one and with two workers.
// The expected gradebook is built from `sdlab grade` on each template file
// alone, so the batch must agree with single grading row by row.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/diagnostic.h"
#include "core/grade/grade_result.h"
#include "test_support.h"

namespace sdlab::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

namespace fs = std::filesystem;

constexpr int kStudents = 210;

std::string PartBRubric() { return LabGradingRubric("part-b-web-app"); }

struct Template {
  std::string name;
  std::string text;
};

// Solutions, every known mistake, and files that cannot be graded.
std::vector<Template> Templates() {
  std::vector<Template> templates = {
      {"solution", ReadFileOrDie(SourceDir() + "/solutions/part-b-web-app.yaml")},
      {"solution-alt", ReadFileOrDie(SourceDir() + "/solutions/part-b-web-app-alt.yaml")},
  };
  std::vector<std::string> mistakes;
  for (const fs::directory_entry& entry :
       fs::directory_iterator(SourceDir() + "/tests/mistakes/part-b")) {
    const std::string name = entry.path().filename().string();
    if (name.find(".expected.") == std::string::npos) mistakes.push_back(name);
  }
  std::sort(mistakes.begin(), mistakes.end());
  for (const std::string& name : mistakes) {
    templates.push_back(
        {"mistake-" + name, ReadFileOrDie(SourceDir() + "/tests/mistakes/part-b/" + name)});
  }
  templates.push_back({"broken-syntax", "lab: part-b-web-app\nstock_flow: [\n"});
  templates.push_back({"broken-unknown-key", "lab: part-b-web-app\nstok_flow: {}\n"});
  templates.push_back({"broken-empty", ""});
  templates.push_back({"broken-binary", std::string("\x7f"
                                                    "ELF\x02\x01\x01\x00\xff\xfe",
                                                    10)});
  templates.push_back({"wrong-lab", ReadFileOrDie(SourceDir() + "/solutions/bathtub.yaml")});
  return templates;
}

std::string StudentId(int i) {
  char id[16];
  std::snprintf(id, sizeof id, "s%03d", i);
  return id;
}

// Writes student i's submission in one of three layouts and returns the
// path the batch will grade.
std::string WriteStudent(const std::string& dir, int i, const Template& from) {
  const std::string id = StudentId(i);
  std::string path;
  if (i % 3 == 0) {
    fs::create_directories(dir + "/" + id);
    path = dir + "/" + id + "/answer.yaml";
  } else if (i % 3 == 1) {
    path = dir + "/" + id + ".yaml";
  } else {
    fs::create_directories(dir + "/" + id);
    path = dir + "/" + id + "/my work.yml";
  }
  WriteFile(path, from.text);
  return path;
}

// RFC 4180 quoting, as the gradebook does it (its unit test pins the rules).
std::string Cell(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

struct Expected {
  bool gradable = false;
  double score = 0, max_score = 0;
  std::vector<std::pair<std::string, double>> points;  // check id, points
  std::vector<std::string> statuses;
  Diagnostic first_error;
};

// What `sdlab grade` alone makes of a template.
Expected GradeAlone(const std::string& path) {
  const CommandResult result = RunSdlab("grade " + ShellQuote(path) + " --rubric " +
                                        ShellQuote(PartBRubric()) + " --format json");
  EXPECT_TRUE(result.exit_code == 0 || result.exit_code == 1) << path << ": " << result.err;
  const Json json = Json::parse(result.out);
  Expected expected;
  expected.gradable = json["gradable"];
  expected.score = json["score"];
  expected.max_score = json["max_score"];
  for (const Json& check : json["checks"]) {
    expected.points.emplace_back(check["id"], check["points"]);
    expected.statuses.push_back(check["status"]);
  }
  for (const Json& diagnostic : json["diagnostics"]) {
    if (diagnostic["severity"] != "error") continue;
    expected.first_error.location = {diagnostic["line"], diagnostic["column"]};
    expected.first_error.message = diagnostic["message"];
    expected.first_error.hint = diagnostic["hint"];
    break;
  }
  return expected;
}

// The number of check columns of a gradebook (its header less the five
// fixed columns).
std::size_t CheckColumns(const std::string& gradebook) {
  const std::string header = gradebook.substr(0, gradebook.find('\n'));
  return static_cast<std::size_t>(std::count(header.begin(), header.end(), ',')) - 4;
}

std::map<std::string, std::string> TreeOf(const std::string& root) {
  std::map<std::string, std::string> files;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) {
      files[fs::relative(entry.path(), root).string()] = ReadFileOrDie(entry.path().string());
    }
  }
  return files;
}

TEST(BatchCliTest, GradesAGeneratedClassLikeSingleGradingWithOneOrTwoWorkers) {
  if (!fs::exists(PartBRubric())) GTEST_SKIP() << PartBRubric() << " is missing";
  const std::vector<Template> templates = Templates();
  const std::string work = MakeTempDir(), dir = work + "/class";
  std::vector<Expected> expected_by_template;
  for (const Template& one : templates) {
    WriteFile(work + "/" + one.name + ".yaml", one.text);
    expected_by_template.push_back(GradeAlone(work + "/" + one.name + ".yaml"));
  }
  ASSERT_TRUE(expected_by_template[0].gradable);
  ASSERT_EQ(expected_by_template[0].score, expected_by_template[0].max_score);

  std::map<std::string, std::string> rows;  // student id -> expected gradebook row
  std::map<std::string, int> template_of;
  for (int i = 0; i < kStudents; ++i) {
    const int t = i % static_cast<int>(templates.size());
    const std::string path = WriteStudent(dir, i, templates[t]);
    const Expected& expected = expected_by_template[t];
    std::string row = StudentId(i);
    if (expected.gradable) {
      const bool review =
          std::count(expected.statuses.begin(), expected.statuses.end(), "needs_review") +
              std::count(expected.statuses.begin(), expected.statuses.end(), "error") >
          0;
      row += "," + FormatPoints(expected.score) + "," + FormatPoints(expected.max_score) + "," +
             (review ? "needs_review" : "graded");
      for (const auto& [id, points] : expected.points) row += "," + FormatPoints(points);
      row += ",";
    } else {
      Diagnostic error = expected.first_error;
      error.file = path;
      row += ",0,,not_gradable" + std::string(expected_by_template[0].points.size(), ',') + "," +
             Cell("errors in the file: " + FormatDiagnosticLine(error));
    }
    rows[StudentId(i)] = row;
    template_of[StudentId(i)] = t;
  }
  // Two folders with nothing to grade.
  fs::create_directories(dir + "/t-empty");
  fs::create_directories(dir + "/t-two");
  WriteFile(dir + "/t-two/a.yaml", templates[0].text);
  WriteFile(dir + "/t-two/b.yaml", templates[0].text);
  rows["t-empty"] = "t-empty,0,,not_gradable" +
                    std::string(expected_by_template[0].points.size(), ',') +
                    ",no submission file: no .yaml file in " + dir + "/t-empty";
  rows["t-two"] = "t-two,0,,not_gradable" +
                  std::string(expected_by_template[0].points.size(), ',') + "," +
                  Cell("no submission file: several .yaml files in " + dir +
                       "/t-two (a.yaml, b.yaml); name the one to grade answer.yaml");

  const std::string out1 = work + "/out1", out2 = work + "/out2";
  const std::string common = ShellQuote(dir) + " --rubric " + ShellQuote(PartBRubric()) +
                             " --formats json,html,junit,gradescope --timeout 120";
  const CommandResult one = RunSdlab("batch " + common + " --jobs 1 --out " + ShellQuote(out1));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const CommandResult two = RunSdlab("batch " + common + " --jobs 2 --out " + ShellQuote(out2));
  ASSERT_EQ(two.exit_code, 0) << two.err;

  // The gradebook, row by row as single grading says.
  std::string header = "student,total,max,status";
  for (const auto& [id, points] : expected_by_template[0].points) header += "," + id;
  std::string gradebook = header + ",note\n";
  for (const auto& [id, row] : rows) gradebook += row + "\n";
  EXPECT_EQ(ReadFileOrDie(out1 + "/gradebook.csv"), gradebook);

  // Byte-identical outputs whatever the number of workers.
  const std::map<std::string, std::string> tree1 = TreeOf(out1), tree2 = TreeOf(out2);
  EXPECT_EQ(tree1.size(), 3 + 4 * rows.size());
  ASSERT_EQ(tree1.size(), tree2.size());
  for (const auto& [name, content] : tree1) {
    EXPECT_TRUE(tree2.count(name) && tree2.at(name) == content) << name << " differs";
  }

  // The summary: counts, scores, each check's statuses, review list.
  int graded = 0, file_errors = 0;
  std::vector<double> totals;
  std::vector<std::string> review;
  std::map<std::string, std::map<std::string, int>> statuses;  // check -> status -> count
  for (const auto& [id, row] : rows) {
    if (id[0] == 't') {
      review.push_back(id);
      continue;
    }
    const Expected& expected = expected_by_template[template_of[id]];
    if (!expected.gradable) {
      ++file_errors;
      review.push_back(id);
      continue;
    }
    ++graded;
    totals.push_back(expected.score);
    bool needs_review = false;
    for (std::size_t c = 0; c < expected.points.size(); ++c) {
      ++statuses[expected.points[c].first][expected.statuses[c]];
      needs_review =
          needs_review || expected.statuses[c] == "needs_review" || expected.statuses[c] == "error";
    }
    if (needs_review) review.push_back(id);
  }
  const int submissions = static_cast<int>(rows.size());
  ASSERT_GE(submissions, 200);
  const std::string md = ReadFileOrDie(out1 + "/summary.md");
  EXPECT_THAT(md,
              HasSubstr(std::to_string(submissions) + " submissions: " + std::to_string(graded) +
                        " graded, " + std::to_string(submissions - graded) +
                        " not gradable (errors in the " + "file: " + std::to_string(file_errors) +
                        ", no submission file: 2).\n"));
  double sum = 0;
  for (double total : totals) sum += total;
  std::sort(totals.begin(), totals.end());
  const double median = totals.size() % 2
                            ? totals[totals.size() / 2]
                            : (totals[totals.size() / 2 - 1] + totals[totals.size() / 2]) / 2;
  EXPECT_THAT(md, HasSubstr("Out of " + FormatPoints(expected_by_template[0].max_score) +
                            " points: mean " + FormatPoints(sum / totals.size()) + ", median " +
                            FormatPoints(median) + ", lowest " + FormatPoints(totals.front()) +
                            ", highest " + FormatPoints(totals.back()) + ".\n"));

  const Json summary = Json::parse(ReadFileOrDie(out1 + "/summary.json"));
  EXPECT_EQ(summary["submissions"], submissions);
  EXPECT_EQ(summary["graded"], graded);
  EXPECT_EQ(summary["not_gradable"]["reasons"]["errors in the file"], file_errors);
  EXPECT_EQ(summary["not_gradable"]["reasons"]["no submission file"], 2);
  ASSERT_EQ(summary["checks"].size(), expected_by_template[0].points.size());
  for (const Json& check : summary["checks"]) {
    for (const char* status : {"passed", "partial", "failed", "needs_review", "error"}) {
      EXPECT_EQ(check[status], statuses[check["id"]][status]) << check["id"] << " " << status;
    }
  }
  std::vector<std::string> listed;
  for (const Json& item : summary["needs_review"]) listed.push_back(item["student"]);
  EXPECT_EQ(listed, review);
  // The most common mistake is a check that lost points most often.
  ASSERT_FALSE(summary["common_mistakes"].empty());
  int most = 0;
  for (auto& [check, counts] : statuses) {
    most = std::max(most, counts["partial"] + counts["failed"] + counts["error"]);
  }
  EXPECT_EQ(summary["common_mistakes"][0]["lost_points"], most);

  // A student's own files.
  const std::string ada = out1 + "/students/s000";
  EXPECT_EQ(Json::parse(ReadFileOrDie(ada + "/result.json"))["score"],
            expected_by_template[0].score);
  EXPECT_THAT(ReadFileOrDie(ada + "/report.html"), HasSubstr("<h2>Diagrams</h2>"));
  EXPECT_THAT(ReadFileOrDie(out1 + "/students/t-empty/result.json"),
              HasSubstr("not gradable: no submission file"));
  EXPECT_THAT(one.out, HasSubstr("graded " + std::to_string(graded) + " of " +
                                 std::to_string(submissions) + " submissions"));
}

// A model that runs far past any sensible time: two million RK4 steps of
// long equations (the step count stays within the grader's limit).
std::string SlowModel() {
  std::string sum = "x";
  for (int i = 0; i < 150; ++i) sum += " + SIN(x * " + std::to_string(i + 1) + ") * 0.000001";
  return "lab: part-b-web-app\nstock_flow:\n  sim: { start: 0, stop: 2000, dt: 0.001, method: rk4 "
         "}\n  stocks:\n    - { name: X, initial: 1 }\n  flows:\n    - { name: Grow, to: X, "
         "equation: \"" +
         sum + "\" }\n";
}

TEST(BatchCliTest, ASubmissionThatRunsTooLongIsContainedAndReported) {
  if (!fs::exists(PartBRubric())) GTEST_SKIP() << PartBRubric() << " is missing";
  const std::string dir = MakeTempDir(), out = MakeTempDir() + "/out";
  WriteFile(dir + "/ada.yaml", ReadFileOrDie(SourceDir() + "/solutions/part-b-web-app.yaml"));
  WriteFile(dir + "/slow.yaml", SlowModel());
  const CommandResult result =
      RunSdlab("batch " + ShellQuote(dir) + " --rubric " + ShellQuote(PartBRubric()) +
               " --jobs 2 --timeout 3 --out " + ShellQuote(out));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string gradebook = ReadFileOrDie(out + "/gradebook.csv");
  EXPECT_THAT(gradebook, HasSubstr("\nada,100,100,graded,"));
  EXPECT_THAT(gradebook, HasSubstr("\nslow,0,,not_gradable,"));
  EXPECT_THAT(gradebook, HasSubstr(",time limit: grading took longer than 3 s\n"));
  EXPECT_THAT(ReadFileOrDie(out + "/summary.md"),
              HasSubstr("| slow | not gradable: time limit (grading took longer than 3 s) |"));
  EXPECT_THAT(ReadFileOrDie(out + "/students/slow/result.json"),
              HasSubstr("not gradable: time limit"));
  EXPECT_THAT(result.err, HasSubstr("] slow: not gradable (time limit)\n"));
}

TEST(BatchCliTest, ASubmissionThatNeedsTooMuchMemoryIsContainedAndReported) {
  if (!fs::exists(PartBRubric())) GTEST_SKIP() << PartBRubric() << " is missing";
  const std::string dir = MakeTempDir(), out = MakeTempDir() + "/out";
  WriteFile(dir + "/ada.yaml", ReadFileOrDie(SourceDir() + "/solutions/part-b-web-app.yaml"));
  // Two million saved rows of 21 values (time, 10 stocks, 10 flows): about
  // 340 MB, under the grader's own cap on saved values (50 million).
  std::string model =
      "lab: part-b-web-app\nstock_flow:\n  sim: { start: 0, stop: 2000, dt: 0.001 }\n  stocks:\n";
  for (int i = 0; i < 10; ++i) {
    model += "    - { name: S" + std::to_string(i) + ", initial: 1 }\n";
  }
  model += "  flows:\n";
  for (int i = 0; i < 10; ++i) {
    model += "    - { name: F" + std::to_string(i) + ", to: S" + std::to_string(i) +
             ", equation: \"0.001\" }\n";
  }
  WriteFile(dir + "/hog.yaml", model);
  const CommandResult result =
      RunSdlab("batch " + ShellQuote(dir) + " --rubric " + ShellQuote(PartBRubric()) +
               " --jobs 2 --memory 200 --out " + ShellQuote(out));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string gradebook = ReadFileOrDie(out + "/gradebook.csv");
  EXPECT_THAT(gradebook, HasSubstr("\nada,100,100,graded,"));
  EXPECT_THAT(gradebook, HasSubstr("\nhog,0,,not_gradable,"));
  EXPECT_THAT(gradebook, HasSubstr(",memory limit: grading needed more than 200 MB\n"));
}

TEST(BatchCliTest, ShardsSplitTheClassWithoutOverlap) {
  if (!fs::exists(PartBRubric())) GTEST_SKIP() << PartBRubric() << " is missing";
  const std::string dir = MakeTempDir(), work = MakeTempDir();
  const std::string solution = ReadFileOrDie(SourceDir() + "/solutions/part-b-web-app.yaml");
  for (int i = 0; i < 7; ++i) WriteFile(dir + "/" + StudentId(i) + ".yaml", solution);
  std::vector<std::string> rows;
  for (int shard = 1; shard <= 3; ++shard) {
    const std::string out = work + "/shard" + std::to_string(shard);
    const CommandResult result = RunSdlab("batch " + ShellQuote(dir) + " --rubric " +
                                          ShellQuote(PartBRubric()) + " --formats json --shard " +
                                          std::to_string(shard) + "/3 --out " + ShellQuote(out));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr(" in shard " + std::to_string(shard) + "/3 of 7;"));
    std::string csv = ReadFileOrDie(out + "/gradebook.csv");
    csv = csv.substr(csv.find('\n') + 1);
    for (std::size_t at = 0; at < csv.size();) {
      const std::size_t end = csv.find('\n', at);
      rows.push_back(csv.substr(at, csv.find(',', at) - at));
      at = end + 1;
    }
  }
  EXPECT_EQ(rows,
            (std::vector<std::string>{"s000", "s003", "s006", "s001", "s004", "s002", "s005"}));
}

TEST(BatchCliTest, UsageAndInputErrorsUseTheDocumentedExitCodes) {
  const std::string dir = MakeTempDir();
  WriteFile(dir + "/ada.yaml", "");
  fs::create_directories(dir + "/ada");
  WriteFile(dir + "/ada/answer.yaml", "");
  const std::string rubric = " --rubric " + ShellQuote(PartBRubric());
  CommandResult result = RunSdlab("batch " + ShellQuote(dir) + rubric + " --out x --shard 3/2");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("--shard expects I/N with 1 <= I <= N, e.g. 2/4"));
  result = RunSdlab("batch " + ShellQuote(dir) + rubric + " --out x --formats json,pdf");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("unknown format 'pdf'"));
  result = RunSdlab("batch " + ShellQuote(dir) + rubric);
  EXPECT_EQ(result.exit_code, 2);
  result = RunSdlab("batch" + rubric + " --out x");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("sdlab batch: no submissions given: name a folder or files\n"));
  const std::string out = MakeTempDir() + "/out";
  result = RunSdlab("batch /no/such/class" + rubric + " --out " + ShellQuote(out));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("/no/such/class: error: no such file or folder"));
  EXPECT_FALSE(fs::exists(out));
  // Two submissions for one student are both graded, each in its own folder.
  result = RunSdlab("batch " + ShellQuote(dir) + rubric + " --out " + ShellQuote(out));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, HasSubstr("warning: submissions 'ada', 'ada' would share the result "
                                    "folder 'ada'; each has its own"));
  EXPECT_THAT(result.out, HasSubstr("graded 0 of 2 submissions (2 not gradable)"));
  result = RunSdlab("batch " + ShellQuote(dir) + " --rubric /no/such/rubric.yaml --out " +
                    ShellQuote(out));
  EXPECT_EQ(result.exit_code, 1);
}

// Every file under `root` and the command's streams, for leak checks.
std::string EverythingWritten(const std::string& root, const CommandResult& result) {
  std::string all = result.out + result.err;
  for (const auto& [name, content] : TreeOf(root)) all += name + "\n" + content;
  return all;
}

// Issue 14 item 5: two names that fold to one result folder dropped the
// whole class (exit 1, no gradebook).
TEST(BatchCliTest, NamesThatFoldToOneFolderAreAllGradedEachInItsOwnFolder) {
  if (!fs::exists(PartBRubric())) GTEST_SKIP() << PartBRubric() << " is missing";
  const std::string dir = MakeTempDir(), work = MakeTempDir();
  const std::string solution = ReadFileOrDie(SourceDir() + "/solutions/part-b-web-app.yaml");
  const std::vector<std::string> ids = {"Zo\xc3\xa9",  "Zo\xc3\xab", "Zoe\xcc\x81",
                                        "Zoe\xcc\x88", "Ada",        "ada"};
  for (const std::string& id : ids) WriteFile(dir + "/" + id + ".yaml", solution);
  const std::string common =
      ShellQuote(dir) + " --rubric " + ShellQuote(PartBRubric()) + " --formats json,gradescope";
  const CommandResult one = RunSdlab("batch " + common + " --jobs 2 --out " + work + "/one");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_THAT(one.out, HasSubstr("graded 6 of 6 submissions (0 not gradable)"));
  const std::string gradebook = ReadFileOrDie(work + "/one/gradebook.csv");
  std::set<std::string> folders;
  for (const std::string& id : ids) {
    EXPECT_THAT(gradebook, HasSubstr("\n" + id + ",100,100,graded,")) << id;
  }
  for (const fs::directory_entry& entry : fs::directory_iterator(work + "/one/students")) {
    std::string folded = entry.path().filename().string();
    for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    folders.insert(folded);
    EXPECT_EQ(Json::parse(ReadFileOrDie(entry.path().string() + "/result.json"))["score"], 100);
  }
  EXPECT_EQ(folders.size(), ids.size());  // distinct even on a case-insensitive disk
  EXPECT_THAT(gradebook, HasSubstr(",\"results in students/Zo__-"));
  // Deterministic: the same class gives byte-identical files.
  const CommandResult two = RunSdlab("batch " + common + " --jobs 1 --out " + work + "/two");
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(TreeOf(work + "/one"), TreeOf(work + "/two"));
}

// Issue 14 item 6: a link to a secret file put a line of it in the
// gradebook and the report; dotfiles and FIFOs got no row and no message.
TEST(BatchCliTest, LinksOutOfTheFolderAndOddEntriesGetARowAndNothingLeaks) {
  if (!fs::exists(PartBRubric())) GTEST_SKIP() << PartBRubric() << " is missing";
  const std::string work = MakeTempDir(), dir = work + "/class", out = work + "/out";
  const std::string secret = "TOP-SECRET-7f3a9c exam answers";
  WriteFile(work + "/secret.txt", secret + "\n");
  fs::create_directories(work + "/private");
  WriteFile(work + "/private/answer.yaml", secret + "\n");
  const std::string solution = ReadFileOrDie(SourceDir() + "/solutions/part-b-web-app.yaml");
  fs::create_directories(dir + "/eve");
  WriteFile(dir + "/ada.yaml", solution);
  fs::create_symlink(work + "/secret.txt", dir + "/eve/answer.yaml");
  fs::create_symlink("../secret.txt", dir + "/mallory.yaml");
  fs::create_symlink("/proc/version", dir + "/kernel.yaml");
  fs::create_symlink(work + "/private", dir + "/trudy");
  fs::create_symlink(".", dir + "/loop");
  fs::create_symlink("ada.yaml", dir + "/copy.yaml");  // inside the folder: graded
  WriteFile(dir + "/.zoe.yaml", secret);
  WriteFile(dir + "/README.md", secret);
  ASSERT_EQ(RunShell("mkfifo " + ShellQuote(dir + "/pipe.yaml")).exit_code, 0);
  const CommandResult result =
      RunSdlab("batch " + ShellQuote(dir) + " --rubric " + ShellQuote(PartBRubric()) +
               " --formats json,html,junit,gradescope --timeout 20 --out " + ShellQuote(out));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out,
              HasSubstr("graded 2 of 8 submissions (6 not gradable, 2 entries skipped)"));
  const std::string everything = EverythingWritten(out, result);
  EXPECT_THAT(everything, Not(HasSubstr("TOP-SECRET")));
  EXPECT_THAT(everything, Not(HasSubstr("Linux version")));
  const std::string gradebook = ReadFileOrDie(out + "/gradebook.csv");
  const std::string blanks(CheckColumns(gradebook), ',');
  for (const std::string& row : std::vector<std::string>{
           ".zoe.yaml,,,skipped" + blanks + "," +
               Cell("dotfile: " + dir +
                    "/.zoe.yaml is hidden (its name starts with '.'); not "
                    "graded"),
           "README.md,,,skipped" + blanks + "," +
               Cell("not a submission: " + dir +
                    "/README.md is not a .yaml or .yml file or a student's folder"),
           "eve,0,,not_gradable" + blanks + ",symbolic link: " + dir +
               "/eve/answer.yaml is a symbolic link to outside the class folder; not followed",
           "kernel,0,,not_gradable" + blanks + ",symbolic link: " + dir +
               "/kernel.yaml is a symbolic link to outside the class folder; not followed",
           "loop,0,,not_gradable" + blanks + ",symbolic link: " + dir +
               "/loop is a symbolic link to the class folder itself; not followed",
           "pipe,0,,not_gradable" + blanks + "," +
               Cell("not a regular file: " + dir + "/pipe.yaml is a FIFO (named pipe); not read"),
       }) {
    EXPECT_THAT(gradebook, HasSubstr("\n" + row + "\n")) << row;
  }
  EXPECT_THAT(gradebook, HasSubstr("\nada,100,100,graded,"));
  EXPECT_THAT(gradebook, HasSubstr("\ncopy,100,100,graded,"));
  EXPECT_THAT(ReadFileOrDie(out + "/students/eve/result.json"),
              HasSubstr("not gradable: symbolic link"));
  EXPECT_FALSE(fs::exists(out + "/students/README.md"));
  EXPECT_FALSE(fs::exists(out + "/students/_.zoe.yaml"));
  const Json summary = Json::parse(ReadFileOrDie(out + "/summary.json"));
  EXPECT_EQ(summary["submissions"], 8);
  EXPECT_EQ(summary["skipped"].size(), 2u);
  EXPECT_THAT(ReadFileOrDie(out + "/summary.md"), HasSubstr("## Skipped entries\n"));
  EXPECT_THAT(result.err, HasSubstr("] .zoe.yaml: skipped (dotfile)\n"));
  EXPECT_THAT(result.err, HasSubstr("] kernel: not gradable (symbolic link)\n"));
}

// Issue 14 item 8, for a class: every student still gets a result and a row.
TEST(BatchCliTest, ABrokenRubricStillGivesEveryStudentAResultAndARow) {
  const std::string dir = MakeTempDir(), work = MakeTempDir(), out = work + "/out";
  WriteFile(dir + "/ada.yaml", "lab: bathtub\n");
  WriteFile(dir + "/bob.yaml", "lab: bathtub\n");
  WriteFile(work + "/rubric.yaml",
            "lab: bathtub\nchecks:\n  - { id: hidden_a, kind: simulates, points: 1e308 }\n");
  const CommandResult result =
      RunSdlab("batch " + ShellQuote(dir) + " --rubric " + ShellQuote(work + "/rubric.yaml") +
               " --formats json,gradescope --out " + ShellQuote(out));
  EXPECT_EQ(result.exit_code, 1);
  const std::string located = work +
                              "/rubric.yaml:3:46: error: 'points' is 1e308: it must be greater "
                              "than 0 and at most 1000";
  EXPECT_THAT(result.err, HasSubstr(located));
  EXPECT_THAT(ReadFileOrDie(out + "/gradebook.csv"),
              HasSubstr("\nada,0,,not_gradable," + Cell("rubric error: " + located) + "\n"));
  const Json gradescope = Json::parse(ReadFileOrDie(out + "/students/bob/gradescope.json"));
  EXPECT_EQ(gradescope["output"], "not gradable: rubric error, your instructor has been told.\n");
  EXPECT_EQ(gradescope["tests"][0]["visibility"], "hidden");
}

// On a terminal the progress is one bar redrawn in place; `script` (from
// util-linux's bsdutils, essential in Debian) gives the command a terminal.
TEST(BatchCliTest, OnATerminalProgressIsABarRedrawnInPlace) {
  if (!fs::exists(PartBRubric())) GTEST_SKIP() << PartBRubric() << " is missing";
  if (!fs::exists("/usr/bin/script")) GTEST_SKIP() << "/usr/bin/script is not installed";
  // A container or chroot without /dev/pts has no terminal to give.
  const CommandResult probe = RunShell("script -qec true /dev/null < /dev/null");
  if (probe.exit_code != 0) {
    GTEST_SKIP() << "no pseudo-terminal on this machine: " << probe.out << probe.err;
  }
  const std::string dir = MakeTempDir(), out = MakeTempDir() + "/out";
  const std::string solution = ReadFileOrDie(SourceDir() + "/solutions/part-b-web-app.yaml");
  WriteFile(dir + "/ada.yaml", solution);
  WriteFile(dir + "/bob.yaml", solution);
  const std::string batch = ShellQuote(SdlabBinary()) + " batch " + ShellQuote(dir) + " --rubric " +
                            ShellQuote(PartBRubric()) + " --jobs 1 --formats json --out " +
                            ShellQuote(out);
  const CommandResult result =
      RunShell("script -qec " + ShellQuote(batch) + " /dev/null < /dev/null");
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_THAT(result.out, HasSubstr("\r[===============               ] 1/2 ada: 100/100\033[K"));
  EXPECT_THAT(result.out, HasSubstr("\r[==============================] 2/2 bob: 100/100\033[K"));
  EXPECT_THAT(result.out, Not(HasSubstr("[1/2] ada")));  // no plain lines
}

TEST(BatchCliTest, ProgressLinesCannotBeForgedByAFileName) {
  if (!fs::exists(PartBRubric())) GTEST_SKIP() << PartBRubric() << " is missing";
  const std::string dir = MakeTempDir(), out = MakeTempDir() + "/out";
  WriteFile(dir + "/::error::forged\r.yaml", "");
  const CommandResult result = RunSdlab("batch " + ShellQuote(dir) + " --rubric " +
                                        ShellQuote(PartBRubric()) + " --out " + ShellQuote(out));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, Not(HasSubstr("\n::")));
  // Control characters are shown as escapes, the one output rule (core/output_text.h).
  EXPECT_THAT(result.err,
              HasSubstr("[1/1] \\x3a:error::forged\\x0d: not gradable (errors in the file)\n"));
}

}  // namespace
}  // namespace sdlab::testing
