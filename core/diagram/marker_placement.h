#pragma once
// Where to put a loop marker (R1 with a circular arrow) once the diagram is
// laid out: inside the loop as drawn, as near its centre as it can be without
// touching a node, a link or a label. Plain geometry, no Graphviz: the
// adapter describes the drawing in these terms.

#include <vector>

namespace sdlab {

/// A point in layout coordinates (points, y up as Graphviz has it).
struct LayoutPoint {
  double x = 0;
  double y = 0;
};

/// An axis-aligned box.
struct LayoutBox {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // x0 <= x1, y0 <= y1
  static LayoutBox Around(LayoutPoint centre, double width, double height);
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

/// What a marker must not cover: node and label boxes, and points sampled
/// along every link (each link drawn as a polyline of close points).
struct LayoutScene {
  LayoutBox bounds;  // the drawing; markers stay inside it
  std::vector<LayoutBox> boxes;
  std::vector<LayoutPoint> points;
};

struct MarkerPlacement {
  LayoutPoint centre;
  /// True when the outline turns counterclockwise on the page.
  bool counterclockwise = false;
  /// False when no free spot was found and the marker overlaps something.
  bool clear = true;
};

/// Places a `width` x `height` marker for the loop drawn as `outline` (its
/// links' points in cycle order): the free spot nearest the outline's centre,
/// inside the outline if there is room, else just outside it. Deterministic.
MarkerPlacement PlaceMarker(const std::vector<LayoutPoint>& outline, double width, double height,
                            const LayoutScene& scene);

/// Twice the signed area of the polygon (positive = counterclockwise, y up).
double SignedArea2(const std::vector<LayoutPoint>& polygon);

/// Even-odd rule.
bool InsidePolygon(const std::vector<LayoutPoint>& polygon, LayoutPoint point);

}  // namespace sdlab
