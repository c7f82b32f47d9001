// Letterbox: resize a frame into a fixed network input keeping its aspect ratio, centred, the rest
// padded; the returned transform maps detections back to frame coordinates.
//
// Coordinates are continuous pixel coordinates (the top-left corner of pixel (x, y) is (x, y), its
// centre (x + 0.5, y + 0.5)), the convention cv::resize uses, so a point maps exactly between the
// frame and the resized content.
#pragma once
#include "image/image.h"
#include "image/tensor.h"

namespace emolens {

struct Letterbox {
  int content_x = 0;      // where the resized frame starts in the target (left padding)
  int content_y = 0;      // top padding
  int content_width = 0;  // resized frame size inside the target
  int content_height = 0;
  double scale_x = 1.0;   // frame pixels per target pixel, horizontally (frame_width / content_width)
  double scale_y = 1.0;   // vertically

  double to_frame_x(double target_x) const { return (target_x - content_x) * scale_x; }  // target -> frame
  double to_frame_y(double target_y) const { return (target_y - content_y) * scale_y; }
  double to_target_x(double frame_x) const { return frame_x / scale_x + content_x; }      // frame -> target
  double to_target_y(double frame_y) const { return frame_y / scale_y + content_y; }
};

// The placement of a frame_width x frame_height frame in a target_width x target_height input:
// the largest size that fits with the aspect ratio kept (rounded, at least 1 pixel), centred.
// bad_size if any size is < 1 or above kMaxImageSide.
ImageStatus letterbox_fit(int frame_width, int frame_height, int target_width, int target_height, Letterbox* out);

// Resize src into dst's content rectangle and fill the padding with `pad` (first channels used).
ImageStatus letterbox(const ImageView& src, const MutableImageView& dst, const uint8_t pad[4], Letterbox* out);

// The same straight into a float tensor (rgba/rgb -> 3 channels, grey -> 1); padding = pad_value
// (already normalised, e.g. 0 or -1).
ImageStatus letterbox_to_tensor(const ImageView& src, const TensorView& dst, const Normalization& norm,
                                float pad_value, Letterbox* out);

}  // namespace emolens
