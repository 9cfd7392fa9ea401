// Every rubric's `self_test:` entries, one test each: reference solutions at
// 100%, starters below their ceiling, known mistakes with their expected
// per-check outcomes (docs/rubric-format.md, "Self test"). Covers the labs'
// rubrics under rubrics/ (and their private layers, rubrics/private/) and the grading tests' own
// under tests/data/grading/.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "core/grade/grader.h"
#include "core/grade/rubric.h"
#include "core/grade/rubric_loader.h"
#include "test_support.h"

namespace sdlab::testing {
namespace {

struct SelfTestCase {
  std::string rubric;  // path
  std::size_t index = 0;
  std::string name;  // for the test's name
};

// How ctest and gtest show a case: the rubric and the example's index.
void PrintTo(const SelfTestCase& test_case, std::ostream* out) {
  *out << test_case.rubric << " self_test[" << test_case.index << "]";
}

bool HasSelfTests(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("self_test:", 0) == 0) return true;
  }
  return false;
}

std::string Identifier(const std::string& text) {
  std::string out;
  for (char c : text) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

std::vector<SelfTestCase> FindSelfTests() {
  std::vector<SelfTestCase> cases;
  for (const char* folder : {"rubrics", "rubrics/private", "tests/data/grading"}) {
    const std::filesystem::path dir = std::filesystem::path(SourceDir()) / folder;
    std::error_code error;
    std::vector<std::filesystem::path> files;
    for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end;
         it.increment(error)) {
      if (it->path().extension() == ".yaml" && HasSelfTests(it->path()))
        files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const std::filesystem::path& file : files) {
      Diagnostics diagnostics;
      std::optional<Rubric> rubric = LoadRubricFile(file.string(), diagnostics);
      // A rubric that does not load still gets one case, which fails with its errors.
      const std::size_t count = rubric ? rubric->self_tests.size() : 1;
      for (std::size_t i = 0; i < count; ++i) {
        std::string target =
            rubric ? std::filesystem::path(rubric->self_tests[i].file).stem().string() : "load";
        cases.push_back({file.string(), i,
                         Identifier(std::string(folder) + "_" + file.stem().string() + "_" +
                                    std::to_string(i) + "_" + target)});
      }
    }
  }
  return cases;
}

class RubricSelfTest : public ::testing::TestWithParam<SelfTestCase> {};

TEST_P(RubricSelfTest, GradesAsTheRubricExpects) {
  const SelfTestCase& param = GetParam();
  Diagnostics diagnostics;
  std::optional<Rubric> rubric = LoadRubricFile(param.rubric, diagnostics);
  ASSERT_TRUE(rubric.has_value()) << FormatDiagnostics(diagnostics, nullptr);
  ASSERT_LT(param.index, rubric->self_tests.size());
  const SelfTest& test = rubric->self_tests[param.index];
  const GradeResult result = GradeFile(*rubric, test.file);
  std::string why;
  for (const Diagnostic& diagnostic : result.diagnostics)
    why += FormatDiagnosticLine(diagnostic) + "\n";
  for (const CheckResult& check : result.checks) {
    if (check.status != CheckStatus::kPassed) {
      why += check.id + " (" + CheckStatusName(check.status) + ", " + FormatPoints(check.points) +
             "/" + FormatPoints(check.max_points) + "): " + check.message + "\n";
    }
  }
  ASSERT_EQ(result.gradable, test.gradable) << test.file << "\n" << why;
  if (!result.gradable) return;
  const double max = result.max_score();
  const double percent = max > 0 ? 100.0 * result.score() / max : 0.0;
  if (test.score) {
    EXPECT_NEAR(percent, *test.score, 0.005) << test.file << "\n" << why;
  }
  if (test.min_score) {
    EXPECT_GE(percent, *test.min_score - 0.005) << test.file << "\n" << why;
  }
  if (test.max_score) {
    EXPECT_LE(percent, *test.max_score + 0.005) << test.file << "\n" << why;
  }
  for (const auto& [id, status] : test.expect) {
    const CheckResult* found = nullptr;
    for (const CheckResult& check : result.checks) {
      if (check.id == id) found = &check;
    }
    ASSERT_NE(found, nullptr) << id;
    EXPECT_EQ(CheckStatusName(found->status), std::string(CheckStatusName(status)))
        << test.file << ": check '" << id << "': " << found->message;
  }
}

std::string CaseName(const ::testing::TestParamInfo<SelfTestCase>& param_info) {
  return param_info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Rubrics, RubricSelfTest, ::testing::ValuesIn(FindSelfTests()), CaseName);

}  // namespace
}  // namespace sdlab::testing
