#include "core/diagram/marker_placement.h"

#include <algorithm>
#include <cmath>

namespace sdlab {
namespace {

// Space kept between a marker and anything else, in points.
constexpr double kMargin = 3.0;
// At most this many candidate positions per axis, whatever the loop's size.
constexpr int kMaxGridSteps = 48;

bool Overlaps(const LayoutBox& a, const LayoutBox& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

bool Contains(const LayoutBox& box, LayoutPoint point) {
  return point.x > box.x0 && point.x < box.x1 && point.y > box.y0 && point.y < box.y1;
}

bool IsFree(const LayoutBox& marker, const LayoutScene& scene) {
  if (marker.x0 < scene.bounds.x0 || marker.x1 > scene.bounds.x1 || marker.y0 < scene.bounds.y0 ||
      marker.y1 > scene.bounds.y1) {
    return false;
  }
  LayoutBox padded{marker.x0 - kMargin, marker.y0 - kMargin, marker.x1 + kMargin,
                   marker.y1 + kMargin};
  for (const LayoutBox& box : scene.boxes) {
    if (Overlaps(padded, box)) return false;
  }
  for (const LayoutPoint& point : scene.points) {
    if (Contains(padded, point)) return false;
  }
  return true;
}

// The area centroid of the polygon, or the mean of its points when it has
// (almost) no area, as a loop of two links drawn close together has.
LayoutPoint Centre(const std::vector<LayoutPoint>& polygon) {
  double area2 = SignedArea2(polygon);
  LayoutPoint mean;
  for (const LayoutPoint& p : polygon) mean.x += p.x, mean.y += p.y;
  mean.x /= static_cast<double>(polygon.size());
  mean.y /= static_cast<double>(polygon.size());
  if (std::fabs(area2) < 1.0) return mean;
  LayoutPoint centre;
  for (std::size_t i = 0; i < polygon.size(); ++i) {
    const LayoutPoint& a = polygon[i];
    const LayoutPoint& b = polygon[(i + 1) % polygon.size()];
    double cross = a.x * b.y - b.x * a.y;
    centre.x += (a.x + b.x) * cross;
    centre.y += (a.y + b.y) * cross;
  }
  centre.x /= 3.0 * area2;
  centre.y /= 3.0 * area2;
  return centre;
}

struct Candidate {
  double distance2;
  LayoutPoint point;
};

}  // namespace

LayoutBox LayoutBox::Around(LayoutPoint centre, double width, double height) {
  return {centre.x - width / 2, centre.y - height / 2, centre.x + width / 2, centre.y + height / 2};
}

double SignedArea2(const std::vector<LayoutPoint>& polygon) {
  double area2 = 0;
  for (std::size_t i = 0; i < polygon.size(); ++i) {
    const LayoutPoint& a = polygon[i];
    const LayoutPoint& b = polygon[(i + 1) % polygon.size()];
    area2 += a.x * b.y - b.x * a.y;
  }
  return area2;
}

bool InsidePolygon(const std::vector<LayoutPoint>& polygon, LayoutPoint point) {
  bool inside = false;
  for (std::size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
    const LayoutPoint& a = polygon[i];
    const LayoutPoint& b = polygon[j];
    if ((a.y > point.y) != (b.y > point.y) &&
        point.x < (b.x - a.x) * (point.y - a.y) / (b.y - a.y) + a.x) {
      inside = !inside;
    }
  }
  return inside;
}

MarkerPlacement PlaceMarker(const std::vector<LayoutPoint>& outline, double width, double height,
                            const LayoutScene& scene) {
  MarkerPlacement placement;
  if (outline.empty()) {
    placement.centre = {(scene.bounds.x0 + scene.bounds.x1) / 2,
                        (scene.bounds.y0 + scene.bounds.y1) / 2};
    placement.clear = IsFree(LayoutBox::Around(placement.centre, width, height), scene);
    return placement;
  }
  placement.counterclockwise = SignedArea2(outline) > 0;
  LayoutPoint centre = Centre(outline);
  placement.centre = centre;

  // Candidates on a grid over the loop's extent widened by two marker sizes,
  // tried nearest the centre first: the first free one inside the outline
  // wins, else the first free one outside.
  LayoutBox extent{centre.x, centre.y, centre.x, centre.y};
  for (const LayoutPoint& p : outline) {
    extent.x0 = std::min(extent.x0, p.x), extent.x1 = std::max(extent.x1, p.x);
    extent.y0 = std::min(extent.y0, p.y), extent.y1 = std::max(extent.y1, p.y);
  }
  extent.x0 -= 2 * width, extent.x1 += 2 * width;
  extent.y0 -= 2 * height, extent.y1 += 2 * height;
  double step = std::max(
      {4.0, (extent.x1 - extent.x0) / kMaxGridSteps, (extent.y1 - extent.y0) / kMaxGridSteps});
  std::vector<Candidate> candidates;
  for (double x = centre.x - std::floor((centre.x - extent.x0) / step) * step; x <= extent.x1;
       x += step) {
    for (double y = centre.y - std::floor((centre.y - extent.y0) / step) * step; y <= extent.y1;
         y += step) {
      double dx = x - centre.x, dy = y - centre.y;
      candidates.push_back({dx * dx + dy * dy, {x, y}});
    }
  }
  // Only what lies near the loop can be in the way.
  LayoutScene near;
  near.bounds = scene.bounds;
  LayoutBox reach{extent.x0 - width, extent.y0 - height, extent.x1 + width, extent.y1 + height};
  for (const LayoutBox& box : scene.boxes) {
    if (Overlaps(box, reach)) near.boxes.push_back(box);
  }
  for (const LayoutPoint& point : scene.points) {
    if (Contains(reach, point)) near.points.push_back(point);
  }
  std::stable_sort(
      candidates.begin(), candidates.end(),
      [](const Candidate& a, const Candidate& b) { return a.distance2 < b.distance2; });
  const Candidate* outside = nullptr;
  for (const Candidate& candidate : candidates) {
    bool inside = InsidePolygon(outline, candidate.point);
    if (!inside && outside != nullptr) continue;
    if (!IsFree(LayoutBox::Around(candidate.point, width, height), near)) continue;
    if (inside) {
      placement.centre = candidate.point;
      return placement;
    }
    outside = &candidate;
  }
  if (outside != nullptr) {
    placement.centre = outside->point;
  } else {
    placement.clear = false;
  }
  return placement;
}

}  // namespace sdlab
