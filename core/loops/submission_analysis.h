#pragma once
// Load → analyse, once: a submission file read and validated
// (core/load/submission.h), its causal loop diagram turned into a signed
// graph with its loops found and the student's declared loops checked, and,
// when asked, the same for the loops of its stock-and-flow model. `check`,
// `grade`, `batch`, `loops` and `render` all start here; grading
// (core/grade/grader.h) and the report's diagrams (core/report/
// report_diagrams.h) read the result instead of loading or analysing again.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/engine/model.h"
#include "core/engine/simulator.h"
#include "core/load/submission.h"
#include "core/loops/causal_graph.h"
#include "core/loops/loop_check.h"
#include "core/loops/loop_finder.h"
#include "core/loops/model_loops.h"

namespace sdlab {

/// The causal loop diagram, analysed. Diagnostics are kept apart so that
/// each caller reports them its own way (`loops` as errors, grading as
/// warnings of the result, a report's diagram not at all).
struct DiagramAnalysis {
  CausalGraph graph;
  Diagnostics graph_diagnostics;  // BuildCausalGraph's
  LoopSearchResult loops;
  bool declared_checked = false;
  LoopCheckResult declared;          // CheckDeclaredLoops's, when declared_checked
  Diagnostics declared_diagnostics;  // its diagnostics
};

/// Builds the diagram's graph, finds its loops and (with `check_declared`)
/// checks the declared ones. `source`, when given, locates errors inside
/// compact link strings exactly.
DiagramAnalysis AnalyseDiagram(const CausalLoopDiagram& diagram, const std::string& file,
                               const SourceFile* source, const LoopSearchOptions& search,
                               bool check_declared);

/// The loops of a stock-and-flow model: compiled, run once (the links the
/// equations do not settle are read from the run), its causal graph and
/// loops. A model that does not compile leaves `model` empty (the errors are
/// in `diagnostics`); a run that fails adds the run's errors as warnings
/// and the polarities that need a run stay unknown.
struct ModelLoopAnalysis {
  std::optional<Model> model;
  ModelCausalGraph graph;
  LoopSearchResult loops;
};
ModelLoopAnalysis AnalyseModelLoops(const StockFlowModel& stock_flow, const std::string& file,
                                    const LoopSearchOptions& search, Diagnostics& diagnostics);

struct AnalysisOptions {
  LoopSearchOptions search;
  /// Analyse the causal loop diagram (when the file has one).
  bool diagram = true;
  /// Check the declared loops against the diagram's loops.
  bool check_declared = true;
  /// Locate the diagram's errors inside the file's text (as `loops` and
  /// `render` report them); grading reports them without.
  bool locate_in_source = true;
};

/// The number of distinct variables of a diagram: those declared and the
/// names its links use (normalised), whether or not the links are
/// otherwise valid. Linear in the number of links.
std::size_t DiagramVariableCount(const CausalLoopDiagram& diagram);

/// A submission file, loaded and analysed once.
struct SubmissionAnalysis {
  std::string path;
  SourceFile source;        // the file's text, to quote lines in diagnostics
  Diagnostics diagnostics;  // the loader's
  std::optional<Submission> submission;
  /// Present when the submission loaded, has a causal_loop section and
  /// AnalysisOptions::diagram was set, unless the analysis failed (out of
  /// memory, say): then `diagram_problem` says why.
  std::optional<DiagramAnalysis> diagram;
  std::string diagram_problem;
};

/// Reads, validates and analyses one file. Never throws; a file that cannot
/// be read or has errors leaves `submission` empty with the reasons in
/// `diagnostics`. So does a submission larger than core/engine/size_limits.h
/// allows: it is refused before any analysis, with an error at its section.
SubmissionAnalysis AnalyseSubmissionFile(const std::string& path,
                                         const AnalysisOptions& options = {});

/// The same for a submission already in memory (tests, benchmarks, a
/// submission built by code): `path` and `diagnostics` are its own.
SubmissionAnalysis AnalyseSubmission(Submission submission, const AnalysisOptions& options = {});

}  // namespace sdlab
