#include "nn/kernels/dwconv3x3_4c_wasmsimd.h"

#include <algorithm>

#include "nn/kernels/dwconv_4c_wasmsimd.h"
#include "nn/kernels/simd128.h"

namespace emolens::nn {
namespace {

constexpr size_t kBlockFloats = 4 * (1 + 9);  // bias + 9 taps, 4 channels each

// P output pixels of one channel block; row[k] points at the block's first tap in input row k,
// `step` floats apart from pixel to pixel, `c` floats from tap to tap.
template <int P>
inline void pixels(const float* const row[3], ptrdiff_t step, ptrdiff_t c, const v128_t w[10], float* out,
                   ptrdiff_t out_step, v128_t vmin, v128_t vmax) {
  v128_t acc[P];
  for (int p = 0; p < P; ++p) acc[p] = w[0];
  for (int ky = 0; ky < 3; ++ky)
    for (int kx = 0; kx < 3; ++kx)
      for (int p = 0; p < P; ++p)
        acc[p] = wasm_f32x4_add(acc[p], wasm_f32x4_mul(wasm_v128_load(row[ky] + p * step + kx * c), w[1 + ky * 3 + kx]));
  for (int p = 0; p < P; ++p) wasm_v128_store(out + p * out_step, wasm_f32x4_pmin(wasm_f32x4_pmax(acc[p], vmin), vmax));
}

}  // namespace

void dwconv3x3_4c_wasmsimd_row(const WindowGeometry& g, int oy, const float* x, const float* packed,
                               const float* zero_row, float* y, float min, float max) {
  const ptrdiff_t c = g.channels, s = g.stride_w;
  // Interior columns: the whole 3-wide window inside the image.
  const int ox0 = std::min(g.out_w, (g.pad_left + g.stride_w - 1) / g.stride_w);
  const int ox1 = std::max(ox0, std::min(g.out_w, g.in_w - 3 + g.pad_left >= 0 ? (g.in_w - 3 + g.pad_left) / g.stride_w + 1 : 0));
  const size_t full = size_t(c) / 4 * 4;
  if (ox0 > 0) dwconv_4c_wasmsimd_part(g, oy, 0, ox0, 0, x, packed, y, min, max);
  if (ox1 < g.out_w) dwconv_4c_wasmsimd_part(g, oy, ox1, g.out_w, 0, x, packed, y, min, max);
  if (full < size_t(c) && ox0 < ox1) dwconv_4c_wasmsimd_part(g, oy, ox0, ox1, full, x, packed, y, min, max);

  const float* rows[3];
  for (int ky = 0; ky < 3; ++ky) {
    const int iy = oy * g.stride_h - g.pad_top + ky;
    rows[ky] = (iy >= 0 && iy < g.in_h ? x + ptrdiff_t(iy) * g.in_w * c : zero_row) + (ptrdiff_t(ox0) * s - g.pad_left) * c;
  }
  const v128_t vmin = wasm_f32x4_splat(min), vmax = wasm_f32x4_splat(max);
  const ptrdiff_t step = s * c;
  for (size_t cb = 0; cb < full; cb += 4) {
    const float* block = packed + cb / 4 * kBlockFloats;
    v128_t w[10];
    for (int k = 0; k < 10; ++k) w[k] = wasm_v128_load(block + 4 * k);
    const float* row[3] = {rows[0] + cb, rows[1] + cb, rows[2] + cb};
    float* out = y + ptrdiff_t(ox0) * c + ptrdiff_t(cb);
    int ox = ox0;
    for (; ox + 4 <= ox1; ox += 4) {
      pixels<4>(row, step, c, w, out, c, vmin, vmax);
      for (const float*& r : row) r += 4 * step;
      out += 4 * c;
    }
    for (; ox < ox1; ++ox) {
      pixels<1>(row, step, c, w, out, c, vmin, vmax);
      for (const float*& r : row) r += step;
      out += c;
    }
  }
}

}  // namespace emolens::nn
