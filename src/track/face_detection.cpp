#include "track/face_detection.h"

#include <algorithm>
#include <cmath>

namespace emolens {

float box_iou(const FaceBox& a, const FaceBox& b) {
  const float overlap_w = std::min(a.x + a.width, b.x + b.width) - std::max(a.x, b.x);
  const float overlap_h = std::min(a.y + a.height, b.y + b.height) - std::max(a.y, b.y);
  if (overlap_w <= 0 || overlap_h <= 0) return 0;
  const float intersection = overlap_w * overlap_h;
  const float union_area = a.width * a.height + b.width * b.height - intersection;
  return union_area > 0 ? intersection / union_area : 0;
}

float box_size(const FaceBox& box) { return std::sqrt(std::max(0.0f, box.width * box.height)); }

FaceDetection detection_shifted(const FaceDetection& face, float dx, float dy) {
  FaceDetection moved = face;
  moved.box.x += dx;
  moved.box.y += dy;
  for (FacePoint& point : moved.keypoints) {
    point.x += dx;
    point.y += dy;
  }
  return moved;
}

}  // namespace emolens
