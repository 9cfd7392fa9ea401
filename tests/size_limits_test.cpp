// End-to-end: submissions inflated past core/engine/size_limits.h (or past
// what can be drawn) are refused by every command with the same located
// message, instead of costing seconds or ending as a batch time limit. The
// inputs are generated here; docs/robustness.md ("Size limits") has their timings.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "test_support.h"

namespace sdlab::testing {
namespace {

using ::testing::HasSubstr;

std::string Header() { return "format: sdlab/1\nlab: bathtub\n"; }

// 30,000 elements; `stock_flow:`'s mapping starts at 4:3.
std::string BigModel() {
  std::string text = Header() +
                     "stock_flow:\n  sim: { start: 0, stop: 10, dt: 1 }\n  stocks:\n"
                     "    - { name: S, initial: 1 }\n  constants:\n";
  for (int i = 0; i < 29999; ++i) text += "  - {name: c" + std::to_string(i) + ", value: 1}\n";
  return text;
}

// A chain of 40,000 links (no loop); `causal_loop:`'s mapping starts at 4:3.
std::string ChainDiagram() {
  std::string text = Header() + "causal_loop:\n  links:\n";
  for (int i = 0; i < 40000; ++i) {
    text += "  - v" + std::to_string(i) + " -> v" + std::to_string(i + 1) + " (+)\n";
  }
  return text;
}

std::string CompleteDiagram() {
  std::string text = Header() + "causal_loop:\n  links:\n";
  for (int a = 0; a < 30; ++a) {
    for (int b = 0; b < 30; ++b) {
      if (a != b) text += "  - a" + std::to_string(a) + " -> a" + std::to_string(b) + " (+)\n";
    }
  }
  return text;
}

std::string ManyVariables() {
  std::string text = Header() + "causal_loop:\n  variables:\n";
  for (int i = 0; i < 10001; ++i) text += "  - x" + std::to_string(i) + "\n";
  return text + "  links:\n  - x0 -> x1 (+)\n";
}

std::string Rubric() { return ShellQuote(LabGradingRubric("bathtub")); }

const std::vector<std::string>& GradeFormats() {
  static const std::vector<std::string> formats = {"text",       "md",           "json",   "junit",
                                                   "gradescope", "prairielearn", "github", "html"};
  return formats;
}

// Every command refuses `text` at 4:3 with `message` and exit 1.
void ExpectRefusedEverywhere(const std::string& text, const std::string& message) {
  const std::string dir = MakeTempDir();
  const std::string path = dir + "/answer.yaml";
  WriteFile(path, text);
  const std::string file = ShellQuote(path);
  const std::string located = path + ":4:3: error: " + message + "\n";
  std::vector<std::string> commands = {
      "simulate " + file, "loops " + file,
      "render " + file + " --diagram cld -o " + ShellQuote(dir + "/d.svg"),
      "render " + file + " --diagram sfd -o " + ShellQuote(dir + "/d.svg"),
      "check " + file + " --rubric " + Rubric()};
  for (const std::string& format : GradeFormats()) {
    commands.push_back("grade " + file + " --rubric " + Rubric() + " --format " + format + " -o " +
                       ShellQuote(dir + "/report." + format));
  }
  for (const std::string& command : commands) {
    const CommandResult result = RunSdlab(command);
    EXPECT_EQ(result.exit_code, 1) << command << "\n" << result.err;
    if (command.find("--format github") != std::string::npos) {
      const std::string annotations = ReadFileOrDie(dir + "/report.github");
      EXPECT_THAT(annotations, HasSubstr("::error file=" + path + ",line=4,col=3,"));
      EXPECT_THAT(annotations, HasSubstr("::" + message + "\n")) << command;
    } else if (command.rfind("simulate", 0) == 0 &&
               message.find("causal loop") != std::string::npos) {
      // simulate reads only the model: a file without one says so.
      EXPECT_THAT(result.err, HasSubstr("no 'stock_flow' section")) << command;
    } else {
      EXPECT_THAT(result.err, HasSubstr(located)) << command;
    }
  }
  const std::string out = dir + "/batch";
  const CommandResult batch =
      RunSdlab("batch " + file + " --rubric " + Rubric() + " --out " + ShellQuote(out));
  EXPECT_EQ(batch.exit_code, 0) << batch.err;
  EXPECT_THAT(
      ReadFileOrDie(out + "/gradebook.csv"),
      HasSubstr(",not_gradable,errors in the file: " + located.substr(0, located.size() - 1)));
}

TEST(SizeLimitsCli, AThirtyThousandElementModelIsRefusedByEveryCommand) {
  ExpectRefusedEverywhere(BigModel(), "the model has 30000 elements; at most 10000 are allowed");
}

TEST(SizeLimitsCli, AFortyThousandLinkChainIsRefusedByEveryCommand) {
  ExpectRefusedEverywhere(ChainDiagram(),
                          "the causal loop diagram has 40000 links; at most 10000 are allowed");
}

TEST(SizeLimitsCli, TenThousandAndOneVariablesAreRefusedByEveryCommand) {
  ExpectRefusedEverywhere(ManyVariables(),
                          "the causal loop diagram has 10001 variables; at most 10000 are allowed");
}

// A complete diagram of 30 variables is small enough to analyse: its loops
// stop at the cap, it is graded, and only drawing it is refused.
TEST(SizeLimitsCli, ACompleteThirtyVariableDiagramIsAnalysedButNotDrawn) {
  const std::string dir = MakeTempDir();
  const std::string path = dir + "/answer.yaml";
  WriteFile(path, CompleteDiagram());
  const std::string file = ShellQuote(path);

  const CommandResult loops = RunSdlab("loops " + file);
  EXPECT_EQ(loops.exit_code, 0) << loops.err;
  EXPECT_THAT(loops.out, HasSubstr("causal loop diagram: at least 10000 loops"));
  EXPECT_THAT(loops.err, HasSubstr("stopped after 10000 loops; there are more"));

  const CommandResult render =
      RunSdlab("render " + file + " --diagram cld -o " + ShellQuote(dir + "/d.svg"));
  EXPECT_EQ(render.exit_code, 1);
  EXPECT_THAT(render.err, HasSubstr(path + ":4:3: error: the diagram is too large to draw: 870 "
                                           "links (the limit is 150)"));
  EXPECT_FALSE(std::filesystem::exists(dir + "/d.svg"));

  const CommandResult sfd =
      RunSdlab("render " + file + " --diagram sfd -o " + ShellQuote(dir + "/d.svg"));
  EXPECT_EQ(sfd.exit_code, 1);
  EXPECT_THAT(sfd.err, HasSubstr("there is no 'stock_flow' section to draw"));

  for (const std::string& format : GradeFormats()) {
    const std::string report = dir + "/report." + format;
    const CommandResult grade = RunSdlab("grade " + file + " --rubric " + Rubric() + " --format " +
                                         format + " -o " + ShellQuote(report));
    EXPECT_EQ(grade.exit_code, 0) << format << "\n" << grade.err;
  }
  EXPECT_THAT(
      ReadFileOrDie(dir + "/report.html"),
      HasSubstr("not drawn: the diagram is too large to draw: 870 links (the limit is 150)"));

  const CommandResult check = RunSdlab("check " + file + " --rubric " + Rubric());
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

}  // namespace
}  // namespace sdlab::testing
