// Where an output row/column of a bilinear resize samples its input (TFLite's conventions).
#pragma once
#include <algorithm>
#include <cmath>

namespace emolens::nn {

struct ResizeSample {
  int lower, upper;  // the two input positions blended
  float frac;        // weight of `upper`
};

inline ResizeSample resize_sample(int out_pos, int in_size, int out_size, bool align_corners, bool half_pixel_centers) {
  const float scale = align_corners && out_size > 1 ? float(in_size - 1) / float(out_size - 1)
                                                    : float(in_size) / float(out_size);
  const float src = half_pixel_centers ? (float(out_pos) + 0.5f) * scale - 0.5f : float(out_pos) * scale;
  const float floor_src = std::floor(src);
  return {std::max(int(floor_src), 0), std::min(int(std::ceil(src)), in_size - 1), src - floor_src};
}

}  // namespace emolens::nn
