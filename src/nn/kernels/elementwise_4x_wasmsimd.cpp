#include "nn/kernels/elementwise_4x_wasmsimd.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "nn/kernels/exp_wasmsimd.h"

namespace emolens::nn {
namespace {

// Loads up to 4 floats, padding with `fill`, so tails share the vector arithmetic.
v128_t load_partial(const float* x, size_t n, float fill) {
  alignas(16) float tmp[4] = {fill, fill, fill, fill};
  std::memcpy(tmp, x, n * sizeof(float));
  return wasm_v128_load(tmp);
}

void store_partial(float* y, v128_t v, size_t n) {
  alignas(16) float tmp[4];
  wasm_v128_store(tmp, v);
  std::memcpy(y, tmp, n * sizeof(float));
}

v128_t clamp(v128_t v, v128_t lo, v128_t hi) { return wasm_f32x4_pmin(wasm_f32x4_pmax(v, lo), hi); }

v128_t prelu(v128_t v, v128_t slope) {
  return wasm_v128_bitselect(wasm_f32x4_mul(v, slope), v, wasm_f32x4_lt(v, wasm_f32x4_splat(0.0f)));
}

v128_t sigmoid(v128_t v) {
  const v128_t one = wasm_f32x4_splat(1.0f);
  return wasm_f32x4_div(one, wasm_f32x4_add(one, exp_wasmsimd(wasm_f32x4_neg(v))));
}

}  // namespace

void add_4x_wasmsimd(const float* a, const float* b, float* y, size_t n, float min, float max) {
  const v128_t lo = wasm_f32x4_splat(min), hi = wasm_f32x4_splat(max);
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    wasm_v128_store(y + i, clamp(wasm_f32x4_add(wasm_v128_load(a + i), wasm_v128_load(b + i)), lo, hi));
  if (i < n) store_partial(y + i, clamp(wasm_f32x4_add(load_partial(a + i, n - i, 0), load_partial(b + i, n - i, 0)), lo, hi), n - i);
}

void clamp_4x_wasmsimd(const float* x, float* y, size_t n, float min, float max) {
  const v128_t lo = wasm_f32x4_splat(min), hi = wasm_f32x4_splat(max);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, clamp(wasm_v128_load(x + i), lo, hi));
  if (i < n) store_partial(y + i, clamp(load_partial(x + i, n - i, 0), lo, hi), n - i);
}

void prelu_4x_wasmsimd(const float* x, const float* alpha, float* y, size_t pixels, size_t channels) {
  for (size_t p = 0; p < pixels; ++p) {
    const float* xp = x + p * channels;
    float* yp = y + p * channels;
    size_t c = 0;
    for (; c + 4 <= channels; c += 4) wasm_v128_store(yp + c, prelu(wasm_v128_load(xp + c), wasm_v128_load(alpha + c)));
    if (c < channels)
      store_partial(yp + c, prelu(load_partial(xp + c, channels - c, 0), load_partial(alpha + c, channels - c, 0)), channels - c);
  }
}

void sigmoid_4x_wasmsimd(const float* x, float* y, size_t n) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, sigmoid(wasm_v128_load(x + i)));
  if (i < n) store_partial(y + i, sigmoid(load_partial(x + i, n - i, 0)), n - i);
}

void pad_channels_4x_wasmsimd(const float* x, float* y, size_t pixels, size_t channels, size_t after) {
  // Vector copies, not memcpy/memset per pixel: in wasm those are calls that cost more than a
  // BlazeFace pixel's few dozen floats.
  const size_t out_channels = channels + after;
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (size_t p = 0; p < pixels; ++p) {
    const float* xp = x + p * channels;
    float* yp = y + p * out_channels;
    size_t c = 0;
    for (; c + 4 <= channels; c += 4) wasm_v128_store(yp + c, wasm_v128_load(xp + c));
    for (; c < channels; ++c) yp[c] = xp[c];
    for (; c + 4 <= out_channels; c += 4) wasm_v128_store(yp + c, zero);
    for (; c < out_channels; ++c) yp[c] = 0.0f;
  }
}

void softmax_4x_wasmsimd_row(const float* x, float* y, size_t n) {
  v128_t vmax = wasm_f32x4_splat(-INFINITY);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) vmax = wasm_f32x4_pmax(vmax, wasm_v128_load(x + i));
  if (i < n) vmax = wasm_f32x4_pmax(vmax, load_partial(x + i, n - i, -INFINITY));
  alignas(16) float lanes[4];
  wasm_v128_store(lanes, vmax);
  const float top = std::max(std::max(lanes[0], lanes[1]), std::max(lanes[2], lanes[3]));
  const v128_t vtop = wasm_f32x4_splat(top);
  v128_t vsum = wasm_f32x4_splat(0.0f);
  for (i = 0; i + 4 <= n; i += 4) {
    const v128_t e = exp_wasmsimd(wasm_f32x4_sub(wasm_v128_load(x + i), vtop));
    wasm_v128_store(y + i, e);
    vsum = wasm_f32x4_add(vsum, e);
  }
  if (i < n) {
    // Padding lanes hold -inf - top: their exp is ~0 and is masked out of the sum anyway.
    const v128_t e = exp_wasmsimd(wasm_f32x4_sub(load_partial(x + i, n - i, -INFINITY), vtop));
    alignas(16) float tmp[4];
    wasm_v128_store(tmp, e);
    for (size_t k = n - i; k < 4; ++k) tmp[k] = 0.0f;
    store_partial(y + i, wasm_v128_load(tmp), n - i);
    vsum = wasm_f32x4_add(vsum, wasm_v128_load(tmp));
  }
  wasm_v128_store(lanes, vsum);
  const v128_t inv = wasm_f32x4_splat(1.0f / ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])));
  for (i = 0; i + 4 <= n; i += 4) wasm_v128_store(y + i, wasm_f32x4_mul(wasm_v128_load(y + i), inv));
  if (i < n) store_partial(y + i, wasm_f32x4_mul(load_partial(y + i, n - i, 0), inv), n - i);
}

}  // namespace emolens::nn
