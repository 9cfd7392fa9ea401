// sdlab loops FILE: the feedback loops of a submission's causal loop diagram
// and/or stock-and-flow model, with polarity, the verdict on the student's
// labels and the contradictions between the two.

#include <iostream>

#include "core/names.h"
#include "core/report/loop_report.h"
#include "grader/command.h"

namespace sdlab::cli {
namespace {

int UsageError(const std::string& message) {
  std::cerr << "sdlab loops: " << message << "\n"
            << "(see 'sdlab help loops')\n";
  return kExitUsage;
}

int Run(const po::variables_map& values) {
  const std::string path = values["file"].as<std::string>();
  const std::string source_option = NormalizeName(values["source"].as<std::string>());
  if (source_option != "cld" && source_option != "sfd" && source_option != "both" &&
      source_option != "auto") {
    std::string hint = DidYouMean(source_option, {"cld", "sfd", "both"});
    return UsageError("unknown --source '" + values["source"].as<std::string>() +
                      "': expected cld, sfd or both" + (hint.empty() ? "" : " (" + hint + ")"));
  }
  const long long max_loops = values["max-loops"].as<long long>();
  if (max_loops < 0) return UsageError("--max-loops must be 0 (no cap) or a positive number");
  const bool count_only = values.count("count") > 0;
  LoopSearchOptions search;
  search.max_loops = static_cast<std::size_t>(max_loops);
  search.keep_loops = !count_only;

  LoopsRequest request;
  request.path = path;
  request.source = source_option;
  request.search = search;
  request.json = values.count("json") > 0;
  request.count_only = count_only;
  const LoopsOutput output = ReportLoopsOfFile(request);
  ReportDiagnostics(output.diagnostics, output.source);
  if (!output.analysed) return kExitInputErrors;
  std::cout << output.text;
  std::cout.flush();
  if (!std::cout) return kExitInternal;
  return output.diagnostics.has_errors() ? kExitInputErrors : kExitOk;
}

}  // namespace

CommandSpec LoopsCommand() {
  CommandSpec command;
  command.name = "loops";
  command.summary = "find the feedback loops of a diagram or model, check the student's labels";
  command.usage = "sdlab loops FILE [--source cld|sfd|both] [--json] [--max-loops N] [--count]";
  command.options = [](po::options_description& options,
                       po::positional_options_description& positional) {
    options.add_options()("file", po::value<std::string>()->required(), "the submission (YAML)")(
        "source", po::value<std::string>()->default_value("auto")->value_name("S"),
        "cld (the causal loop diagram), sfd (the stock-and-flow model) or both; default: "
        "every section the file has")("json", "print JSON instead of a table")(
        "max-loops",
        po::value<long long>()
            ->default_value(static_cast<long long>(LoopSearchOptions::kDefaultMaxLoops))
            ->value_name("N"),
        "stop after N loops per source (0: no cap)")("count",
                                                     "print only the number of loops by polarity");
    positional.add("file", 1);
  };
  command.run = Run;
  return command;
}

}  // namespace sdlab::cli
