#include "nn/kernels/dwconv_4c_wasmsimd.h"

#include "nn/kernels/simd128.h"

namespace emolens::nn {

std::vector<float> dwconv_pack_weights(const float* w, const float* bias, size_t taps, size_t channels) {
  const size_t blocks = (channels + 3) / 4, block_floats = 4 * (1 + taps);
  std::vector<float> packed(blocks * block_floats, 0.0f);
  for (size_t c = 0; c < channels; ++c) {
    float* block = packed.data() + (c / 4) * block_floats;
    block[c % 4] = bias ? bias[c] : 0.0f;
    for (size_t t = 0; t < taps; ++t) block[4 * (1 + t) + c % 4] = w[t * channels + c];
  }
  return packed;
}

void dwconv_4c_wasmsimd_row(const WindowGeometry& g, int oy, const float* x, const float* packed, float* y,
                            float min, float max) {
  dwconv_4c_wasmsimd_part(g, oy, 0, g.out_w, 0, x, packed, y, min, max);
}

void dwconv_4c_wasmsimd_part(const WindowGeometry& g, int oy, int ox0, int ox1, size_t c0, const float* x,
                             const float* packed, float* y, float min, float max) {
  const size_t c_count = size_t(g.channels), block_floats = 4 * (1 + size_t(g.kernel_h) * g.kernel_w);
  const size_t row_stride = size_t(g.in_w) * c_count;
  const v128_t vmin = wasm_f32x4_splat(min), vmax = wasm_f32x4_splat(max);
  for (int ox = ox0; ox < ox1; ++ox) {
    const auto [ky0, ky1, kx0, kx1, first] = g.taps(oy, ox);
    float* out = y + size_t(ox) * c_count;
    size_t c = c0;
    for (const float* block = packed + c0 / 4 * block_floats; c + 4 <= c_count; c += 4, block += block_floats) {
      v128_t acc = wasm_v128_load(block);
      for (int ky = ky0; ky < ky1; ++ky) {
        const float* in = x + first + ptrdiff_t(ky - ky0) * ptrdiff_t(row_stride) + ptrdiff_t(c);
        const float* wk = block + 4 * (1 + size_t(ky) * g.kernel_w + kx0);
        for (int kx = kx0; kx < kx1; ++kx, in += c_count, wk += 4)
          acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(in), wasm_v128_load(wk)));
      }
      wasm_v128_store(out + c, wasm_f32x4_pmin(wasm_f32x4_pmax(acc, vmin), vmax));
    }
    // Remaining 1..3 channels: the same sums in the same order, one lane at a time.
    for (; c < c_count; ++c) {
      const float* block = packed + (c / 4) * block_floats;
      const size_t lane = c % 4;
      float acc = block[lane];
      for (int ky = ky0; ky < ky1; ++ky) {
        const float* in = x + first + ptrdiff_t(ky - ky0) * ptrdiff_t(row_stride) + ptrdiff_t(c);
        const float* wk = block + 4 * (1 + size_t(ky) * g.kernel_w + kx0) + lane;
        for (int kx = kx0; kx < kx1; ++kx, in += c_count, wk += 4) acc += *in * *wk;
      }
      out[c] = acc < min ? min : (acc > max ? max : acc);
    }
  }
}

}  // namespace emolens::nn
