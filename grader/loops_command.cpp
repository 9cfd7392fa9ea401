// sdlab loops FILE: the feedback loops of a submission's causal loop diagram
// and/or stock-and-flow model, with polarity, the verdict on the student's
// labels and the contradictions between the two.

#include <iostream>
#include <optional>

#include "core/loops/causal_graph.h"
#include "core/loops/loop_check.h"
#include "core/loops/loop_finder.h"
#include "core/report/loop_report.h"
#include "core/engine/model.h"
#include "core/loops/model_loops.h"
#include "core/names.h"
#include "core/load/submission.h"
#include "grader/command.h"

namespace sdlab::cli {
namespace {

int UsageError(const std::string& message) {
  std::cerr << "sdlab loops: " << message << "\n"
            << "(see 'sdlab help loops')\n";
  return kExitUsage;
}

// Everything one run of the command computes; the report points into it.
struct Analysis {
  CausalGraph diagram;
  LoopSearchResult diagram_loops;
  LoopCheckResult diagram_check;
  std::optional<Model> model;
  ModelCausalGraph model_graph;
  LoopSearchResult model_loops;
  LoopCheckResult model_check;
};

void WarnIfCapped(const LoopSearchResult& found, const std::string& title,
                  Diagnostics& diagnostics) {
  if (found.complete) return;
  diagnostics.Warning(Location{}, title + ": " + LoopCapMessage(found),
                      "raise --max-loops, or --max-loops 0 to lift the cap; --count keeps no loops "
                      "in memory");
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
  const bool json = values.count("json") > 0;
  const bool count_only = values.count("count") > 0;
  LoopSearchOptions search;
  search.max_loops = static_cast<std::size_t>(max_loops);
  search.keep_loops = !count_only;

  Diagnostics diagnostics(path);
  SourceFile source;
  std::optional<Submission> submission = LoadSubmissionFile(path, diagnostics, &source);
  if (!submission) {
    ReportDiagnostics(diagnostics, source);
    return kExitInputErrors;
  }
  bool use_cld = source_option == "cld" || source_option == "both";
  bool use_sfd = source_option == "sfd" || source_option == "both";
  if (source_option == "auto") {
    use_cld = submission->causal_loop.present;
    use_sfd = submission->stock_flow.present;
  }
  if (use_cld && !submission->causal_loop.present) {
    diagnostics.Error(Location{}, "no 'causal_loop' section: there is no diagram to find loops in");
  }
  if (use_sfd && !submission->stock_flow.present) {
    diagnostics.Error(Location{}, "no 'stock_flow' section: there is no model to find loops in");
  }
  if (!use_cld && !use_sfd) {
    diagnostics.Error(Location{},
                      "neither a 'causal_loop' nor a 'stock_flow' section: no loops to find");
  }
  if (diagnostics.has_errors()) {
    ReportDiagnostics(diagnostics, source);
    return kExitInputErrors;
  }

  Analysis analysis;
  LoopReport report;
  report.file = path;
  if (use_cld) {
    analysis.diagram = BuildCausalGraph(submission->causal_loop, diagnostics, &source);
    if (diagnostics.has_errors()) {
      ReportDiagnostics(diagnostics, source);
      return kExitInputErrors;
    }
    analysis.diagram_loops = FindLoops(analysis.diagram, search);
    WarnIfCapped(analysis.diagram_loops, "causal loop diagram", diagnostics);
    if (!count_only) {
      analysis.diagram_check =
          CheckDeclaredLoops(analysis.diagram, analysis.diagram_loops, diagnostics);
    }
  }
  if (use_sfd) {
    analysis.model = CompileModel(submission->stock_flow, diagnostics);
    if (!analysis.model) {
      ReportDiagnostics(diagnostics, source);
      return kExitInputErrors;
    }
    // Links the equations do not settle are read from a run; a model that
    // cannot run still has its structure and symbolic polarities.
    sdlab::Run run;
    Diagnostics run_diagnostics(path);
    const bool ran = Simulate(*analysis.model, SimulationOptions{}, &run, run_diagnostics);
    if (!ran) {
      // The loops are still there; only the polarities that need a run are
      // not known. So the run's errors are warnings of this command.
      for (Diagnostic diagnostic : run_diagnostics.items()) {
        if (diagnostic.severity == Severity::kError) diagnostic.severity = Severity::kWarning;
        diagnostics.Add(diagnostic);
      }
      diagnostics.Warning(Location{},
                          "the model did not run to the end: link polarities the equations do "
                          "not settle are unknown");
    }
    analysis.model_graph =
        BuildModelCausalGraph(*analysis.model, ran ? &run : nullptr, &submission->stock_flow);
    analysis.model_loops = FindLoops(analysis.model_graph.graph, search);
    WarnIfCapped(analysis.model_loops, "stock-and-flow model", diagnostics);
    if (!count_only) {
      analysis.model_check =
          CheckDeclaredLoops(analysis.model_graph.graph, analysis.model_loops, diagnostics);
    }
  }
  if (use_cld && use_sfd && !count_only) {
    report.contradictions =
        CompareDiagramWithModel(analysis.diagram, analysis.model_graph, diagnostics);
    report.contradiction_diagram = &analysis.diagram;
    report.contradiction_model = &analysis.model_graph;
  }
  if (use_cld) {
    report.sources.push_back(LoopSourceReport{"cld", "causal loop diagram", &analysis.diagram,
                                              &analysis.diagram_loops, &analysis.diagram_check,
                                              true, nullptr});
  }
  if (use_sfd) {
    report.sources.push_back(LoopSourceReport{"sfd", "stock-and-flow model",
                                              &analysis.model_graph.graph, &analysis.model_loops,
                                              &analysis.model_check, false, &analysis.model_graph});
  }

  ReportDiagnostics(diagnostics, source);
  if (json) {
    std::cout << FormatLoopJson(report, count_only);
  } else if (count_only) {
    std::cout << FormatLoopCounts(report);
  } else {
    std::cout << FormatLoopTable(report);
  }
  std::cout.flush();
  if (!std::cout) return kExitInternal;
  return diagnostics.has_errors() ? kExitInputErrors : kExitOk;
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
