#include "grader/command.h"

#include <cerrno>
#include <cstdlib>
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

std::string ParseSetOptions(const po::variables_map& values,
                            std::vector<std::pair<std::string, double>>* overrides) {
  if (!values.count("set")) return "";
  for (const std::string& assignment : values["set"].as<std::vector<std::string>>()) {
    std::size_t equals = assignment.find('=');
    std::string number_text = equals == std::string::npos ? "" : assignment.substr(equals + 1);
    errno = 0;
    char* end = nullptr;
    double number = number_text.empty() ? 0 : std::strtod(number_text.c_str(), &end);
    if (equals == std::string::npos || equals == 0 || number_text.empty() || errno != 0 ||
        end != number_text.c_str() + number_text.size()) {
      return "--set expects NAME=NUMBER, got '" + assignment + "'";
    }
    overrides->emplace_back(assignment.substr(0, equals), number);
  }
  return "";
}

}  // namespace sdlab::cli
