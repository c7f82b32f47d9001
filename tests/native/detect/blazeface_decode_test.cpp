#include <catch2/catch.hpp>

#include <cmath>

#include "detect/blazeface_decode.h"
#include "detect/weighted_nms.h"

using namespace emolens::detect;

TEST_CASE("blazeface_decode offsets boxes and keypoints from the anchor, scaled by the input size") {
  const std::vector<Point2> anchors = {{0.25f, 0.25f}, {0.5f, 0.75f}, {0.9f, 0.1f}};
  std::vector<float> regressors(anchors.size() * kBlazeFaceValuesPerAnchor, 0.0f);
  float* r = &regressors[1 * kBlazeFaceValuesPerAnchor];
  r[0] = 12.8f, r[1] = -6.4f, r[2] = 25.6f, r[3] = 38.4f;  // centre +0.1, -0.05; size 0.2 x 0.3 of 128
  for (int k = 0; k < keypoint_count; ++k) r[4 + 2 * k] = 1.28f * k, r[5 + 2 * k] = -1.28f * k;
  const std::vector<float> scores = {-3.0f, 2.0f, 1e9f};  // below threshold, kept, clipped

  const std::vector<Detection> d = blazeface_decode(regressors.data(), scores.data(), anchors, 128.0f, 0.5f);
  REQUIRE(d.size() == 2);
  CHECK(d[0].score == Approx(1 / (1 + std::exp(-2.0))));
  CHECK(d[0].x == Approx(0.6f - 0.1f));
  CHECK(d[0].y == Approx(0.7f - 0.15f));
  CHECK(d[0].width == Approx(0.2f));
  CHECK(d[0].height == Approx(0.3f));
  CHECK(d[0].keypoints[mouth_centre].x == Approx(0.5f + 0.03f));
  CHECK(d[0].keypoints[mouth_centre].y == Approx(0.75f - 0.03f));
  CHECK(d[1].score == Approx(1.0f));
  CHECK(d[1].x == Approx(0.9f));  // a zero-size box at its anchor
}

TEST_CASE("weighted_nms merges overlapping detections into a score-weighted mean, keeps the best score") {
  Detection a, b, far;
  a.x = 10, a.y = 10, a.width = 20, a.height = 20, a.score = 0.9f;
  b.x = 12, b.y = 10, b.width = 20, b.height = 20, b.score = 0.6f;  // IoU 18*20 / (800 - 360) = 0.82
  far.x = 100, far.y = 100, far.width = 20, far.height = 20, far.score = 0.7f;
  a.keypoints[nose_tip] = {20, 20};
  b.keypoints[nose_tip] = {25, 20};

  const std::vector<Detection> kept = weighted_nms({b, far, a}, kBlazeFaceSuppressionThreshold);
  REQUIRE(kept.size() == 2);
  CHECK(kept[0].score == Approx(0.9f));
  CHECK(kept[0].x == Approx((0.9 * 10 + 0.6 * 12) / 1.5));
  CHECK(kept[0].keypoints[nose_tip].x == Approx((0.9 * 20 + 0.6 * 25) / 1.5));
  CHECK(kept[1].x == Approx(100));

  b.x = 26;  // IoU 4*20 / (800 - 80) = 0.11: below the threshold, both stay
  CHECK(weighted_nms({a, b}, kBlazeFaceSuppressionThreshold).size() == 2);
}
