#include "test_support.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace sdlab::testing {

std::string SourceDir() { return SDLAB_TEST_SOURCE_DIR; }
std::string SharedDir() { return SDLAB_TEST_SHARED_DIR; }
std::string LabGradingRubric(const std::string& lab) {
  const std::string private_layer = SourceDir() + "/rubrics/private/" + lab + ".yaml";
  std::error_code error;
  if (std::filesystem::is_regular_file(private_layer, error)) return private_layer;
  return SourceDir() + "/rubrics/" + lab + ".yaml";
}
std::string SdlabBinary() { return SDLAB_TEST_BINARY; }

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << text;
}

namespace {
struct TempDirs {
  std::vector<std::string> paths;
  ~TempDirs() {
    std::error_code ignored;
    for (const std::string& path : paths) std::filesystem::remove_all(path, ignored);
  }
};
TempDirs& temp_dirs() {
  static TempDirs dirs;
  return dirs;
}
}  // namespace

std::string MakeTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sdlab-test-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  temp_dirs().paths.emplace_back(buffer.data());
  return buffer.data();
}

std::string ShellQuote(const std::string& word) {
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

CommandResult RunSdlab(const std::string& args, const std::string& stdin_text) {
  std::string in_path = MakeTempDir() + "/stdin";
  WriteFile(in_path, stdin_text);
  return RunShell(ShellQuote(SdlabBinary()) + " " + args + " <" + ShellQuote(in_path));
}

CommandResult RunShell(const std::string& command_line) {
  std::string dir = MakeTempDir();
  std::string out_path = dir + "/stdout", err_path = dir + "/stderr";
  std::string command =
      "{ " + command_line + "; } >" + ShellQuote(out_path) + " 2>" + ShellQuote(err_path);
  int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFileOrDie(out_path);
  result.err = ReadFileOrDie(err_path);
  return result;
}

}  // namespace sdlab::testing
