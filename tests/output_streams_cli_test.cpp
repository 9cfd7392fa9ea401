// End-to-end: student text on stdout and stderr of every command and every
// --format can neither forge a CI workflow command (`::error`, `::add-mask`,
// `##[...]`) nor send a terminal escape, and a file with 10,000 warnings
// gives a bounded stderr (core/output_text.h, core/diagnostic.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/report/report_format.h"
#include "test_support.h"

namespace sdlab::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// `lab:` with a newline and a workflow command, names with ESC, BEL, an OSC
// title, CR, BS and U+009B (YAML escapes), loop ids and names likewise.
const char kForged[] = R"yaml(lab: "x\n::error title=forged::"
author: "\e]0;owned\a\r\b::add-mask::secret"
stock_flow:
  sim: { start: 0, stop: 4, dt: 1 }
  stocks:
    - name: "Water\e[31m\n::stop-commands::token"
      initial: 1
    - name: "Tank\u009b2J\n  ::error::x"
      initial: 2
  flows:
    - name: "Drain\r::warning::y"
      from: "Water\e[31m\n::stop-commands::token"
      equation: 1
causal_loop:
  links:
    - { from: "A\e]0;t\a", to: "B\n::error::b", polarity: "+" }
    - { from: "B\n::error::b", to: "A\e]0;t\a", polarity: "+" }
  loops:
    - id: "R1\n::error title=id::"
      name: "Loop\e[2J\u009b\n##[add-mask]z"
      type: reinforcing
      path: ["A\e]0;t\a", "B\n::error::b"]
    - id: "B9\e]0;x\a"
      name: "\n::error::name"
      type: balancing
      path: ["A\e]0;t\a"]
)yaml";

// Every line of `text` is checked: after the blanks a runner trims, no line
// starts `::`; no line holds `##[`, a C0 control other than tab, DEL or a C1
// control.
// `annotations_for`: for --format github, sdlab's own annotations of that
// file may start lines (`::error file=PATH,...`); nothing else may.
std::vector<std::string> Problems(const std::string& text,
                                  const std::string& annotations_for = "") {
  std::vector<std::string> problems;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    std::size_t first = 0;
    while (first < line.size()) {
      if (line[first] == ' ' || line[first] == '\t') {
        ++first;
      } else if (line.compare(first, 2, "\xc2\xa0") == 0) {
        first += 2;
      } else {
        break;
      }
    }
    bool annotation = false;
    for (const char* kind : {"::error file=", "::warning file=", "::notice file="}) {
      if (!annotations_for.empty() && first == 0 &&
          line.rfind(std::string(kind) + annotations_for + ",", 0) == 0) {
        annotation = true;
      }
    }
    if (!annotation && line.compare(first, 2, "::") == 0) {
      problems.push_back("starts with '::': " + line);
    }
    if (line.find("##[") != std::string::npos) problems.push_back("has '##[': " + line);
    for (std::size_t i = 0; i < line.size(); ++i) {
      const auto byte = static_cast<unsigned char>(line[i]);
      const bool c1 = byte == 0xC2 && i + 1 < line.size() &&
                      static_cast<unsigned char>(line[i + 1]) >= 0x80 &&
                      static_cast<unsigned char>(line[i + 1]) <= 0x9F;
      if ((byte < 0x20 && byte != '\t') || byte == 0x7F || c1) {
        problems.push_back("control byte " + std::to_string(byte) + " in: " + line);
        break;
      }
    }
    start = end + 1;
  }
  return problems;
}

void ExpectClean(const std::string& args, const CommandResult& result,
                 const std::string& annotations_for = "") {
  EXPECT_TRUE(result.exit_code == 0 || result.exit_code == 1 || result.exit_code == 2)
      << args << " exited " << result.exit_code << "\n"
      << result.err;
  EXPECT_THAT(Problems(result.out, annotations_for), ::testing::IsEmpty())
      << "stdout of sdlab " << args;
  EXPECT_THAT(Problems(result.err), ::testing::IsEmpty()) << "stderr of sdlab " << args;
}

std::string WriteForged(const std::string& dir) {
  const std::string path = dir + "/forged.yaml";
  WriteFile(path, kForged);
  return path;
}

TEST(OutputStreamsCli, SimulateLoopsAndRenderNeverForgeOrEscape) {
  const std::string file = ShellQuote(WriteForged(MakeTempDir()));
  for (const std::string& args :
       {"simulate " + file, "simulate " + file + " --csv -", "loops " + file,
        "loops " + file + " --json", "loops " + file + " --source cld --count",
        "render " + file + " --diagram cld", "render " + file + " --diagram sfd --format dot",
        "render " + file + " --diagram cld --format dot"}) {
    ExpectClean(args, RunSdlab(args));
  }
}

TEST(OutputStreamsCli, CheckAndGradeInEveryFormatNeverForgeOrEscape) {
  const std::string dir = MakeTempDir();
  const std::string path = WriteForged(dir);
  const std::string file = ShellQuote(path);
  const std::string rubric = ShellQuote(SourceDir() + "/tests/data/grading/web.yaml");
  for (const std::string& format : ReportFormatNames()) {
    for (const std::string& args :
         {"check " + file + " --format " + format,
          "check " + file + " --rubric " + rubric + " --format " + format,
          "grade " + file + " --rubric " + rubric + " --format " + format}) {
      ExpectClean(args, RunSdlab(args), format == "github" ? path : "");
    }
  }
}

TEST(OutputStreamsCli, TheLabIdOfTheIssueReachesStderrOnOneLine) {
  const std::string file = ShellQuote(WriteForged(MakeTempDir()));
  const CommandResult result = RunSdlab("check " + file + " --format json");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("no rubric for lab 'x\\n::error title=forged::'"));
  EXPECT_THAT(result.err, Not(HasSubstr("\n::")));
}

TEST(OutputStreamsCli, BatchAndPackageNeverForgeOrEscape) {
  const std::string dir = MakeTempDir();
  WriteForged(dir);
  const std::string rubric = ShellQuote(SourceDir() + "/tests/data/grading/web.yaml");
  for (const std::string& args :
       {"batch " + ShellQuote(dir) + " --rubric " + rubric + " --out " + ShellQuote(dir + "/out"),
        "package gradescope --lab " + ShellQuote("x\n::error title=forged::\x1b]0;t\a") + " -o " +
            ShellQuote(dir + "/a.zip")}) {
    ExpectClean(args, RunSdlab(args));
  }
}

TEST(OutputStreamsCli, RawControlCharactersInTheFileAreNotEchoed) {
  const std::string dir = MakeTempDir();
  const std::string path = dir + "/raw.yaml";
  WriteFile(path,
            "lab: web\nauthor: a\x1b]0;owned\x07\r\b \xc2\x9b"
            "2J\n");
  for (const std::string& args : {"loops " + ShellQuote(path), "simulate " + ShellQuote(path),
                                  "check " + ShellQuote(path) + " --format json"}) {
    const CommandResult result = RunSdlab(args);
    ExpectClean(args, result);
    EXPECT_THAT(result.err, HasSubstr("\\x1b]0;owned\\x07")) << args;
  }
}

TEST(OutputStreamsCli, TenThousandWarningsOnOneLineGiveABoundedStderr) {
  std::string names;
  for (int i = 0; i < 10000; ++i) names += (i > 0 ? "," : "") + ("v" + std::to_string(i));
  const std::string path = MakeTempDir() + "/wide.yaml";
  WriteFile(path, "lab: part-b-web-app\ncausal_loop:\n  variables: [" + names +
                      "]\n  links:\n    - \"v0 -> v1 (+)\"\n    - \"v1 -> v0 (+)\"\n");
  const CommandResult result = RunSdlab("loops " + ShellQuote(path));
  EXPECT_EQ(result.exit_code, 0) << result.err.substr(0, 2000);
  EXPECT_LT(result.err.size(), 64u * 1024);
  EXPECT_THAT(result.err, HasSubstr("and 9993 more warnings like \"variable 'v7' is not linked"));
  EXPECT_THAT(result.out, HasSubstr("1 loop"));
}

}  // namespace
}  // namespace sdlab::testing
