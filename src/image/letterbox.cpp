#include "image/letterbox.h"

#include <algorithm>
#include <cmath>

#include "image/resize.h"

namespace emolens {

ImageStatus letterbox_fit(int frame_width, int frame_height, int target_width, int target_height, Letterbox* out) {
  for (int side : {frame_width, frame_height, target_width, target_height})
    if (side < 1 || side > kMaxImageSide) return ImageStatus::bad_size;
  const double scale = std::min(static_cast<double>(target_width) / frame_width,
                                static_cast<double>(target_height) / frame_height);
  Letterbox box;
  box.content_width = std::clamp(static_cast<int>(std::lround(frame_width * scale)), 1, target_width);
  box.content_height = std::clamp(static_cast<int>(std::lround(frame_height * scale)), 1, target_height);
  box.content_x = (target_width - box.content_width) / 2;
  box.content_y = (target_height - box.content_height) / 2;
  box.scale_x = static_cast<double>(frame_width) / box.content_width;
  box.scale_y = static_cast<double>(frame_height) / box.content_height;
  *out = box;
  return ImageStatus::ok;
}

ImageStatus letterbox(const ImageView& src, const MutableImageView& dst, const uint8_t pad[4], Letterbox* out) {
  ImageStatus status = image_check(src);
  if (status == ImageStatus::ok) status = image_check(dst);
  if (status != ImageStatus::ok) return status;
  if (src.format != dst.format) return ImageStatus::bad_format;

  Letterbox box;
  status = letterbox_fit(src.width, src.height, dst.width, dst.height, &box);
  MutableImageView content;
  if (status == ImageStatus::ok)
    status = image_subview(dst, box.content_x, box.content_y, box.content_width, box.content_height, &content);
  if (status != ImageStatus::ok) return status;

  // Fill everything, then overwrite the content: simpler than four padding strips, and the
  // padding is at most the whole (small) network input.
  image_fill(dst, pad);
  status = resize_bilinear(src, content);
  if (status == ImageStatus::ok) *out = box;
  return status;
}

ImageStatus letterbox_to_tensor(const ImageView& src, const TensorView& dst, const Normalization& norm,
                                float pad_value, Letterbox* out) {
  ImageStatus status = image_check(src);
  if (status == ImageStatus::ok) status = tensor_check(dst, src.format);
  Letterbox box;
  if (status == ImageStatus::ok) status = letterbox_fit(src.width, src.height, dst.width, dst.height, &box);
  if (status != ImageStatus::ok) return status;

  for (int y = 0; y < dst.height; ++y) {
    float* row = dst.data + static_cast<size_t>(y) * dst.row_stride;
    std::fill(row, row + static_cast<size_t>(dst.width) * dst.channels, pad_value);
  }
  TensorView content = dst;
  content.data = dst.data + static_cast<size_t>(box.content_y) * dst.row_stride + static_cast<size_t>(box.content_x) * dst.channels;
  content.width = box.content_width;
  content.height = box.content_height;
  status = resize_bilinear_to_tensor(src, content, norm);
  if (status == ImageStatus::ok) *out = box;
  return status;
}

}  // namespace emolens
