#include "detect/weighted_nms.h"

#include <algorithm>

namespace emolens::detect {

// In place so a camera stream reuses one vector's capacity: each kept detection takes its group's
// mean, and the absorbed ones are compacted out of the tail behind it.
void weighted_nms(std::vector<Detection>& detections, float iou_threshold) {
  // Ties broken by position so the order never depends on the input order.
  std::sort(detections.begin(), detections.end(), [](const Detection& a, const Detection& b) {
    return a.score != b.score ? a.score > b.score : a.y != b.y ? a.y < b.y : a.x < b.x;
  });
  for (size_t i = 0; i < detections.size(); ++i) {
    const Detection best = detections[i];
    Detection sum{};
    float total = 0;
    const auto absorb = [&](const Detection& d) {
      const float w = d.score;
      total += w;
      sum.x += w * d.x, sum.y += w * d.y, sum.width += w * d.width, sum.height += w * d.height;
      for (int k = 0; k < keypoint_count; ++k) sum.keypoints[k].x += w * d.keypoints[k].x, sum.keypoints[k].y += w * d.keypoints[k].y;
    };
    absorb(best);
    size_t rest = i + 1;
    for (size_t j = i + 1; j < detections.size(); ++j) {
      if (detection_iou(best, detections[j]) > iou_threshold) {
        absorb(detections[j]);
      } else {
        detections[rest++] = detections[j];
      }
    }
    detections.resize(rest);
    Detection& merged = detections[i];
    if (total > 0) {
      merged.x = sum.x / total, merged.y = sum.y / total, merged.width = sum.width / total, merged.height = sum.height / total;
      for (int k = 0; k < keypoint_count; ++k) merged.keypoints[k] = {sum.keypoints[k].x / total, sum.keypoints[k].y / total};
    }
  }
}

void drop_nested(std::vector<Detection>& best_first, float min_share) {
  size_t kept = 0;
  for (size_t i = 0; i < best_first.size(); ++i) {
    const Detection& d = best_first[i];
    const bool nested = std::any_of(best_first.begin(), best_first.begin() + kept, [&](const Detection& k) {
      const float ix = std::min(d.x + d.width, k.x + k.width) - std::max(d.x, k.x);
      const float iy = std::min(d.y + d.height, k.y + k.height) - std::max(d.y, k.y);
      const float smaller = std::min(d.width * d.height, k.width * k.height);
      return ix > 0 && iy > 0 && smaller > 0 && ix * iy >= min_share * smaller;
    });
    if (!nested) best_first[kept++] = d;
  }
  best_first.resize(kept);
}

}  // namespace emolens::detect
