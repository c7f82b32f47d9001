#include "image/resize.h"

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <vector>

namespace emolens {
namespace {

// OpenCV's resize weights are Q11 for 8-bit images (INTER_RESIZE_COEF_BITS).
constexpr int kWeightBits = 11;
constexpr int kWeightOne = 1 << kWeightBits;

// One output coordinate: read source samples i0 and i1, mix with weights w0 + w1 (~1).
struct Tap {
  int i0, i1;
  float w0, w1;        // float weights (float path)
  int16_t q0, q1;      // the same rounded to Q11 (8-bit path)
};

// Taps along one axis, computed exactly as cv::resize does: the source coordinate in double, cast
// to float, floored; the fraction kept in float. Horizontally OpenCV clamps coordinates outside
// the image to the edge pixel with fraction 0; vertically it keeps the fraction and clamps only
// the row indices. Both are reproduced because they round differently at the borders.
std::vector<Tap> axis_taps(int src_size, int dst_size, bool clamp_fraction) {
  const double scale = 1.0 / (static_cast<double>(dst_size) / src_size);
  std::vector<Tap> taps(dst_size);
  for (int d = 0; d < dst_size; ++d) {
    float f = static_cast<float>((d + 0.5) * scale - 0.5);
    int s = static_cast<int>(std::floor(f));
    f -= static_cast<float>(s);
    if (clamp_fraction && s < 0) f = 0.0f, s = 0;
    if (clamp_fraction && s >= src_size - 1) f = 0.0f, s = src_size - 1;
    Tap& tap = taps[d];
    tap.i0 = std::clamp(s, 0, src_size - 1);
    tap.i1 = std::clamp(s + 1, 0, src_size - 1);
    tap.w0 = 1.0f - f;
    tap.w1 = f;
    tap.q0 = static_cast<int16_t>(std::lrint(tap.w0 * kWeightOne));
    tap.q1 = static_cast<int16_t>(std::lrint(tap.w1 * kWeightOne));
  }
  return taps;
}

// The horizontal pass of one source row into `out` (dst_width * channels values).
template <typename Acc>
void resize_row(const uint8_t* in, int in_channels, int channels, const std::vector<Tap>& x_taps, Acc* out) {
  for (const Tap& tap : x_taps) {
    const uint8_t* p0 = in + tap.i0 * in_channels;
    const uint8_t* p1 = in + tap.i1 * in_channels;
    for (int c = 0; c < channels; ++c) {
      if constexpr (std::is_same_v<Acc, int>)
        *out++ = p0[c] * tap.q0 + p1[c] * tap.q1;
      else
        *out++ = static_cast<float>(p0[c]) * tap.w0 + static_cast<float>(p1[c]) * tap.w1;
    }
  }
}

// The two horizontally resized source rows an output row blends, each recomputed only when it
// is not already held (upscaling reuses every source row for several output rows).
template <typename Acc>
class RowPair {
 public:
  RowPair(const ImageView& src, int channels, const std::vector<Tap>& x_taps)
      : src_(src), channels_(channels), x_taps_(x_taps) {
    const size_t row_values = x_taps.size() * channels;
    rows_[0].resize(row_values);
    rows_[1].resize(row_values);
  }

  void fetch(int y0, int y1, const Acc** row0, const Acc** row1) {
    int slot0 = find(y0);
    if (slot0 < 0) slot0 = load(y0, find(y1) == 0 ? 1 : 0);
    int slot1 = find(y1);
    if (slot1 < 0) slot1 = load(y1, 1 - slot0);
    *row0 = rows_[slot0].data();
    *row1 = rows_[slot1].data();
  }

 private:
  int find(int y) const { return held_[0] == y ? 0 : held_[1] == y ? 1 : -1; }
  int load(int y, int slot) {
    resize_row(src_.row(y), src_.channels(), channels_, x_taps_, rows_[slot].data());
    held_[slot] = y;
    return slot;
  }

  const ImageView& src_;
  int channels_;
  const std::vector<Tap>& x_taps_;
  std::vector<Acc> rows_[2];
  int held_[2] = {-1, -1};
};

// OpenCV's vectorised vertical pass for 8-bit (VResizeLinearVec_32s8u): drop 4 bits so rows fit
// int16, multiply-high by the Q11 weights, then round off the last 2 bits. Used for every pixel
// (OpenCV's scalar tail rounds the full 22 bits instead, hence "within 1").
inline uint8_t blend_rows_u8(int h0, int h1, int b0, int b1) {
  const int v = (((h0 >> 4) * b0) >> 16) + (((h1 >> 4) * b1) >> 16);
  return static_cast<uint8_t>(std::clamp((v + 2) >> 2, 0, 255));
}

template <typename Acc, typename WriteRow>
void resize_rows(const ImageView& src, int dst_width, int dst_height, int channels, WriteRow write_row) {
  const std::vector<Tap> x_taps = axis_taps(src.width, dst_width, true);
  const std::vector<Tap> y_taps = axis_taps(src.height, dst_height, false);
  RowPair<Acc> rows(src, channels, x_taps);
  for (int y = 0; y < dst_height; ++y) {
    const Tap& tap = y_taps[y];
    const Acc* row0;
    const Acc* row1;
    rows.fetch(tap.i0, tap.i1, &row0, &row1);
    write_row(y, row0, row1, tap);
  }
}

}  // namespace

ImageStatus resize_bilinear(const ImageView& src, const MutableImageView& dst) {
  ImageStatus status = image_check(src);
  if (status == ImageStatus::ok) status = image_check(dst);
  if (status != ImageStatus::ok) return status;
  if (src.format != dst.format) return ImageStatus::bad_format;

  const int row_values = dst.width * dst.channels();
  resize_rows<int>(src, dst.width, dst.height, dst.channels(), [&](int y, const int* row0, const int* row1, const Tap& tap) {
    uint8_t* out = dst.row(y);
    for (int i = 0; i < row_values; ++i) out[i] = blend_rows_u8(row0[i], row1[i], tap.q0, tap.q1);
  });
  return ImageStatus::ok;
}

ImageStatus resize_bilinear_to_tensor(const ImageView& src, const TensorView& dst, const Normalization& norm) {
  ImageStatus status = image_check(src);
  if (status == ImageStatus::ok) status = tensor_check(dst, src.format);
  if (status != ImageStatus::ok) return status;

  const int row_values = dst.width * dst.channels;
  resize_rows<float>(src, dst.width, dst.height, dst.channels, [&](int y, const float* row0, const float* row1, const Tap& tap) {
    float* out = dst.data + static_cast<size_t>(y) * dst.row_stride;
    for (int i = 0; i < row_values; ++i) out[i] = (row0[i] * tap.w0 + row1[i] * tap.w1) * norm.scale + norm.offset;
  });
  return ImageStatus::ok;
}

}  // namespace emolens
