#pragma once
// Shared helpers for the test binary: paths to the repository's data, the
// sdlab program and the public conformance suite, and running sdlab.

#include <string>

namespace sdlab::testing {

/// The repository root (labs/, rubrics/, solutions/ ...).
std::string SourceDir();
/// ../shared beside the repository (conformance models, bench inputs).
std::string SharedDir();
/// The rubric an instructor grades a lab with: its private layer
/// (rubrics/private/<lab>.yaml, which extends the public one) when the lab
/// has one, else the public rubrics/<lab>.yaml.
std::string LabGradingRubric(const std::string& lab);
/// The built sdlab binary.
std::string SdlabBinary();

std::string ReadFileOrDie(const std::string& path);
void WriteFile(const std::string& path, const std::string& text);
/// A fresh empty directory under the system temp dir, removed at exit.
std::string MakeTempDir();

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `sdlab ARGS` (args already shell-quoted by the caller or simple
/// words), capturing stdout and stderr; `stdin_text` is fed to its input.
CommandResult RunSdlab(const std::string& args, const std::string& stdin_text = "");

/// Runs a /bin/sh command line, capturing its stdout and stderr.
CommandResult RunShell(const std::string& command_line);

/// Single-quotes a word for /bin/sh.
std::string ShellQuote(const std::string& word);

}  // namespace sdlab::testing
