// The only file that includes Graphviz. Every entry point takes the one
// mutex; the one context lives for the whole process.
//
// A diagram with floating loop markers is drawn in two passes: `dot` lays
// out everything else, the markers are placed in the drawing
// (core/diagram/marker_placement.h), and the laid-out graph plus the markers is
// rendered with `nop2` (neato -n2: keep every position as given).

#include "core/diagram/graphviz_adapter.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>

#include "core/diagram/dot_writer.h"
#include "core/diagram/marker_placement.h"
#include "core/names.h"

#if defined(__SANITIZE_ADDRESS__)
// LeakSanitizer (-DSDLAB_SANITIZE=ON): Graphviz 2.42 and the font libraries
// it loads never free some memory: its HTML-label parser, dot's cycle
// breaking and neato -n's setup leak a little per layout (long-known
// Graphviz leaks), and text measuring fills fontconfig/pango caches for the
// life of the process. ASan's fast unwinder stops at these libraries (no
// frame pointers), so they are named by module: memory allocated inside
// libgvc, its plugins and the font libraries. Graph objects (libcgraph) and
// all of sdlab's own memory are still checked.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libgvc.so\n"
         "leak:libgvplugin_\n"
         "leak:libfontconfig.so\n"
         "leak:libglib-2.0.so\n"
         "leak:libpango\n"
         "leak:libcairo.so\n";
}
// Without this LeakSanitizer lists the suppressions it used on stderr.
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }
#endif

namespace sdlab {
namespace {

std::mutex& GraphvizMutex() {
  static std::mutex mutex;
  return mutex;
}

// Graphviz reports through agerr; with agseterrf every message comes here.
// Only touched under GraphvizMutex().
std::string& CapturedMessages() {
  static std::string messages;
  return messages;
}

int CaptureMessage(char* message) {
  CapturedMessages() += message;
  return 0;
}

// Created on first use, never freed: one context per process.
GVC_t* Context() {
  static GVC_t* context = [] {
    agseterrf(CaptureMessage);
    return gvContext();
  }();
  return context;
}

// cgraph takes `char*` for names and attribute values it does not modify.
class CString {
 public:
  explicit CString(std::string_view text) : buffer_(text.begin(), text.end()) {
    buffer_.push_back('\0');
  }
  char* get() { return buffer_.data(); }

 private:
  std::vector<char> buffer_;
};

struct GraphCloser {
  void operator()(Agraph_t* graph) const { agclose(graph); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

// Frees the layout of a graph before the graph itself is closed.
class Layout {
 public:
  Layout(GVC_t* context, Agraph_t* graph) : context_(context), graph_(graph) {}
  ~Layout() {
    if (done_) gvFreeLayout(context_, graph_);
  }
  Layout(const Layout&) = delete;
  Layout& operator=(const Layout&) = delete;
  bool Run(const char* engine) {
    done_ = gvLayout(context_, graph_, engine) == 0;
    return done_;
  }

 private:
  GVC_t* context_;
  Agraph_t* graph_;
  bool done_ = false;
};

// Splits the captured text into messages ("Warning: ...", "Error: ...").
std::vector<std::string> TakeMessages() {
  std::vector<std::string> messages;
  std::string& text = CapturedMessages();
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    bool continuation = !line.empty() && (line[0] == ' ' || line[0] == '\t');
    if (continuation && !messages.empty()) {
      messages.back() += " " + line.substr(line.find_first_not_of(" \t"));
    } else if (!line.empty()) {
      messages.push_back(line);
    }
    start = end + 1;
  }
  text.clear();
  return messages;
}

std::string JoinMessages(const std::vector<std::string>& messages) {
  std::string joined;
  for (const std::string& message : messages) {
    if (!joined.empty()) joined += "; ";
    joined += message;
  }
  return joined.empty() ? "no message from Graphviz" : joined;
}

bool RenderTo(GVC_t* context, Agraph_t* graph, const char* format, std::string* out) {
  char* data = nullptr;
  unsigned int length = 0;
  if (gvRenderData(context, graph, format, &data, &length) != 0) {
    if (data != nullptr) gvFreeRenderData(data);
    return false;
  }
  out->assign(data, length);
  gvFreeRenderData(data);
  return true;
}

// Points along a cubic Bézier spline list, `samples` per segment.
void SampleSpline(const bezier& curve, int samples, std::vector<LayoutPoint>* points) {
  for (int i = 0; i + 3 < curve.size; i += 3) {
    const pointf* p = curve.list + i;
    for (int k = (i == 0 ? 0 : 1); k <= samples; ++k) {
      double t = static_cast<double>(k) / samples, u = 1 - t;
      double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
      points->push_back({a * p[0].x + b * p[1].x + c * p[2].x + d * p[3].x,
                         a * p[0].y + b * p[1].y + c * p[2].y + d * p[3].y});
    }
  }
}

void AddLabelBox(const textlabel_t* label, LayoutScene* scene) {
  if (label == nullptr || !label->set) return;
  scene->boxes.push_back(
      LayoutBox::Around({label->pos.x, label->pos.y}, label->dimen.x, label->dimen.y));
}

LayoutScene DescribeDrawing(Agraph_t* graph) {
  LayoutScene scene;
  boxf bounds = GD_bb(graph);
  scene.bounds = {bounds.LL.x, bounds.LL.y, bounds.UR.x, bounds.UR.y};
  for (Agnode_t* node = agfstnode(graph); node != nullptr; node = agnxtnode(graph, node)) {
    // A plain-text node shows only its label; its node box (at least 0.75 x
    // 0.5 inches) would keep markers needlessly far away.
    LayoutPoint centre{ND_coord(node).x, ND_coord(node).y};
    CString shape_key("shape");
    const char* shape = agget(node, shape_key.get());
    bool plain =
        shape != nullptr && (std::strcmp(shape, "plaintext") == 0 ||
                             std::strcmp(shape, "plain") == 0 || std::strcmp(shape, "none") == 0);
    if (plain && ND_label(node) != nullptr) {
      scene.boxes.push_back(
          LayoutBox::Around(centre, ND_label(node)->dimen.x, ND_label(node)->dimen.y));
    } else {
      scene.boxes.push_back(LayoutBox::Around(centre, ND_width(node) * 72, ND_height(node) * 72));
    }
    AddLabelBox(ND_xlabel(node), &scene);
    for (Agedge_t* edge = agfstout(graph, node); edge != nullptr; edge = agnxtout(graph, edge)) {
      if (ED_spl(edge) != nullptr) {
        for (int i = 0; i < ED_spl(edge)->size; ++i) {
          const bezier& curve = ED_spl(edge)->list[i];
          SampleSpline(curve, 8, &scene.points);
          if (curve.eflag) scene.points.push_back({curve.ep.x, curve.ep.y});
          if (curve.sflag) scene.points.push_back({curve.sp.x, curve.sp.y});
        }
      }
      AddLabelBox(ED_label(edge), &scene);
      AddLabelBox(ED_head_label(edge), &scene);
      AddLabelBox(ED_tail_label(edge), &scene);
      AddLabelBox(ED_xlabel(edge), &scene);
    }
  }
  return scene;
}

// The edge with this diagram index (DOT key), or null.
Agedge_t* FindEdge(Agraph_t* graph, const Diagram& diagram, int index) {
  if (index < 0 || index >= static_cast<int>(diagram.edges.size())) return nullptr;
  const DiagramEdge& wanted = diagram.edges[index];
  CString from(wanted.from), to(wanted.to), key(EdgeKey(index));
  Agnode_t* tail = agnode(graph, from.get(), 0);
  Agnode_t* head = agnode(graph, to.get(), 0);
  if (tail == nullptr || head == nullptr) return nullptr;
  return agedge(graph, tail, head, key.get(), 0);
}

// An edge as drawn, from its tail to its head.
std::vector<LayoutPoint> EdgePoints(Agedge_t* edge, int samples) {
  std::vector<LayoutPoint> points;
  if (edge == nullptr || ED_spl(edge) == nullptr) return points;
  for (int k = 0; k < ED_spl(edge)->size; ++k) {
    SampleSpline(ED_spl(edge)->list[k], samples, &points);
  }
  // Splines run from tail to head, but check: a reversed one would turn a
  // loop the wrong way.
  pointf tail = ND_coord(agtail(edge)), head = ND_coord(aghead(edge));
  auto distance2 = [](LayoutPoint p, pointf q) {
    return (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y);
  };
  if (!points.empty() && distance2(points.front(), head) < distance2(points.front(), tail)) {
    std::reverse(points.begin(), points.end());
  }
  return points;
}

// The loop as drawn: each link's spline from tail to head, in cycle order;
// a node's centre where the cycle has no drawn link.
std::vector<LayoutPoint> LoopOutline(Agraph_t* graph, const Diagram& diagram,
                                     const DiagramNode& marker) {
  std::vector<LayoutPoint> outline;
  const std::vector<std::string>& orbit = marker.orbit;
  for (std::size_t i = 0; i < orbit.size(); ++i) {
    CString from(orbit[i]), to(orbit[(i + 1) % orbit.size()]);
    Agnode_t* tail = agnode(graph, from.get(), 0);
    Agnode_t* head = agnode(graph, to.get(), 0);
    if (tail == nullptr || head == nullptr) continue;
    Agedge_t* edge = nullptr;
    if (i < marker.orbit_edges.size()) {
      edge = FindEdge(graph, diagram, marker.orbit_edges[i]);
    } else if (orbit.size() > 1) {
      edge = agedge(graph, tail, head, nullptr, 0);
    }
    std::vector<LayoutPoint> points = EdgePoints(edge, 6);
    if (points.empty()) points.push_back({ND_coord(tail).x, ND_coord(tail).y});
    outline.insert(outline.end(), points.begin(), points.end());
  }
  return outline;
}

// The middle of an edge by length, and its direction there: 0 across the
// page, 1 rising to the right, 2 up and down, 3 falling to the right.
bool EdgeMiddle(Agedge_t* edge, LayoutPoint* middle, int* direction) {
  std::vector<LayoutPoint> points = EdgePoints(edge, 16);
  if (points.size() < 2) return false;
  double total = 0;
  for (std::size_t i = 1; i < points.size(); ++i) {
    total += std::hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  }
  double walked = 0;
  for (std::size_t i = 1; i < points.size(); ++i) {
    double step = std::hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
    if (walked + step < total / 2 && i + 1 < points.size()) {
      walked += step;
      continue;
    }
    double t = step > 0 ? (total / 2 - walked) / step : 0;
    middle->x = points[i - 1].x + t * (points[i].x - points[i - 1].x);
    middle->y = points[i - 1].y + t * (points[i].y - points[i - 1].y);
    double degrees = std::atan2(points[i].y - points[i - 1].y, points[i].x - points[i - 1].x) *
                     180.0 / 3.14159265358979;
    if (degrees < 0) degrees += 180;  // a direction, not a heading
    *direction = degrees < 22.5 || degrees >= 157.5 ? 0
                 : degrees < 67.5                   ? 1
                 : degrees < 112.5                  ? 2
                                                    : 3;
    return true;
  }
  return false;
}

// A marker's size from its label, before Graphviz has measured it: about
// 0.6 em per character, 1.2 em per line, for the default 14 points.
void EstimateSize(const Label& label, double* width, double* height) {
  *width = 0;
  *height = 2;
  for (const std::vector<TextRun>& line : label.lines) {
    double line_width = 0, line_height = 0;
    for (const TextRun& run : line) {
      double size = run.style.point_size > 0 ? run.style.point_size : 14;
      std::size_t characters = 0;
      for (char c : run.text) characters += !IsUtf8Continuation(c);
      line_width += 0.6 * size * static_cast<double>(characters);
      line_height = std::max(line_height, size * 1.2);
    }
    *width = std::max(*width, line_width + 4);
    *height += line_height;
  }
}

std::string FormatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

std::string PositionAttribute(LayoutPoint point) {
  return FormatNumber(point.x) + "," + FormatNumber(point.y) + "!";
}

// The node statements for every floating node, placed in the drawing: the
// marks across edges first (their place is fixed), then the loop markers
// around them.
std::string PlaceFloatingNodes(Agraph_t* graph, const Diagram& diagram,
                               std::vector<std::string>* crowded) {
  LayoutScene scene = DescribeDrawing(graph);
  const LayoutBox drawing = scene.bounds;
  std::string statements;
  for (const DiagramNode& node : diagram.nodes) {
    if (node.across_edge < 0) continue;
    LayoutPoint middle;
    int direction = 0;
    if (!EdgeMiddle(FindEdge(graph, diagram, node.across_edge), &middle, &direction)) continue;
    DiagramNode placed = node;
    placed.across_edge = -1;
    if (!node.direction_labels[direction].empty()) placed.label = node.direction_labels[direction];
    double width = 0, height = 0;
    EstimateSize(placed.label, &width, &height);
    scene.boxes.push_back(LayoutBox::Around(middle, width, height));
    statements += WriteNodeStatement(placed, {{"pos", PositionAttribute(middle)}});
  }
  for (const DiagramNode& node : diagram.nodes) {
    if (node.orbit.empty()) continue;
    double width = 0, height = 0;
    EstimateSize(node.label, &width, &height);
    // A marker may stand just beside the drawing (a loop of two links at its
    // edge has no room inside); nop2 then widens the drawing.
    scene.bounds = {drawing.x0 - 2 * width, drawing.y0 - 2 * height, drawing.x1 + 2 * width,
                    drawing.y1 + 2 * height};
    MarkerPlacement placement =
        PlaceMarker(LoopOutline(graph, diagram, node), width, height, scene);
    if (!placement.clear) crowded->push_back(node.id);
    scene.boxes.push_back(LayoutBox::Around(placement.centre, width, height));
    DiagramNode placed = node;
    placed.orbit.clear();
    if (placement.counterclockwise && !node.counterclockwise_label.empty()) {
      placed.label = node.counterclockwise_label;
    }
    statements += WriteNodeStatement(placed, {{"pos", PositionAttribute(placement.centre)}});
  }
  return statements;
}

std::unique_ptr<Agraph_t, GraphCloser> ReadGraph(const std::string& text) {
  return GraphPtr(agmemread(text.c_str()));
}

bool RenderLocked(const Diagram& diagram, ImageFormat format, RenderOutput* output,
                  Diagnostics& diagnostics) {
  GVC_t* context = Context();
  CapturedMessages().clear();
  auto fail = [&](const std::string& what) {
    std::string messages = JoinMessages(TakeMessages());
    // Graphviz without its plugin list knows no layout engine at all.
    bool no_plugins = messages.find("Layout type:") != std::string::npos;
    diagnostics.Error(
        {}, what + ": " + messages,
        no_plugins ? "Graphviz's plugins are not registered: run 'dot -c' as root" : "");
    return false;
  };
  GraphPtr graph = ReadGraph(WriteDot(diagram, {/*include_floating=*/false}));
  if (!graph) return fail("Graphviz could not read the diagram");
  Layout layout(context, graph.get());
  if (!layout.Run("dot")) return fail("Graphviz could not lay out the diagram");

  Agraph_t* final_graph = graph.get();
  GraphPtr placed_graph;
  std::unique_ptr<Layout> placed_layout;
  bool has_floating = std::any_of(diagram.nodes.begin(), diagram.nodes.end(),
                                  [](const DiagramNode& node) { return node.floating(); });
  if (has_floating) {
    std::string laid_out;
    if (!RenderTo(context, graph.get(), "dot", &laid_out)) {
      return fail("Graphviz could not write the layout");
    }
    std::string markers = PlaceFloatingNodes(graph.get(), diagram, &output->crowded_markers);
    std::size_t close = laid_out.rfind('}');
    if (close == std::string::npos) return fail("Graphviz wrote an unexpected layout");
    laid_out.insert(close, markers);
    placed_graph = ReadGraph(laid_out);
    if (!placed_graph) return fail("Graphviz could not read the laid-out diagram");
    placed_layout = std::make_unique<Layout>(context, placed_graph.get());
    if (!placed_layout->Run("nop2")) return fail("Graphviz could not place the loop markers");
    final_graph = placed_graph.get();
  }
  if (!RenderTo(context, final_graph, ImageFormatName(format), &output->data)) {
    if (format == ImageFormat::kPng) {
      TakeMessages();
      diagnostics.Error({}, "this Graphviz cannot write PNG: its cairo plugin is not installed",
                        "SVG needs no plugin: use --format svg; on Debian the plugin comes with "
                        "libgvc6, registered by running 'dot -c' as root");
      return false;
    }
    return fail(std::string("Graphviz could not render ") + ImageFormatName(format));
  }
  if (format == ImageFormat::kSvg) output->data = StripGraphvizVersionComment(output->data);
  output->graphviz_warnings = TakeMessages();
  return true;
}

}  // namespace

const char* ImageFormatName(ImageFormat format) {
  switch (format) {
    case ImageFormat::kSvg:
      return "svg";
    case ImageFormat::kPng:
      return "png";
    case ImageFormat::kDot:
      return "dot";
  }
  return "svg";
}

std::string StripGraphvizVersionComment(std::string_view svg) {
  static constexpr std::string_view kStart = "<!-- Generated by graphviz version";
  std::size_t start = svg.find(kStart);
  if (start == std::string_view::npos) return std::string(svg);
  std::size_t end = svg.find("-->", start);
  if (end == std::string_view::npos) return std::string(svg);
  end += 3;
  if (end < svg.size() && svg[end] == '\n') ++end;
  return std::string(svg.substr(0, start)) + std::string(svg.substr(end));
}

bool CheckDrawable(const Diagram& diagram, const Location& location, Diagnostics& diagnostics,
                   const RenderLimits& limits) {
  if (diagram.nodes.size() > limits.max_nodes) {
    diagnostics.Error(location,
                      "the diagram is too large to draw: " + std::to_string(diagram.nodes.size()) +
                          " nodes (the limit is " + std::to_string(limits.max_nodes) + ")",
                      "draw a smaller model, or list its loops with 'sdlab loops --count'");
    return false;
  }
  if (diagram.edges.size() > limits.max_edges) {
    diagnostics.Error(location,
                      "the diagram is too large to draw: " + std::to_string(diagram.edges.size()) +
                          " links (the limit is " + std::to_string(limits.max_edges) + ")",
                      "draw a smaller model, or list its loops with 'sdlab loops --count'");
    return false;
  }
  return true;
}

bool RenderDiagram(const Diagram& diagram, ImageFormat format, RenderOutput* output,
                   Diagnostics& diagnostics, const RenderLimits& limits) {
  *output = RenderOutput();
  if (!CheckDrawable(diagram, {}, diagnostics, limits)) return false;
  std::lock_guard<std::mutex> lock(GraphvizMutex());
  return RenderLocked(diagram, format, output, diagnostics);
}

bool GraphvizCanRender(ImageFormat format) {
  if (format != ImageFormat::kPng) return true;
  static const bool can_render_png = [] {
    Diagram probe;
    probe.AddNode("probe", Label::Text("probe"));
    RenderOutput output;
    Diagnostics ignored;
    return RenderDiagram(probe, ImageFormat::kPng, &output, ignored);
  }();
  return can_render_png;
}

void PrepareGraphviz() {
  Diagram probe;
  probe.AddNode("probe", Label::Text("probe"));
  RenderOutput output;
  Diagnostics ignored;
  RenderDiagram(probe, ImageFormat::kSvg, &output, ignored);
}

std::string GraphvizVersion() {
  std::lock_guard<std::mutex> lock(GraphvizMutex());
  const char* version = gvcVersion(Context());
  return version != nullptr ? version : "";
}

}  // namespace sdlab
