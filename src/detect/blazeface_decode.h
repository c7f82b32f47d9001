// BlazeFace's raw outputs -> scored boxes with keypoints, as MediaPipe's TensorsToDetections
// calculator decodes them for face detection: 16 values per anchor, x/y before w/h
// (reverse_output_order), everything divided by the input size (x/y/w/h_scale) and offset by the
// anchor centre; scores are sigmoid(clip(raw, -100, 100)).
#pragma once
#include <vector>

#include "detect/detection.h"

namespace emolens::detect {

constexpr int kBlazeFaceValuesPerAnchor = 16;  // box 4 + 6 keypoints x 2

// regressors: anchors.size() x 16, scores: anchors.size() raw logits. Keeps anchors scoring at
// least min_score, appended to `out` (its capacity is reused frame after frame); coordinates are
// normalised to the network input (0..1).
void blazeface_decode(const float* regressors, const float* scores, const std::vector<Point2>& anchors, float input_size,
                      float min_score, std::vector<Detection>& out);

}  // namespace emolens::detect
