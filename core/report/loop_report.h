#pragma once
// The output of `sdlab loops`: a table of loops (id, polarity, length, the
// path with each link's sign, the verdict on the student's label), the
// counts by polarity, and the same content as JSON.

#include <string>
#include <vector>

#include "core/loops/causal_graph.h"
#include "core/loops/loop_check.h"
#include "core/loops/loop_finder.h"
#include "core/loops/model_loops.h"
#include "core/loops/submission_analysis.h"

namespace sdlab {

/// The loops of one source: the causal loop diagram or the model.
struct LoopSourceReport {
  std::string source;  // "cld" or "sfd": the JSON key
  std::string title;   // "causal loop diagram", "stock-and-flow model"
  const CausalGraph* graph = nullptr;
  const LoopSearchResult* found = nullptr;
  /// The findings (ids, verdicts, explanations); for the model every loop
  /// is unlabelled.
  const LoopCheckResult* check = nullptr;
  /// Show the verdict on the student's labels (the diagram; not the model).
  bool labels = true;
  /// The model graph's per-link evidence, when this is the model.
  const ModelCausalGraph* model = nullptr;
};

struct LoopReport {
  std::string file;
  std::vector<LoopSourceReport> sources;
  /// Diagram vs model, when both were analysed; `contradiction_diagram`
  /// and `contradiction_model` are the graphs they index.
  std::vector<LinkContradiction> contradictions;
  const CausalGraph* contradiction_diagram = nullptr;
  const ModelCausalGraph* contradiction_model = nullptr;
};

/// The human-readable report, for stdout:
///
///     causal loop diagram: 3 loops (1 reinforcing, 2 balancing, 0 undetermined)
///     ID  POLARITY     LENGTH  LABEL    PATH
///     B2  balancing    2       correct  Latency -(+)-> Pods -(-)-> Latency
///     ...
///
/// then, when there are any, the contradictions between diagram and model.
std::string FormatLoopTable(const LoopReport& report);

/// Only the number of loops by polarity, one line per source:
///
///     SOURCE  LOOPS  REINFORCING  BALANCING  UNDETERMINED
///     cld     3      1            2          0
///
/// A count cut short by the cap is written "10000+".
std::string FormatLoopCounts(const LoopReport& report);

/// The same content as JSON (keys in a fixed order, two-space indent, a
/// final newline). `counts_only` leaves out the loops themselves.
std::string FormatLoopJson(const LoopReport& report, bool counts_only);

/// What `sdlab loops` is asked for.
struct LoopsRequest {
  std::string path;
  /// "cld", "sfd", "both", or "auto" (every section the file has).
  std::string source = "auto";
  LoopSearchOptions search;
  bool json = false;
  bool count_only = false;
};

/// What it gives back: the text for stdout (empty when the file cannot be
/// analysed), the diagnostics for stderr with the file's text to quote.
struct LoopsOutput {
  bool analysed = false;  // false: the diagnostics say why there is no text
  std::string text;
  Diagnostics diagnostics;
  SourceFile source;
};

/// Loads and analyses the file once (core/loops/submission_analysis.h) and
/// writes the table, the counts or the JSON. Missing sections and a
/// diagram or model with errors are errors in `diagnostics`; a search cut
/// short by the cap is a warning.
LoopsOutput ReportLoopsOfFile(const LoopsRequest& request);

}  // namespace sdlab
