// Element-wise kernels, 4 floats per vector, wasm SIMD128: add, clamp (relu/relu6), PReLU,
// sigmoid, channel padding and softmax rows. Tails run the same arithmetic one lane at a time.
#pragma once
#include <cstddef>

namespace emolens::nn {

void add_4x_wasmsimd(const float* a, const float* b, float* y, size_t n, float min, float max);  // clamp(a+b)
void clamp_4x_wasmsimd(const float* x, float* y, size_t n, float min, float max);               // relu, relu6
void prelu_4x_wasmsimd(const float* x, const float* alpha, float* y, size_t pixels, size_t channels);
void sigmoid_4x_wasmsimd(const float* x, float* y, size_t n);                                    // 1/(1+exp(-x))
void pad_channels_4x_wasmsimd(const float* x, float* y, size_t pixels, size_t channels, size_t after);
void softmax_4x_wasmsimd_row(const float* x, float* y, size_t n);                                // one row

}  // namespace emolens::nn
