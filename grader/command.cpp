#include "grader/command.h"

#include <iostream>

namespace sdlab::cli {

bool ParseCommandArguments(const CommandSpec& command, const std::vector<std::string>& args,
                           po::variables_map* values) {
  po::options_description options;
  po::positional_options_description positional;
  command.options(options, positional);
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), *values);
    po::notify(*values);
  } catch (const po::error& error) {
    std::cerr << "sdlab " << command.name << ": " << error.what() << "\n"
              << "usage: " << command.usage << "\n"
              << "(see 'sdlab help " << command.name << "')\n";
    return false;
  }
  return true;
}

void PrintCommandHelp(const CommandSpec& command, std::ostream& out) {
  po::options_description options;
  po::positional_options_description positional;
  command.options(options, positional);
  out << "usage: " << command.usage << "\n\n" << command.summary << "\n\n" << options;
}

void ReportDiagnostics(const Diagnostics& diagnostics, const SourceFile& source) {
  const bool same_file = !source.path().empty();
  std::cerr << FormatDiagnostics(diagnostics, same_file ? &source : nullptr);
}

}  // namespace sdlab::cli
