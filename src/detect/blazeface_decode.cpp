#include "detect/blazeface_decode.h"

#include <algorithm>
#include <cmath>

namespace emolens::detect {

void blazeface_decode(const float* regressors, const float* scores, const std::vector<Point2>& anchors, float input_size,
                      float min_score, std::vector<Detection>& out) {
  constexpr float kScoreClip = 100.0f;  // MediaPipe's score_clipping_thresh
  for (size_t i = 0; i < anchors.size(); ++i) {
    const float score = 1.0f / (1.0f + std::exp(-std::clamp(scores[i], -kScoreClip, kScoreClip)));
    if (score < min_score) continue;
    const float* r = regressors + i * kBlazeFaceValuesPerAnchor;
    const Point2 anchor = anchors[i];
    Detection d;
    const float cx = r[0] / input_size + anchor.x, cy = r[1] / input_size + anchor.y;
    d.width = r[2] / input_size;
    d.height = r[3] / input_size;
    d.x = cx - d.width / 2;
    d.y = cy - d.height / 2;
    d.score = score;
    for (int k = 0; k < keypoint_count; ++k) d.keypoints[k] = {r[4 + 2 * k] / input_size + anchor.x, r[5 + 2 * k] / input_size + anchor.y};
    out.push_back(d);
  }
}

}  // namespace emolens::detect
