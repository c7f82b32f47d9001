#include "nn/kernels/resize_bilinear_4c_wasmsimd.h"

#include "nn/kernels/resize_geometry.h"
#include "nn/kernels/simd128.h"

namespace emolens::nn {

void resize_bilinear_4c_wasmsimd_row(const ResizeGeometry& g, int oy, const float* x, float* y) {
  const size_t c_count = size_t(g.channels);
  const ResizeSample sy = resize_sample(oy, g.in_h, g.out_h, g.align_corners, g.half_pixel_centers);
  const float* top = x + size_t(sy.lower) * g.in_w * c_count;
  const float* bottom = x + size_t(sy.upper) * g.in_w * c_count;
  for (int ox = 0; ox < g.out_w; ++ox) {
    const ResizeSample sx = resize_sample(ox, g.in_w, g.out_w, g.align_corners, g.half_pixel_centers);
    // The reference's four products, in its order, so both paths round alike.
    const float w00 = (1 - sy.frac) * (1 - sx.frac), w10 = sy.frac * (1 - sx.frac);
    const float w01 = (1 - sy.frac) * sx.frac, w11 = sy.frac * sx.frac;
    const float* p00 = top + size_t(sx.lower) * c_count;
    const float* p01 = top + size_t(sx.upper) * c_count;
    const float* p10 = bottom + size_t(sx.lower) * c_count;
    const float* p11 = bottom + size_t(sx.upper) * c_count;
    float* out = y + size_t(ox) * c_count;
    const v128_t v00 = wasm_f32x4_splat(w00), v10 = wasm_f32x4_splat(w10);
    const v128_t v01 = wasm_f32x4_splat(w01), v11 = wasm_f32x4_splat(w11);
    size_t c = 0;
    for (; c + 4 <= c_count; c += 4) {
      v128_t acc = wasm_f32x4_mul(wasm_v128_load(p00 + c), v00);
      acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(p10 + c), v10));
      acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(p01 + c), v01));
      acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(p11 + c), v11));
      wasm_v128_store(out + c, acc);
    }
    for (; c < c_count; ++c) out[c] = p00[c] * w00 + p10[c] * w10 + p01[c] * w01 + p11[c] * w11;
  }
}

}  // namespace emolens::nn
