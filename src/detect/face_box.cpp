#include "detect/face_box.h"

#include <algorithm>

namespace emolens::detect {

Detection face_box(const Detection& blazeface, const FaceBoxShape& shape) {
  // BlazeFace's box is square in pixels up to regression noise; the larger side is the scale.
  const float side = std::max(blazeface.width, blazeface.height);
  const float cx = blazeface.x + blazeface.width / 2;
  const float cy = blazeface.y + blazeface.height / 2 - shape.raise * side;
  Detection out = blazeface;
  out.width = shape.width * side;
  out.height = shape.height * side;
  out.x = cx - out.width / 2;
  out.y = cy - out.height / 2;
  return out;
}

}  // namespace emolens::detect
