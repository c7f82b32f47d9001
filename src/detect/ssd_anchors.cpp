#include "detect/ssd_anchors.h"

#include <cstddef>

namespace emolens::detect {

AnchorOptions anchor_options_short_range() { return {128, {8, 16, 16, 16}, 2}; }
AnchorOptions anchor_options_full_range() { return {192, {4}, 1}; }

std::vector<Point2> ssd_anchors(const AnchorOptions& options) {
  constexpr float kAnchorOffset = 0.5f;  // anchors sit at cell centres
  std::vector<Point2> anchors;
  for (size_t layer = 0; layer < options.strides.size();) {
    const int stride = options.strides[layer];
    size_t same_stride = 0;
    while (layer + same_stride < options.strides.size() && options.strides[layer + same_stride] == stride) ++same_stride;
    const int cells = (options.input_size + stride - 1) / stride;
    const int per_cell = options.anchors_per_layer * static_cast<int>(same_stride);
    for (int y = 0; y < cells; ++y) {
      for (int x = 0; x < cells; ++x) {
        for (int a = 0; a < per_cell; ++a) anchors.push_back({(x + kAnchorOffset) / cells, (y + kAnchorOffset) / cells});
      }
    }
    layer += same_stride;
  }
  return anchors;
}

}  // namespace emolens::detect
