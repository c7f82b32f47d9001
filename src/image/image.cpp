#include "image/image.h"

#include <new>

namespace emolens {
namespace {

bool is_known_format(PixelFormat format) {
  return format == PixelFormat::grey || format == PixelFormat::rgb || format == PixelFormat::rgba;
}

size_t packed_stride(int width, PixelFormat format, size_t stride) {
  return stride != 0 ? stride : static_cast<size_t>(width) * pixel_channels(format);
}

}  // namespace

ImageView image_view(const uint8_t* data, int width, int height, PixelFormat format, size_t stride) {
  return {data, width, height, format, packed_stride(width, format, stride)};
}

MutableImageView image_view(uint8_t* data, int width, int height, PixelFormat format, size_t stride) {
  return {data, width, height, format, packed_stride(width, format, stride)};
}

ImageStatus image_check(const ImageView& view) {
  if (view.data == nullptr) return ImageStatus::null_data;
  if (!is_known_format(view.format)) return ImageStatus::bad_format;
  if (view.width < 1 || view.height < 1 || view.width > kMaxImageSide || view.height > kMaxImageSide)
    return ImageStatus::bad_size;
  if (view.stride < static_cast<size_t>(view.width) * view.channels()) return ImageStatus::bad_stride;
  // The last byte must be addressable: (height-1)*stride + row must not wrap around.
  if (view.stride > (SIZE_MAX - static_cast<size_t>(view.width) * 4) / static_cast<size_t>(view.height))
    return ImageStatus::bad_stride;
  return ImageStatus::ok;
}

ImageStatus image_subview(const ImageView& view, int x, int y, int width, int height, ImageView* out) {
  const ImageStatus status = image_check(view);
  if (status != ImageStatus::ok) return status;
  if (x < 0 || y < 0 || width < 1 || height < 1 || width > view.width - x || height > view.height - y)
    return ImageStatus::bad_size;
  *out = {view.row(y) + static_cast<size_t>(x) * view.channels(), width, height, view.format, view.stride};
  return ImageStatus::ok;
}

ImageStatus image_subview(const MutableImageView& view, int x, int y, int width, int height,
                          MutableImageView* out) {
  ImageView part;
  const ImageStatus status = image_subview(ImageView(view), x, y, width, height, &part);
  if (status != ImageStatus::ok) return status;
  *out = {const_cast<uint8_t*>(part.data), width, height, view.format, view.stride};
  return ImageStatus::ok;
}

void image_fill(const MutableImageView& view, const uint8_t value[4]) {
  const int channels = view.channels();
  for (int y = 0; y < view.height; ++y) {
    uint8_t* row = view.row(y);
    for (int x = 0; x < view.width; ++x)
      for (int c = 0; c < channels; ++c) row[x * channels + c] = value[c];
  }
}

ImageStatus image_check_size(int width, int height, PixelFormat format, const ImageLimits& limits) {
  if (!is_known_format(format)) return ImageStatus::bad_format;
  if (width < 1 || height < 1 || width > kMaxImageSide || height > kMaxImageSide) return ImageStatus::bad_size;
  if (int64_t{width} * height > limits.max_pixels) return ImageStatus::too_large;
  return ImageStatus::ok;
}

ImageStatus Image::reset(int width, int height, PixelFormat format, const ImageLimits& limits) {
  pixels_.clear();
  pixels_.shrink_to_fit();
  width_ = height_ = 0;
  const ImageStatus status = image_check_size(width, height, format, limits);
  if (status != ImageStatus::ok) return status;
  const size_t bytes = static_cast<size_t>(width) * height * pixel_channels(format);
  try {
    pixels_.assign(bytes, 0);
  } catch (const std::bad_alloc&) {
    return ImageStatus::out_of_memory;
  }
  width_ = width;
  height_ = height;
  format_ = format;
  return ImageStatus::ok;
}

}  // namespace emolens
