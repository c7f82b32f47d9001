// The measures the tracker takes of a detector box (src/detect/detection.h): centre, size, a shift.
#pragma once
#include "detect/detection.h"

namespace emolens {

detect::Point2 detection_center(const detect::Detection& face);  // centre of the box, pixels
float detection_size(const detect::Detection& face);             // sqrt(width * height): the unit distances are measured in
detect::Detection detection_shifted(const detect::Detection& face, float dx, float dy);  // box and keypoints moved by (dx, dy)

}  // namespace emolens
