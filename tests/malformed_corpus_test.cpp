// The malformed corpus (tests/malformed/README.md): every damaged input in
// tests/malformed/expected.tsv runs through the built sdlab, which must exit
// with the expected code, print the located diagnostic that points at the
// damage, and not crash. One test per input, named after its file; .ci/test
// runs them again under AddressSanitizer and UndefinedBehaviorSanitizer.

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace sdlab::testing {
namespace {

struct MalformedCase {
  std::string input;    // tests/malformed/<kind>/<file>, relative to the source dir
  std::string command;  // "simulate {file}", "grade solutions/x.yaml --rubric {file}"
  int exit_code = 0;
  std::string severity;  // error | warning, or "-" for an input that must load
  std::string location;  // line:col
  std::string message;
};

// gtest prints a parameter by its bytes otherwise.
void PrintTo(const MalformedCase& test_case, std::ostream* out) { *out << test_case.input; }

std::string CorpusDir() { return SourceDir() + "/tests/malformed"; }

std::vector<MalformedCase> ReadManifest() {
  std::vector<MalformedCase> cases;
  std::ifstream in(CorpusDir() + "/expected.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::istringstream columns(line);
    for (std::string field; std::getline(columns, field, '\t');) fields.push_back(field);
    if (fields.size() != 6) continue;  // ManifestIsComplete reports it
    cases.push_back({fields[0], fields[1], std::stoi(fields[2]), fields[3], fields[4], fields[5]});
  }
  return cases;
}

std::string CaseTestName(const ::testing::TestParamInfo<MalformedCase>& param_info) {
  std::string name = param_info.param.input.substr(std::string("tests/malformed/").size());
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
  return text;
}

class MalformedCorpus : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedCorpus, ExitsWithALocatedDiagnosticAndNoCrash) {
  const MalformedCase& test_case = GetParam();
  const std::string args = Replace(test_case.command, "{file}", ShellQuote(test_case.input));
  // Run from the source dir so that paths (and so diagnostics) are relative.
  CommandResult result = RunShell("cd " + ShellQuote(SourceDir()) + " && " +
                                  ShellQuote(SdlabBinary()) + " " + args + " </dev/null");
  ASSERT_GE(result.exit_code, 0) << "sdlab did not exit normally\n" << result.err;
  EXPECT_LT(result.exit_code, 128) << "sdlab was killed by a signal\n" << result.err;
  EXPECT_EQ(result.err.find("AddressSanitizer"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("LeakSanitizer"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("runtime error"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("internal error"), std::string::npos) << result.err;
  EXPECT_EQ(result.exit_code, test_case.exit_code) << result.err;
  if (test_case.severity == "-") {
    // Not damage after all (KNOWN_DEFECTS.md, "accepted on purpose"): it loads.
    EXPECT_EQ(result.err.find(": error: "), std::string::npos) << result.err;
    return;
  }
  const std::string diagnostic = test_case.input + ":" + test_case.location + ": " +
                                 test_case.severity + ": " + test_case.message;
  // A graded file's warnings are part of its report (stdout); every other
  // diagnostic goes to stderr.
  const bool on_stdout = test_case.severity == "warning" && test_case.exit_code == 0 &&
                         result.out.find(diagnostic) != std::string::npos;
  EXPECT_TRUE(on_stdout || result.err.find(diagnostic) != std::string::npos)
      << "expected on stderr: " << diagnostic << "\nstderr was:\n"
      << result.err;
}

INSTANTIATE_TEST_SUITE_P(Inputs, MalformedCorpus, ::testing::ValuesIn(ReadManifest()),
                         CaseTestName);

// Every file of the corpus is either pinned in expected.tsv or listed in
// KNOWN_DEFECTS.md, and the manifest has the 200 inputs at least.
TEST(MalformedCorpusManifest, CoversEveryInput) {
  std::ifstream manifest(CorpusDir() + "/expected.tsv");
  ASSERT_TRUE(manifest) << "no tests/malformed/expected.tsv";
  std::set<std::string> pinned;
  std::string line;
  int line_number = 0;
  while (std::getline(manifest, line)) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    std::size_t tabs = 0;
    for (char c : line) tabs += c == '\t';
    EXPECT_EQ(tabs, 5u) << "expected.tsv:" << line_number << ": expected 6 columns";
    pinned.insert(line.substr(0, line.find('\t')));
  }
  EXPECT_GE(pinned.size(), 200u);
  const std::string known = ReadFileOrDie(CorpusDir() + "/KNOWN_DEFECTS.md");
  for (const char* kind : {"submission", "binary", "xmile", "rubric"}) {
    for (const auto& entry : std::filesystem::directory_iterator(CorpusDir() + "/" + kind)) {
      const std::string input =
          std::string("tests/malformed/") + kind + "/" + entry.path().filename().string();
      const std::string short_name = std::string(kind) + "/" + entry.path().filename().string();
      EXPECT_TRUE(pinned.count(input) || known.find(short_name) != std::string::npos)
          << input << " is neither in expected.tsv nor in KNOWN_DEFECTS.md";
    }
  }
}

}  // namespace
}  // namespace sdlab::testing
