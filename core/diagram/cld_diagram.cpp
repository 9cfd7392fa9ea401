#include "core/diagram/cld_diagram.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/loops/loop_finder.h"
#include "core/names.h"

namespace sdlab {
namespace {

constexpr std::size_t kWrapWidth = 16;
constexpr std::size_t kMaxNameChars = 120;
constexpr std::size_t kMaxLoopNameChars = 40;

constexpr const char* kClockwise = "\u21BB";         // ↻
constexpr const char* kCounterclockwise = "\u21BA";  // ↺
constexpr const char* kDelayMark = "\u2016";         // ‖
constexpr const char* kLinkColor = "#303030";

const char* PolarityClass(LinkPolarity polarity) {
  switch (polarity) {
    case LinkPolarity::kPositive:
      return "positive";
    case LinkPolarity::kNegative:
      return "negative";
    case LinkPolarity::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::optional<LinkPolarity> PolarityFromSymbol(const std::string& text) {
  return ParseLinkPolarity(text);
}

TextStyle Colored(const char* color, int point_size = 0, bool bold = false) {
  TextStyle style;
  style.color = color;
  style.point_size = point_size;
  style.bold = bold;
  return style;
}

std::optional<LoopPolarity> LoopTypeFromLetter(const std::string& letter) {
  if (letter == "U" || letter == "u") return LoopPolarity::kUndetermined;
  return ParseLoopType(letter);
}

class CldBuilder {
 public:
  CldBuilder(const CausalGraph& graph, const LoopCheckResult* loops,
             const DiagramAnnotations* annotations)
      : graph_(graph), loops_(loops) {
    if (annotations != nullptr) annotations_ = *annotations;
    for (const std::string& name : annotations_.highlighted_elements) {
      highlighted_.insert(NormalizeName(name));
    }
  }

  Diagram Build() {
    diagram_.name = "cld";
    diagram_.graph_attributes = {
        {"rankdir", "TB"},         {"nodesep", "0.55"},           {"ranksep", "0.55"},
        {"splines", "true"},       {"outputorder", "edgesfirst"}, {"pad", "0.25"},
        {"fontname", "Helvetica"}, {"bgcolor", "white"}};
    diagram_.node_defaults = {{"shape", "plaintext"},
                              {"fontname", "Helvetica"},
                              {"fontsize", "12"},
                              {"margin", "0.06,0.03"}};
    // Arrow attributes first: see core/diagram/sfd_diagram.cpp (a Graphviz 2.42 bug).
    diagram_.edge_defaults = {
        {"arrowhead", "normal"}, {"arrowtail", "none"},    {"arrowsize", "0.7"},
        {"color", kLinkColor},   {"penwidth", "1.1"},      {"fontname", "Helvetica"},
        {"fontsize", "13"},      {"labeldistance", "1.6"}, {"labelangle", "-35"}};
    for (std::size_t i = 0; i < graph_.variables.size(); ++i) AddVariable(static_cast<int>(i));
    for (std::size_t i = 0; i < graph_.links.size(); ++i) AddLink(static_cast<int>(i));
    for (const LinkAnnotation& missing : annotations_.missing_links) AddMissingLink(missing);
    if (loops_ != nullptr) AddLoopMarkers();
    return std::move(diagram_);
  }

 private:
  static std::string VariableId(int index) { return "v" + std::to_string(index); }

  void AddVariable(int index) {
    const CausalVariable& variable = graph_.variables[index];
    TextStyle style;
    if (highlighted_.count(variable.normalized)) style.color = kErrorColor;
    Label label;
    for (std::string& line : WrapWords(variable.name, kWrapWidth, kMaxNameChars)) {
      label.AddLine(std::move(line), style);
    }
    diagram_.AddNode(VariableId(index), std::move(label), "variable");
  }

  // The contradiction annotation for a link, or null.
  const LinkAnnotation* Contradiction(const CausalLink& link) const {
    for (const LinkAnnotation& annotation : annotations_.contradicted_links) {
      if (NormalizeName(annotation.from) != graph_.variables[link.from].normalized ||
          NormalizeName(annotation.to) != graph_.variables[link.to].normalized) {
        continue;
      }
      // With parallel links, the one whose sign differs from the model's.
      std::optional<LinkPolarity> model = PolarityFromSymbol(annotation.polarity);
      if (!model || *model != link.polarity) return &annotation;
    }
    return nullptr;
  }

  void AddLink(int index) {
    const CausalLink& link = graph_.links[index];
    const LinkAnnotation* contradiction = Contradiction(link);
    std::string css = std::string("link ") + PolarityClass(link.polarity);
    if (link.delay) css += " delayed";
    if (contradiction != nullptr) css += " contradicted";
    DiagramEdge& edge = diagram_.AddEdge(VariableId(link.from), VariableId(link.to), css);
    TextStyle sign_style;
    sign_style.bold = true;
    if (contradiction != nullptr) sign_style.color = kErrorColor;
    edge.head_label = Label::Text(LinkSignGlyph(link.polarity), sign_style);
    if (contradiction != nullptr) {
      edge.attributes = {{"color", kErrorColor}, {"penwidth", "2.4"}};
      std::optional<LinkPolarity> model = PolarityFromSymbol(contradiction->polarity);
      std::string note =
          contradiction->note.empty()
              ? std::string("model: ") + LinkSignGlyph(model.value_or(LinkPolarity::kUnknown))
              : contradiction->note;
      edge.label = Label::Text(note, Colored(kErrorColor, 10));
    }
    if (link.delay) AddDelayMark(index, contradiction != nullptr ? kErrorColor : kLinkColor);
  }

  // Two short bars across the middle of a delayed link, turned to stand
  // across it whichever way the link runs there.
  void AddDelayMark(int edge_index, const char* color) {
    DiagramNode& mark =
        diagram_.AddNode("d" + std::to_string(edge_index), Label::Text(kDelayMark), "delay-mark");
    mark.across_edge = edge_index;
    TextStyle style = Colored(color, 14, true);
    mark.direction_labels = {Label::Text("\u2016", style), Label::Text("\\\\", style),
                             Label::Text("=", style), Label::Text("//", style)};
    mark.attributes = {{"margin", "0"}, {"width", "0"}, {"height", "0"}};
  }

  // A variable's node id by name; a grey placeholder node for a name the
  // diagram lacks.
  std::string NodeForName(const std::string& name) {
    int index = graph_.FindVariable(name);
    if (index >= 0) return VariableId(index);
    std::string key = NormalizeName(name);
    auto found = placeholders_.find(key);
    if (found != placeholders_.end()) return found->second;
    std::string id = "x" + std::to_string(placeholders_.size());
    TextStyle style = Colored(kMissingColor);
    style.italic = true;
    Label label;
    for (std::string& line : WrapWords(name, kWrapWidth, kMaxNameChars)) {
      label.AddLine(std::move(line), style);
    }
    diagram_.AddNode(id, std::move(label), "variable missing");
    placeholders_.emplace(key, id);
    return id;
  }

  void AddMissingLink(const LinkAnnotation& missing) {
    std::string from = NodeForName(missing.from);
    std::string to = NodeForName(missing.to);
    std::optional<LinkPolarity> polarity = PolarityFromSymbol(missing.polarity);
    DiagramEdge& edge = diagram_.AddEdge(from, to, "missing-link");
    edge.attributes = {{"style", "dashed"}, {"color", kMissingColor}};
    edge.head_label = Label::Text(LinkSignGlyph(polarity.value_or(LinkPolarity::kUnknown)),
                                  Colored(kMissingColor, 0, true));
    if (!missing.note.empty()) edge.label = Label::Text(missing.note, Colored(kMissingColor, 10));
  }

  const LoopLabelCorrection* Correction(const std::string& loop_id) const {
    for (const LoopLabelCorrection& correction : annotations_.wrong_loop_labels) {
      if (NormalizeName(correction.loop_id) == NormalizeName(loop_id)) return &correction;
    }
    return nullptr;
  }

  Label MarkerLabel(const DeclaredLoop& declared, LoopPolarity polarity, const char* glyph) const {
    const char* color = LoopColor(polarity);
    const LoopLabelCorrection* correction = Correction(declared.id);
    Label label;
    if (correction != nullptr) {
      std::optional<LoopPolarity> correct = LoopTypeFromLetter(correction->correct_type);
      label.AddLine(glyph, Colored(kErrorColor, 20));
      TextStyle wrong = Colored(kErrorColor, 12, true);
      wrong.strike = true;
      label.AddLine(declared.id, wrong);
      if (correct) {
        label.Append(" \u2192 ", Colored(kErrorColor, 12));
        label.Append(LoopPolarityLetter(*correct), Colored(LoopColor(*correct), 12, true));
      }
    } else {
      label.AddLine(glyph, Colored(color, 20));
      label.AddLine(declared.id, Colored(color, 12, true));
    }
    if (!declared.name.empty()) {
      for (std::string& line : WrapWords(declared.name, 14, kMaxLoopNameChars)) {
        label.AddLine(std::move(line), Colored(color, 9));
      }
    }
    return label;
  }

  void AddLoopMarkers() {
    std::vector<const LoopFinding*> declared;
    for (const LoopFinding& finding : loops_->findings) {
      if (finding.declaration < 0 || finding.verdict == LabelVerdict::kDuplicate) continue;
      if (finding.declaration >= static_cast<int>(graph_.declared_loops.size())) continue;
      declared.push_back(&finding);
    }
    std::stable_sort(
        declared.begin(), declared.end(),
        [](const LoopFinding* a, const LoopFinding* b) { return a->declaration < b->declaration; });
    for (const LoopFinding* finding : declared) {
      const DeclaredLoop& loop = graph_.declared_loops[finding->declaration];
      std::vector<std::string> orbit;
      std::vector<int> orbit_edges;
      LoopPolarity polarity = loop.label.value_or(LoopPolarity::kUndetermined);
      if (!finding->loop.links.empty()) {
        polarity = finding->loop.polarity;
        for (int variable : LoopVariables(graph_, finding->loop)) {
          orbit.push_back(VariableId(variable));
        }
        orbit_edges = finding->loop.links;  // edge i is link i
      } else {
        for (const DeclaredLoop::Step& step : loop.path) {
          std::string id = step.variable >= 0 ? VariableId(step.variable) : "";
          if (!id.empty() && (orbit.empty() || orbit.back() != id)) orbit.push_back(id);
        }
        if (orbit.size() > 1 && orbit.front() == orbit.back()) orbit.pop_back();
      }
      if (orbit.empty()) continue;
      std::string css =
          std::string("loop-marker ") + (polarity == LoopPolarity::kReinforcing ? "reinforcing"
                                         : polarity == LoopPolarity::kBalancing ? "balancing"
                                                                                : "undetermined");
      if (Correction(loop.id) != nullptr) css += " mislabelled";
      DiagramNode& marker = diagram_.AddNode("m" + std::to_string(finding->declaration),
                                             MarkerLabel(loop, polarity, kClockwise), css);
      marker.orbit = std::move(orbit);
      marker.orbit_edges = std::move(orbit_edges);
      marker.counterclockwise_label = MarkerLabel(loop, polarity, kCounterclockwise);
      marker.attributes = {{"margin", "0.02,0.01"}};
    }
  }

  const CausalGraph& graph_;
  const LoopCheckResult* loops_;
  DiagramAnnotations annotations_;
  std::set<std::string> highlighted_;
  std::map<std::string, std::string> placeholders_;
  Diagram diagram_;
};

}  // namespace

const char* LinkSignGlyph(LinkPolarity polarity) {
  switch (polarity) {
    case LinkPolarity::kPositive:
      return "+";
    case LinkPolarity::kNegative:
      return "\u2212";
    case LinkPolarity::kUnknown:
      return "?";
  }
  return "?";
}

const char* LoopColor(LoopPolarity polarity) {
  switch (polarity) {
    case LoopPolarity::kReinforcing:
      return kReinforcingColor;
    case LoopPolarity::kBalancing:
      return kBalancingColor;
    case LoopPolarity::kUndetermined:
      return kUndeterminedColor;
  }
  return kUndeterminedColor;
}

Diagram BuildCldDiagram(const CausalGraph& graph, const LoopCheckResult* loops,
                        const DiagramAnnotations* annotations) {
  return CldBuilder(graph, loops, annotations).Build();
}

DiagramAnnotations LoopCheckAnnotations(const CausalGraph& graph, const LoopCheckResult& loops) {
  DiagramAnnotations annotations;
  std::set<std::pair<int, int>> missing_seen;
  for (const LoopFinding& finding : loops.findings) {
    if (finding.declaration < 0 ||
        finding.declaration >= static_cast<int>(graph.declared_loops.size())) {
      continue;
    }
    const DeclaredLoop& declared = graph.declared_loops[finding.declaration];
    if (finding.verdict == LabelVerdict::kMislabelled) {
      annotations.wrong_loop_labels.push_back(
          {declared.id, LoopPolarityLetter(finding.loop.polarity)});
    }
    for (const auto& [from, to] : finding.missing_links) {
      if (from < 0 || to < 0 || !missing_seen.insert({from, to}).second) continue;
      annotations.missing_links.push_back(
          {graph.variables[from].name, graph.variables[to].name, "?", ""});
    }
  }
  return annotations;
}

}  // namespace sdlab
