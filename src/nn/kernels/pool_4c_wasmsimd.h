// Max, average and global average pooling, 4 channels per vector, wasm SIMD128.
#pragma once
#include <cstddef>

#include "nn/kernels/window_geometry.h"

namespace emolens::nn {

void max_pool_4c_wasmsimd_row(const WindowGeometry& g, int oy, const float* x, float* y);  // one output row
void avg_pool_4c_wasmsimd_row(const WindowGeometry& g, int oy, const float* x, float* y);  // divides by in-bounds taps
void global_avg_pool_4c_wasmsimd(const float* x, size_t pixels, size_t channels, float* y);  // one image
}  // namespace emolens::nn
