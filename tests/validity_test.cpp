// The grader's validity, measured on answers written by someone who did not
// write the rubric: tests/validity/<lab>/X.yaml, each with the verdict an
// instructor gives it on every check (X.expected.yaml, `verdicts:`). Every
// verdict is asserted, one test per file; a summary test reports agreement
// (Cohen's kappa per check), false fails, false passes and how many verdicts
// sdlab left for review, and holds the rates docs/validity.md promises.
//
// A sidecar may mark a verdict `disputed:` when instructors disagree on it
// (the same mistake judged both ways in two answer sets); such a verdict is
// reported, not asserted, and docs/validity.md lists each.
//
// `known_wrong:` lists verdicts sdlab is known to get wrong (a defect found
// on a held-out set, not yet fixed): they count in the summary's false fails
// and false passes, and the per-file test asserts they are still wrong, so
// that a fix must take the entry out.
//
// Two more kinds judge only the checks their sidecar lists (a file built to
// test answers keeps the rest of a reference model): `gaming` answers, built
// to get points without the understanding (keyword stuffing, negations, the
// question copied back, words in the wrong causal order, answers pasted
// under a model that contradicts them), and `honest` ones, the same
// questions answered in students' own words. A gaming verdict is met when
// sdlab fails it or leaves it for review; it must never pass.
//
// A verdict compares as pass / not pass: "partial" is not a pass (points are
// lost). "needs_review" from sdlab loses no points and is counted apart: it
// is neither a false fail nor a false pass, but at most 10% may be reviews.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/grade/grader.h"
#include "core/grade/rubric.h"
#include "core/grade/rubric_loader.h"
#include "core/load/yaml_reader.h"
#include "core/load/yaml_tree.h"
#include "test_support.h"

namespace sdlab::testing {
namespace {

namespace fs = std::filesystem;

struct Verdicts {
  std::string rubric;
  std::string kind;  // "correct", "mistake", "gaming" or "honest"
  std::vector<std::pair<std::string, std::string>> verdicts;  // check id -> status, in order
  std::vector<std::string> disputed;                          // check ids
  std::vector<std::string> known_wrong;                       // check ids
  bool KnownWrong(const std::string& id) const {
    return std::find(known_wrong.begin(), known_wrong.end(), id) != known_wrong.end();
  }
  bool Disputed(const std::string& id) const {
    return std::find(disputed.begin(), disputed.end(), id) != disputed.end();
  }
};

std::vector<std::string> ValidityAnswers() {
  std::vector<std::string> files;
  const fs::path root = SourceDir() + "/tests/validity";
  if (!fs::exists(root)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string path = entry.path().string();
    if (entry.path().extension() != ".yaml" || path.find(".expected.yaml") != std::string::npos)
      continue;
    files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string SidecarOf(const std::string& file) {
  return file.substr(0, file.size() - 5) + ".expected.yaml";
}

std::optional<Verdicts> ReadVerdicts(const std::string& path) {
  Diagnostics diagnostics(path);
  SourceFile source(path, ReadFileOrDie(path));
  std::optional<YamlNode> root = ReadYaml(source, diagnostics);
  if (!root || !root->is_mapping()) {
    ADD_FAILURE() << path << " is not a YAML mapping\n" << FormatDiagnostics(diagnostics, &source);
    return std::nullopt;
  }
  Verdicts verdicts;
  for (const YamlNode& item : root->items) {
    if (item.key == "rubric") {
      verdicts.rubric = item.scalar;
    } else if (item.key == "kind") {
      verdicts.kind = item.scalar;
    } else if (item.key == "verdicts") {
      for (const YamlNode& check : item.items)
        verdicts.verdicts.emplace_back(check.key, check.scalar);
    } else if (item.key == "disputed") {
      for (const YamlNode& check : item.items) verdicts.disputed.push_back(check.scalar);
    } else if (item.key == "known_wrong") {
      for (const YamlNode& check : item.items) verdicts.known_wrong.push_back(check.scalar);
    } else {
      ADD_FAILURE() << path << ": unknown key '" << item.key << "'";
    }
  }
  if (verdicts.rubric.empty()) ADD_FAILURE() << path << ": no `rubric:`";
  if (verdicts.kind != "correct" && verdicts.kind != "mistake" && verdicts.kind != "gaming" &&
      verdicts.kind != "honest")
    ADD_FAILURE() << path << ": `kind:` is correct, mistake, gaming or honest";
  return verdicts;
}

const Rubric& RubricFor(const std::string& lab) {
  static std::map<std::string, Rubric> rubrics;
  auto found = rubrics.find(lab);
  if (found != rubrics.end()) return found->second;
  const std::string path = LabGradingRubric(lab);
  Diagnostics diagnostics(path);
  std::optional<Rubric> rubric = LoadRubricFile(path, diagnostics);
  if (!rubric)
    ADD_FAILURE() << path << " does not load\n" << FormatDiagnostics(diagnostics, nullptr);
  return rubrics.emplace(lab, rubric ? *rubric : Rubric{}).first->second;
}

// One file's graded result, cached: the summary reuses the per-file runs.
const GradeResult& GradedAnswer(const std::string& file, const std::string& lab) {
  static std::map<std::string, GradeResult> results;
  auto found = results.find(file);
  if (found != results.end()) return found->second;
  return results.emplace(file, GradeFile(RubricFor(lab), file)).first->second;
}

bool IsPass(const std::string& status) { return status == "passed"; }

class ValidityAnswer : public ::testing::TestWithParam<std::string> {};

TEST_P(ValidityAnswer, GetsTheInstructorsVerdictOnEveryCheck) {
  const std::string& file = GetParam();
  std::optional<Verdicts> expected = ReadVerdicts(SidecarOf(file));
  ASSERT_TRUE(expected);
  const GradeResult& result = GradedAnswer(file, expected->rubric);
  ASSERT_TRUE(result.gradable) << file;
  const Rubric& rubric = RubricFor(expected->rubric);
  // The sidecar covers the whole rubric: a new check needs its verdicts
  // (gaming and honest answers judge only what they list).
  const bool partial = expected->kind == "gaming" || expected->kind == "honest";
  for (const CheckSpec& check : rubric.checks) {
    if (partial) break;
    const bool listed = std::any_of(expected->verdicts.begin(), expected->verdicts.end(),
                                    [&](const auto& verdict) { return verdict.first == check.id; });
    EXPECT_TRUE(listed) << fs::relative(SidecarOf(file), SourceDir()).string()
                        << " has no verdict on " << check.id;
  }
  for (const auto& [id, want] : expected->verdicts) {
    auto got = std::find_if(result.checks.begin(), result.checks.end(),
                            [&](const CheckResult& check) { return check.id == id; });
    ASSERT_NE(got, result.checks.end()) << "the rubric has no check " << id;
    if (got->status == CheckStatus::kNeedsReview) continue;  // counted in the summary
    if (expected->Disputed(id)) continue;                    // reported in the summary
    if (expected->KnownWrong(id)) {
      EXPECT_NE(IsPass(CheckStatusName(got->status)), IsPass(want))
          << fs::relative(file, SourceDir()).string() << ": " << id
          << " is listed as known_wrong but sdlab now agrees: take it out of the list";
      continue;
    }
    EXPECT_EQ(IsPass(CheckStatusName(got->status)), IsPass(want))
        << fs::relative(file, SourceDir()).string() << ": " << id << ": the instructor says "
        << want << ", sdlab says " << CheckStatusName(got->status) << ": " << got->message;
  }
}

std::string AnswerTestName(const ::testing::TestParamInfo<std::string>& param) {
  std::string name = fs::path(param.param).parent_path().filename().string() + "_" +
                     fs::path(param.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Written, ValidityAnswer, ::testing::ValuesIn(ValidityAnswers()),
                         AnswerTestName);

// Cohen's kappa of two binary raters; 1 when both agree on every item and
// neither varies (no disagreement is possible to measure).
double Kappa(int both_pass, int both_fail, int only_instructor, int only_sdlab) {
  const double n = both_pass + both_fail + only_instructor + only_sdlab;
  if (n == 0) return 1;
  const double observed = (both_pass + both_fail) / n;
  const double instructor_pass = (both_pass + only_instructor) / n;
  const double sdlab_pass = (both_pass + only_sdlab) / n;
  const double chance = instructor_pass * sdlab_pass + (1 - instructor_pass) * (1 - sdlab_pass);
  if (chance >= 1) return observed >= 1 ? 1 : 0;
  return (observed - chance) / (1 - chance);
}

TEST(Validity, AgreesWithTheInstructorWithinTheStatedRates) {
  struct Tally {
    int both_pass = 0, both_fail = 0, false_fail = 0, false_pass = 0, review = 0;
  };
  int disputed = 0, known_wrong = 0;
  Tally gaming;  // the gaming answers' verdicts on their own
  std::map<std::string, Tally> by_check;
  std::vector<std::string> order;
  int files = 0;
  for (const std::string& file : ValidityAnswers()) {
    std::optional<Verdicts> expected = ReadVerdicts(SidecarOf(file));
    if (!expected) continue;
    ++files;
    const GradeResult& result = GradedAnswer(file, expected->rubric);
    for (const auto& [id, want] : expected->verdicts) {
      auto got = std::find_if(result.checks.begin(), result.checks.end(),
                              [&](const CheckResult& check) { return check.id == id; });
      if (got == result.checks.end()) continue;
      if (expected->Disputed(id)) {
        ++disputed;
        continue;
      }
      if (expected->KnownWrong(id)) ++known_wrong;
      if (by_check.find(id) == by_check.end()) order.push_back(id);
      const bool instructor = IsPass(want);
      auto count = [&](Tally& tally) {
        if (got->status == CheckStatus::kNeedsReview) {
          ++tally.review;
        } else if (got->status == CheckStatus::kPassed) {
          ++(instructor ? tally.both_pass : tally.false_pass);
        } else {
          ++(instructor ? tally.false_fail : tally.both_fail);
        }
      };
      count(by_check[id]);
      if (expected->kind == "gaming") count(gaming);
    }
  }
  if (files == 0) GTEST_SKIP() << "no validity answers";
  Tally all;
  std::ostringstream table;
  table << "check                      kappa  pass  fail  false-fail  false-pass  review\n";
  double min_kappa = 1;
  for (const std::string& id : order) {
    const Tally& t = by_check[id];
    // Reviews are left out of kappa: no verdict was given.
    const double kappa = Kappa(t.both_pass, t.both_fail, t.false_fail, t.false_pass);
    min_kappa = std::min(min_kappa, kappa);
    char line[160];
    std::snprintf(line, sizeof line, "%-26s %5.2f %5d %5d %11d %11d %7d\n", id.c_str(), kappa,
                  t.both_pass, t.both_fail, t.false_fail, t.false_pass, t.review);
    table << line;
    all.both_pass += t.both_pass;
    all.both_fail += t.both_fail;
    all.false_fail += t.false_fail;
    all.false_pass += t.false_pass;
    all.review += t.review;
  }
  const int verdicts = all.both_pass + all.both_fail + all.false_fail + all.false_pass + all.review;
  const double kappa = Kappa(all.both_pass, all.both_fail, all.false_fail, all.false_pass);
  const int instructor_fails = all.both_fail + all.false_pass;
  char summary[300];
  std::snprintf(summary, sizeof summary,
                "%d answers, %d verdicts: kappa %.3f overall (lowest per check %.2f); "
                "false fails %d; false passes %d of %d failing verdicts (%.1f%%); "
                "needs review %d (%.1f%%); disputed, not counted %d; known wrong %d\n",
                files, verdicts, kappa, min_kappa, all.false_fail, all.false_pass, instructor_fails,
                instructor_fails ? 100.0 * all.false_pass / instructor_fails : 0.0, all.review,
                verdicts ? 100.0 * all.review / verdicts : 0.0, disputed, known_wrong);
  char gamed[200];
  std::snprintf(
      gamed, sizeof gamed,
      "gaming answers: %d verdicts meant to fail: %d failed, %d left for review, %d passed "
      "(points without review)\n",
      gaming.both_fail + gaming.false_pass + gaming.review, gaming.both_fail, gaming.review,
      gaming.false_pass);
  std::printf("%s%s%s", table.str().c_str(), summary, gamed);
  RecordProperty("summary", summary);
  // Known defects are counted above; every other verdict must agree.
  EXPECT_EQ(all.false_fail + all.false_pass, known_wrong) << table.str();
  EXPECT_LE(all.false_pass, 0.02 * verdicts) << table.str();
  EXPECT_LE(all.review, 0.10 * verdicts) << table.str();
}

}  // namespace
}  // namespace sdlab::testing
