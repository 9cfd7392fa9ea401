#pragma once
// A diagram as sdlab describes it before any layout: nodes, edges, clusters
// and their attributes, with every piece of student text held as a Label so
// that it is escaped on the way out (core/diagram/dot_writer.h) and can never become
// markup. The CLD and SFD builders produce a Diagram; the Graphviz adapter
// (core/diagram/graphviz_adapter.h) lays it out. Nothing here knows Graphviz.

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sdlab {

/// Attributes in the order they are written, so DOT output is deterministic.
/// Keys and values come from the builders (colours, shapes), never from a
/// submission; student text goes into Labels.
using DiagramAttributes = std::vector<std::pair<std::string, std::string>>;

struct TextStyle {
  std::string color;   // "#c45a00"; empty = inherited
  int point_size = 0;  // 0 = inherited
  bool bold = false;
  bool italic = false;
  bool strike = false;
};

/// A run of literal text: `text` is shown exactly as written (it is escaped).
struct TextRun {
  std::string text;
  TextStyle style;
};

/// Lines of styled runs; rendered as a Graphviz HTML-like label.
struct Label {
  std::vector<std::vector<TextRun>> lines;
  /// When set, the label is drawn as a one-column table whose first line is
  /// the port of this name, so that edges can meet that line (a valve's
  /// glyph) rather than the middle of the whole label.
  std::string first_line_port;

  /// One line with one run.
  static Label Text(std::string text, TextStyle style = {});
  /// Appends a new line holding one run; returns *this for chaining.
  Label& AddLine(std::string text, TextStyle style = {});
  /// Appends a run to the last line (starting one if there is none).
  Label& Append(std::string text, TextStyle style = {});
  bool empty() const { return lines.empty(); }
  /// The plain text, lines joined by '\n' (for tests and messages).
  std::string PlainText() const;
};

struct DiagramNode {
  std::string id;  // DOT id made by the builder ("s0", "f1"): never student text
  Label label;
  std::string css_class;  // SVG class ("stock", "cloud", "loop-marker" ...)
  DiagramAttributes attributes;
  std::string cluster;  // id of a DiagramCluster, or empty
  /// Non-empty for a floating marker: it takes no part in the layout and is
  /// placed afterwards inside the cycle through these nodes (ids, in cycle
  /// order), where it overlaps nothing if there is room.
  std::vector<std::string> orbit;
  /// For a floating marker: the edge (index into Diagram::edges) leaving
  /// each orbit node for the next, or -1 where there is none; may be empty.
  /// Tells parallel edges apart; without it the first edge is taken.
  std::vector<int> orbit_edges;
  /// For a floating marker: shown instead of `label` when the cycle turns
  /// counterclockwise on the page (so a circular arrow turns the way the loop
  /// does). Empty = always `label`.
  Label counterclockwise_label;

  /// >= 0 for a floating mark drawn across the middle of this edge (index
  /// into Diagram::edges), like a delay's `‖`.
  int across_edge = -1;
  /// For a mark across an edge: the label to use when the edge runs, at its
  /// middle, [0] across the page, [1] rising to the right, [2] up and down,
  /// [3] falling to the right; an empty one means `label`.
  std::array<Label, 4> direction_labels;

  bool floating() const { return !orbit.empty() || across_edge >= 0; }
};

struct DiagramEdge {
  std::string from;  // node ids
  std::string to;
  // "v" for a valve's glyph cell, "v:n" for its top, "n" for a node's top;
  // empty = the node.
  std::string from_port;
  std::string to_port;
  Label label;       // along the edge (a delay mark)
  Label head_label;  // at the arrowhead (a link's sign)
  std::string css_class;
  DiagramAttributes attributes;
};

struct DiagramCluster {
  std::string id;  // without the "cluster_" prefix DOT needs
  Label label;
  DiagramAttributes attributes;
};

struct Diagram {
  std::string name = "diagram";  // DOT graph id; builder-made
  DiagramAttributes graph_attributes;
  DiagramAttributes node_defaults;
  DiagramAttributes edge_defaults;
  std::vector<DiagramCluster> clusters;
  std::vector<DiagramNode> nodes;
  std::vector<DiagramEdge> edges;

  /// Adds a node and returns it (the reference is valid until the next add).
  DiagramNode& AddNode(std::string id, Label label, std::string css_class = "");
  DiagramEdge& AddEdge(std::string from, std::string to, std::string css_class = "");
  /// The node with this id, or null.
  const DiagramNode* FindNode(std::string_view id) const;
};

/// Cuts `text` to at most `max_chars` characters (UTF-8 code points; the cut
/// ends in "…") and splits it into lines of at most `width` characters at
/// spaces; a longer word stays whole on its own line. For long names.
std::vector<std::string> WrapWords(std::string_view text, std::size_t width, std::size_t max_chars);

/// Returns `value` for `key` in `attributes`, or "" when absent.
std::string_view AttributeValue(const DiagramAttributes& attributes, std::string_view key);
/// Sets (replacing) or appends `key`.
void SetAttribute(DiagramAttributes& attributes, std::string_view key, std::string value);

// ---- Colours shared by every diagram, so that R, B and U look the same in
// the CLD, the grading report and the SFD. ----

inline constexpr const char* kReinforcingColor = "#c45a00";  // orange
inline constexpr const char* kBalancingColor = "#1f5fa8";    // blue
inline constexpr const char* kUndeterminedColor = "#777777";
inline constexpr const char* kErrorColor = "#d00000";    // grading: wrong
inline constexpr const char* kMissingColor = "#9a9a9a";  // grading: expected, absent

// ---- Grading annotations: what a grader wants shown on a student's own
// diagram. Names are matched as the submission format compares them
// (NormalizeName); an annotation naming nothing the diagram has is ignored,
// except a missing link, whose absent ends are drawn in grey. ----

/// A declared loop whose label contradicts its computed polarity: its marker
/// is drawn in red, struck through, with the correct type beside it.
struct LoopLabelCorrection {
  std::string loop_id;       // the student's id ("R1")
  std::string correct_type;  // "R", "B" or "U"
};

/// A link identified by its ends and, where parallel links differ, its sign.
struct LinkAnnotation {
  std::string from;  // names as written in the submission
  std::string to;
  std::string polarity;  // "+", "-" or "?"; for a contradiction, the sign the
                         // model gives; for a missing link, the expected sign
  std::string note;      // short text shown beside the link; may be empty
};

struct DiagramAnnotations {
  std::vector<LoopLabelCorrection> wrong_loop_labels;
  /// Links whose sign contradicts the model: drawn red and thick, with the
  /// model's sign beside the student's.
  std::vector<LinkAnnotation> contradicted_links;
  /// Links the rubric expects that the diagram lacks: dashed and grey.
  std::vector<LinkAnnotation> missing_links;
  /// Elements to draw in red (a stock without an outflow, say).
  std::vector<std::string> highlighted_elements;

  bool empty() const {
    return wrong_loop_labels.empty() && contradicted_links.empty() && missing_links.empty() &&
           highlighted_elements.empty();
  }
};

}  // namespace sdlab
