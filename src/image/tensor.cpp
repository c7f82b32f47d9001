#include "image/tensor.h"

namespace emolens {

TensorView tensor_view(float* data, int width, int height, int channels) {
  return {data, width, height, channels, static_cast<size_t>(width) * (channels > 0 ? channels : 0)};
}

ImageStatus tensor_check(const TensorView& tensor, PixelFormat format) {
  if (tensor.data == nullptr) return ImageStatus::null_data;
  if (tensor.width < 1 || tensor.height < 1 || tensor.width > kMaxImageSide || tensor.height > kMaxImageSide)
    return ImageStatus::bad_size;
  if (tensor.channels != (format == PixelFormat::grey ? 1 : 3)) return ImageStatus::bad_format;
  if (tensor.row_stride < static_cast<size_t>(tensor.width) * tensor.channels) return ImageStatus::bad_stride;
  return ImageStatus::ok;
}

ImageStatus image_to_tensor(const ImageView& src, const TensorView& dst, const Normalization& norm) {
  ImageStatus status = image_check(src);
  if (status == ImageStatus::ok) status = tensor_check(dst, src.format);
  if (status != ImageStatus::ok) return status;
  if (src.width != dst.width || src.height != dst.height) return ImageStatus::bad_size;

  const int in_channels = src.channels();
  const int out_channels = dst.channels;
  for (int y = 0; y < src.height; ++y) {
    const uint8_t* in = src.row(y);
    float* out = dst.data + static_cast<size_t>(y) * dst.row_stride;
    for (int x = 0; x < src.width; ++x, in += in_channels, out += out_channels)
      for (int c = 0; c < out_channels; ++c) out[c] = in[c] * norm.scale + norm.offset;
  }
  return ImageStatus::ok;
}

}  // namespace emolens
