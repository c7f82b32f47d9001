// Indirect GEMM micro-kernel, 4 output pixels x 8 output channels, wasm SIMD128 (XNNPACK's igemm
// idea): each output pixel reads its ks taps through pointers, each to kc contiguous input
// channels (or to a zero row for padding), so every convolution and fully_connected runs here.
#pragma once
#include <cstddef>
#include <vector>

namespace emolens::nn {

constexpr size_t kIgemmMr = 4;  // output pixels per tile
constexpr size_t kIgemmNr = 8;  // output channels per tile

// Packs w[co][ks][kc] and bias[co] (may be null) into blocks of 8 output channels:
// 8 biases, then ks*kc groups of 8 weights; missing channels of the last block are zero.
std::vector<float> igemm_pack_weights(const float* w, const float* bias, size_t co, size_t ks, size_t kc);

// c[r][0..nc) = clamp(bias + sum_t sum_k a[r*ks + t][k] * w, min, max) for r < mr (1..4), every
// block of 8 output channels in turn (the tile's input rows stay in L1 across them). Row r is
// computed the same way whatever mr is, so tiling never changes a result.
void igemm_4x8_wasmsimd(size_t mr, size_t nc, size_t kc, size_t ks, const float* const* a,
                        const float* packed, float* c, size_t c_stride, float min, float max);

}  // namespace emolens::nn
