// Hidden stays hidden: for every lab with a private rubric layer
// (rubrics/private/<lab>.yaml), nothing of its hidden checks and none of its
// answer keys reaches anything a student receives or sees:
// - the files students get: the lab folder (README, starter) and the public
//   rubric;
// - `sdlab check` in every format (stdout, stderr and the written report);
// - `sdlab grade --student-view` with the private layer, in every format;
// - PrairieLearn's results.json (`grade --format prairielearn`, which the
//   external grader script runs), shown to the student whole;
// - Gradescope's results.json: hidden checks only inside tests whose
//   visibility Gradescope enforces, nothing of theirs in the visible tests or
//   the overall output;
// - the GitHub composite action's grading step, run as GitHub would run it:
//   its log, the job summary, its outputs and the uploaded reports.
//
// What counts as hidden: each hidden check's id, title, hint and messages,
// the numbers it is judged by (thresholds, windows), the messages it gives
// on the graded files, and each answer key's phrases — except words that are
// public anyway (in the public rubric, the lab README, the student's own
// file, which a report may quote back, or what the self-check with the
// public rubric alone prints, which cannot know the private layer).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
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

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// True when `needle` occurs in `haystack` as a whole token: not inside a
// longer word or number ("0.9" is not found in "0.95", "ttl" not in "subtle").
bool ContainsToken(const std::string& haystack, const std::string& needle) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    const std::size_t end = at + needle.size();
    const bool starts = at == 0 || !(word(haystack[at - 1]) ||
                                     (haystack[at - 1] == '.' && at >= 2 &&
                                      std::isdigit(static_cast<unsigned char>(haystack[at - 2]))));
    const bool ends =
        end >= haystack.size() ||
        !(word(haystack[end]) || (haystack[end] == '.' && end + 1 < haystack.size() &&
                                  std::isdigit(static_cast<unsigned char>(haystack[end + 1]))));
    if (starts && ends) return true;
  }
  return false;
}

void CollectScalars(const YamlNode& node, const std::string& key, std::vector<std::string>* texts,
                    std::vector<std::string>* numbers) {
  if (node.is_scalar()) {
    if (key == "points" || key == "kind" || key == "visibility" || key == "requires") return;
    char* end = nullptr;
    std::strtod(node.scalar.c_str(), &end);
    const bool number = !node.scalar.empty() && *end == '\0';
    if (number) {
      // Small integers ("1", "0", "2") are in every report; a threshold
      // that is one is covered by the check's title and messages.
      if (node.scalar.size() >= 3) numbers->push_back(node.scalar);
    } else if (key != "series" && key != "scenario" && key != "from" && key != "to" &&
               key != "sign" && key != "measure" && key != "expect" && key != "through" &&
               key != "question") {
      texts->push_back(node.scalar);
    }
    return;
  }
  for (const YamlNode& item : node.items) {
    CollectScalars(item, item.key.empty() ? key : item.key, texts, numbers);
  }
}

struct Lab {
  std::string id;
  std::string public_rubric;
  std::string private_rubric;
};

void PrintTo(const Lab& lab, std::ostream* out) { *out << lab.id; }

std::vector<Lab> LabsWithPrivateLayers() {
  std::vector<Lab> labs;
  const fs::path dir = SourceDir() + "/rubrics/private";
  if (!fs::exists(dir)) return labs;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string id = entry.path().stem().string();
    labs.push_back({id, SourceDir() + "/rubrics/" + id + ".yaml", entry.path().string()});
  }
  std::sort(labs.begin(), labs.end(), [](const Lab& a, const Lab& b) { return a.id < b.id; });
  return labs;
}

// The files a lab's channels are tried on: its solutions and its starter.
std::vector<std::string> SubmissionsOf(const Lab& lab) {
  std::vector<std::string> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(SourceDir() + "/solutions")) {
    const std::string stem = entry.path().stem().string();
    if (stem == lab.id || stem.rfind(lab.id + "-", 0) == 0) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  files.push_back(SourceDir() + "/labs/" + lab.id + "/starter.yaml");
  return files;
}

class HiddenChannelTest : public ::testing::TestWithParam<Lab> {
 protected:
  void SetUp() override {
    const Lab& lab = GetParam();
    Diagnostics diagnostics;
    std::optional<Rubric> full = LoadRubricFile(lab.private_rubric, diagnostics);
    ASSERT_TRUE(full.has_value()) << FormatDiagnostics(diagnostics, nullptr);
    full_ = *full;
    public_text_ = Lower(ReadFileOrDie(lab.public_rubric) + "\n" +
                         ReadFileOrDie(SourceDir() + "/labs/" + lab.id + "/README.md"));
    // Hidden checks and answer keys, from the private layer's own text.
    const SourceFile source(lab.private_rubric, ReadFileOrDie(lab.private_rubric));
    std::optional<YamlNode> root = ReadYaml(source, diagnostics);
    ASSERT_TRUE(root.has_value());
    const YamlNode* checks = root->Find("checks");
    ASSERT_NE(checks, nullptr);
    for (const YamlNode& check : checks->items) {
      const YamlNode* id = check.Find("id");
      ASSERT_NE(id, nullptr);
      const CheckSpec* spec = full_.FindCheck(id->scalar);
      ASSERT_NE(spec, nullptr);
      if (spec->visibility != Visibility::kVisible) {
        hidden_ids_.push_back(spec->id);
        secrets_.push_back(spec->id);
        CollectScalars(check, "", &secrets_, &numbers_);
      } else if (spec->kind == CheckKind::kAnswer) {
        for (const std::vector<std::string>& group : spec->answer.keywords) {
          for (std::string phrase : group) {
            phrase.erase(std::remove(phrase.begin(), phrase.end(), '*'), phrase.end());
            // Words sdlab's own messages use ("covers both ideas") say
            // nothing of the key.
            static const std::set<std::string> kMessageWords = {"both", "two",  "one", "all",
                                                                "also", "more", "yes", "too"};
            if (phrase.size() >= 3 && kMessageWords.count(phrase) == 0) secrets_.push_back(phrase);
          }
        }
      }
    }
    ASSERT_FALSE(secrets_.empty());
  }

  // The hidden things that may not appear in `output`, given the student's
  // own file (which a report may quote). Also adds what the hidden checks
  // say about this file when an instructor grades it.
  std::vector<std::string> SecretsFor(const std::string& submission) {
    // What sdlab prints anyway: the self-check with the public rubric
    // alone cannot know anything of the private layer, so a secret's word
    // found there is sdlab's own vocabulary ("match", a time of the run),
    // not a leak.
    static std::map<std::string, std::string> baselines;
    std::string& baseline = baselines[submission];
    if (baseline.empty()) {
      for (const char* format : {"text", "json", "html", "md", "github"}) {
        baseline += Lower(RunSdlab("check " + ShellQuote(submission) + " --rubric " +
                                   ShellQuote(GetParam().public_rubric) + " --format " + format)
                              .out);
      }
    }
    const std::string own = Lower(ReadFileOrDie(submission)) + "\n" + baseline;
    const GradeResult graded = GradeFile(full_, submission);
    std::vector<std::string> all;
    auto add = [&](const std::string& text, bool token) {
      const std::string lower = Lower(text);
      if (lower.size() < 3) return;
      if (ContainsToken(public_text_, lower) || ContainsToken(own, lower)) return;
      all.push_back(token ? "#" + lower : lower);
    };
    for (const std::string& text : secrets_) add(text, true);
    for (const std::string& number : numbers_) add(number, true);
    // A hidden check's message, unless a visible check says the same.
    std::string visible_messages;
    for (const CheckResult& check : graded.checks) {
      if (check.visibility == Visibility::kVisible) visible_messages += Lower(check.message) + "\n";
    }
    for (const CheckResult& check : graded.checks) {
      if (check.visibility == Visibility::kVisible || check.message.size() < 12) continue;
      if (visible_messages.find(Lower(check.message)) == std::string::npos) {
        add(check.message, false);
      }
    }
    return all;
  }

  // Charts (inline SVG) have axis ticks at round numbers ("4000", "0.9")
  // that say nothing about a threshold: numbers are looked for outside them.
  static std::string WithoutCharts(std::string text) {
    for (std::size_t at = text.find("<svg"); at != std::string::npos; at = text.find("<svg", at)) {
      const std::size_t end = text.find("</svg>", at);
      text.erase(at, end == std::string::npos ? std::string::npos : end + 6 - at);
    }
    return text;
  }

  static std::vector<std::string> Leaks(const std::string& output,
                                        const std::vector<std::string>& secrets) {
    const std::string lower = Lower(output);
    const std::string prose = WithoutCharts(lower);
    std::vector<std::string> found;
    for (const std::string& secret : secrets) {
      const bool token = secret[0] == '#';
      const std::string text = token ? secret.substr(1) : secret;
      const bool number = std::isdigit(static_cast<unsigned char>(text[0])) != 0;
      if (token ? ContainsToken(number ? prose : lower, text)
                : lower.find(text) != std::string::npos) {
        found.push_back(text);
      }
    }
    return found;
  }

  Rubric full_;
  std::string public_text_;
  std::vector<std::string> hidden_ids_;
  std::vector<std::string> secrets_;
  std::vector<std::string> numbers_;
};

const std::vector<std::string> kFormats = {"text",   "md",   "json",       "junit",
                                           "github", "html", "gradescope", "prairielearn"};

TEST_P(HiddenChannelTest, TheFilesStudentsReceiveHoldNoSecret) {
  const Lab& lab = GetParam();
  std::vector<std::string> files = {lab.public_rubric};
  for (const fs::directory_entry& entry : fs::directory_iterator(SourceDir() + "/labs/" + lab.id)) {
    files.push_back(entry.path().string());
  }
  for (const std::string& file : files) {
    const std::string text = Lower(ReadFileOrDie(file));
    for (const std::string& id : hidden_ids_) {
      EXPECT_FALSE(ContainsToken(text, Lower(id))) << file << " names hidden check " << id;
    }
    for (const CheckSpec& check : full_.checks) {
      if (check.visibility == Visibility::kVisible) continue;
      EXPECT_EQ(text.find(Lower(check.title)), std::string::npos)
          << file << " holds the title of hidden check " << check.id;
    }
  }
  // The public rubric names no answer key: its answer checks say `key: private`.
  Diagnostics diagnostics;
  std::optional<Rubric> open = LoadRubricFile(lab.public_rubric, diagnostics);
  ASSERT_TRUE(open.has_value()) << FormatDiagnostics(diagnostics, nullptr);
  for (const CheckSpec& check : open->checks) {
    EXPECT_EQ(check.visibility, Visibility::kVisible) << check.id;
    if (check.kind == CheckKind::kAnswer) {
      EXPECT_TRUE(check.answer.key_private) << check.id;
    }
  }
}

TEST_P(HiddenChannelTest, SelfCheckAndStudentViewShowNoSecretInAnyFormat) {
  const Lab& lab = GetParam();
  const std::string dir = MakeTempDir();
  for (const std::string& submission : SubmissionsOf(lab)) {
    const std::vector<std::string> secrets = SecretsFor(submission);
    for (const std::string& format : kFormats) {
      for (const std::string& command :
           {"check " + ShellQuote(submission) + " --lab " + lab.id,
            "check " + ShellQuote(submission) + " --rubric " + ShellQuote(lab.private_rubric),
            "grade " + ShellQuote(submission) + " --rubric " + ShellQuote(lab.private_rubric) +
                " --student-view"}) {
        const std::string out = dir + "/report";
        const std::string summary = dir + "/summary.md";
        fs::remove(out);
        WriteFile(summary, "");
        const CommandResult result = RunShell("GITHUB_STEP_SUMMARY=" + ShellQuote(summary) + " " +
                                              ShellQuote(SdlabBinary()) + " " + command +
                                              " --format " + format + " -o " + ShellQuote(out));
        ASSERT_LE(result.exit_code, 1) << command << " --format " << format << "\n" << result.err;
        const std::string written = fs::exists(out) ? ReadFileOrDie(out) : "";
        EXPECT_FALSE(written.empty()) << command << " --format " << format;
        const std::string all = result.out + result.err + written + ReadFileOrDie(summary);
        EXPECT_THAT(Leaks(all, secrets), ::testing::IsEmpty()) << command << " --format " << format;
      }
    }
  }
}

// The self-check says what it leaves out, as the public layer announces it.
TEST_P(HiddenChannelTest, SelfCheckCountsTheHiddenChecksItDoesNotShow) {
  const Lab& lab = GetParam();
  int hidden = 0;
  for (const CheckSpec& check : full_.checks) hidden += check.visibility != Visibility::kVisible;
  if (hidden == 0) GTEST_SKIP() << lab.id << " has no hidden checks";
  const CommandResult result =
      RunSdlab("check " + ShellQuote(SubmissionsOf(lab).front()) + " --lab " + lab.id);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, ::testing::HasSubstr(
                              std::to_string(hidden) +
                              (hidden == 1 ? " hidden check worth " : " hidden checks worth ")));
}

TEST_P(HiddenChannelTest, PrairieLearnResultsHoldNoSecret) {
  const Lab& lab = GetParam();
  for (const std::string& submission : SubmissionsOf(lab)) {
    const CommandResult result =
        RunSdlab("grade " + ShellQuote(submission) + " --rubric " + ShellQuote(lab.private_rubric) +
                 " --format prairielearn");
    ASSERT_LE(result.exit_code, 1) << result.err;
    EXPECT_THAT(Leaks(result.out, SecretsFor(submission)), ::testing::IsEmpty()) << submission;
    // The hidden checks still count in the score.
    const nlohmann::json document = nlohmann::json::parse(result.out);
    const GradeResult graded = GradeFile(full_, submission);
    EXPECT_NEAR(document["score"].get<double>(), graded.score() / graded.max_score(), 1e-9);
  }
}

// Gradescope hides a test by its visibility; the visible tests and the
// overall output must not mention the hidden ones.
TEST_P(HiddenChannelTest, GradescopeKeepsSecretsInsideHiddenTestsOnly) {
  const Lab& lab = GetParam();
  for (const std::string& submission : SubmissionsOf(lab)) {
    const CommandResult result = RunSdlab("grade " + ShellQuote(submission) + " --rubric " +
                                          ShellQuote(lab.private_rubric) + " --format gradescope");
    ASSERT_LE(result.exit_code, 1) << result.err;
    const std::vector<std::string> secrets = SecretsFor(submission);
    nlohmann::json document = nlohmann::json::parse(result.out);
    int hidden = 0;
    nlohmann::json shown = nlohmann::json::array();
    for (const nlohmann::json& test : document["tests"]) {
      const std::string id = test["extra_data"]["id"];
      const bool is_hidden =
          std::find(hidden_ids_.begin(), hidden_ids_.end(), id) != hidden_ids_.end();
      if (is_hidden) {
        ++hidden;
        EXPECT_NE(test["visibility"], "visible") << id;
      } else {
        shown.push_back(test);
      }
    }
    EXPECT_EQ(hidden, static_cast<int>(hidden_ids_.size()));
    document["tests"] = shown;
    EXPECT_THAT(Leaks(document.dump(), secrets), ::testing::IsEmpty()) << submission;
  }
}

// The composite action's grading step, run with the environment GitHub
// gives it: everything it prints, summarises and uploads.
TEST_P(HiddenChannelTest, GithubActionShowsNoSecret) {
  const Lab& lab = GetParam();
  const std::string action_path = SourceDir() + "/.github/actions/sdlab-grade/action.yml";
  const SourceFile action(action_path, ReadFileOrDie(action_path));
  Diagnostics diagnostics;
  std::optional<YamlNode> root = ReadYaml(action, diagnostics);
  ASSERT_TRUE(root.has_value()) << FormatDiagnostics(diagnostics, nullptr);
  std::string script;
  for (const YamlNode& step : root->Find("runs")->Find("steps")->items) {
    const YamlNode* id = step.Find("id");
    if (id != nullptr && id->scalar == "grade") script = step.Find("run")->scalar;
  }
  ASSERT_FALSE(script.empty()) << "no step with id: grade in " << action_path;
  const std::string dir = MakeTempDir();
  WriteFile(dir + "/grade.sh", script);
  for (const std::string& submission : SubmissionsOf(lab)) {
    for (const std::string& rubrics : {std::string(), lab.public_rubric}) {
      const std::string temp = dir + "/runner";
      fs::remove_all(temp);
      fs::create_directories(temp);
      WriteFile(dir + "/summary.md", "");
      WriteFile(dir + "/output", "");
      const CommandResult result =
          RunShell("cd " + ShellQuote(dir) + " && SDLAB=" + ShellQuote(SdlabBinary()) +
                   " SUBMISSION=" + ShellQuote(submission) + " RUBRICS=" + ShellQuote(rubrics) +
                   " THRESHOLD=0 RUNNER_TEMP=" + ShellQuote(temp) +
                   " GITHUB_STEP_SUMMARY=" + ShellQuote(dir + "/summary.md") +
                   " GITHUB_OUTPUT=" + ShellQuote(dir + "/output") + " bash -e grade.sh");
      EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
      std::string all = result.out + result.err + ReadFileOrDie(dir + "/summary.md") +
                        ReadFileOrDie(dir + "/output");
      for (const char* report : {"/sdlab-report/result.json", "/sdlab-report/report.html"}) {
        ASSERT_TRUE(fs::exists(temp + report)) << report;
        all += ReadFileOrDie(temp + report);
      }
      EXPECT_THAT(ReadFileOrDie(dir + "/output"), ::testing::HasSubstr("gradable=true"));
      EXPECT_THAT(Leaks(all, SecretsFor(submission)), ::testing::IsEmpty())
          << submission << " with rubric '" << rubrics << "'";
    }
  }
}

std::string LabName(const ::testing::TestParamInfo<Lab>& info) {
  std::string name = info.param.id;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Labs, HiddenChannelTest, ::testing::ValuesIn(LabsWithPrivateLayers()),
                         LabName);

// At least the bundled Part B lab has a private layer: the suite above is
// not empty by accident.
TEST(HiddenChannels, PartBHasAPrivateLayer) {
  const std::vector<Lab> labs = LabsWithPrivateLayers();
  EXPECT_TRUE(std::any_of(labs.begin(), labs.end(),
                          [](const Lab& lab) { return lab.id == "part-b-web-app"; }));
}

}  // namespace
}  // namespace sdlab::testing
