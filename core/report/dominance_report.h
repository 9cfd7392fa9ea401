#pragma once
// The output of `sdlab loops --dominance` (core/loops/loop_dominance.h): the
// loops scored, the phases of dominance as a table, every relative loop
// score as CSV, and a chart of them as SVG.

#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/loops/loop_dominance.h"

namespace sdlab {

/// For stdout:
///
///     loop dominance: every loop (2); relative loop scores at 101 saved times, 0 to 100
///     ID  POLARITY     MEAN |RELATIVE|  PATH
///     L1  reinforcing  61.2%            population -(+)-> net birth rate -(+)-> population
///     ...
///     FROM  TO   DOMINANT  RELATIVE
///     0     0    none      -
///     1     45   L1        +97.3%
std::string FormatDominanceTable(const DominanceResult& result);

/// Every relative loop score at every saved time: `time,L1,L2,...`, one
/// row per saved time (the loop ids are the table's).
std::string FormatDominanceCsv(const DominanceResult& result);

/// The relative loop scores over time, one panel per loop (the HTML
/// report's chart writer), as a standalone SVG file.
std::string FormatDominanceSvg(const DominanceResult& result);

/// What `sdlab loops FILE --dominance` is asked for.
struct DominanceRequest {
  std::string path;  // a submission (.yaml) or an XMILE model
  std::string variable;
  std::vector<std::pair<std::string, double>> overrides;  // --set
  std::size_t max_loops = 1000;
  /// `--scenario ID --rubric R...`: run the rubric's scenario (its concepts
  /// bound to the submission's elements as grading binds them).
  std::string scenario;
  std::vector<std::string> rubrics;
};

struct DominanceOutput {
  bool analysed = false;
  bool usage_error = false;  // an option names no element (`diagnostics` says which)
  DominanceResult result;
  Diagnostics diagnostics;
  SourceFile source;
};

/// Loads the file, compiles its model and analyses it (never throws). With a
/// scenario, the rubric's errors and an unknown scenario are usage errors.
DominanceOutput ReportDominanceOfFile(const DominanceRequest& request);

}  // namespace sdlab
