#include "image/color.h"

#include <cstring>

namespace emolens {

ImageStatus convert_color(const ImageView& src, const MutableImageView& dst) {
  ImageStatus status = image_check(src);
  if (status == ImageStatus::ok) status = image_check(dst);
  if (status != ImageStatus::ok) return status;
  if (src.width != dst.width || src.height != dst.height) return ImageStatus::bad_size;

  const int in_channels = src.channels();
  if (src.format == dst.format) {
    const size_t row_bytes = static_cast<size_t>(src.width) * in_channels;
    for (int y = 0; y < src.height; ++y) std::memmove(dst.row(y), src.row(y), row_bytes);
    return ImageStatus::ok;
  }
  if (dst.format == PixelFormat::rgb && src.format == PixelFormat::rgba) {
    for (int y = 0; y < src.height; ++y) {
      const uint8_t* in = src.row(y);
      uint8_t* out = dst.row(y);
      for (int x = 0; x < src.width; ++x, in += 4, out += 3) {
        out[0] = in[0];
        out[1] = in[1];
        out[2] = in[2];
      }
    }
    return ImageStatus::ok;
  }
  if (dst.format == PixelFormat::grey && src.format != PixelFormat::grey) {
    for (int y = 0; y < src.height; ++y) {
      const uint8_t* in = src.row(y);
      uint8_t* out = dst.row(y);
      for (int x = 0; x < src.width; ++x, in += in_channels) out[x] = grey_from_rgb(in[0], in[1], in[2]);
    }
    return ImageStatus::ok;
  }
  return ImageStatus::bad_format;
}

}  // namespace emolens
