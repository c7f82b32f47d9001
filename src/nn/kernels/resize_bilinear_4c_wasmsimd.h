// Bilinear resize (TFLite semantics), 4 channels per vector, wasm SIMD128.
#pragma once
#include <cstddef>

namespace emolens::nn {

struct ResizeGeometry {
  int in_h, in_w, channels, out_h, out_w;
  bool align_corners, half_pixel_centers;
};

void resize_bilinear_4c_wasmsimd_row(const ResizeGeometry& g, int oy, const float* x, float* y);  // one output row of one image

}  // namespace emolens::nn
