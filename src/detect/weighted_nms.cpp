#include "detect/weighted_nms.h"

#include <algorithm>

namespace emolens::detect {

std::vector<Detection> weighted_nms(std::vector<Detection> detections, float iou_threshold) {
  // Ties broken by position so the order never depends on the input order.
  std::sort(detections.begin(), detections.end(), [](const Detection& a, const Detection& b) {
    return a.score != b.score ? a.score > b.score : a.y != b.y ? a.y < b.y : a.x < b.x;
  });
  std::vector<Detection> kept;
  std::vector<bool> absorbed(detections.size(), false);
  for (size_t i = 0; i < detections.size(); ++i) {
    if (absorbed[i]) continue;
    const Detection& best = detections[i];
    Detection sum{};
    float total = 0;
    for (size_t j = i; j < detections.size(); ++j) {
      if (absorbed[j] || (j != i && detection_iou(best, detections[j]) <= iou_threshold)) continue;
      absorbed[j] = true;
      const Detection& d = detections[j];
      const float w = d.score;
      total += w;
      sum.x += w * d.x, sum.y += w * d.y, sum.width += w * d.width, sum.height += w * d.height;
      for (int k = 0; k < keypoint_count; ++k) sum.keypoints[k].x += w * d.keypoints[k].x, sum.keypoints[k].y += w * d.keypoints[k].y;
    }
    Detection merged = best;
    if (total > 0) {
      merged.x = sum.x / total, merged.y = sum.y / total, merged.width = sum.width / total, merged.height = sum.height / total;
      for (int k = 0; k < keypoint_count; ++k) merged.keypoints[k] = {sum.keypoints[k].x / total, sum.keypoints[k].y / total};
    }
    kept.push_back(merged);
  }
  return kept;
}

std::vector<Detection> drop_nested(const std::vector<Detection>& best_first, float min_share) {
  std::vector<Detection> kept;
  for (const Detection& d : best_first) {
    const bool nested = std::any_of(kept.begin(), kept.end(), [&](const Detection& k) {
      const float ix = std::min(d.x + d.width, k.x + k.width) - std::max(d.x, k.x);
      const float iy = std::min(d.y + d.height, k.y + k.height) - std::max(d.y, k.y);
      const float smaller = std::min(d.width * d.height, k.width * k.height);
      return ix > 0 && iy > 0 && smaller > 0 && ix * iy >= min_share * smaller;
    });
    if (!nested) kept.push_back(d);
  }
  return kept;
}

}  // namespace emolens::detect
