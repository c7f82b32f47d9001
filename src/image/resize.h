// Bilinear resize with cv::resize(INTER_LINEAR) semantics: pixel centres at +0.5, edge pixels
// replicated, an exact 2:1 downscale being the 2x2 box average.
//  - resize_bilinear: 8-bit in and out, OpenCV's fixed-point arithmetic (Q11 weights); matches
//    cv::resize within 1 (OpenCV itself rounds its SIMD body and scalar tail differently).
//  - resize_bilinear_to_tensor: 8-bit in, float out (network input), float weights as cv::resize
//    does on CV_32F images, then pixel * scale + offset.
#pragma once
#include "image/image.h"
#include "image/tensor.h"

namespace emolens {

ImageStatus resize_bilinear(const ImageView& src, const MutableImageView& dst);  // dst size = target size; formats must match
ImageStatus resize_bilinear_to_tensor(const ImageView& src, const TensorView& dst, const Normalization& norm);  // dst size = target size; rgba feeds 3 channels

}  // namespace emolens
