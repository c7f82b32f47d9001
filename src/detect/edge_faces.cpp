#include "detect/edge_faces.h"

#include <algorithm>
#include <cmath>

#include "image/letterbox.h"

namespace emolens::detect {

ImageStatus edge_canvas(const ImageView& frame, int size, float margin_share, EdgeCanvas& out) {
  if (ImageStatus s = image_check(frame); s != ImageStatus::ok) return s;
  if (size < 1 || !(margin_share >= 0)) return ImageStatus::bad_size;
  if (ImageStatus s = out.image.reset(size, size, frame.format); s != ImageStatus::ok) return s;
  const uint8_t grey[4] = {128, 128, 128, 255};
  image_fill(out.image.view(), grey);
  const double padded = std::max(frame.width, frame.height) * (1.0 + 2.0 * margin_share);
  const int content_width = std::max(1, static_cast<int>(std::lround(frame.width * size / padded)));
  const int content_height = std::max(1, static_cast<int>(std::lround(frame.height * size / padded)));
  const int x = (size - content_width) / 2, y = (size - content_height) / 2;
  MutableImageView content;
  if (ImageStatus s = image_subview(out.image.view(), x, y, content_width, content_height, &content); s != ImageStatus::ok) return s;
  Letterbox placement;
  if (ImageStatus s = letterbox(frame, content, grey, &placement); s != ImageStatus::ok) return s;
  out.origin_x = x + placement.content_x, out.origin_y = y + placement.content_y;
  out.scale_x = placement.scale_x, out.scale_y = placement.scale_y;
  return ImageStatus::ok;
}

Detection edge_canvas_to_frame(const Detection& d, const EdgeCanvas& canvas) {
  const auto to_x = [&](float v) { return static_cast<float>((v - canvas.origin_x) * canvas.scale_x); };
  const auto to_y = [&](float v) { return static_cast<float>((v - canvas.origin_y) * canvas.scale_y); };
  Detection out = d;
  out.x = to_x(d.x), out.y = to_y(d.y);
  out.width = to_x(d.x + d.width) - out.x, out.height = to_y(d.y + d.height) - out.y;
  for (Point2& p : out.keypoints) p = {to_x(p.x), to_y(p.y)};
  return out;
}

bool reaches_frame_edge(const Detection& d, int frame_width, int frame_height, float tolerance) {
  const float near = tolerance * std::max(d.width, d.height);
  return d.x < near || d.y < near || d.x + d.width > frame_width - near || d.y + d.height > frame_height - near;
}

}  // namespace emolens::detect
