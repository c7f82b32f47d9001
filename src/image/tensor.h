// Network input tensors: float NHWC (batch 1) filled from 8-bit images as pixel * scale + offset.
#pragma once
#include <cstddef>

#include "image/image.h"

namespace emolens {

struct TensorView {
  float* data = nullptr;   // element (y, x, c) at data[y * row_stride + x * channels + c]
  int width = 0;           // W
  int height = 0;          // H
  int channels = 0;        // C: 1 (grey) or 3 (RGB); alpha never feeds a network
  size_t row_stride = 0;   // floats from one row to the next (>= width * channels)
};

TensorView tensor_view(float* data, int width, int height, int channels);  // packed rows (NHWC)

struct Normalization {
  float scale = 1.0f / 255.0f;  // value = pixel * scale + offset; e.g. 1/127.5 and -1 for [-1, 1]
  float offset = 0.0f;
};

// ok if the tensor is usable as the destination for an image of `format`: grey -> 1 channel,
// rgb or rgba -> 3 channels (alpha dropped).
ImageStatus tensor_check(const TensorView& tensor, PixelFormat format);

// dst(y, x, c) = src(y, x, c) * scale + offset; dst must have src's width and height.
ImageStatus image_to_tensor(const ImageView& src, const TensorView& dst, const Normalization& norm);

}  // namespace emolens
