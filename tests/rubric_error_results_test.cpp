// Issue 14 item 8: a rubric with errors wrote no result file in any format,
// so on Gradescope a rubric mistake meant an empty results page for every
// student. Now `sdlab grade --format F -o OUT` writes a result in every
// format saying "not gradable: rubric error" with the located message, and
// exits 1 (the code for a rubric with errors, which the autograder scripts
// read as "sdlab wrote the result"). Where students read the result
// (Gradescope's visible fields, PrairieLearn, any --student-view) the
// rubric's own text, which may quote its private layer, never appears.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>

#include "test_support.h"

namespace sdlab::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

// A private layer's mistake that quotes its private text ("sekret...").
constexpr const char* kBrokenRubric = R"(format: sdlab-rubric/1
lab: bathtub
checks:
  - { id: runs, kind: simulates, points: 5 }
  - { id: sekret_hidden_check, kind: simulates, points: 3, visibility: hidden, sekret_answer: 42 }
)";

struct Graded {
  CommandResult command;
  std::string file;     // what -o wrote
  std::string rubric;   // the rubric's path
  std::string located;  // the rubric's located message
};

Graded GradeWithBrokenRubric(const std::string& format, const std::string& extra = "") {
  const std::string dir = MakeTempDir();
  Graded graded;
  graded.rubric = dir + "/rubric.yaml";
  WriteFile(graded.rubric, kBrokenRubric);
  const std::string out = dir + "/result.out";
  graded.command = RunSdlab("grade " + ShellQuote(SourceDir() + "/solutions/bathtub.yaml") +
                            " --rubric " + ShellQuote(graded.rubric) + " --format " + format +
                            " -o " + ShellQuote(out) + extra);
  graded.file = ReadFileOrDie(out);
  graded.located = graded.rubric + ":5:80: error: unknown key 'sekret_answer'";
  return graded;
}

class RubricErrorResultTest : public ::testing::TestWithParam<const char*> {};

TEST_P(RubricErrorResultTest, WritesANotGradableResultWithTheLocatedMessage) {
  const Graded graded = GradeWithBrokenRubric(GetParam());
  EXPECT_EQ(graded.command.exit_code, 1) << graded.command.err;
  EXPECT_THAT(graded.command.err, HasSubstr(graded.located));  // the instructor's terminal
  EXPECT_THAT(graded.file, HasSubstr("not gradable: rubric error"));
  // The located message as each format writes text (escaped in Markdown,
  // HTML and GitHub's properties; fields of its own in JSON).
  const std::string format = GetParam();
  if (format == "json") {
    EXPECT_THAT(graded.file, HasSubstr("\"file\": \"" + graded.rubric +
                                       "\",\n      \"line\": 5,\n"
                                       "      \"column\": 80,\n      \"message\": \"unknown key "
                                       "'sekret_answer'\""));
  } else if (format == "github") {
    EXPECT_THAT(graded.file, HasSubstr("file=" + graded.rubric + ",line=5,col=80,"));
    EXPECT_THAT(graded.file, HasSubstr("::unknown key 'sekret_answer'"));
  } else if (format == "md") {
    EXPECT_THAT(graded.file,
                HasSubstr(graded.rubric + ":5:80: error: unknown key 'sekret\\_answer'"));
  } else if (format == "html") {
    EXPECT_THAT(graded.file,
                HasSubstr(graded.rubric + ":5:80: error: unknown key &#39;sekret_answer&#39;"));
  } else {
    EXPECT_THAT(graded.file, HasSubstr(graded.located));
  }
}

TEST_P(RubricErrorResultTest, AStudentViewSaysOnlyThatTheInstructorHasBeenTold) {
  const Graded graded = GradeWithBrokenRubric(GetParam(), " --student-view");
  EXPECT_EQ(graded.command.exit_code, 1) << graded.command.err;
  EXPECT_THAT(graded.file, HasSubstr("not gradable: rubric error, your instructor has been told"));
  EXPECT_THAT(graded.file, Not(HasSubstr("sekret")));
}

INSTANTIATE_TEST_SUITE_P(InstructorFormats, RubricErrorResultTest,
                         ::testing::Values("text", "md", "json", "junit", "github", "html"));

TEST(RubricErrorResultTest, JsonIsNotGradableWithTheRubricsDiagnostics) {
  const Graded graded = GradeWithBrokenRubric("json");
  const Json json = Json::parse(graded.file);
  EXPECT_EQ(json["format"], "sdlab-result/1");
  EXPECT_EQ(json["gradable"], false);
  EXPECT_EQ(json["score"], 0);
  EXPECT_EQ(json["checks"].size(), 0u);
  ASSERT_GE(json["diagnostics"].size(), 2u);
  EXPECT_EQ(json["diagnostics"][0]["message"], "not gradable: rubric error");
  EXPECT_EQ(json["diagnostics"][1]["file"], graded.rubric);
  EXPECT_EQ(json["diagnostics"][1]["line"], 5);
  EXPECT_EQ(json["diagnostics"][1]["column"], 80);
}

TEST(RubricErrorResultTest, JunitIsOneErrorOfTypeRubricError) {
  const Graded graded = GradeWithBrokenRubric("junit");
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_string(graded.file.c_str()));
  const pugi::xml_node suite = xml.child("testsuites").child("testsuite");
  EXPECT_STREQ(suite.attribute("tests").value(), "1");
  EXPECT_STREQ(suite.attribute("errors").value(), "1");
  const pugi::xml_node error = suite.child("testcase").child("error");
  EXPECT_STREQ(error.attribute("message").value(), "not gradable: rubric error");
  EXPECT_STREQ(error.attribute("type").value(), "rubric_error");
}

TEST(RubricErrorResultTest, GithubAnnotatesTheRubricLineAndScoresZero) {
  const Graded graded = GradeWithBrokenRubric("github");
  EXPECT_THAT(graded.file,
              HasSubstr("::error file=" + graded.rubric +
                        ",line=5,col=80,title=sdlab%3A not gradable%3A rubric error::"));
  EXPECT_THAT(graded.file, HasSubstr("Points 0 (not gradable: rubric error)"));
}

// Gradescope shows students every field but hidden tests: the located
// message goes in a hidden test, the rest says only that the instructor
// has been told. The file keeps to the documented results.json keys.
TEST(RubricErrorResultTest, GradescopeHidesTheRubricMessageFromStudents) {
  const Graded graded = GradeWithBrokenRubric("gradescope");
  EXPECT_EQ(graded.command.exit_code, 1);
  const Json json = Json::parse(graded.file);
  EXPECT_EQ(json["score"], 0);
  EXPECT_EQ(json["output"], "not gradable: rubric error, your instructor has been told.\n");
  EXPECT_EQ(json["stdout_visibility"], "hidden");
  const std::set<std::string> top_keys = {
      "score",      "execution_time",    "output",     "output_format", "test_output_format",
      "visibility", "stdout_visibility", "extra_data", "tests",         "leaderboard"};
  for (const auto& [key, value] : json.items()) EXPECT_TRUE(top_keys.count(key)) << key;
  const std::set<std::string> test_keys = {"score",      "max_score", "status",        "name",
                                           "number",     "output",    "output_format", "tags",
                                           "visibility", "extra_data"};
  ASSERT_EQ(json["tests"].size(), 1u);
  const Json& test = json["tests"][0];
  for (const auto& [key, value] : test.items()) EXPECT_TRUE(test_keys.count(key)) << key;
  EXPECT_EQ(test["visibility"], "hidden");
  EXPECT_EQ(test["status"], "failed");
  EXPECT_THAT(test["output"].get<std::string>(), HasSubstr(graded.located));
  // Nothing a student sees names the private text.
  Json visible = json;
  visible.erase("tests");
  EXPECT_THAT(visible.dump(), Not(HasSubstr("sekret")));
  EXPECT_THAT(visible.dump(), Not(HasSubstr(graded.rubric)));
}

// PrairieLearn shows its whole results.json to the student: the sentence
// only (the located message is on stderr, in the grading job's log), and
// gradable false so the student loses no attempt.
TEST(RubricErrorResultTest, PrairieLearnIsNotGradableAndQuotesNoRubricText) {
  const Graded graded = GradeWithBrokenRubric("prairielearn");
  EXPECT_EQ(graded.command.exit_code, 1);
  EXPECT_THAT(graded.command.err, HasSubstr(graded.located));
  const Json json = Json::parse(graded.file);
  EXPECT_EQ(json["gradable"], false);
  EXPECT_EQ(json["score"], 0);
  EXPECT_EQ(json["format_errors"],
            Json::array({"not gradable: rubric error, your instructor has been told"}));
  EXPECT_THAT(graded.file, Not(HasSubstr("sekret")));
  EXPECT_THAT(graded.file, Not(HasSubstr(graded.rubric)));
}

TEST(RubricErrorResultTest, EveryFileGetsAResultAndAMissingRubricIsARubricError) {
  const std::string dir = MakeTempDir();
  const CommandResult result =
      RunSdlab("grade " + ShellQuote(SourceDir() + "/solutions/bathtub.yaml") + " " +
               ShellQuote(SourceDir() + "/solutions/part-b-web-app.yaml") +
               " --rubric /no/such/rubric.yaml --format json -o " + ShellQuote(dir + "/out.json"));
  EXPECT_EQ(result.exit_code, 1);
  const Json json = Json::parse(ReadFileOrDie(dir + "/out.json"));
  ASSERT_EQ(json.size(), 2u);
  for (const Json& one : json) {
    EXPECT_EQ(one["gradable"], false);
    EXPECT_EQ(one["diagnostics"][0]["message"], "not gradable: rubric error");
    EXPECT_THAT(one["diagnostics"][1]["file"].get<std::string>(),
                HasSubstr("/no/such/rubric.yaml"));
  }
}

}  // namespace
}  // namespace sdlab::testing
