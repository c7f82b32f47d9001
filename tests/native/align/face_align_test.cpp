#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "align/face_align.h"
#include "image/image.h"

using namespace emolens;

namespace {

// A synthetic face on a mid-grey RGBA frame: two dark eye discs and a dark mouth bar, rotated by
// `degrees` about the eye midpoint. Pixels are 4x4 supersampled so blob centroids are sub-pixel
// accurate. Returns the keypoints (continuous frame coordinates).
struct SyntheticFace {
  Image frame;
  FaceGeometry geometry;
};

SyntheticFace render_face(int width, int height, Point2 eye_mid, double eye_distance, double degrees) {
  SyntheticFace face;
  REQUIRE(face.frame.reset(width, height, PixelFormat::rgba) == ImageStatus::ok);
  const double a = degrees * M_PI / 180.0, c = std::cos(a), s = std::sin(a);
  const double eye_radius = 0.12 * eye_distance;
  // The template's mouth sits as far below the eyes as the FER framing expects, so both size cues agree.
  const double mouth_drop = eye_distance * kFerEyeToMouth / kFerEyeDistance;
  const double mouth_half_w = 0.35 * eye_distance, mouth_half_h = 0.06 * eye_distance;
  auto to_frame = [&](double fx, double fy) { return Point2{eye_mid.x + c * fx - s * fy, eye_mid.y + s * fx + c * fy}; };
  auto dark = [&](double fx, double fy) {  // face coordinates: x along the eye line, y down
    const double ex = std::fabs(fx) - eye_distance / 2;
    if (ex * ex + fy * fy <= eye_radius * eye_radius) return true;
    return std::fabs(fx) <= mouth_half_w && std::fabs(fy - mouth_drop) <= mouth_half_h;
  };
  const MutableImageView view = face.frame.view();
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      int hits = 0;
      for (int sy = 0; sy < 4; ++sy)
        for (int sx = 0; sx < 4; ++sx) {
          const double px = x + (sx + 0.5) / 4 - eye_mid.x, py = y + (sy + 0.5) / 4 - eye_mid.y;
          hits += dark(c * px + s * py, -s * px + c * py);  // frame -> face: inverse rotation
        }
      uint8_t* p = view.row(y) + x * 4;
      const uint8_t v = static_cast<uint8_t>(200 - hits * 200 / 16);
      p[0] = p[1] = p[2] = v;
      p[3] = 255;
    }
  face.geometry.right_eye = to_frame(-eye_distance / 2, 0);
  face.geometry.left_eye = to_frame(eye_distance / 2, 0);
  face.geometry.mouth_centre = to_frame(0, mouth_drop);
  face.geometry.box_x = eye_mid.x - eye_distance;
  face.geometry.box_y = eye_mid.y - eye_distance;
  face.geometry.box_width = face.geometry.box_height = 2 * eye_distance;
  return face;
}

// Darkness-weighted centroid (continuous coordinates) of the crop's dark pixels in a region.
Point2 dark_centroid(const ImageView& grey, int x0, int x1, int y0, int y1) {
  double sum = 0, sx = 0, sy = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const double w = std::max(0, 200 - int{grey.row(y)[x]});
      sum += w, sx += w * (x + 0.5), sy += w * (y + 0.5);
    }
  return sum > 0 ? Point2{sx / sum, sy / sum} : Point2{NAN, NAN};
}

}  // namespace

TEST_CASE("face_align puts rotated, scaled, shifted eyes on a level line at the FER positions", "[align]") {
  const AlignParams params = align_default_params();
  const double size = params.size;
  const Point2 want_right{size * (0.5 - kFerEyeDistance / 2), size * kFerEyeLineY};
  const Point2 want_left{size * (0.5 + kFerEyeDistance / 2), size * kFerEyeLineY};
  Image crop, scratch;
  REQUIRE(crop.reset(params.size, params.size, PixelFormat::grey) == ImageStatus::ok);

  double worst_angle = 0, worst_position = 0;
  for (double degrees : {-30.0, -20.0, -10.0, -3.0, 0.0, 7.0, 15.0, 25.0, 30.0})
    for (double eye_distance : {24.0, 57.0, 110.0})
      for (Point2 eye_mid : {Point2{160.3, 110.7}, Point2{301.0, 203.5}}) {
        const SyntheticFace face = render_face(400, 320, eye_mid, eye_distance, degrees);
        REQUIRE(face_align(face.frame.view(), face.geometry, params, crop.view(), scratch) == ImageStatus::ok);

        // Eyes: the dark mass above the mouth, split at the crop's vertical midline.
        const int eye_rows_end = static_cast<int>(size * (kFerEyeLineY + kFerEyeToMouth / 2));
        const Point2 right = dark_centroid(crop.view(), 0, params.size / 2, 0, eye_rows_end);
        const Point2 left = dark_centroid(crop.view(), params.size / 2, params.size, 0, eye_rows_end);
        const double angle = std::atan2(left.y - right.y, left.x - right.x) * 180.0 / M_PI;
        const double position = std::max({std::fabs(right.x - want_right.x), std::fabs(right.y - want_right.y),
                                          std::fabs(left.x - want_left.x), std::fabs(left.y - want_left.y)});
        worst_angle = std::max(worst_angle, std::fabs(angle));
        worst_position = std::max(worst_position, position);
        INFO("rotation " << degrees << " eye distance " << eye_distance << " at " << eye_mid.x << "," << eye_mid.y
                         << ": eye line " << angle << " deg, right eye " << right.x << "," << right.y << " left eye "
                         << left.x << "," << left.y << " (want " << want_right.x << "," << want_right.y << " / "
                         << want_left.x << "," << want_left.y << ")");
        CHECK(std::fabs(angle) <= 3.0);
        CHECK(position <= 1.5);
      }
  INFO("worst eye-line angle " << worst_angle << " deg, worst eye position error " << worst_position << " px");
  CHECK(worst_angle <= 3.0);
}

TEST_CASE("face_align_transform maps the keypoints to the framing constants", "[align]") {
  FaceGeometry face;
  face.right_eye = {100, 200};
  face.left_eye = {140, 170};   // eye line at -36.87 deg, 50 px apart
  face.mouth_centre = {150, 235};
  Affine crop_to_frame, frame_to_crop;
  REQUIRE(face_align_transform(face, align_default_params(), &crop_to_frame) == ImageStatus::ok);
  REQUIRE(affine_invert(crop_to_frame, &frame_to_crop));
  const Point2 r = affine_apply(frame_to_crop, face.right_eye), l = affine_apply(frame_to_crop, face.left_eye);
  CHECK(r.y == Approx(l.y));
  CHECK((r.x + l.x) / 2 == Approx(24.0));
  CHECK(r.y == Approx(48 * kFerEyeLineY));
  // eye-to-mouth (55.9 px) implies a larger face than the eye distance: it sets the scale.
  const Point2 m = affine_apply(frame_to_crop, face.mouth_centre);
  CHECK(std::hypot(m.x - 24.0, m.y - r.y) == Approx(48 * kFerEyeToMouth));
}

TEST_CASE("face_align falls back to the box and refuses nonsense", "[align]") {
  AlignParams params = align_default_params();
  FaceGeometry face;
  face.right_eye = face.left_eye = face.mouth_centre = {50, 50};  // collapsed keypoints
  face.box_x = 20, face.box_y = 30, face.box_width = 60, face.box_height = 60;
  Affine crop_to_frame;
  REQUIRE(face_align_transform(face, params, &crop_to_frame) == ImageStatus::ok);
  const Point2 centre = affine_apply(crop_to_frame, {24.0, 24.0});
  CHECK(centre.x == Approx(50.0));
  CHECK(centre.y == Approx(60.0));

  face.box_width = 0;
  CHECK(face_align_transform(face, params, &crop_to_frame) == ImageStatus::bad_transform);
  face.left_eye.x = NAN;
  CHECK(face_align_transform(face, params, &crop_to_frame) == ImageStatus::bad_transform);
  params.size = 0;
  CHECK(face_align_transform(face, params, &crop_to_frame) == ImageStatus::bad_size);

  Image frame, crop, scratch;
  REQUIRE(frame.reset(64, 64, PixelFormat::rgba) == ImageStatus::ok);
  REQUIRE(crop.reset(32, 32, PixelFormat::grey) == ImageStatus::ok);
  face = FaceGeometry{{20, 20}, {40, 20}, {30, 40}};
  CHECK(face_align(frame.view(), face, align_default_params(), crop.view(), scratch) == ImageStatus::bad_size);
}
