#pragma once
// Shared by the rendering tests: the SVG read back as XML (pugixml), the
// text of each drawn node and edge, and the Part B-like model built in code
// (the same one tests/data/render/part_b.yaml holds), so the diagram tests do
// not depend on the YAML loader.

#include <pugixml.hpp>

#include <cstdlib>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/load/submission.h"
#include "core/names.h"
#include "test_support.h"

namespace sdlab::testing {

/// One `<g class="node ...">` or `<g class="edge ...">` group of a Graphviz SVG.
struct SvgGroup {
  std::string id;                        // the DOT id (the group's <title>)
  std::string css_class;                 // "node stock", "edge link positive" ...
  std::vector<std::string> texts;        // each <text> element's content, in order
  std::vector<std::string> text_colors;  // each <text>'s fill (empty = black)
  std::vector<std::string> text_decorations;
  std::vector<double> text_x, text_y;  // each <text>'s position
  std::string stroke;                  // the first path/polygon/ellipse stroke
  std::string stroke_dasharray;
  int polygons = 0;  // <polygon> elements (a stock's box; an arrowhead)
  int paths = 0;
  /// The texts joined with single spaces (a wrapped name read back).
  std::string JoinedText() const {
    std::string joined;
    for (const std::string& text : texts) joined += (joined.empty() ? "" : " ") + text;
    return joined;
  }
  bool HasClass(std::string_view name) const {
    std::size_t start = 0;
    while (start < css_class.size()) {
      std::size_t end = css_class.find(' ', start);
      if (end == std::string::npos) end = css_class.size();
      if (std::string_view(css_class).substr(start, end - start) == name) return true;
      start = end + 1;
    }
    return false;
  }
};

struct ParsedSvg {
  bool ok = false;
  std::string error;
  pugi::xml_document document;
  std::vector<SvgGroup> nodes;
  std::vector<SvgGroup> edges;

  /// Nodes whose class list contains `css_class`.
  std::vector<const SvgGroup*> NodesWithClass(std::string_view css_class) const {
    return WithClass(nodes, css_class);
  }
  std::vector<const SvgGroup*> EdgesWithClass(std::string_view css_class) const {
    return WithClass(edges, css_class);
  }
  const SvgGroup* Node(std::string_view id) const {
    for (const SvgGroup& node : nodes) {
      if (node.id == id) return &node;
    }
    return nullptr;
  }
  /// True if any element anywhere is named `element` (e.g. "script").
  bool HasElement(std::string_view element) const {
    std::string name(element);
    return !document.select_nodes(("//" + name).c_str()).empty();
  }

 private:
  static std::vector<const SvgGroup*> WithClass(const std::vector<SvgGroup>& groups,
                                                std::string_view css_class) {
    std::vector<const SvgGroup*> found;
    for (const SvgGroup& group : groups) {
      if (group.HasClass(css_class)) found.push_back(&group);
    }
    return found;
  }
};

inline ParsedSvg ParseSvg(const std::string& svg);

/// Runs of whitespace made single spaces, trimmed: a name as WrapWords shows it.
inline std::string CollapseSpaces(std::string_view text);

/// A stock-and-flow model like a complete Part B answer: request queue,
/// cache entries and a connection pool (idle and busy connections).
inline StockFlowModel PartBStockFlow();
/// Its causal loop diagram: retry storm R1, autoscaler B1 (delayed), cache
/// refill R2, TTL expiry B2.
inline CausalLoopDiagram PartBCausalLoops();

/// A one-stock model: Request Queue filled by Arrivals, drained by
/// Processing; a constant and an auxiliary (the golden SFD).
inline StockFlowModel BathtubStockFlow();

/// Positions from a laid-out DOT text (RenderDiagram with ImageFormat::kDot):
/// each node's centre and each edge's spline points by key, in points with
/// y up, as Graphviz lays out.
struct LaidOutPoint {
  double x = 0, y = 0;
};
struct LaidOutDot {
  std::map<std::string, LaidOutPoint> nodes;
  std::map<std::string, std::vector<LaidOutPoint>> edges;  // by key ("e3")
};
inline LaidOutDot ParseLaidOutDot(const std::string& dot);

/// The file the golden DOT text `name` lives in (tests/golden/NAME).
inline std::string GoldenPath(const std::string& name);
/// Compares with the golden file; with SDLAB_UPDATE_GOLDEN=1 in the
/// environment, rewrites it instead. Returns "" or a description of the
/// first difference.
inline std::string CompareWithGolden(const std::string& name, const std::string& actual);

// ---- definitions ----

inline ParsedSvg ParseSvg(const std::string& svg) {
  ParsedSvg parsed;
  pugi::xml_parse_result result = parsed.document.load_buffer(svg.data(), svg.size());
  if (!result) {
    parsed.error =
        std::string(result.description()) + " at offset " + std::to_string(result.offset);
    return parsed;
  }
  parsed.ok = true;
  for (pugi::xpath_node found : parsed.document.select_nodes("//*[local-name()='g']")) {
    pugi::xml_node group = found.node();
    std::string css = group.attribute("class").value();
    bool is_node = css.rfind("node", 0) == 0, is_edge = css.rfind("edge", 0) == 0;
    if (!is_node && !is_edge) continue;
    SvgGroup item;
    item.css_class = css;
    item.id = group.child("title").text().get();
    for (pugi::xpath_node text : group.select_nodes(".//*[local-name()='text']")) {
      item.texts.push_back(text.node().text().get());
      item.text_colors.push_back(text.node().attribute("fill").value());
      item.text_decorations.push_back(text.node().attribute("text-decoration").value());
      item.text_x.push_back(text.node().attribute("x").as_double());
      item.text_y.push_back(text.node().attribute("y").as_double());
    }
    for (pugi::xml_node child : group.children()) {
      std::string name = child.name();
      if (name == "polygon") ++item.polygons;
      if (name == "path") ++item.paths;
      if ((name == "polygon" || name == "path" || name == "ellipse") && item.stroke.empty()) {
        item.stroke = child.attribute("stroke").value();
        item.stroke_dasharray = child.attribute("stroke-dasharray").value();
      }
    }
    (is_node ? parsed.nodes : parsed.edges).push_back(std::move(item));
  }
  return parsed;
}

inline std::string CollapseSpaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

namespace render_detail {

template <class Element>
Element Named(const std::string& name) {
  Element element;
  element.name = name;
  element.normalized = NormalizeName(name);
  return element;
}

inline void AddStock(StockFlowModel& model, const std::string& name, const std::string& initial,
                     std::optional<double> max = std::nullopt) {
  Stock stock = Named<Stock>(name);
  stock.initial.text = initial;
  stock.max = max;
  model.stocks.push_back(stock);
}

inline void AddFlow(StockFlowModel& model, const std::string& name, const std::string& from,
                    const std::string& to, const std::string& equation) {
  Flow flow = Named<Flow>(name);
  flow.from = from;
  flow.to = to;
  flow.equation.text = equation;
  model.flows.push_back(flow);
}

inline void AddAuxiliary(StockFlowModel& model, const std::string& name,
                         const std::string& equation) {
  Auxiliary auxiliary = Named<Auxiliary>(name);
  auxiliary.equation.text = equation;
  model.auxiliaries.push_back(auxiliary);
}

inline void AddConstant(StockFlowModel& model, const std::string& name, double value) {
  Constant constant = Named<Constant>(name);
  constant.value = value;
  model.constants.push_back(constant);
}

inline CldLinkText Link(std::string text) {
  CldLinkText link;
  link.compact = true;
  link.compact_text = std::move(text);
  return link;
}

inline CldLoopText Loop(std::string id, std::string name, std::string type,
                        std::vector<std::string> path) {
  CldLoopText loop;
  loop.id = std::move(id);
  loop.name = std::move(name);
  loop.type = std::move(type);
  for (std::string& step : path) loop.path.emplace_back(std::move(step), Location{});
  return loop;
}

}  // namespace render_detail

inline StockFlowModel PartBStockFlow() {
  using namespace render_detail;
  StockFlowModel model;
  model.present = true;
  AddStock(model, "Request Queue", "50", 1000);
  AddStock(model, "Cache Entries", "9500", 10000);
  AddStock(model, "Idle Connections", "pool_size - 20");
  AddStock(model, "Busy Connections", "20");
  AddFlow(model, "Arrivals", "", "Request Queue", "base_traffic + retries");
  AddFlow(model, "Processing", "Request Queue", "", "MIN(request_queue / DT, capacity)");
  AddFlow(model, "Timeouts", "Request Queue", "", "request_queue * timeout_fraction");
  AddFlow(model, "Cache Fills", "", "Cache Entries",
          "cache_misses * (1 - cache_entries / cache_size)");
  AddFlow(model, "Expirations", "Cache Entries", "", "cache_entries / cache_ttl");
  AddFlow(model, "Acquire", "Idle Connections", "Busy Connections",
          "MIN(idle_connections / DT, db_load)");
  AddFlow(model, "Release", "Busy Connections", "Idle Connections",
          "busy_connections / query_time");
  AddAuxiliary(model, "Capacity", "pods * capacity_per_pod");
  AddAuxiliary(model, "Latency", "request_queue / MAX(processing, 0.001)");
  AddAuxiliary(model, "Timeout Fraction", "MIN(1, latency / timeout)");
  AddAuxiliary(model, "Retries", "timeouts * retry_fraction");
  AddAuxiliary(model, "Cache Hit Rate", "cache_entries / cache_size");
  AddAuxiliary(model, "Cache Misses", "processing * (1 - cache_hit_rate)");
  AddAuxiliary(model, "DB Load", "cache_misses");
  AddAuxiliary(model, "Query Time", "base_query_time * (1 + busy_connections / pool_size)");
  AddAuxiliary(model, "Pods", "SMTH1(latency / target_latency * 4, scale_delay, 4)");
  AddConstant(model, "Base Traffic", 100);
  AddConstant(model, "Capacity per Pod", 30);
  AddConstant(model, "Timeout", 5);
  AddConstant(model, "Retry Fraction", 0.6);
  AddConstant(model, "Cache Size", 10000);
  AddConstant(model, "Cache TTL", 3600);
  AddConstant(model, "Pool Size", 200);
  AddConstant(model, "Base Query Time", 0.05);
  AddConstant(model, "Target Latency", 0.5);
  AddConstant(model, "Scale Delay", 60);
  return model;
}

inline CausalLoopDiagram PartBCausalLoops() {
  using namespace render_detail;
  CausalLoopDiagram diagram;
  diagram.present = true;
  for (const char* text :
       {"Load -> Latency (+)", "Latency -> Timeouts (+)", "Timeouts -> Retries (+)",
        "Retries -> Load (+)", "Pods -> Latency (-)", "Cache Entries -> Cache Hit Rate (+)",
        "Cache Hit Rate -> DB Load (-)", "Load -> DB Load (+)", "DB Load -> Latency (+)",
        "Latency -> Cache Fills (-)", "Cache Fills -> Cache Entries (+)",
        "Cache Entries -> Expirations (+)", "Expirations -> Cache Entries (-)"}) {
    diagram.links.push_back(Link(text));
  }
  CldLinkText scaling;  // the autoscaler reacts after a delay
  scaling.from = "Latency";
  scaling.to = "Pods";
  scaling.polarity = "+";
  scaling.delay = true;
  diagram.links.push_back(scaling);
  diagram.loops = {
      Loop("R1", "Retry storm", "reinforcing", {"Load", "Latency", "Timeouts", "Retries"}),
      Loop("B1", "Autoscaler", "balancing", {"Latency", "Pods"}),
      Loop("R2", "Cache refill", "reinforcing",
           {"Cache Entries", "Cache Hit Rate", "DB Load", "Latency", "Cache Fills"}),
      Loop("B2", "TTL expiry", "balancing", {"Cache Entries", "Expirations"})};
  return diagram;
}

inline StockFlowModel BathtubStockFlow() {
  using namespace render_detail;
  StockFlowModel model;
  model.present = true;
  AddStock(model, "Request Queue", "50", 1000);
  AddFlow(model, "Arrivals", "", "Request Queue", "base_traffic");
  AddFlow(model, "Processing", "Request Queue", "", "MIN(request_queue / DT, capacity)");
  AddAuxiliary(model, "Latency", "request_queue / MAX(processing, 0.001)");
  AddConstant(model, "Base Traffic", 100);
  AddConstant(model, "Capacity", 80);
  return model;
}

// "x,y x,y ..." (a leading "e,x,y" or "s,x,y" arrowhead end is skipped).
inline std::vector<LaidOutPoint> ParsePoints(const std::string& text) {
  std::vector<LaidOutPoint> points;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(" \n\\", start);
    if (end == std::string::npos) end = text.size();
    std::string token = text.substr(start, end - start);
    std::size_t comma = token.find(',');
    if (comma != std::string::npos && token.rfind("e,", 0) != 0 && token.rfind("s,", 0) != 0) {
      points.push_back({std::stod(token.substr(0, comma)), std::stod(token.substr(comma + 1))});
    }
    start = end + 1;
  }
  return points;
}

// The value of `name=` in a DOT attribute list (quoted or not), or "".
inline std::string DotAttribute(const std::string& attributes, const std::string& name) {
  std::size_t at = 0;
  while ((at = attributes.find(name + "=", at)) != std::string::npos) {
    bool starts = at == 0 || attributes[at - 1] == ' ' || attributes[at - 1] == '\t' ||
                  attributes[at - 1] == '\n' || attributes[at - 1] == ',' ||
                  attributes[at - 1] == '[';
    at += name.size() + 1;
    if (!starts) continue;
    if (at < attributes.size() && attributes[at] == '"') {
      std::size_t close = attributes.find('"', at + 1);
      return attributes.substr(at + 1, close - at - 1);
    }
    std::size_t end = attributes.find_first_of(",]\n", at);
    return attributes.substr(at, end - at);
  }
  return "";
}

inline LaidOutDot ParseLaidOutDot(const std::string& dot) {
  LaidOutDot laid_out;
  // Graphviz writes each statement as "\n\t<head>\t[attributes];".
  std::size_t at = 0;
  while ((at = dot.find("\n\t", at)) != std::string::npos) {
    at += 2;
    if (at >= dot.size() || dot[at] == '\t') continue;
    std::size_t tab = dot.find("\t[", at);
    std::size_t newline = dot.find('\n', at);
    if (tab == std::string::npos || tab > newline) continue;
    std::string head = dot.substr(at, tab - at);
    std::size_t close = dot.find("];\n", tab);
    if (close == std::string::npos) break;
    std::string attributes = dot.substr(tab + 2, close - tab - 2);
    at = close;
    std::string pos = DotAttribute(attributes, "pos");
    if (pos.empty() || head == "graph" || head == "node" || head == "edge") continue;
    if (head.find(" -> ") != std::string::npos) {
      std::string key = DotAttribute(attributes, "key");
      if (!key.empty()) laid_out.edges[key] = ParsePoints(pos);
    } else {
      std::vector<LaidOutPoint> points = ParsePoints(pos);
      if (head.size() > 1 && head.front() == '"') head = head.substr(1, head.size() - 2);
      if (!points.empty()) laid_out.nodes[head] = points.front();
    }
  }
  return laid_out;
}

inline std::string GoldenPath(const std::string& name) {
  return SourceDir() + "/tests/golden/" + name;
}

inline std::string CompareWithGolden(const std::string& name, const std::string& actual) {
  std::string path = GoldenPath(name);
  const char* update = std::getenv("SDLAB_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    WriteFile(path, actual);
    return "";
  }
  std::string expected;
  try {
    expected = ReadFileOrDie(path);
  } catch (const std::exception& error) {
    return std::string(error.what()) + " (run with SDLAB_UPDATE_GOLDEN=1 to create it)";
  }
  if (expected == actual) return "";
  std::size_t line = 1, at = 0;
  while (at < expected.size() && at < actual.size() && expected[at] == actual[at]) {
    if (expected[at++] == '\n') ++line;
  }
  return path + " differs at line " + std::to_string(line) +
         " (run with SDLAB_UPDATE_GOLDEN=1 to accept the new output)";
}

}  // namespace sdlab::testing
