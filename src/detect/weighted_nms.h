// Non-maximum suppression as MediaPipe's "WEIGHTED" overlap type does it: the best remaining
// detection absorbs every other one overlapping it by more than the threshold (IoU), and its box
// and keypoints become the score-weighted mean of the group; it keeps its own score. Averaging
// steadies boxes that plain NMS would let jump between neighbouring anchors.
#pragma once
#include <vector>

#include "detect/detection.h"

namespace emolens::detect {

constexpr float kBlazeFaceSuppressionThreshold = 0.3f;  // MediaPipe's min_suppression_threshold

void weighted_nms(std::vector<Detection>& detections, float iou_threshold);  // in place, best first

// Passes over tiles of different sizes and the two models can leave nested boxes on one face (a
// partial face inside the whole one, or a loose box around it) whose IoU stays under the
// suppression threshold. Faces do not nest, so a detection is dropped when its overlap with a
// better-scoring kept one covers at least `min_share` of the smaller of the two boxes.
// 0.7 was chosen among 0.5..0.8 on the even-numbered images of ../shared/data/wider and checked on
// the odd ones (cli/detect-eval/README.md).
constexpr float kNestedFaceShare = 0.7f;

void drop_nested(std::vector<Detection>& best_first, float min_share);  // in place, order kept

}  // namespace emolens::detect
