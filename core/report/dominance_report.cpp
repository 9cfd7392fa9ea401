// FormatDominanceTable/Csv/Svg.

#include "core/report/dominance_report.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/engine/file_run.h"
#include "core/engine/model_compiler.h"
#include "core/grade/check_context.h"
#include "core/grade/rubric_loader.h"
#include "core/load/submission_loader.h"
#include "core/loops/causal_graph.h"
#include "core/names.h"
#include "core/number_format.h"
#include "core/report/svg_chart.h"

namespace sdlab {

namespace {

std::string Percent(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f%%", value * 100);
  return text;
}

std::string Pad(const std::string& text, std::size_t width) {
  return text.size() >= width ? text + "  " : text + std::string(width - text.size() + 2, ' ');
}

}  // namespace

std::string FormatDominanceTable(const DominanceResult& result) {
  std::ostringstream out;
  out << "loop dominance: " << result.method_text;
  if (!result.variable.empty()) out << ", loops through '" << result.variable << "'";
  out << "; relative loop scores at " << result.times.size() << " saved times";
  if (!result.times.empty()) {
    out << ", " << FormatShortest(result.times.front()) << " to "
        << FormatShortest(result.times.back());
  }
  out << "\n";
  if (result.loops.empty()) {
    out << "the model has no feedback loop" << (result.variable.empty() ? "" : " through it")
        << ": nothing dominates\n";
    return out.str();
  }
  out << "\n" << Pad("ID", 4) << Pad("POLARITY", 12) << Pad("MEAN |RELATIVE|", 15) << "PATH\n";
  for (const DominanceLoop& loop : result.loops) {
    char mean[32];
    std::snprintf(mean, sizeof mean, "%.1f%%", loop.mean_abs_relative * 100);
    out << Pad(loop.id, 4) << Pad(LoopPolarityName(loop.loop.polarity), 12) << Pad(mean, 15)
        << loop.path << (loop.declared.empty() ? "" : "  (your " + loop.declared + ")") << "\n";
  }
  const bool partitions = result.partition_stocks.size() > 1;
  int shown = -1;
  for (const DominancePhase& phase : result.phases) {
    if (phase.partition != shown) {
      shown = phase.partition;
      out << "\n";
      if (partitions) {
        out << "stocks ";
        const auto& stocks = result.partition_stocks[static_cast<std::size_t>(phase.partition)];
        for (std::size_t i = 0; i < stocks.size(); ++i) out << (i ? ", " : "") << stocks[i];
        out << " (scores relative among their loops):\n";
      }
      out << Pad("FROM", 10) << Pad("TO", 10) << Pad("DOMINANT", 10) << "RELATIVE\n";
    }
    std::string ids, shares;
    for (std::size_t k = 0; k < phase.loops.size(); ++k) {
      const DominanceLoop& loop = result.loops[static_cast<std::size_t>(phase.loops[k])];
      ids += (k ? "+" : "") + loop.id;
      if (!loop.declared.empty()) ids += "=" + loop.declared.substr(0, loop.declared.find(' '));
      shares += (k ? " " : "") + Percent(phase.mean_relative[k]);
    }
    out << Pad(FormatShortest(phase.start), 10) << Pad(FormatShortest(phase.end), 10)
        << Pad(ids.empty() ? "none" : ids, 10)
        << (shares.empty() ? "- (no loop is active)" : shares) << "\n";
  }
  return out.str();
}

std::string FormatDominanceCsv(const DominanceResult& result) {
  std::string out = "time";
  for (const DominanceLoop& loop : result.loops) out += "," + loop.id;
  out += "\n";
  for (std::size_t r = 0; r < result.times.size(); ++r) {
    out += FormatShortest(result.times[r]);
    for (const DominanceLoop& loop : result.loops) {
      out += "," + FormatSignificant(r < loop.relative.size() ? loop.relative[r] : 0, 6);
    }
    out += "\n";
  }
  return out;
}

std::string FormatDominanceSvg(const DominanceResult& result) {
  ChartOptions options;
  options.standalone = false;
  const int panel = options.height + 10;
  const std::size_t count = std::max<std::size_t>(1, result.loops.size());
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << options.width << "\" height=\""
      << panel * static_cast<int>(count) << "\" viewBox=\"0 0 " << options.width << " "
      << panel * static_cast<int>(count) << "\">\n";
  for (std::size_t i = 0; i < result.loops.size(); ++i) {
    const DominanceLoop& loop = result.loops[i];
    SeriesEvidence series;
    series.label = loop.id + " " + LoopPolarityName(loop.loop.polarity) + ": " + loop.path;
    series.times = result.times;
    series.values = loop.relative;
    series.thresholds = {0.5, -0.5};
    out << "<g transform=\"translate(0," << panel * static_cast<int>(i) << ")\">\n"
        << WriteSvgLineChart(series, options) << "</g>\n";
  }
  out << "</svg>\n";
  return out.str();
}

namespace {

// The student's declared loops, when the submission has a diagram.
void NameFromDiagram(const Submission& submission, DominanceResult* result) {
  if (!submission.causal_loop.present) return;
  Diagnostics ignored(submission.path);  // the diagram's own errors are `sdlab loops`'s
  const CausalGraph diagram = BuildCausalGraph(submission.causal_loop, ignored);
  NameDeclaredLoops(diagram, result);
}

// The rubric's scenario, run as grading runs it (core/grade/check_context.h).
DominanceOutput ScenarioDominanceOfFile(const DominanceRequest& request) {
  DominanceOutput output;
  output.diagnostics = Diagnostics(request.path);
  Diagnostics& diagnostics = output.diagnostics;
  std::optional<Rubric> rubric = LoadRubricFiles(request.rubrics, diagnostics);
  if (!rubric) {
    output.usage_error = true;
    return output;
  }
  if (rubric->FindScenario(request.scenario) == nullptr) {
    std::vector<std::string> ids;
    for (const Scenario& scenario : rubric->scenarios) ids.push_back(scenario.id);
    std::string hint =
        ids.empty() ? "the rubric has no scenarios" : DidYouMean(request.scenario, ids);
    diagnostics.Error(Location{}, "--scenario: the rubric has no scenario '" + request.scenario +
                                      "'" + (hint.empty() ? "" : " (" + hint + ")"));
    output.usage_error = true;
    return output;
  }
  std::optional<Submission> submission =
      LoadSubmissionFile(request.path, diagnostics, &output.source);
  if (!submission) return output;
  if (!submission->stock_flow.present) {
    diagnostics.Error(Location{}, "no 'stock_flow' section: there is no model to analyse");
    return output;
  }
  CheckContext context(*rubric, *submission, GradeLimits{});
  const ScenarioDominance& dominance = context.Dominance(request.scenario, request.variable);
  if (!dominance.ok) {
    diagnostics.Error(Location{}, "scenario '" + request.scenario + "': " + dominance.error);
    return output;
  }
  output.result = dominance.result;
  output.result.variable = request.variable;  // the context names the declared loops
  output.analysed = true;
  return output;
}

}  // namespace

DominanceOutput ReportDominanceOfFile(const DominanceRequest& request) {
  if (!request.scenario.empty()) return ScenarioDominanceOfFile(request);
  DominanceOutput output;
  output.diagnostics = Diagnostics(request.path);
  Diagnostics& diagnostics = output.diagnostics;
  std::optional<Submission> submission;  // a .yaml file's, for its diagram
  std::optional<StockFlowModel> stock_flow =
      LoadModelOfFile(request.path, "analyse", diagnostics, &output.source, &submission);
  if (!stock_flow) return output;
  std::optional<Model> model = CompileModel(*stock_flow, diagnostics);
  if (!model) return output;
  if (const std::string unknown = UnknownOverride(*model, request.overrides); !unknown.empty()) {
    diagnostics.Error(Location{}, unknown);
    output.usage_error = true;
    return output;
  }
  DominanceOptions options;
  options.simulation.overrides = request.overrides;
  options.variable = request.variable;
  options.max_loops = request.max_loops;
  options.spec = &*stock_flow;
  output.analysed = AnalyseDominance(*model, options, &output.result, diagnostics);
  if (output.analysed && submission) NameFromDiagram(*submission, &output.result);
  return output;
}

}  // namespace sdlab
