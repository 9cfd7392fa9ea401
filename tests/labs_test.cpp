// The labs as a corpus: every lab's reference solutions score 100% with its
// rubric, every starter loads, simulates and scores below 40%, and every
// graded example under tests/mistakes/ and tests/answers/ gets exactly the
// per-check outcome its `*.expected.yaml` sidecar lists. A rubric change
// that breaks grading fails one of these, named after the file.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/engine/model.h"
#include "core/engine/model_compiler.h"
#include "core/engine/simulator.h"
#include "core/grade/grader.h"
#include "core/grade/rubric.h"
#include "core/grade/rubric_loader.h"
#include "core/load/submission.h"
#include "core/load/submission_loader.h"
#include "core/load/yaml_reader.h"
#include "core/load/yaml_tree.h"
#include "test_support.h"

namespace sdlab::testing {
namespace {

namespace fs = std::filesystem;

// Lab folders under labs/; folders starting with '_' or '.' hold shared
// material (labs/_autograder: the Gradescope and PrairieLearn scripts).
std::vector<std::string> Labs() {
  std::vector<std::string> labs;
  for (const auto& entry : fs::directory_iterator(SourceDir() + "/labs")) {
    std::string name = entry.path().filename().string();
    if (!entry.is_directory() || name.empty() || name[0] == '_' || name[0] == '.') continue;
    labs.push_back(name);
  }
  std::sort(labs.begin(), labs.end());
  return labs;
}

std::string RubricPath(const std::string& lab) { return LabGradingRubric(lab); }

// The lab a solution file belongs to: the longest lab id that is its stem or
// a prefix of it followed by '-' ("part-b-web-app-alt" -> "part-b-web-app").
std::string LabOfSolution(const std::string& stem) {
  std::string best;
  for (const std::string& lab : Labs()) {
    bool matches = stem == lab || (stem.rfind(lab + "-", 0) == 0);
    if (matches && lab.size() > best.size()) best = lab;
  }
  return best;
}

std::vector<std::string> Solutions() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(SourceDir() + "/solutions")) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Graded examples: every tests/{mistakes,answers}/*/X.yaml with a sidecar.
std::vector<std::string> GradedExamples() {
  std::vector<std::string> files;
  for (const char* folder : {"/tests/mistakes", "/tests/answers"}) {
    fs::path root = SourceDir() + folder;
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      std::string path = entry.path().string();
      if (entry.path().extension() != ".yaml") continue;
      if (path.find(".expected.yaml") != std::string::npos) continue;
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string TestName(std::string text) {
  for (char& c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return text;
}

std::string RelativeName(const std::string& path) {
  return fs::relative(path, SourceDir()).string();
}

Rubric LoadRubricOrFail(const std::string& lab) {
  Diagnostics diagnostics(RubricPath(lab));
  std::optional<Rubric> rubric = LoadRubricFile(RubricPath(lab), diagnostics);
  if (!rubric) {
    ADD_FAILURE() << "rubric for " << lab << " does not load:\n"
                  << FormatDiagnostics(diagnostics, nullptr);
    return {};
  }
  return *rubric;
}

// "id: status (message)" for every check that did not pass.
std::string NotPassed(const GradeResult& result) {
  std::ostringstream out;
  for (const CheckResult& check : result.checks) {
    if (check.status == CheckStatus::kPassed) continue;
    out << "  " << check.id << ": " << CheckStatusName(check.status) << " (" << check.message
        << ")\n";
  }
  for (const Diagnostic& diagnostic : result.diagnostics) out << "  " << diagnostic.message << "\n";
  return out.str();
}

// ---------------------------------------------------------------------------

TEST(Labs, EveryLabHasAReadmeAStarterARubricAndASolution) {
  std::vector<std::string> labs = Labs();
  EXPECT_EQ(labs, (std::vector<std::string>{"bathtub", "db-connections", "fighting-autoscalers",
                                            "job-queue", "part-b-web-app", "request-pipeline",
                                            "retry-storm"}));
  for (const std::string& lab : labs) {
    EXPECT_TRUE(fs::exists(SourceDir() + "/labs/" + lab + "/README.md")) << lab;
    EXPECT_TRUE(fs::exists(SourceDir() + "/labs/" + lab + "/starter.yaml")) << lab;
    EXPECT_TRUE(fs::exists(RubricPath(lab))) << lab;
    EXPECT_TRUE(fs::exists(SourceDir() + "/solutions/" + lab + ".yaml")) << lab;
  }
}

TEST(Labs, PartBHasTwoSolutionsAndAtLeastTwelveMistakes) {
  int solutions = 0, mistakes = 0;
  for (const std::string& file : Solutions()) {
    if (LabOfSolution(fs::path(file).stem().string()) == "part-b-web-app") ++solutions;
  }
  for (const std::string& file : GradedExamples()) {
    if (file.find("/tests/mistakes/part-b/") != std::string::npos) ++mistakes;
  }
  EXPECT_GE(solutions, 2);
  EXPECT_GE(mistakes, 12);
}

// ---------------------------------------------------------------------------

class LabSolution : public ::testing::TestWithParam<std::string> {};

TEST_P(LabSolution, ScoresFullMarks) {
  const std::string& file = GetParam();
  std::string lab = LabOfSolution(fs::path(file).stem().string());
  ASSERT_FALSE(lab.empty()) << file << " belongs to no lab under labs/";
  Rubric rubric = LoadRubricOrFail(lab);
  ASSERT_FALSE(rubric.checks.empty());
  GradeResult result = GradeFile(rubric, file);
  ASSERT_TRUE(result.gradable) << NotPassed(result);
  EXPECT_EQ(result.score(), result.max_score()) << RelativeName(file) << "\n" << NotPassed(result);
  EXPECT_EQ(result.max_score(), 100);
}

std::string SolutionTestName(const ::testing::TestParamInfo<std::string>& param) {
  return TestName(fs::path(param.param).stem().string());
}

INSTANTIATE_TEST_SUITE_P(Corpus, LabSolution, ::testing::ValuesIn(Solutions()), SolutionTestName);

// ---------------------------------------------------------------------------

class LabStarter : public ::testing::TestWithParam<std::string> {};

TEST_P(LabStarter, LoadsSimulatesAndScoresBelowFortyPercent) {
  const std::string& lab = GetParam();
  std::string file = SourceDir() + "/labs/" + lab + "/starter.yaml";
  Diagnostics diagnostics(file);
  SourceFile source;
  std::optional<Submission> submission = LoadSubmissionFile(file, diagnostics, &source);
  ASSERT_TRUE(submission) << FormatDiagnostics(diagnostics, &source);
  EXPECT_EQ(submission->lab, lab);
  std::optional<Model> model = CompileModel(submission->stock_flow, diagnostics);
  ASSERT_TRUE(model) << FormatDiagnostics(diagnostics, &source);
  sdlab::Run run;
  ASSERT_TRUE(Simulate(*model, {}, &run, diagnostics)) << FormatDiagnostics(diagnostics, &source);
  EXPECT_GT(run.times.size(), 1u);

  Rubric rubric = LoadRubricOrFail(lab);
  GradeResult result = GradeFile(rubric, file);
  ASSERT_TRUE(result.gradable) << NotPassed(result);
  ASSERT_GT(result.max_score(), 0);
  EXPECT_LT(result.score() / result.max_score(), 0.40) << "the starter scores " << result.score();
  // Every question of the lab is in the starter, unanswered.
  for (const Question& question : rubric.questions) {
    const Answer* answer = submission->answers.Find(question.id);
    ASSERT_NE(answer, nullptr) << "the starter lacks question " << question.id;
    EXPECT_EQ(answer->text, "") << question.id;
  }
}

std::string StarterTestName(const ::testing::TestParamInfo<std::string>& param) {
  return TestName(param.param);
}

INSTANTIATE_TEST_SUITE_P(Corpus, LabStarter, ::testing::ValuesIn(Labs()), StarterTestName);

// ---------------------------------------------------------------------------

// What a sidecar `X.expected.yaml` says about X.yaml:
//   rubric: part-b-web-app      the lab whose rubric grades it
//   gradable: true | false
//   score: 100                  optional: the exact percentage
//   checks: {id: status, ...}   every check not listed must pass
struct Expectation {
  std::string rubric;
  bool gradable = true;
  std::optional<double> score;
  std::map<std::string, std::string> checks;
};

std::optional<Expectation> ReadExpectation(const std::string& path) {
  Diagnostics diagnostics(path);
  SourceFile source(path, ReadFileOrDie(path));
  std::optional<YamlNode> root = ReadYaml(source, diagnostics);
  if (!root || !root->is_mapping()) {
    ADD_FAILURE() << path << " is not a YAML mapping\n" << FormatDiagnostics(diagnostics, &source);
    return std::nullopt;
  }
  Expectation expectation;
  for (const YamlNode& item : root->items) {
    if (item.key == "rubric") {
      expectation.rubric = item.scalar;
    } else if (item.key == "gradable") {
      expectation.gradable = item.scalar == "true";
    } else if (item.key == "score") {
      expectation.score = std::stod(item.scalar);
    } else if (item.key == "checks") {
      for (const YamlNode& check : item.items) expectation.checks[check.key] = check.scalar;
    } else {
      ADD_FAILURE() << path << ": unknown key '" << item.key << "'";
    }
  }
  if (expectation.rubric.empty()) ADD_FAILURE() << path << ": no `rubric:`";
  return expectation;
}

class GradedExample : public ::testing::TestWithParam<std::string> {};

TEST_P(GradedExample, GetsTheExpectedOutcomeOfEveryCheck) {
  const std::string& file = GetParam();
  std::string sidecar = file.substr(0, file.size() - 5) + ".expected.yaml";
  ASSERT_TRUE(fs::exists(sidecar)) << "no " << RelativeName(sidecar);
  std::optional<Expectation> expected = ReadExpectation(sidecar);
  ASSERT_TRUE(expected);
  Rubric rubric = LoadRubricOrFail(expected->rubric);
  GradeResult result = GradeFile(rubric, file);
  ASSERT_EQ(result.gradable, expected->gradable) << NotPassed(result);
  if (!expected->gradable) {
    EXPECT_TRUE(result.checks.empty());
    EXPECT_FALSE(result.diagnostics.empty()) << "a file that cannot be graded says why";
    return;
  }
  for (const auto& [id, status] : expected->checks) {
    EXPECT_NE(rubric.FindCheck(id), nullptr) << RelativeName(sidecar) << " names no check " << id;
  }
  for (const CheckResult& check : result.checks) {
    auto listed = expected->checks.find(check.id);
    std::string want = listed == expected->checks.end() ? "passed" : listed->second;
    EXPECT_EQ(CheckStatusName(check.status), want)
        << RelativeName(file) << ": check " << check.id << ": " << check.message;
  }
  if (expected->score) {
    EXPECT_NEAR(100 * result.score() / result.max_score(), *expected->score, 1e-9)
        << NotPassed(result);
  }
}

// "mistakes_part_b_never_spikes".
std::string ExampleTestName(const ::testing::TestParamInfo<std::string>& param) {
  fs::path path(param.param);
  return TestName(path.parent_path().parent_path().filename().string() + "_" +
                  path.parent_path().filename().string() + "_" + path.stem().string());
}

INSTANTIATE_TEST_SUITE_P(Corpus, GradedExample, ::testing::ValuesIn(GradedExamples()),
                         ExampleTestName);

}  // namespace
}  // namespace sdlab::testing
