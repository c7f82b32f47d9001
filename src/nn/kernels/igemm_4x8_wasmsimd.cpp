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

void igemm_4x8_wasmsimd(size_t mr, size_t nc, size_t kc, size_t ks, const float* const* a,
                        const float* w, float* c, size_t c_stride, float min, float max) {
  // Rows past mr repeat the last row: same work, results discarded.
  const float* const* a0 = a;
  const float* const* a1 = a + std::min<size_t>(1, mr - 1) * ks;
  const float* const* a2 = a + std::min<size_t>(2, mr - 1) * ks;
  const float* const* a3 = a + std::min<size_t>(3, mr - 1) * ks;
  const v128_t vmin = wasm_f32x4_splat(min), vmax = wasm_f32x4_splat(max);
  for (size_t c0 = 0; c0 < nc; c0 += kIgemmNr) {
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
        const v128_t x0 = f32x4_load_splat(p0 + k);
        const v128_t x1 = f32x4_load_splat(p1 + k);
        const v128_t x2 = f32x4_load_splat(p2 + k);
        const v128_t x3 = f32x4_load_splat(p3 + k);
        acc00 = f32x4_madd(acc00, x0, w0);
        acc01 = f32x4_madd(acc01, x0, w1);
        acc10 = f32x4_madd(acc10, x1, w0);
        acc11 = f32x4_madd(acc11, x1, w1);
        acc20 = f32x4_madd(acc20, x2, w0);
        acc21 = f32x4_madd(acc21, x2, w1);
        acc30 = f32x4_madd(acc30, x3, w0);
        acc31 = f32x4_madd(acc31, x3, w1);
      }
    }
    const size_t nr = std::min(kIgemmNr, nc - c0);
    v128_t rows[4][2] = {{acc00, acc01}, {acc10, acc11}, {acc20, acc21}, {acc30, acc31}};
    for (size_t r = 0; r < mr; ++r) {
      float* out = c + r * c_stride + c0;
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
}

}  // namespace emolens::nn
