#include "core/diagram/sfd_diagram.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/names.h"

namespace sdlab {
namespace {

constexpr std::size_t kWrapWidth = 18;      // characters per line of a name
constexpr std::size_t kMaxNameChars = 120;  // longer names are cut with "…"
constexpr std::size_t kMaxEquationChars = 32;

constexpr const char* kCloud = "\u2601";  // ☁
constexpr const char* kValve = "\u22C8";  // ⋈, a bow-tie valve on a horizontal pipe
constexpr const char* kDetailColor = "#555555";

bool IsNameByte(char c) {
  unsigned char byte = static_cast<unsigned char>(c);
  return std::isalnum(byte) || c == '_' || byte >= 0x80;
}

void AddName(Label& label, std::string_view name, TextStyle style) {
  for (std::string& line : WrapWords(name, kWrapWidth, kMaxNameChars)) {
    label.AddLine(std::move(line), style);
  }
}

std::string Shorten(std::string_view text) {
  std::vector<std::string> lines = WrapWords(text, kMaxEquationChars, kMaxEquationChars);
  std::string joined;
  for (const std::string& line : lines) joined += (joined.empty() ? "" : " ") + line;
  return joined;
}

TextStyle Detail() {
  TextStyle style;
  style.color = kDetailColor;
  style.point_size = 9;
  return style;
}

class SfdBuilder {
 public:
  SfdBuilder(const StockFlowModel& model, const DiagramAnnotations* annotations) : model_(model) {
    if (annotations != nullptr) {
      for (const std::string& name : annotations->highlighted_elements) {
        highlighted_.insert(NormalizeName(name));
      }
    }
  }

  Diagram Build() {
    diagram_.name = "sfd";
    diagram_.graph_attributes = {{"rankdir", "LR"},    {"nodesep", "0.35"},
                                 {"ranksep", "0.45"},  {"fontname", "Helvetica"},
                                 {"bgcolor", "white"}, {"pad", "0.2"}};
    diagram_.node_defaults = {{"fontname", "Helvetica"}, {"fontsize", "11"}};
    // The arrow attributes come first: Graphviz 2.42's cairo renderer (PNG)
    // can otherwise read another attribute as the arrow type and warn.
    diagram_.edge_defaults = {{"arrowhead", "normal"},
                              {"arrowtail", "none"},
                              {"arrowsize", "0.9"},
                              {"fontname", "Helvetica"},
                              {"fontsize", "10"}};
    AddStocks();
    AddFlows();
    AddVariables();
    AddInformationLinks();
    return std::move(diagram_);
  }

 private:
  // Text drawn red for a highlighted element, black otherwise.
  TextStyle NameStyle(const ElementInfo& element, bool bold) const {
    TextStyle style;
    style.bold = bold;
    if (highlighted_.count(element.normalized.empty() ? NormalizeName(element.name)
                                                      : element.normalized)) {
      style.color = kErrorColor;
    }
    return style;
  }

  void Register(const ElementInfo& element, const std::string& id) {
    std::string key = element.normalized.empty() ? NormalizeName(element.name) : element.normalized;
    ids_.emplace(key, id);
  }

  void AddStocks() {
    for (std::size_t i = 0; i < model_.stocks.size(); ++i) {
      const Stock& stock = model_.stocks[i];
      Label label;
      AddName(label, stock.name, NameStyle(stock, true));
      label.AddLine("initial " + Shorten(stock.initial.text), Detail());
      if (stock.max) label.AddLine("max " + FormatDiagramNumber(*stock.max), Detail());
      std::string id = "s" + std::to_string(i);
      DiagramNode& node = diagram_.AddNode(id, std::move(label), "stock");
      bool red = !NameStyle(stock, true).color.empty();
      node.attributes = {{"shape", "box"},
                         {"style", "filled"},
                         {"fillcolor", "#f4f6f8"},
                         {"color", red ? kErrorColor : "black"},
                         {"penwidth", red ? "2.2" : "1.4"},
                         {"margin", "0.14,0.07"}};
      Register(stock, id);
    }
  }

  // The stock a flow end names, or a new cloud when it names none.
  std::string FlowEnd(const std::string& stock_name) {
    if (!stock_name.empty()) {
      auto found = ids_.find(NormalizeName(stock_name));
      if (found != ids_.end() && found->second[0] == 's') return found->second;
    }
    std::string id = "c" + std::to_string(cloud_count_++);
    DiagramNode& cloud = diagram_.AddNode(id, Label::Text(kCloud), "cloud");
    cloud.attributes = {{"shape", "plaintext"}, {"fontsize", "30"}, {"fontcolor", "#7a8a99"},
                        {"margin", "0"},        {"width", "0.45"},  {"height", "0.35"}};
    return id;
  }

  void AddFlows() {
    for (std::size_t i = 0; i < model_.flows.size(); ++i) {
      const Flow& flow = model_.flows[i];
      std::string id = "f" + std::to_string(i);
      Label label;
      label.first_line_port = "v";
      TextStyle glyph = NameStyle(flow, false);
      glyph.point_size = 18;
      label.AddLine(kValve, glyph);
      AddName(label, flow.name, NameStyle(flow, false));
      diagram_.AddNode(id, std::move(label), "flow").attributes = {{"shape", "plaintext"},
                                                                   {"margin", "0"}};
      Register(flow, id);
      std::string source = FlowEnd(flow.from);
      std::string sink = FlowEnd(flow.to);
      AddPipe(source, id, /*into_stock=*/false);
      AddPipe(id, sink, /*into_stock=*/true);
    }
  }

  void AddPipe(const std::string& from, const std::string& to, bool arrow) {
    DiagramEdge& pipe = diagram_.AddEdge(from, to, "flow-pipe");
    if (from[0] == 'f') pipe.from_port = "v";
    if (to[0] == 'f') pipe.to_port = "v";
    pipe.attributes = {{"color", "black:invis:black"}, {"penwidth", "1.6"}, {"weight", "8"}};
    if (!arrow) pipe.attributes.emplace_back("arrowhead", "none");
  }

  void AddPlainNode(const ElementInfo& element, const std::string& id, const char* css_class,
                    const std::string& detail) {
    Label label;
    AddName(label, element.name, NameStyle(element, false));
    if (!detail.empty()) label.AddLine(detail, Detail());
    diagram_.AddNode(id, std::move(label), css_class).attributes = {{"shape", "plaintext"},
                                                                    {"margin", "0.04,0.02"}};
    Register(element, id);
  }

  void AddVariables() {
    for (std::size_t i = 0; i < model_.auxiliaries.size(); ++i) {
      AddPlainNode(model_.auxiliaries[i], "a" + std::to_string(i), "auxiliary", "");
    }
    for (std::size_t i = 0; i < model_.constants.size(); ++i) {
      const Constant& constant = model_.constants[i];
      AddPlainNode(constant, "k" + std::to_string(i), "constant",
                   "= " + FormatDiagramNumber(constant.value));
    }
    for (std::size_t i = 0; i < model_.lookups.size(); ++i) {
      AddPlainNode(model_.lookups[i], "l" + std::to_string(i), "lookup", "(graph)");
    }
  }

  // True if a pipe runs between these two nodes (a stock and its flow).
  bool PipeJoins(const std::string& a, const std::string& b) const {
    for (const DiagramEdge& edge : diagram_.edges) {
      if (edge.css_class == "flow-pipe" &&
          ((edge.from == a && edge.to == b) || (edge.from == b && edge.to == a))) {
        return true;
      }
    }
    return false;
  }

  void AddLinksInto(const std::string& target, const EquationText& equation) {
    std::set<std::string> linked;
    for (const std::string& name : EquationNames(equation.text)) {
      auto found = ids_.find(NormalizeName(name));
      if (found == ids_.end() || found->second == target) continue;
      const std::string& source = found->second;
      if (!linked.insert(source).second) continue;
      DiagramEdge& link = diagram_.AddEdge(source, target, "info-link");
      if (source[0] == 'f') link.from_port = "v";
      // Into a valve: the whole node, so a link from below meets the name;
      // but a stock's link to its own flow would lie on the pipe, so it
      // arcs over it, from the box's top to the valve's.
      if (target[0] == 'f' && PipeJoins(source, target)) {
        link.from_port = "n";
        link.to_port = "v:n";
      }
      link.attributes = {{"color", "#6b7780"}, {"penwidth", "0.8"}, {"arrowsize", "0.6"}};
      // A link into a valve must not pull the flow out of its pipe's line,
      // except from a constant, which then sits just before the valve.
      if (target[0] == 'f' && source[0] != 'k' && source[0] != 'l') {
        link.attributes.emplace_back("constraint", "false");
      }
    }
  }

  void AddInformationLinks() {
    for (std::size_t i = 0; i < model_.flows.size(); ++i) {
      AddLinksInto("f" + std::to_string(i), model_.flows[i].equation);
    }
    for (std::size_t i = 0; i < model_.auxiliaries.size(); ++i) {
      AddLinksInto("a" + std::to_string(i), model_.auxiliaries[i].equation);
    }
  }

  const StockFlowModel& model_;
  std::set<std::string> highlighted_;
  std::map<std::string, std::string> ids_;  // normalised name -> node id
  std::size_t cloud_count_ = 0;
  Diagram diagram_;
};

}  // namespace

std::vector<std::string> EquationNames(std::string_view equation) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  auto add = [&](std::string name) {
    if (!name.empty() && seen.insert(name).second) names.push_back(std::move(name));
  };
  for (std::size_t i = 0; i < equation.size();) {
    char c = equation[i];
    if (c == '"') {
      std::size_t end = equation.find('"', i + 1);
      if (end == std::string_view::npos) end = equation.size();
      add(std::string(equation.substr(i + 1, end - i - 1)));
      i = end + 1;
    } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      // A number, exponent included (1e-3), never a name.
      while (i < equation.size() && (IsNameByte(equation[i]) || equation[i] == '.')) {
        bool exponent = (equation[i] == 'e' || equation[i] == 'E') && i + 1 < equation.size() &&
                        (equation[i + 1] == '-' || equation[i + 1] == '+');
        i += exponent ? 2 : 1;
      }
    } else if (IsNameByte(c)) {
      std::size_t start = i;
      while (i < equation.size() && IsNameByte(equation[i])) ++i;
      add(std::string(equation.substr(start, i - start)));
    } else {
      ++i;
    }
  }
  return names;
}

std::string FormatDiagramNumber(double value) {
  if (value == 0) value = 0;  // no "-0"
  char buffer[40];
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
  }
  return buffer;
}

Diagram BuildSfdDiagram(const StockFlowModel& model, const DiagramAnnotations* annotations) {
  return SfdBuilder(model, annotations).Build();
}

}  // namespace sdlab
