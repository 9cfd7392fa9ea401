#pragma once
// The one file that includes yaml-cpp (yaml_reader.cpp) turns YAML text into
// sdlab's own located tree (core/load/yaml_tree.h), strictly: what YAML
// allows but a submission or rubric must not use is a located error. Also
// the scalar helpers the loaders share (numbers, booleans, locations inside
// a scalar, excerpts of student text).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/load/yaml_tree.h"

namespace sdlab {

struct YamlLimits {
  std::size_t max_bytes = 1 << 20;  // 1 MiB
  int max_depth = 64;
};

/// Parses one YAML document strictly: invalid UTF-8, a file over the size
/// limit, nesting deeper than the limit, duplicate keys, anchors, aliases,
/// tags, non-scalar keys and a second document are located errors. Returns
/// nullopt when any error was reported (all of them, up to the cap).
std::optional<YamlNode> ReadYaml(const SourceFile& source, Diagnostics& diagnostics,
                                 const YamlLimits& limits = {});

/// Like ReadYaml, but when the only errors leave a well-formed tree behind
/// (duplicate keys: the first is kept; anchors; tags; non-scalar keys: the
/// entry is dropped) it still returns the tree, so that a loader can report
/// its own errors in the same run. nullopt after a fatal error (size,
/// encoding, syntax, depth, several documents, an unclosed quote) and after
/// an alias (its value is missing from the tree).
std::optional<YamlNode> ReadYamlRecovering(const SourceFile& source, Diagnostics& diagnostics,
                                           const YamlLimits& limits = {});

/// The file location of byte `offset` of a scalar's value (for errors inside
/// an equation). Exact for single-line scalars; for quoted escapes and folded
/// or block scalars it follows the value's non-blank characters through the
/// source text.
Location LocateInScalar(const SourceFile& source, const YamlNode& scalar, std::size_t offset);

/// The file location of every byte of a scalar's value, plus one past its
/// end (`scalar.scalar.size() + 1` entries): what LocateInScalar answers for
/// each offset, computed in one pass. Used to fill EquationText::offsets.
std::vector<Location> LocateScalarBytes(const SourceFile& source, const YamlNode& scalar);

/// The number a scalar's text denotes: decimal integers and decimals with an
/// optional sign and exponent (`12`, `-0.5`, `1e-3`, `+2.`). No hex, no
/// `.inf`/`.nan`. A value too large for a double gives +/-infinity, so callers
/// can say "too large" rather than "not a number". nullopt otherwise.
std::optional<double> ParseNumber(std::string_view text);

/// `true`/`True`/`TRUE` and `false`/`False`/`FALSE` (YAML 1.2); nullopt for
/// anything else (YAML 1.1's yes/no/on/off included).
std::optional<bool> ParseBool(std::string_view text);

/// Student text as messages quote it: on one line, cut (on a UTF-8 boundary)
/// after `max_bytes` with "...", so that a 100 KB name cannot flood a report.
std::string TextExcerpt(std::string_view text, std::size_t max_bytes = 60);

/// Reads a whole file; on failure reports "cannot read FILE: reason".
std::optional<SourceFile> ReadSourceFile(const std::string& path, Diagnostics& diagnostics,
                                         std::size_t max_bytes = 1 << 20);

}  // namespace sdlab
