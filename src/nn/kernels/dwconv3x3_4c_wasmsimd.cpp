#include "nn/kernels/dwconv3x3_4c_wasmsimd.h"

#include <algorithm>

#include "nn/kernels/dwconv_4c_wasmsimd.h"
#include "nn/kernels/simd128.h"

namespace emolens::nn {
namespace {

constexpr size_t kBlockFloats = 4 * (1 + 9);  // bias + 9 taps, 4 channels each
constexpr int kSegment = 8;  // output pixels per pass over the channel blocks: their inputs stay in L1

// P output pixels of one channel block, window inside the image; row[k] points at the first
// pixel's first tap in input row k, `step` floats apart from pixel to pixel, `c` from tap to tap.
template <int P>
inline void interior(const float* const row[3], ptrdiff_t step, ptrdiff_t c, const v128_t w[10], float* out,
                     ptrdiff_t out_step, v128_t vmin, v128_t vmax) {
  v128_t acc[P];
  for (int p = 0; p < P; ++p) acc[p] = w[0];
  for (int ky = 0; ky < 3; ++ky)
    for (int kx = 0; kx < 3; ++kx)
      for (int p = 0; p < P; ++p)
        acc[p] = f32x4_madd(acc[p], wasm_v128_load(row[ky] + p * step + kx * c), w[1 + ky * 3 + kx]);
  for (int p = 0; p < P; ++p) wasm_v128_store(out + p * out_step, wasm_f32x4_pmin(wasm_f32x4_pmax(acc[p], vmin), vmax));
}

// One output pixel whose window crosses the left or right border, through its 9 tap pointers
// (taps outside the image point at zeros), so the sum has the same terms in the same order as in
// interior(). `cb` is the channel block's offset.
inline void edge(const float* const tap[9], size_t cb, const v128_t w[10], float* out, v128_t vmin, v128_t vmax) {
  v128_t acc = w[0];
  for (int k = 0; k < 9; ++k) acc = f32x4_madd(acc, wasm_v128_load(tap[k] + cb), w[1 + k]);
  wasm_v128_store(out, wasm_f32x4_pmin(wasm_f32x4_pmax(acc, vmin), vmax));
}

}  // namespace

void dwconv3x3_4c_wasmsimd_row(const WindowGeometry& g, int oy, const float* x, const float* packed,
                               const float* zero_row, float* y, float min, float max) {
  const ptrdiff_t c = g.channels, s = g.stride_w, step = s * c;
  // Interior columns [ox0, ox1): the whole 3-wide window inside the image.
  const int ox0 = std::min(g.out_w, (g.pad_left + g.stride_w - 1) / g.stride_w);
  const int ox1 = std::max(ox0, std::min(g.out_w, g.in_w - 3 + g.pad_left >= 0 ? (g.in_w - 3 + g.pad_left) / g.stride_w + 1 : 0));
  const size_t full = size_t(c) / 4 * 4;
  if (full < size_t(c)) dwconv_4c_wasmsimd_part(g, oy, 0, g.out_w, full, x, packed, y, min, max);

  const float* rows[3];  // column 0 of each input row the window covers; zeros in the padding
  for (int ky = 0; ky < 3; ++ky) {
    const int iy = oy * g.stride_h - g.pad_top + ky;
    rows[ky] = iy >= 0 && iy < g.in_h ? x + ptrdiff_t(iy) * g.in_w * c : zero_row;
  }
  const v128_t vmin = wasm_f32x4_splat(min), vmax = wasm_f32x4_splat(max);
  for (int s0 = 0; s0 < g.out_w; s0 += kSegment) {
    const int s1 = std::min(g.out_w, s0 + kSegment);
    const int i0 = std::clamp(ox0, s0, s1), i1 = std::clamp(ox1, i0, s1);  // the segment's interior part
    // The segment's edge pixels: their taps, found once for all channel blocks.
    int edge_ox[kSegment];
    const float* edge_taps[kSegment][9];
    int edges = 0;
    auto add_edge = [&](int ox) {
      edge_ox[edges] = ox;
      for (int k = 0; k < 9; ++k) {
        const int ix = ox * g.stride_w - g.pad_left + k % 3;
        edge_taps[edges][k] = ix >= 0 && ix < g.in_w ? rows[k / 3] + ix * c : zero_row;
      }
      ++edges;
    };
    for (int ox = s0; ox < i0; ++ox) add_edge(ox);
    for (int ox = i1; ox < s1; ++ox) add_edge(ox);
    for (size_t cb = 0; cb < full; cb += 4) {
      const float* block = packed + cb / 4 * kBlockFloats;
      v128_t w[10];
      for (int k = 0; k < 10; ++k) w[k] = wasm_v128_load(block + 4 * k);
      const float* row[3] = {rows[0] + cb, rows[1] + cb, rows[2] + cb};
      float* out = y + ptrdiff_t(cb);
      for (int e = 0; e < edges; ++e) edge(edge_taps[e], cb, w, out + edge_ox[e] * c, vmin, vmax);
      if (i0 == i1) continue;
      const float* first[3];
      for (int ky = 0; ky < 3; ++ky) first[ky] = row[ky] + (ptrdiff_t(i0) * s - g.pad_left) * c;
      int ox = i0;
      for (; ox + 4 <= i1; ox += 4) {
        interior<4>(first, step, c, w, out + ox * c, c, vmin, vmax);
        for (const float*& r : first) r += 4 * step;
      }
      for (; ox < i1; ++ox) {
        interior<1>(first, step, c, w, out + ox * c, c, vmin, vmax);
        for (const float*& r : first) r += step;
      }
    }
  }
}

}  // namespace emolens::nn
