#include "image/warp_affine.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace emolens {
namespace {

// OpenCV's fixed point for warps: the matrix is applied in Q10 (AB_BITS), then reduced to Q5
// (INTER_BITS: 32 sub-pixel positions) with half a Q5 step added for rounding; the bilinear
// weights are Q15 (INTER_REMAP_COEF_BITS).
constexpr int kMatrixBits = 10;
constexpr int kSubpixelBits = 5;
constexpr int kSubpixelSteps = 1 << kSubpixelBits;
constexpr int kRoundDelta = (1 << kMatrixBits) / kSubpixelSteps / 2;
constexpr int kWeightBits = 15;

// cv::saturate_cast<int>(double): round half to even, clamp to int.
int64_t round_to_int(double v) {
  if (!(v > INT32_MIN)) return INT32_MIN;
  if (!(v < INT32_MAX)) return INT32_MAX;
  return std::lrint(v);
}

int saturate_short(int64_t v) { return static_cast<int>(std::clamp<int64_t>(v, INT16_MIN, INT16_MAX)); }

// One source sample with the border rule applied; nullptr means "use the constant".
const uint8_t* sample(const ImageView& src, int x, int y, BorderMode mode) {
  if (mode == BorderMode::replicate) {
    x = std::clamp(x, 0, src.width - 1);
    y = std::clamp(y, 0, src.height - 1);
  } else if (x < 0 || y < 0 || x >= src.width || y >= src.height) {
    return nullptr;
  }
  return src.row(y) + static_cast<size_t>(x) * src.channels();
}

}  // namespace

ImageStatus warp_affine(const ImageView& src, const MutableImageView& dst, const Affine& dst_to_src,
                        const WarpBorder& border) {
  ImageStatus status = image_check(src);
  if (status == ImageStatus::ok) status = image_check(dst);
  if (status != ImageStatus::ok) return status;
  if (src.format != dst.format) return ImageStatus::bad_format;
  if (!affine_is_finite(dst_to_src)) return ImageStatus::bad_transform;

  const double* m = dst_to_src.m;
  const int channels = src.channels();
  constexpr double kMatrixScale = 1 << kMatrixBits;
  std::vector<int64_t> x_step_x(dst.width), x_step_y(dst.width);  // the x-dependent part, Q10
  for (int x = 0; x < dst.width; ++x) {
    x_step_x[x] = round_to_int(m[0] * x * kMatrixScale);
    x_step_y[x] = round_to_int(m[3] * x * kMatrixScale);
  }

  for (int y = 0; y < dst.height; ++y) {
    const int64_t row_x = round_to_int((m[1] * y + m[2]) * kMatrixScale) + kRoundDelta;
    const int64_t row_y = round_to_int((m[4] * y + m[5]) * kMatrixScale) + kRoundDelta;
    uint8_t* out = dst.row(y);
    for (int x = 0; x < dst.width; ++x, out += channels) {
      const int64_t fx = (row_x + x_step_x[x]) >> (kMatrixBits - kSubpixelBits);
      const int64_t fy = (row_y + x_step_y[x]) >> (kMatrixBits - kSubpixelBits);
      const int sx = saturate_short(fx >> kSubpixelBits);
      const int sy = saturate_short(fy >> kSubpixelBits);
      const int ax = static_cast<int>(fx & (kSubpixelSteps - 1));
      const int ay = static_cast<int>(fy & (kSubpixelSteps - 1));
      // Q15 weights: (1 - ay)(1 - ax), (1 - ay) ax, ay (1 - ax), ay ax, each in 1/32 steps.
      const int w[4] = {(kSubpixelSteps - ay) * (kSubpixelSteps - ax) * 32, (kSubpixelSteps - ay) * ax * 32,
                        ay * (kSubpixelSteps - ax) * 32, ay * ax * 32};
      const uint8_t* p[4] = {sample(src, sx, sy, border.mode), sample(src, sx + 1, sy, border.mode),
                             sample(src, sx, sy + 1, border.mode), sample(src, sx + 1, sy + 1, border.mode)};
      for (int c = 0; c < channels; ++c) {
        int acc = 1 << (kWeightBits - 1);
        for (int k = 0; k < 4; ++k) acc += (p[k] != nullptr ? p[k][c] : border.value[c]) * w[k];
        out[c] = static_cast<uint8_t>(std::clamp(acc >> kWeightBits, 0, 255));
      }
    }
  }
  return ImageStatus::ok;
}

}  // namespace emolens
