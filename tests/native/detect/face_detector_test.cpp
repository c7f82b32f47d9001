// The detector end to end on real photos (<data>/photos: skipped without the data folder, failed
// when the folder lacks them).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>

#include "detect/detect_test_util.h"
#include "detect/face_detector.h"
#include "image/resize.h"

using namespace emolens;
using namespace emolens::detect;

namespace {

std::unique_ptr<FaceDetector> make_detector(const DetectorOptions& options) {
  static const nn::Model short_model = detect_test::load_blazeface("short_range");
  static const nn::Model full_model = detect_test::load_blazeface("full_range");
  std::unique_ptr<FaceDetector> detector;
  const Status status = FaceDetector::create(&short_model, &full_model, options, detector);
  INFO(status.message());
  REQUIRE(status.ok());
  return detector;
}

std::vector<Detection> detect_faces(FaceDetector& detector, const Image& image) {
  std::vector<Detection> faces;
  const Status status = detector.detect(image.view(), faces);
  INFO(status.message());
  REQUIRE(status.ok());
  return faces;
}

bool inside(const Point2& p, const Detection& d) { return p.x > d.x && p.x < d.x + d.width && p.y > d.y && p.y < d.y + d.height; }

// `src` pasted at (x, y) into a grey canvas of the given size.
Image paste(const ImageView& src, int width, int height, int x, int y) {
  Image canvas;
  REQUIRE(canvas.reset(width, height, PixelFormat::rgb) == ImageStatus::ok);
  const uint8_t grey[4] = {96, 96, 96, 255};
  image_fill(canvas.view(), grey);
  for (int row = 0; row < src.height; ++row) std::memcpy(canvas.view().row(y + row) + 3 * x, src.row(row), 3 * static_cast<size_t>(src.width));
  return canvas;
}

DetectorOptions with_range(DetectorRange range) {
  DetectorOptions options;
  options.range = range;
  return options;
}

}  // namespace

TEST_CASE("FaceDetector finds the face of a portrait with both models, keypoints inside the box") {
  DETECT_TEST_REQUIRE_PHOTOS();
  const Image photo = detect_test::load_photo("faceapijs_examples_images_happy.jpg");
  for (DetectorRange range : {DetectorRange::short_range, DetectorRange::full_range}) {
    INFO("range " << static_cast<int>(range));
    auto detector = make_detector(with_range(range));
    const std::vector<Detection> faces = detect_faces(*detector, photo);
    REQUIRE(faces.size() >= 1);
    const Detection& face = faces[0];
    CHECK(face.score > 0.75f);
    CHECK(face.width > 0.1f * photo.width());
    for (Keypoint k : {right_eye, left_eye, nose_tip, mouth_centre}) CHECK(inside(face.keypoints[k], face));
    CHECK(face.keypoints[right_eye].x < face.keypoints[left_eye].x);  // the subject's right eye is on the image's left
  }
}

TEST_CASE("FaceDetector maps letterboxed detections back to frame pixels for any aspect ratio") {
  DETECT_TEST_REQUIRE_PHOTOS();
  const Image photo = detect_test::load_photo("faceapijs_examples_images_happy.jpg");
  for (DetectorRange range : {DetectorRange::short_range, DetectorRange::full_range}) {
    DetectorOptions options = with_range(range);
    options.min_face_size = 100;  // one letterboxed pass per frame, no tiles: this tests the mapping alone
    auto detector = make_detector(options);
    const std::vector<Detection> plain = detect_faces(*detector, photo);
    REQUIRE(!plain.empty());
    // Wide and tall frames around the same pixels: the face must come back at the same place
    // (moderate ratios: a face shrunk to ~20 network pixels gets a looser box from the model).
    for (auto [width, height, x, y] : {std::array<int, 4>{photo.width() * 8 / 5, photo.height(), photo.width() / 2, 0},
                                       std::array<int, 4>{photo.width(), photo.height() * 2, 0, photo.height() / 3}}) {
      INFO("range " << static_cast<int>(range) << ", canvas " << width << "x" << height);
      const std::vector<Detection> moved = detect_faces(*detector, paste(photo.view(), width, height, x, y));
      REQUIRE(!moved.empty());
      const float tolerance = 0.1f * plain[0].width;
      CHECK(moved[0].x - x == Approx(plain[0].x).margin(tolerance));
      CHECK(moved[0].y - y == Approx(plain[0].y).margin(tolerance));
      CHECK(moved[0].width == Approx(plain[0].width).margin(tolerance));
      CHECK(moved[0].keypoints[nose_tip].x - x == Approx(plain[0].keypoints[nose_tip].x).margin(tolerance));
    }
  }
}

TEST_CASE("FaceDetector finds several faces in a group photo and honours max_faces") {
  DETECT_TEST_REQUIRE_PHOTOS();
  const Image photo = detect_test::load_photo("facenet_pytorch_multiface.jpg");
  auto detector = make_detector(with_range(DetectorRange::full_range));
  const std::vector<Detection> faces = detect_faces(*detector, photo);
  CHECK(faces.size() >= 3);
  for (size_t i = 1; i < faces.size(); ++i) CHECK(faces[i - 1].score >= faces[i].score);
  DetectorOptions two = with_range(DetectorRange::full_range);
  two.max_faces = 2;
  CHECK(detect_faces(*make_detector(two), photo).size() == 2);
}

TEST_CASE("FaceDetector finds a small face in a 4000x3000 photo by tiling", "[slow][detect]") {
  DETECT_TEST_REQUIRE_PHOTOS();
  const Image photo = detect_test::load_photo("faceapijs_examples_images_happy.jpg");
  auto detector = make_detector(with_range(DetectorRange::full_range));
  const std::vector<Detection> plain = detect_faces(*detector, photo);
  REQUIRE(!plain.empty());
  // Shrink the portrait so its face is about 40 px wide, and put it in a big empty frame.
  const float shrink = 40.0f / plain[0].width;
  Image small;
  REQUIRE(small.reset(std::max(1, static_cast<int>(photo.width() * shrink)), std::max(1, static_cast<int>(photo.height() * shrink)),
                      PixelFormat::rgb) == ImageStatus::ok);
  REQUIRE(resize_bilinear(photo.view(), small.view()) == ImageStatus::ok);
  const int x = 2717, y = 1409;
  const std::vector<Detection> faces = detect_faces(*detector, paste(small.view(), 4000, 3000, x, y));
  REQUIRE(!faces.empty());
  CHECK(faces[0].x == Approx(x + plain[0].x * shrink).margin(8));
  CHECK(faces[0].y == Approx(y + plain[0].y * shrink).margin(8));
  CHECK(faces[0].width == Approx(40).margin(10));
}

TEST_CASE("FaceDetector finds nothing in an empty frame and drops faces below min_face_size") {
  DETECT_TEST_REQUIRE_PHOTOS();
  Image blank;
  REQUIRE(blank.reset(640, 480, PixelFormat::rgb) == ImageStatus::ok);
  auto detector = make_detector(DetectorOptions{});
  CHECK(detect_faces(*detector, blank).empty());
  const Image photo = detect_test::load_photo("faceapijs_examples_images_happy.jpg");
  DetectorOptions huge_only;
  huge_only.min_face_size = static_cast<float>(std::max(photo.width(), photo.height()));
  CHECK(detect_faces(*make_detector(huge_only), photo).empty());
}
