#include <catch2/catch.hpp>

#include "detect/ssd_anchors.h"

using namespace emolens::detect;

TEST_CASE("short-range anchors: 16x16 cells x 2 at stride 8, then 8x8 cells x 6 at stride 16") {
  const std::vector<Point2> a = ssd_anchors(anchor_options_short_range());
  REQUIRE(a.size() == 896);
  CHECK(a[0].x == Approx(0.5 / 16));
  CHECK(a[1].x == Approx(0.5 / 16));        // two anchors share a cell
  CHECK(a[2].x == Approx(1.5 / 16));
  CHECK(a[32].y == Approx(1.5 / 16));       // next row after 16 cells x 2
  CHECK(a[511].x == Approx(15.5 / 16));
  CHECK(a[512].x == Approx(0.5 / 8));
  CHECK(a[517].x == Approx(0.5 / 8));       // six anchors in the first stride-16 cell
  CHECK(a[518].x == Approx(1.5 / 8));
  CHECK(a[895].x == Approx(7.5 / 8));
  CHECK(a[895].y == Approx(7.5 / 8));
}

TEST_CASE("full-range anchors: 48x48 cells, one each") {
  const std::vector<Point2> a = ssd_anchors(anchor_options_full_range());
  REQUIRE(a.size() == 2304);
  CHECK(a[0].x == Approx(0.5 / 48));
  CHECK(a[1].x == Approx(1.5 / 48));
  CHECK(a[48].y == Approx(1.5 / 48));
  CHECK(a[2303].x == Approx(47.5 / 48));
  CHECK(a[2303].y == Approx(47.5 / 48));
}
