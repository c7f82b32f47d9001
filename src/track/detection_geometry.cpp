#include "track/detection_geometry.h"

#include <algorithm>
#include <cmath>

namespace emolens {

detect::Point2 detection_center(const detect::Detection& face) {
  return {face.x + 0.5f * face.width, face.y + 0.5f * face.height};
}

float detection_size(const detect::Detection& face) { return std::sqrt(std::max(0.0f, face.width * face.height)); }

detect::Detection detection_shifted(const detect::Detection& face, float dx, float dy) {
  detect::Detection moved = face;
  moved.x += dx;
  moved.y += dy;
  for (detect::Point2& point : moved.keypoints) {
    point.x += dx;
    point.y += dy;
  }
  return moved;
}

}  // namespace emolens
