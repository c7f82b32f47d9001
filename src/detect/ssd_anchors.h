// SSD anchors of the BlazeFace models, as MediaPipe's SsdAnchorsCalculator lays them out with
// the options its face detection graphs use (fixed_anchor_size: every anchor is 1x1, so only the
// centres matter).
//   short range: 128x128, num_layers 4, strides [8, 16, 16, 16], aspect_ratios [1.0],
//                interpolated_scale_aspect_ratio 1.0 -> 2 anchors per cell per layer: 896
//   full range:  192x192, num_layers 1, strides [4], interpolated_scale_aspect_ratio 0.0
//                -> 1 anchor per cell: 2304
// min_scale 0.1484375 / max_scale 0.75 set anchor sizes, which fixed_anchor_size ignores.
#pragma once
#include <vector>

#include "detect/detection.h"

namespace emolens::detect {

struct AnchorOptions {
  int input_size = 128;             // square network input
  std::vector<int> strides;         // one per layer; consecutive equal strides share a feature map
  int anchors_per_layer = 2;        // per cell: aspect ratios + the interpolated-scale anchor
};

AnchorOptions anchor_options_short_range();  // the 896-anchor layout
AnchorOptions anchor_options_full_range();   // the 2304-anchor layout

// Anchor centres in normalised input coordinates, in the order the model's outputs list them:
// feature map by feature map, row by row, cell by cell, anchor by anchor.
std::vector<Point2> ssd_anchors(const AnchorOptions& options);

}  // namespace emolens::detect
