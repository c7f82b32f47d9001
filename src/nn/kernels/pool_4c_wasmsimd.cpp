#include "nn/kernels/pool_4c_wasmsimd.h"

#include <algorithm>
#include <cmath>

#include "nn/kernels/simd128.h"

namespace emolens::nn {
namespace {

// One output row of a pool; Max picks max-vs-sum, both visit taps in the reference's order.
template <bool Max>
void pool_row(const WindowGeometry& g, int oy, const float* x, float* y) {
  const size_t c_count = size_t(g.channels), row_stride = size_t(g.in_w) * c_count;
  for (int ox = 0; ox < g.out_w; ++ox) {
    const auto [ky0, ky1, kx0, kx1, first] = g.taps(oy, ox);
    float* out = y + size_t(ox) * c_count;
    size_t c = 0;
    if (Max && ky1 - ky0 == 2 && kx1 - kx0 == 2) {
      // The 2x2 window BlazeFace pools with, unrolled: the same pmax sequence as the loop below.
      const float* in = x + first;
      const v128_t lowest = wasm_f32x4_splat(-INFINITY);
      for (; c + 4 <= c_count; c += 4) {
        v128_t acc = wasm_f32x4_pmax(lowest, wasm_v128_load(in + c));
        acc = wasm_f32x4_pmax(acc, wasm_v128_load(in + c + c_count));
        acc = wasm_f32x4_pmax(acc, wasm_v128_load(in + c + row_stride));
        acc = wasm_f32x4_pmax(acc, wasm_v128_load(in + c + row_stride + c_count));
        wasm_v128_store(out + c, acc);
      }
    }
    for (; c + 4 <= c_count; c += 4) {
      v128_t acc = wasm_f32x4_splat(Max ? -INFINITY : 0.0f);
      for (int ky = ky0; ky < ky1; ++ky) {
        const float* in = x + first + ptrdiff_t(ky - ky0) * ptrdiff_t(row_stride) + ptrdiff_t(c);
        for (int kx = kx0; kx < kx1; ++kx, in += c_count) {
          const v128_t v = wasm_v128_load(in);
          acc = Max ? wasm_f32x4_pmax(acc, v) : wasm_f32x4_add(acc, v);
        }
      }
      wasm_v128_store(out + c, Max ? acc : wasm_f32x4_div(acc, wasm_f32x4_splat(float((ky1 - ky0) * (kx1 - kx0)))));
    }
    for (; c < c_count; ++c) {
      float acc = Max ? -INFINITY : 0.0f;
      for (int ky = ky0; ky < ky1; ++ky) {
        const float* in = x + first + ptrdiff_t(ky - ky0) * ptrdiff_t(row_stride) + ptrdiff_t(c);
        for (int kx = kx0; kx < kx1; ++kx, in += c_count) acc = Max ? (acc < *in ? *in : acc) : acc + *in;
      }
      out[c] = Max ? acc : acc / float((ky1 - ky0) * (kx1 - kx0));
    }
  }
}

}  // namespace

void max_pool_4c_wasmsimd_row(const WindowGeometry& g, int oy, const float* x, float* y) { pool_row<true>(g, oy, x, y); }
void avg_pool_4c_wasmsimd_row(const WindowGeometry& g, int oy, const float* x, float* y) { pool_row<false>(g, oy, x, y); }

void global_avg_pool_4c_wasmsimd(const float* x, size_t pixels, size_t channels, float* y) {
  const v128_t count = wasm_f32x4_splat(float(pixels));
  size_t c = 0;
  for (; c + 4 <= channels; c += 4) {
    v128_t acc = wasm_f32x4_splat(0.0f);
    for (size_t p = 0; p < pixels; ++p) acc = wasm_f32x4_add(acc, wasm_v128_load(x + p * channels + c));
    wasm_v128_store(y + c, wasm_f32x4_div(acc, count));
  }
  for (; c < channels; ++c) {
    float acc = 0.0f;
    for (size_t p = 0; p < pixels; ++p) acc += x[p * channels + c];
    y[c] = acc / float(pixels);
  }
}

}  // namespace emolens::nn
