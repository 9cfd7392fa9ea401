#pragma once
// The student's declared loops (`causal_loop.loops`) checked against the
// diagram: is each one a loop of the declared links, is its label right (and
// why), is it declared twice, and which loops did the student not declare.

#include <cstddef>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/loops/causal_graph.h"
#include "core/loops/loop_finder.h"

namespace sdlab {

/// What sdlab concludes about one loop and the student's label for it.
enum class LabelVerdict {
  kCorrect,       // declared, and the label matches the computed polarity
  kMislabelled,   // declared, and the label is the other polarity
  kUndetermined,  // declared, but a link of unknown polarity makes it undecidable
  kNoLabel,       // declared without a readable type: nothing to check
  kNotALoop,      // declared, but the path is not a loop of the declared links
  kDuplicate,     // declared again: the same loop as an earlier declaration
  kUnlabelled,    // found in the diagram but not declared
};

/// "correct", "mislabelled", "undetermined", "no label", "not a loop",
/// "duplicate", "unlabelled".
const char* LabelVerdictName(LabelVerdict verdict);

/// One row of the loop report.
struct LoopFinding {
  /// The declared id, or L1, L2, ... for an unlabelled loop (numbers in
  /// loop order, skipping any id the student used).
  std::string id;
  /// The loop; empty links when the declaration is not a loop.
  Loop loop;
  /// Index into CausalGraph::declared_loops, or -1 for an unlabelled loop.
  int declaration = -1;
  LabelVerdict verdict = LabelVerdict::kUnlabelled;
  /// For kDuplicate: the declaration this one repeats.
  int duplicate_of = -1;
  /// For kNotALoop: the links the path needs that the diagram lacks, as
  /// (from, to) variable indices.
  std::vector<std::pair<int, int>> missing_links;
  /// One or two sentences for the student: which links are negative and why
  /// that makes the loop reinforcing or balancing, or what is missing.
  std::string explanation;
};

struct LoopCheckResult {
  /// Every found loop, in the finder's order (declared or unlabelled);
  /// then declared loops the search did not reach (when it stopped at the
  /// cap); then declarations that are not loops or are duplicates, in file
  /// order.
  std::vector<LoopFinding> findings;
  std::size_t correct = 0;
  std::size_t mislabelled = 0;
  std::size_t undetermined = 0;
  std::size_t not_a_loop = 0;
  std::size_t duplicates = 0;
  std::size_t unlabelled = 0;
};

/// Checks each declared loop against the graph and the loops found in it.
/// Reports, as located warnings: a path that is not a cycle of declared
/// links (naming each missing link, and saying so when the path runs
/// against the links), a path that visits a variable twice, a wrong label
/// (with the negative links and the reason), an undecidable label, and a
/// loop declared twice; and one note listing the loops not declared (when
/// the student declared some). A path naming an unknown variable was
/// already an error of BuildCausalGraph and is not reported again.
/// A path may repeat its first variable at the end ([A, B, A]); that is
/// the same as [A, B].
LoopCheckResult CheckDeclaredLoops(const CausalGraph& graph, const LoopSearchResult& found,
                                   Diagnostics& diagnostics);

/// Why a loop has its polarity, in words: "1 negative link (Pods ->
/// Latency): an odd number of negative links makes a loop balancing".
std::string ExplainPolarity(const CausalGraph& graph, const Loop& loop);

}  // namespace sdlab
