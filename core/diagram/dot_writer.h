#pragma once
// DOT text for a Diagram: the input sdlab gives Graphviz, and the golden
// files under tests/golden/. Deterministic (everything in the Diagram's
// order). Every label is an HTML-like label whose text is escaped, so a name
// such as `<script>` or `"a" & b` is drawn as those characters.

#include <string>
#include <string_view>

#include "core/diagram/diagram.h"

namespace sdlab {

struct DotWriteOptions {
  /// Write floating markers (DiagramNode::orbit) as ordinary nodes with a
  /// comment naming their cycle. The adapter lays the graph out without
  /// them and places them afterwards.
  bool include_floating = true;
};

/// The whole graph as DOT text, ending with a newline.
std::string WriteDot(const Diagram& diagram, const DotWriteOptions& options = {});

/// The DOT key of edge `index` of a diagram ("e3"): WriteDot names every
/// edge so, and Graphviz keeps the name through layout.
std::string EdgeKey(std::size_t index);

/// One node statement (`  "id" [label=<...>, ...];` and a newline), with
/// `extra` attributes after the node's own (a position, say).
std::string WriteNodeStatement(const DiagramNode& node, const DiagramAttributes& extra = {});

/// The inside of an HTML-like label (`<` ... `>` not included) for `label`.
std::string LabelHtml(const Label& label);

/// `text` made safe as character data in an HTML-like label: `& < > "`
/// become entities, a backslash is doubled (Graphviz would expand `\N`),
/// control characters become spaces and bytes that are not valid UTF-8
/// become U+FFFD.
std::string EscapeLabelText(std::string_view text);

/// A DOT double-quoted string for `text` (quotes and backslashes escaped).
std::string QuoteDot(std::string_view text);

}  // namespace sdlab
