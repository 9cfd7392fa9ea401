#include "core/diagram/marker_placement.h"

#include <gtest/gtest.h>

namespace sdlab {
namespace {

// A square loop drawn through (0,0) (100,0) (100,100) (0,100).
std::vector<LayoutPoint> Square(bool counterclockwise) {
  std::vector<LayoutPoint> square = {{0, 0}, {100, 0}, {100, 100}, {0, 100}};
  if (!counterclockwise) std::swap(square[1], square[3]);
  return square;
}

LayoutScene OpenScene() {
  LayoutScene scene;
  scene.bounds = {-200, -200, 300, 300};
  return scene;
}

bool Overlap(const LayoutBox& a, const LayoutBox& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

TEST(SignedArea2, IsPositiveCounterclockwise) {
  EXPECT_DOUBLE_EQ(SignedArea2(Square(true)), 20000);
  EXPECT_DOUBLE_EQ(SignedArea2(Square(false)), -20000);
}

TEST(InsidePolygon, UsesTheEvenOddRule) {
  EXPECT_TRUE(InsidePolygon(Square(true), {50, 50}));
  EXPECT_FALSE(InsidePolygon(Square(true), {150, 50}));
  EXPECT_FALSE(InsidePolygon(Square(true), {50, -1}));
}

TEST(PlaceMarker, PutsAMarkerAtTheCentreOfAnEmptyLoop) {
  MarkerPlacement placement = PlaceMarker(Square(true), 20, 10, OpenScene());
  EXPECT_TRUE(placement.clear);
  EXPECT_TRUE(placement.counterclockwise);
  EXPECT_NEAR(placement.centre.x, 50, 1e-9);
  EXPECT_NEAR(placement.centre.y, 50, 1e-9);
  EXPECT_FALSE(PlaceMarker(Square(false), 20, 10, OpenScene()).counterclockwise);
}

TEST(PlaceMarker, MovesAwayFromWhatIsAtTheCentre) {
  LayoutScene scene = OpenScene();
  LayoutBox obstacle{35, 35, 65, 65};
  scene.boxes.push_back(obstacle);
  scene.points.push_back({50, 80});
  MarkerPlacement placement = PlaceMarker(Square(true), 20, 10, scene);
  ASSERT_TRUE(placement.clear);
  LayoutBox marker = LayoutBox::Around(placement.centre, 20, 10);
  EXPECT_FALSE(Overlap(marker, obstacle));
  EXPECT_TRUE(InsidePolygon(Square(true), placement.centre));
}

TEST(PlaceMarker, GoesJustOutsideALoopWithNoRoomInside) {
  // Two links drawn close together (a lens 6 points wide), as a loop of
  // two variables often is.
  std::vector<LayoutPoint> lens = {{0, 0}, {3, 50}, {0, 100}, {-3, 50}};
  LayoutScene scene = OpenScene();
  for (std::size_t i = 0; i < lens.size(); ++i) {  // the links, drawn as close points
    const LayoutPoint& a = lens[i];
    const LayoutPoint& b = lens[(i + 1) % lens.size()];
    for (int k = 0; k < 50; ++k) {
      scene.points.push_back({a.x + (b.x - a.x) * k / 50, a.y + (b.y - a.y) * k / 50});
    }
  }
  MarkerPlacement placement = PlaceMarker(lens, 20, 10, scene);
  EXPECT_TRUE(placement.clear);
  EXPECT_FALSE(InsidePolygon(lens, placement.centre));
  EXPECT_LT(std::abs(placement.centre.x), 30) << "should stay near the lens";
}

TEST(PlaceMarker, SaysSoWhenThereIsNoRoomAnywhere) {
  LayoutScene scene;
  scene.bounds = {0, 0, 100, 100};
  scene.boxes.push_back({0, 0, 100, 100});
  EXPECT_FALSE(PlaceMarker(Square(true), 20, 10, scene).clear);
}

TEST(PlaceMarker, StaysInsideTheDrawing) {
  LayoutScene scene;
  scene.bounds = {0, 0, 100, 100};
  MarkerPlacement placement = PlaceMarker(Square(true), 20, 10, scene);
  LayoutBox marker = LayoutBox::Around(placement.centre, 20, 10);
  EXPECT_GE(marker.x0, 0);
  EXPECT_LE(marker.x1, 100);
}

}  // namespace
}  // namespace sdlab
