// Depthwise 3x3 convolution, stride 1 or 2, 4 channels per vector, wasm SIMD128: the one
// BlazeFace runs most. A channel block's 9 weights stay in registers across a segment of the row
// and four output pixels are computed at once (four independent sums), where the generic kernel
// reloads weights per pixel and waits on one sum.
#pragma once
#include <cstddef>

#include "nn/kernels/window_geometry.h"

namespace emolens::nn {

// Same contract and packed weights as dwconv_4c_wasmsimd_row (nn/kernels/dwconv_4c_wasmsimd.h), for
// kernel 3x3, any stride. Taps in the padding read `zero_row` (at least in_w * channels zeros), so
// every output is bias + all 9 taps in row-major order; the last channels when channels % 4 != 0
// run the generic kernel.
void dwconv3x3_4c_wasmsimd_row(const WindowGeometry& g, int oy, const float* x, const float* packed,
                               const float* zero_row, float* y, float min, float max);

}  // namespace emolens::nn
