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

  std::vector<Detection> d;
  blazeface_decode(regressors.data(), scores.data(), anchors, 128.0f, 0.5f, d);
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

  blazeface_decode(regressors.data(), scores.data(), anchors, 128.0f, 0.5f, d);  // a second pass appends
  REQUIRE(d.size() == 4);
  CHECK(d[2].x == Approx(d[0].x));
}

TEST_CASE("weighted_nms merges overlapping detections into a score-weighted mean, keeps the best score") {
  Detection a, b, far;
  a.x = 10, a.y = 10, a.width = 20, a.height = 20, a.score = 0.9f;
  b.x = 12, b.y = 10, b.width = 20, b.height = 20, b.score = 0.6f;  // IoU 18*20 / (800 - 360) = 0.82
  far.x = 100, far.y = 100, far.width = 20, far.height = 20, far.score = 0.7f;
  a.keypoints[nose_tip] = {20, 20};
  b.keypoints[nose_tip] = {25, 20};

  std::vector<Detection> kept = {b, far, a};
  weighted_nms(kept, kBlazeFaceSuppressionThreshold);
  REQUIRE(kept.size() == 2);
  CHECK(kept[0].score == Approx(0.9f));
  CHECK(kept[0].x == Approx((0.9 * 10 + 0.6 * 12) / 1.5));
  CHECK(kept[0].keypoints[nose_tip].x == Approx((0.9 * 20 + 0.6 * 25) / 1.5));
  CHECK(kept[1].x == Approx(100));

  b.x = 26;  // IoU 4*20 / (800 - 80) = 0.11: below the threshold, both stay
  std::vector<Detection> apart = {a, b};
  weighted_nms(apart, kBlazeFaceSuppressionThreshold);
  CHECK(apart.size() == 2);
}

TEST_CASE("drop_nested drops a box mostly inside a better one, or mostly around it; neighbours stay", "[detect]") {
  const auto box = [](float x, float y, float side, float score) {
    Detection d;
    d.x = x, d.y = y, d.width = side, d.height = side, d.score = score;
    return d;
  };
  const Detection face = box(100, 100, 100, 0.9f);
  const Detection part = box(130, 150, 40, 0.6f);     // wholly inside the face: IoU 0.16, under NMS's 0.3
  const Detection around = box(60, 60, 180, 0.5f);    // holds the whole face (IoU 0.31): the smaller is all inside
  const Detection neighbour = box(170, 100, 100, 0.8f);  // overlaps 30% of its area: another face
  std::vector<Detection> kept = {face, neighbour, part, around};
  drop_nested(kept, kNestedFaceShare);
  REQUIRE(kept.size() == 2);
  CHECK(kept[0].x == 100);
  CHECK(kept[1].x == 170);
  // Order decides: the better-scoring box of a nested pair stays, whichever is larger.
  std::vector<Detection> small_first = {box(130, 150, 40, 0.95f), face};
  drop_nested(small_first, kNestedFaceShare);
  REQUIRE(small_first.size() == 1);
  CHECK(small_first[0].width == 40);
  std::vector<Detection> pair = {face, part};
  drop_nested(pair, 1.01f);
  CHECK(pair.size() == 2);  // a share over 1 drops nothing
}
