// A face found by BlazeFace: a box, 6 keypoints and a score, in whatever coordinates the stage
// that holds it works in (normalised network input while decoding, frame pixels afterwards).
#pragma once
#include <array>

namespace emolens::detect {

struct Point2 {
  float x = 0, y = 0;
};

// Keypoint order of BlazeFace's output.
enum Keypoint { right_eye, left_eye, nose_tip, mouth_centre, right_ear, left_ear, keypoint_count };

struct Detection {
  float x = 0, y = 0, width = 0, height = 0;  // top-left corner and size
  float score = 0;                            // 0..1
  std::array<Point2, keypoint_count> keypoints;
};

float detection_iou(const Detection& a, const Detection& b);  // intersection over union of the boxes

}  // namespace emolens::detect
