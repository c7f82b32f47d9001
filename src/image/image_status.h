// Errors of the image ops: every op returns one of these instead of throwing or crashing.
#pragma once

namespace emolens {

enum class ImageStatus {
  ok,
  null_data,           // a view or tensor points at nothing
  bad_size,            // width or height < 1, above kMaxImageSide, or dims that do not fit together
  bad_stride,          // row stride shorter than a row of pixels
  bad_format,          // pixel format / channel count not supported by this op
  too_large,           // pixel count above the caller's ImageLimits
  out_of_memory,       // an owning Image could not be allocated
  bad_transform,       // affine matrix not finite or not invertible, or degenerate keypoints
};

const char* image_status_name(ImageStatus status);  // "ok", "null_data", ... for logs and tests

}  // namespace emolens
