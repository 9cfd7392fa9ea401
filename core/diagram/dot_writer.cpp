#include "core/diagram/dot_writer.h"

#include "core/names.h"

namespace sdlab {
namespace {

void AppendAttributes(std::string& out, const DiagramAttributes& attributes, bool* first) {
  for (const auto& [key, value] : attributes) {
    out += *first ? "" : ", ";
    *first = false;
    out += key;
    out += '=';
    out += QuoteDot(value);
  }
}

void AppendLabelAttribute(std::string& out, const char* key, const Label& label, bool* first) {
  if (label.empty()) return;
  out += *first ? "" : ", ";
  *first = false;
  out += key;
  out += "=<";
  out += LabelHtml(label);
  out += '>';
}

void WriteNode(std::string& out, const DiagramNode& node, const char* indent,
               const DiagramAttributes& extra = {}) {
  if (!node.orbit.empty()) {
    out += indent;
    out += "// floating: placed after layout inside the cycle";
    for (const std::string& id : node.orbit) out += " " + id;
    out += '\n';
  }
  if (node.across_edge >= 0) {
    out += indent;
    out +=
        "// floating: placed after layout across edge e" + std::to_string(node.across_edge) + "\n";
  }
  out += indent;
  out += QuoteDot(node.id);
  out += " [";
  bool first = true;
  if (node.label.empty()) {
    out += "label=\"\"";
    first = false;
  }
  AppendLabelAttribute(out, "label", node.label, &first);
  if (!node.css_class.empty()) AppendAttributes(out, {{"class", node.css_class}}, &first);
  AppendAttributes(out, node.attributes, &first);
  AppendAttributes(out, extra, &first);
  out += "];\n";
}

// `"id"`, `"id":"port"` or, for "port:n", `"id":"port":"n"`.
std::string Endpoint(const std::string& id, const std::string& port) {
  std::string text = QuoteDot(id);
  std::size_t start = 0;
  while (start < port.size()) {
    std::size_t end = port.find(':', start);
    if (end == std::string::npos) end = port.size();
    text += ":" + QuoteDot(port.substr(start, end - start));
    start = end + 1;
  }
  return text;
}

void WriteEdge(std::string& out, const DiagramEdge& edge, std::size_t index) {
  out += "  " + Endpoint(edge.from, edge.from_port) + " -> " + Endpoint(edge.to, edge.to_port);
  // The key names the edge, so parallel edges can be told apart after layout.
  bool first = false;
  std::string attributes = "key=" + QuoteDot(EdgeKey(index));
  AppendLabelAttribute(attributes, "label", edge.label, &first);
  AppendLabelAttribute(attributes, "headlabel", edge.head_label, &first);
  if (!edge.css_class.empty()) AppendAttributes(attributes, {{"class", edge.css_class}}, &first);
  AppendAttributes(attributes, edge.attributes, &first);
  out += " [" + attributes + "];\n";
}

void WriteDefaults(std::string& out, const char* kind, const DiagramAttributes& attributes) {
  if (attributes.empty()) return;
  out += "  ";
  out += kind;
  out += " [";
  bool first = true;
  AppendAttributes(out, attributes, &first);
  out += "];\n";
}

}  // namespace

std::string EdgeKey(std::size_t index) { return "e" + std::to_string(index); }

std::string WriteNodeStatement(const DiagramNode& node, const DiagramAttributes& extra) {
  std::string out;
  WriteNode(out, node, "  ", extra);
  return out;
}

std::string EscapeLabelText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = DecodeUtf8(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    if (length > 1) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    char c = text[i++];
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\\':
        // Graphviz expands \N, \G ... even in HTML-like labels; "\\" is a
        // literal backslash there.
        out += "\\\\";
        break;
      default:
        out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) ? ' ' : c;
    }
  }
  return out;
}

std::string QuoteDot(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string LabelHtml(const Label& label) {
  bool table = !label.first_line_port.empty();
  std::string out;
  if (table) out += "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">";
  for (std::size_t i = 0; i < label.lines.size(); ++i) {
    if (table) {
      out +=
          i == 0 ? "<TR><TD PORT=\"" + EscapeLabelText(label.first_line_port) + "\">" : "<TR><TD>";
    } else if (i > 0) {
      out += "<BR/>";
    }
    for (const TextRun& run : label.lines[i]) {
      if (run.text.empty()) continue;
      std::string open, close;
      if (!run.style.color.empty() || run.style.point_size > 0) {
        open += "<FONT";
        if (!run.style.color.empty()) open += " COLOR=\"" + EscapeLabelText(run.style.color) + "\"";
        if (run.style.point_size > 0) {
          open += " POINT-SIZE=\"" + std::to_string(run.style.point_size) + "\"";
        }
        open += ">";
        close = "</FONT>";
      }
      if (run.style.bold) open += "<B>", close = "</B>" + close;
      if (run.style.italic) open += "<I>", close = "</I>" + close;
      if (run.style.strike) open += "<S>", close = "</S>" + close;
      out += open + EscapeLabelText(run.text) + close;
    }
    if (table) out += "</TD></TR>";
  }
  if (table) out += "</TABLE>";
  return out;
}

std::string WriteDot(const Diagram& diagram, const DotWriteOptions& options) {
  std::string out = "digraph " + QuoteDot(diagram.name) + " {\n";
  WriteDefaults(out, "graph", diagram.graph_attributes);
  WriteDefaults(out, "node", diagram.node_defaults);
  WriteDefaults(out, "edge", diagram.edge_defaults);
  auto included = [&](const DiagramNode& node) {
    return options.include_floating || !node.floating();
  };
  for (const DiagramCluster& cluster : diagram.clusters) {
    out += "  subgraph " + QuoteDot("cluster_" + cluster.id) + " {\n";
    std::string attributes;
    bool first = true;
    AppendLabelAttribute(attributes, "label", cluster.label, &first);
    AppendAttributes(attributes, cluster.attributes, &first);
    if (!attributes.empty()) out += "    graph [" + attributes + "];\n";
    for (const DiagramNode& node : diagram.nodes) {
      if (node.cluster == cluster.id && included(node)) WriteNode(out, node, "    ");
    }
    out += "  }\n";
  }
  auto in_a_cluster = [&](const DiagramNode& node) {
    for (const DiagramCluster& cluster : diagram.clusters) {
      if (cluster.id == node.cluster) return true;
    }
    return false;
  };
  for (const DiagramNode& node : diagram.nodes) {
    if (!in_a_cluster(node) && included(node)) WriteNode(out, node, "  ");
  }
  for (std::size_t i = 0; i < diagram.edges.size(); ++i) WriteEdge(out, diagram.edges[i], i);
  out += "}\n";
  return out;
}

}  // namespace sdlab
