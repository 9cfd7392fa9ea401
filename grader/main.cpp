// sdlab: a lab kit and headless grader for system-dynamics exercises.
// This file only dispatches: every capability lives in core/.

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "core/build_config.h"
#include "core/output_text.h"
#include "grader/command.h"

namespace sdlab::cli {

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec> commands = {
      SimulateCommand(), LoopsCommand(), RenderCommand(),  CheckCommand(),
      GradeCommand(),    BatchCommand(), PackageCommand(),
  };
  return commands;
}

namespace {

const CommandSpec* FindCommand(const std::string& name) {
  for (const CommandSpec& command : Commands()) {
    if (name == command.name) return &command;
  }
  return nullptr;
}

void PrintUsage(std::ostream& out) {
  out << "usage: sdlab COMMAND [options]\n\n"
         "sdlab simulates, analyses and grades system-dynamics lab submissions.\n\n"
         "commands:\n";
  for (const CommandSpec& command : Commands()) {
    std::string name = command.name;
    out << "  " << name << std::string(name.size() < 10 ? 10 - name.size() : 1, ' ')
        << command.summary << "\n";
  }
  out << "\n  sdlab help COMMAND   options of one command\n"
         "  sdlab --version      print the version\n\n"
         "exit codes: 0 ok, 1 the input has errors, 2 usage error, 3 internal error\n";
}

int Main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    PrintUsage(std::cerr);
    return kExitUsage;
  }
  const std::string& first = args[0];
  if (first == "--help" || first == "-h") {
    PrintUsage(std::cout);
    return kExitOk;
  }
  if (first == "--version") {
    std::cout << "sdlab " << SDLAB_VERSION << "\n";
    return kExitOk;
  }
  if (first == "help") {
    if (args.size() < 2) {
      PrintUsage(std::cout);
      return kExitOk;
    }
    const CommandSpec* command = FindCommand(args[1]);
    if (command == nullptr) {
      std::cerr << "sdlab: unknown command '" << args[1] << "' (see 'sdlab --help')\n";
      return kExitUsage;
    }
    PrintCommandHelp(*command, std::cout);
    return kExitOk;
  }
  const CommandSpec* command = FindCommand(first);
  if (command == nullptr) {
    std::cerr << "sdlab: unknown command '" << first << "' (see 'sdlab --help')\n";
    return kExitUsage;
  }
  po::variables_map values;
  std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const std::string& arg : rest) {
    if (arg == "--help" || arg == "-h") {
      PrintCommandHelp(*command, std::cout);
      return kExitOk;
    }
  }
  if (!ParseCommandArguments(*command, rest, &values)) return kExitUsage;
  return command->run(values);
}

// Every byte a command writes to stdout or stderr goes through the one
// output rule (core/output_text.h): student text reaches both, in messages,
// names and quoted source lines, and neither a terminal nor a CI runner may
// act on it. Restores the streams when the program ends.
class SanitizedStandardStreams {
 public:
  SanitizedStandardStreams()
      : out_(std::cout.rdbuf()), err_(std::cerr.rdbuf()), clog_(std::clog.rdbuf()) {
    std::cout.rdbuf(&out_);
    std::cerr.rdbuf(&err_);
    std::clog.rdbuf(&clog_);
  }
  ~SanitizedStandardStreams() {
    std::cout.flush();
    out_.Finish();
    err_.Finish();
    clog_.Finish();
    std::cout.rdbuf(out_.target());
    std::cerr.rdbuf(err_.target());
    std::clog.rdbuf(clog_.target());
  }
  SanitizedStandardStreams(const SanitizedStandardStreams&) = delete;
  SanitizedStandardStreams& operator=(const SanitizedStandardStreams&) = delete;

 private:
  SanitizingStreambuf out_;
  SanitizingStreambuf err_;
  SanitizingStreambuf clog_;
};

}  // namespace
}  // namespace sdlab::cli

int main(int argc, char** argv) {
  sdlab::cli::SanitizedStandardStreams streams;
  try {
    return sdlab::cli::Main(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "sdlab: internal error: " << error.what() << "\n";
  } catch (...) {
    std::cerr << "sdlab: internal error\n";
  }
  return sdlab::cli::kExitInternal;
}
