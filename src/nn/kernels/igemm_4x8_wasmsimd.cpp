#include "nn/kernels/igemm_4x8_wasmsimd.h"

#include <algorithm>

#include "nn/kernels/simd128.h"

namespace emolens::nn {

std::vector<float> igemm_pack_weights(const float* w, const float* bias, size_t co, size_t ks, size_t kc) {
  const size_t blocks = (co + kIgemmNr - 1) / kIgemmNr;
  const size_t block_floats = kIgemmNr * (1 + ks * kc);
  std::vector<float> packed(blocks * block_floats, 0.0f);
  for (size_t o = 0; o < co; ++o) {
    float* block = packed.data() + (o / kIgemmNr) * block_floats;
    const size_t lane = o % kIgemmNr;
    block[lane] = bias ? bias[o] : 0.0f;
    for (size_t i = 0; i < ks * kc; ++i) block[kIgemmNr * (1 + i) + lane] = w[o * ks * kc + i];
  }
  return packed;
}

void igemm_4x8_wasmsimd(size_t mr, size_t nr, size_t kc, size_t ks, const float* const* a,
                        const float* w, float* c, size_t c_stride, float min, float max) {
  // Rows past mr repeat the last row: same work, results discarded.
  const float* const* a0 = a;
  const float* const* a1 = a + std::min<size_t>(1, mr - 1) * ks;
  const float* const* a2 = a + std::min<size_t>(2, mr - 1) * ks;
  const float* const* a3 = a + std::min<size_t>(3, mr - 1) * ks;
  v128_t acc00 = wasm_v128_load(w), acc01 = wasm_v128_load(w + 4);
  v128_t acc10 = acc00, acc11 = acc01, acc20 = acc00, acc21 = acc01, acc30 = acc00, acc31 = acc01;
  w += kIgemmNr;
  for (size_t t = 0; t < ks; ++t) {
    const float* p0 = a0[t];
    const float* p1 = a1[t];
    const float* p2 = a2[t];
    const float* p3 = a3[t];
    for (size_t k = 0; k < kc; ++k) {
      const v128_t w0 = wasm_v128_load(w), w1 = wasm_v128_load(w + 4);
      w += kIgemmNr;
      const v128_t x0 = wasm_v128_load32_splat(p0 + k);
      const v128_t x1 = wasm_v128_load32_splat(p1 + k);
      const v128_t x2 = wasm_v128_load32_splat(p2 + k);
      const v128_t x3 = wasm_v128_load32_splat(p3 + k);
      acc00 = wasm_f32x4_add(acc00, wasm_f32x4_mul(x0, w0));
      acc01 = wasm_f32x4_add(acc01, wasm_f32x4_mul(x0, w1));
      acc10 = wasm_f32x4_add(acc10, wasm_f32x4_mul(x1, w0));
      acc11 = wasm_f32x4_add(acc11, wasm_f32x4_mul(x1, w1));
      acc20 = wasm_f32x4_add(acc20, wasm_f32x4_mul(x2, w0));
      acc21 = wasm_f32x4_add(acc21, wasm_f32x4_mul(x2, w1));
      acc30 = wasm_f32x4_add(acc30, wasm_f32x4_mul(x3, w0));
      acc31 = wasm_f32x4_add(acc31, wasm_f32x4_mul(x3, w1));
    }
  }
  const v128_t vmin = wasm_f32x4_splat(min), vmax = wasm_f32x4_splat(max);
  v128_t rows[4][2] = {{acc00, acc01}, {acc10, acc11}, {acc20, acc21}, {acc30, acc31}};
  for (size_t r = 0; r < mr; ++r) {
    float* out = c + r * c_stride;
    const v128_t lo = wasm_f32x4_pmin(wasm_f32x4_pmax(rows[r][0], vmin), vmax);
    const v128_t hi = wasm_f32x4_pmin(wasm_f32x4_pmax(rows[r][1], vmin), vmax);
    if (nr == kIgemmNr) {
      wasm_v128_store(out, lo);
      wasm_v128_store(out + 4, hi);
    } else {
      alignas(16) float tmp[kIgemmNr];
      wasm_v128_store(tmp, lo);
      wasm_v128_store(tmp + 4, hi);
      std::copy(tmp, tmp + nr, out);
    }
  }
}

}  // namespace emolens::nn
