#include "align/face_align.h"

#include <algorithm>
#include <cmath>

#include "image/color.h"

namespace emolens {
namespace {

// Below this many frame pixels a keypoint distance says nothing about the face's size or angle.
constexpr double kMinKeypointDistance = 1.0;

bool is_finite(Point2 p) { return std::isfinite(p.x) && std::isfinite(p.y); }

}  // namespace

AlignParams align_default_params() { return AlignParams{}; }

ImageStatus face_align_transform(const FaceGeometry& face, const AlignParams& params, Affine* crop_to_frame) {
  if (params.size < 1 || params.size > kMaxImageSide) return ImageStatus::bad_size;
  if (!is_finite(face.right_eye) || !is_finite(face.left_eye) || !is_finite(face.mouth_centre) ||
      !(params.eye_distance > 0.0) || !(params.eye_to_mouth > 0.0) || !std::isfinite(params.eye_line_y))
    return ImageStatus::bad_transform;

  const double eye_dx = face.left_eye.x - face.right_eye.x;
  const double eye_dy = face.left_eye.y - face.right_eye.y;
  const Point2 eye_mid{(face.left_eye.x + face.right_eye.x) / 2, (face.left_eye.y + face.right_eye.y) / 2};
  const double eye_distance = std::hypot(eye_dx, eye_dy);
  const double eye_to_mouth = std::hypot(face.mouth_centre.x - eye_mid.x, face.mouth_centre.y - eye_mid.y);

  double side;   // crop side in frame pixels
  double angle;  // of the eye line, radians
  Point2 anchor; // frame point that lands at (size/2, eye_line_y * size)
  if (eye_distance >= kMinKeypointDistance || eye_to_mouth >= kMinKeypointDistance) {
    // Turning the head shortens the eye distance, nodding shortens eye-to-mouth; the larger of the
    // two implied sizes is the less foreshortened one.
    side = std::max(eye_distance / params.eye_distance, eye_to_mouth / params.eye_to_mouth);
    angle = eye_distance >= kMinKeypointDistance ? std::atan2(eye_dy, eye_dx) : 0.0;
    anchor = eye_mid;
  } else {
    // No usable keypoints: frame the box upright, its centre at the crop centre.
    if (!(face.box_width >= kMinKeypointDistance) || !(face.box_height >= kMinKeypointDistance) ||
        !std::isfinite(face.box_x) || !std::isfinite(face.box_y))
      return ImageStatus::bad_transform;
    side = std::max(face.box_width, face.box_height);
    angle = 0.0;
    anchor = {face.box_x + face.box_width / 2, face.box_y + face.box_height / 2 + (params.eye_line_y - 0.5) * side};
  }

  const double s = side / params.size;  // frame pixels per crop pixel
  const double c = std::cos(angle) * s, n = std::sin(angle) * s;
  const double u0 = params.size * 0.5, v0 = params.size * params.eye_line_y;
  Affine m;  // frame = anchor + s R(angle) (crop - (u0, v0))
  m.m[0] = c, m.m[1] = -n, m.m[2] = anchor.x - c * u0 + n * v0;
  m.m[3] = n, m.m[4] = c, m.m[5] = anchor.y - n * u0 - c * v0;
  if (!affine_is_finite(m)) return ImageStatus::bad_transform;
  *crop_to_frame = m;
  return ImageStatus::ok;
}

ImageStatus face_align(const ImageView& frame, const FaceGeometry& face, const AlignParams& params,
                       const MutableImageView& crop, Image& scratch) {
  ImageStatus status = image_check(frame);
  if (status == ImageStatus::ok) status = image_check(crop);
  if (status != ImageStatus::ok) return status;
  if (crop.width != params.size || crop.height != params.size || crop.format != params.format)
    return crop.format != params.format ? ImageStatus::bad_format : ImageStatus::bad_size;

  Affine crop_to_frame;
  status = face_align_transform(face, params, &crop_to_frame);
  if (status != ImageStatus::ok) return status;
  const Affine map = affine_to_pixel_indices(crop_to_frame);
  WarpBorder border;
  border.mode = params.border;
  if (frame.format == crop.format) return warp_affine(frame, crop, map, border);

  if (scratch.width() != params.size || scratch.height() != params.size || scratch.format() != frame.format) {
    status = scratch.reset(params.size, params.size, frame.format);
    if (status != ImageStatus::ok) return status;
  }
  status = warp_affine(frame, scratch.view(), map, border);
  if (status != ImageStatus::ok) return status;
  return convert_color(scratch.view(), crop);
}

}  // namespace emolens
