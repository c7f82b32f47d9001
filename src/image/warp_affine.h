// Affine warp with cv::warpAffine(INTER_LINEAR | WARP_INVERSE_MAP) semantics: source coordinates
// in Q5 fixed point (32 sub-pixel steps), Q15 bilinear weights, BORDER_CONSTANT or
// BORDER_REPLICATE; bit-exact with OpenCV.
#pragma once
#include "image/affine.h"
#include "image/image.h"

namespace emolens {

enum class BorderMode {
  constant,   // outside samples are `value` (blended at the edge, as OpenCV does)
  replicate,  // outside samples repeat the nearest edge pixel
};

struct WarpBorder {
  BorderMode mode = BorderMode::constant;
  uint8_t value[4] = {0, 0, 0, 0};  // per channel, used by BorderMode::constant
};

// dst(x, y) = src(dst_to_src(x, y)) bilinearly. For a src->dst matrix (cv::warpAffine without
// WARP_INVERSE_MAP) pass its affine_invert. Formats must match; bad_transform if not finite.
ImageStatus warp_affine(const ImageView& src, const MutableImageView& dst, const Affine& dst_to_src,
                        const WarpBorder& border = {});

}  // namespace emolens
