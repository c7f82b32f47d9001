// Depthwise convolution, 4 channels per vector, wasm SIMD128, any kernel size (3x3, 5x5 used).
#pragma once
#include <vector>

#include "nn/kernels/window_geometry.h"

namespace emolens::nn {

// Packs w[kh*kw][c] and bias[c] (may be null) into blocks of 4 channels: 4 biases, then kh*kw
// groups of 4 weights; missing channels of the last block are zero.
std::vector<float> dwconv_pack_weights(const float* w, const float* bias, size_t taps, size_t channels);

// One output row `oy` of one image: y[ox][c] = clamp(bias + sum of in-bounds taps, min, max).
void dwconv_4c_wasmsimd_row(const WindowGeometry& g, int oy, const float* x, const float* packed, float* y,
                            float min, float max);

// The same for output columns [ox0, ox1) and channels [c0, channels) only (c0 a multiple of 4):
// what the specialised kernels leave to this one (edge columns, ragged channel tails).
void dwconv_4c_wasmsimd_part(const WindowGeometry& g, int oy, int ox0, int ox1, size_t c0, const float* x,
                             const float* packed, float* y, float min, float max);

}  // namespace emolens::nn
