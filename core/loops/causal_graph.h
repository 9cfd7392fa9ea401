#pragma once
// The meaning of a causal loop diagram: from the raw `causal_loop` section
// (core/load/submission.h: link texts as written) to a validated, signed causal
// graph with its declared loops. The same graph type carries the causal
// graph derived from a stock-and-flow model (core/loops/model_loops.h), so the loop
// finder, the loop check, the renderer and the grader see one shape.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/load/submission.h"

namespace sdlab {

/// The sign of one causal link.
enum class LinkPolarity {
  kPositive,  // `+`, `positive`, `s`: the effect moves the same way as the cause
  kNegative,  // `-`, `−` (U+2212), `negative`, `o`: the opposite way
  kUnknown,   // `?`, `±`, `u`: not known (or, for a model, not the same sign everywhere)
};

/// The type of a feedback loop.
enum class LoopPolarity {
  kReinforcing,   // an even number of negative links
  kBalancing,     // an odd number of negative links
  kUndetermined,  // at least one link of unknown polarity
};

/// "+", "-" or "?".
const char* PolaritySymbol(LinkPolarity polarity);
/// "reinforcing", "balancing" or "undetermined".
const char* LoopPolarityName(LoopPolarity polarity);
/// "R", "B" or "U".
const char* LoopPolarityLetter(LoopPolarity polarity);

/// Reads a polarity as a student writes it (trimmed, case-insensitive):
/// + - positive negative s o, the Unicode minus −, the en dash –; ? ± u
/// (unknown). nullopt for anything else.
std::optional<LinkPolarity> ParseLinkPolarity(std::string_view text);

/// Reads a loop type: reinforcing | balancing | R | B (case-insensitive).
/// nullopt for anything else.
std::optional<LoopPolarity> ParseLoopType(std::string_view text);

/// One variable of a causal graph.
struct CausalVariable {
  std::string name;        // as first written (declaration, else first use)
  std::string normalized;  // NormalizeName(name); unique within a graph
  std::string concept_id;  // explicit `concept:` binding, or empty
  Location location;       // declaration, else first use
  bool declared = false;   // listed under `variables:` (always true for a model)
};

/// One causal link. Parallel links (same ends, different polarity) are
/// distinct links and close distinct loops.
struct CausalLink {
  int from = -1;  // index into CausalGraph::variables
  int to = -1;
  LinkPolarity polarity = LinkPolarity::kUnknown;
  bool delay = false;
  std::string concept_id;
  std::string doc;
  Location location;  // the link item (the compact string, or the mapping)
};

/// A loop the student declared under `loops:`.
struct DeclaredLoop {
  std::string id;                     // as written; "loop N" (1-based) when the id is missing
  std::string name;                   // free text, may be empty
  std::optional<LoopPolarity> label;  // nullopt when the type is missing or unreadable
  std::string label_text;             // the type as written
  /// The path as written, each name with its variable index (-1 when the
  /// name is not a variable of the diagram) and location.
  struct Step {
    std::string name;
    int variable = -1;
    Location location;
  };
  std::vector<Step> path;
  Location location;
  Location id_location;
  Location type_location;
};

/// A validated signed causal graph: variables, links and declared loops.
struct CausalGraph {
  std::vector<CausalVariable> variables;
  std::vector<CausalLink> links;
  std::vector<DeclaredLoop> declared_loops;

  /// Index of the variable with this name (any spelling that normalises the
  /// same), or -1.
  int FindVariable(std::string_view name) const;
  /// "Load -> Latency (+)", with the names as written.
  std::string LinkText(int link) const;
};

/// Builds the causal graph of a diagram and reports, located, everything
/// wrong with it: errors for a link without an end, an unreadable polarity
/// (with "did you mean"), a link from a variable to itself, a compact link
/// that does not read `A -> B (+)` (at the column inside the string), two
/// declared variables with the same name, a declared loop with an unreadable
/// type, a duplicate loop id, or a path naming no variable of the diagram;
/// warnings for a duplicate link (ignored), a variable declared but never
/// linked, and an implied name close to a declared one (a likely typo).
///
/// Always returns the graph of everything that could be read (links with
/// errors are left out), so callers can go on; check `diagnostics`.
/// `source`, when given, locates errors inside compact strings exactly.
/// Whether each declared path is a loop is decided by CheckDeclaredLoops
/// (core/loops/loop_check.h), not here.
CausalGraph BuildCausalGraph(const CausalLoopDiagram& diagram, Diagnostics& diagnostics,
                             const SourceFile* source = nullptr);

/// A compact link `"A -> B (+)"` split into its parts: byte offsets are into
/// the text, for locating errors. `->` and `→` (U+2192) are both arrows; the
/// polarity is the parenthesised group at the end.
struct CompactLink {
  std::string from;
  std::size_t from_offset = 0;
  std::string to;
  std::size_t to_offset = 0;
  std::string polarity;  // as written, without the parentheses; empty if absent
  std::size_t polarity_offset = 0;
};

/// Parses a compact link. On failure returns nullopt and sets `*error` (a
/// message) and `*error_offset` (where in `text` it applies).
std::optional<CompactLink> ParseCompactLink(std::string_view text, std::string* error,
                                            std::size_t* error_offset);

}  // namespace sdlab
