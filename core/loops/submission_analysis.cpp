#include "core/loops/submission_analysis.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "core/engine/model_compiler.h"
#include "core/engine/simulator.h"
#include "core/engine/size_limits.h"
#include "core/load/submission_loader.h"
#include "core/names.h"

namespace sdlab {

DiagramAnalysis AnalyseDiagram(const CausalLoopDiagram& diagram, const std::string& file,
                               const SourceFile* source, const LoopSearchOptions& search,
                               bool check_declared) {
  DiagramAnalysis analysis;
  analysis.graph_diagnostics = Diagnostics(file);
  analysis.declared_diagnostics = Diagnostics(file);
  analysis.graph = BuildCausalGraph(diagram, analysis.graph_diagnostics, source);
  analysis.loops = FindLoops(analysis.graph, search);
  if (check_declared) {
    analysis.declared_checked = true;
    analysis.declared =
        CheckDeclaredLoops(analysis.graph, analysis.loops, analysis.declared_diagnostics);
  }
  return analysis;
}

ModelLoopAnalysis AnalyseModelLoops(const StockFlowModel& stock_flow, const std::string& file,
                                    const LoopSearchOptions& search, Diagnostics& diagnostics) {
  ModelLoopAnalysis analysis;
  analysis.model = CompileModel(stock_flow, diagnostics);
  if (!analysis.model) return analysis;
  // Links the equations do not settle are read from a run; a model that
  // cannot run still has its structure and symbolic polarities.
  Run run;
  Diagnostics run_diagnostics(file);
  const bool ran = Simulate(*analysis.model, SimulationOptions{}, &run, run_diagnostics);
  if (!ran) {
    // The loops are still there; only the polarities that need a run are
    // not known. So the run's errors are warnings here.
    for (Diagnostic diagnostic : run_diagnostics.items()) {
      if (diagnostic.severity == Severity::kError) diagnostic.severity = Severity::kWarning;
      diagnostics.Add(diagnostic);
    }
    diagnostics.Warning(Location{},
                        "the model did not run to the end: link polarities the equations do "
                        "not settle are unknown");
  }
  analysis.graph = BuildModelCausalGraph(*analysis.model, ran ? &run : nullptr, &stock_flow);
  analysis.loops = FindLoops(analysis.graph.graph, search);
  return analysis;
}

std::size_t DiagramVariableCount(const CausalLoopDiagram& diagram) {
  std::unordered_set<std::string> names;
  auto add = [&](std::string_view name) { names.insert(NormalizeName(name)); };
  for (const CldVariable& variable : diagram.variables) add(variable.name);
  for (const CldLinkText& link : diagram.links) {
    if (!link.compact) {
      add(link.from);
      add(link.to);
      continue;
    }
    std::string error;
    std::size_t error_offset = 0;
    if (std::optional<CompactLink> parts =
            ParseCompactLink(link.compact_text, &error, &error_offset)) {
      add(parts->from);
      add(parts->to);
    }
  }
  return names.size();
}

namespace {

// Refuses a submission too large to analyse (core/engine/size_limits.h)
// before any analysis: the refusal is a load error, so every command
// reports it as it reports the file's other errors.
void RefuseIfTooLarge(SubmissionAnalysis* analysis) {
  if (!analysis->submission) return;
  const Submission& submission = *analysis->submission;
  bool fits = CheckSubmissionSize(submission, analysis->diagnostics);
  // The names the links use count too: 10,000 links can imply 20,000.
  // Counting them is linear in the links, which already fit.
  if (fits && submission.causal_loop.present) {
    fits = CheckDiagramVariableCount(DiagramVariableCount(submission.causal_loop),
                                     submission.causal_loop.location, analysis->diagnostics);
  }
  if (!fits) analysis->submission.reset();
}

void AnalyseLoaded(const AnalysisOptions& options, SubmissionAnalysis* analysis) {
  RefuseIfTooLarge(analysis);
  if (analysis->submission && options.diagram && analysis->submission->causal_loop.present) {
    analysis->diagram = AnalyseDiagram(analysis->submission->causal_loop, analysis->path,
                                       options.locate_in_source ? &analysis->source : nullptr,
                                       options.search, options.check_declared);
  }
}

}  // namespace

SubmissionAnalysis AnalyseSubmissionFile(const std::string& path, const AnalysisOptions& options) {
  SubmissionAnalysis analysis;
  analysis.path = path;
  analysis.diagnostics = Diagnostics(path);
  analysis.submission = LoadSubmissionFile(path, analysis.diagnostics, &analysis.source);
  AnalyseLoaded(options, &analysis);
  return analysis;
}

SubmissionAnalysis AnalyseSubmission(Submission submission, const AnalysisOptions& options) {
  SubmissionAnalysis analysis;
  analysis.path = submission.path;
  analysis.diagnostics = Diagnostics(submission.path);
  analysis.submission = std::move(submission);
  AnalyseLoaded(options, &analysis);
  return analysis;
}

}  // namespace sdlab
