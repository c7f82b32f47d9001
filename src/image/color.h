// Colour conversion with cv::cvtColor's conventions (RGBA2RGB, RGBA2GRAY, RGB2GRAY).
#pragma once
#include "image/image.h"

namespace emolens {

// Fixed-point BT.601 luma weights as OpenCV 4.x uses them for 8-bit images (Q15, summing to
// 32768; its older Q14 set rounds differently for ~1 pixel in 1000), so
// grey = (9798 R + 19235 G + 3735 B + 16384) >> 15 matches cv::cvtColor bit for bit.
constexpr int kGreyWeightR = 9798;
constexpr int kGreyWeightG = 19235;
constexpr int kGreyWeightB = 3735;
constexpr int kGreyShift = 15;

inline uint8_t grey_from_rgb(int r, int g, int b) {  // one pixel's luma, rounded like OpenCV
  return static_cast<uint8_t>((r * kGreyWeightR + g * kGreyWeightG + b * kGreyWeightB + (1 << (kGreyShift - 1))) >> kGreyShift);
}

// Convert src into dst (same width and height). Supported: any format to itself (copy),
// rgba -> rgb (alpha dropped), rgba -> grey, rgb -> grey. Others: bad_format.
ImageStatus convert_color(const ImageView& src, const MutableImageView& dst);

}  // namespace emolens
