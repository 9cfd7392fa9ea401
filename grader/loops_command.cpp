// sdlab loops FILE: the feedback loops of a submission's causal loop diagram
// and/or stock-and-flow model, with polarity, the verdict on the student's
// labels and the contradictions between the two.

#include <fstream>
#include <iostream>

#include "core/names.h"
#include "core/report/dominance_report.h"
#include "core/report/loop_report.h"
#include "grader/command.h"

namespace sdlab::cli {
namespace {

int UsageError(const std::string& message) {
  std::cerr << "sdlab loops: " << message << "\n"
            << "(see 'sdlab help loops')\n";
  return kExitUsage;
}

// Writes `text` to `path` ("-": stdout); false with a message when it cannot.
bool WriteOutput(const std::string& option, const std::string& path, const std::string& text) {
  if (path == "-") {
    std::cout << text;
    return static_cast<bool>(std::cout);
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) std::cerr << "sdlab loops: " << option << ": cannot write '" << path << "'\n";
  return static_cast<bool>(out);
}

// sdlab loops FILE --dominance: Loops That Matter.
int RunDominance(const po::variables_map& values, long long max_loops) {
  DominanceRequest request;
  request.path = values["file"].as<std::string>();
  if (values.count("variable")) request.variable = values["variable"].as<std::string>();
  // Scoring every loop costs more than listing it: without --max-loops the
  // strongest-path search takes over beyond DominanceRequest's default (1000).
  if (!values["max-loops"].defaulted() && max_loops > 0) {
    request.max_loops = static_cast<std::size_t>(max_loops);
  }
  if (values.count("scenario")) request.scenario = values["scenario"].as<std::string>();
  if (values.count("rubric")) request.rubrics = values["rubric"].as<std::vector<std::string>>();
  if (request.scenario.empty() != request.rubrics.empty()) {
    return UsageError("--scenario ID and --rubric R go together (the scenario is the rubric's)");
  }
  if (std::string error = ParseSetOptions(values, &request.overrides); !error.empty()) {
    return UsageError(error);
  }
  if (!request.scenario.empty() && !request.overrides.empty()) {
    return UsageError("--set and --scenario: the scenario says what it sets");
  }
  const DominanceOutput output = ReportDominanceOfFile(request);
  ReportDiagnostics(output.diagnostics, output.source);
  if (output.usage_error) return kExitUsage;
  if (!output.analysed) return kExitInputErrors;
  const bool csv_to_stdout = values.count("csv") && values["csv"].as<std::string>() == "-";
  if (!csv_to_stdout) std::cout << FormatDominanceTable(output.result);
  if (values.count("csv") &&
      !WriteOutput("--csv", values["csv"].as<std::string>(), FormatDominanceCsv(output.result))) {
    return kExitInternal;
  }
  if (values.count("plot") &&
      !WriteOutput("--plot", values["plot"].as<std::string>(), FormatDominanceSvg(output.result))) {
    return kExitInternal;
  }
  std::cout.flush();
  if (!std::cout) return kExitInternal;
  return kExitOk;
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
  const bool dominance = values.count("dominance") > 0;
  for (const char* option : {"variable", "csv", "plot", "set", "scenario", "rubric"}) {
    if (!dominance && values.count(option)) {
      return UsageError(std::string("--") + option + " needs --dominance");
    }
  }
  if (dominance) {
    if (count_only || values.count("json")) {
      return UsageError("--dominance prints a table (--csv and --plot write the scores)");
    }
    if (values["source"].as<std::string>() != "auto" && source_option != "sfd") {
      return UsageError("--dominance scores the stock-and-flow model's loops (--source sfd)");
    }
    return RunDominance(values, max_loops);
  }
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
  command.usage =
      "sdlab loops FILE [--source cld|sfd|both] [--json] [--max-loops N] [--count]\n"
      "sdlab loops FILE --dominance [--variable V] [--set NAME=VALUE]... [--scenario ID --rubric "
      "R]\n"
      "                  [--max-loops N] [--csv OUT] [--plot OUT.svg]";
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
        "stop after N loops per source (0: no cap); with --dominance, score every loop up to N "
        "(default 1000), beyond it the strongest-path search's")(
        "count", "print only the number of loops by polarity")(
        "dominance",
        "which loops drive the model's behaviour, when (Loops That Matter): a table of phases")(
        "variable", po::value<std::string>()->value_name("V"),
        "with --dominance: only the loops through element V")(
        "set", po::value<std::vector<std::string>>()->composing()->value_name("NAME=VALUE"),
        "with --dominance: override a constant (or replace a variable by a constant); repeatable")(
        "scenario", po::value<std::string>()->value_name("ID"),
        "with --dominance and --rubric: run the rubric's scenario ID")(
        "rubric", po::value<std::vector<std::string>>()->composing()->value_name("R"),
        "with --dominance --scenario: the rubric (repeatable: layers)")(
        "csv", po::value<std::string>()->value_name("OUT"),
        "with --dominance: write every relative loop score at every saved time ('-': stdout)")(
        "plot", po::value<std::string>()->value_name("OUT.svg"),
        "with --dominance: write a chart of the relative loop scores over time");
    positional.add("file", 1);
  };
  command.run = Run;
  return command;
}

}  // namespace sdlab::cli
