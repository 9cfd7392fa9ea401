#pragma once
// The sdlab command table: each command is a name, a one-line summary, its
// options and a handler. Handlers return one of the exit codes below.

#include <functional>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include <boost/program_options.hpp>

#include "core/diagnostic.h"

namespace sdlab::cli {

enum ExitCode : int {
  kExitOk = 0,           // done (for grading: graded, whatever the score)
  kExitInputErrors = 1,  // the submission (or rubric) has errors / is not gradable
  kExitUsage = 2,        // bad command line
  kExitInternal = 3,     // a bug or an environment failure in sdlab itself
};

namespace po = boost::program_options;

struct CommandSpec {
  const char* name;
  const char* summary;
  std::string usage;  // "sdlab simulate FILE [options]"
  /// Options shown by `sdlab help NAME`; positional names are declared too.
  std::function<void(po::options_description&, po::positional_options_description&)> options;
  std::function<int(const po::variables_map&)> run;
};

const std::vector<CommandSpec>& Commands();

/// Parses a command's arguments; on a usage error prints it (with a pointer
/// to `sdlab help NAME`) and returns false.
bool ParseCommandArguments(const CommandSpec& command, const std::vector<std::string>& args,
                           po::variables_map* values);

void PrintCommandHelp(const CommandSpec& command, std::ostream& out);

/// Prints diagnostics to stderr like a compiler (with the source line and a
/// caret when `source` holds the file's text).
void ReportDiagnostics(const Diagnostics& diagnostics, const SourceFile& source);

/// The `--set NAME=VALUE` options (repeatable) of `values`, appended to
/// `*overrides`. Returns "" or the usage error for the first one that does
/// not read NAME=NUMBER.
std::string ParseSetOptions(const po::variables_map& values,
                            std::vector<std::pair<std::string, double>>* overrides);

// Commands, one file each.
CommandSpec SimulateCommand();
CommandSpec LoopsCommand();
CommandSpec RenderCommand();
CommandSpec CheckCommand();
CommandSpec GradeCommand();
CommandSpec BatchCommand();
CommandSpec PackageCommand();

}  // namespace sdlab::cli
