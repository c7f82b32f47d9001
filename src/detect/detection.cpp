#include "detect/detection.h"

#include <algorithm>

namespace emolens::detect {

float detection_iou(const Detection& a, const Detection& b) {
  const float ix = std::min(a.x + a.width, b.x + b.width) - std::max(a.x, b.x);
  const float iy = std::min(a.y + a.height, b.y + b.height) - std::max(a.y, b.y);
  if (ix <= 0 || iy <= 0) return 0;
  const float intersection = ix * iy;
  const float union_area = a.width * a.height + b.width * b.height - intersection;
  return union_area > 0 ? intersection / union_area : 0;
}

}  // namespace emolens::detect
