// Non-maximum suppression as MediaPipe's "WEIGHTED" overlap type does it: the best remaining
// detection absorbs every other one overlapping it by more than the threshold (IoU), and its box
// and keypoints become the score-weighted mean of the group; it keeps its own score. Averaging
// steadies boxes that plain NMS would let jump between neighbouring anchors.
#pragma once
#include <vector>

#include "detect/detection.h"

namespace emolens::detect {

constexpr float kBlazeFaceSuppressionThreshold = 0.3f;  // MediaPipe's min_suppression_threshold

std::vector<Detection> weighted_nms(std::vector<Detection> detections, float iou_threshold);  // best first

}  // namespace emolens::detect
