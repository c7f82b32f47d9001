// Faces cut by the photo's edge: the grey-margin canvas, the edge-only filter, and the detector on
// a photo whose edge cuts faces (<data>/photos; that part skipped without the data folder).
#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>

#include "detect/detect_test_util.h"
#include "detect/edge_faces.h"
#include "detect/face_detector.h"

using namespace emolens;
using namespace emolens::detect;

namespace {

Detection box(float x, float y, float width, float height) {
  Detection d;
  d.x = x, d.y = y, d.width = width, d.height = height, d.score = 0.9f;
  return d;
}

}  // namespace

TEST_CASE("reaches_frame_edge holds only for boxes past or at the frame's edge") {
  const int width = 400, height = 300;
  const std::vector<Detection> in = {
      box(100, 100, 50, 50),   // inside: dropped
      box(-20, 100, 60, 60),   // past the left edge
      box(360, 10, 60, 60),    // past the right edge
      box(100, 248, 50, 50),   // 2 px from the bottom, within 5% of 50 px
      box(100, 5, 50, 50),     // 5 px from the top: more than 5% of 50 px, dropped
      box(200, -30, 40, 40),   // past the top
  };
  const auto reaching = [&](float tolerance) {
    std::vector<Detection> kept;
    std::copy_if(in.begin(), in.end(), std::back_inserter(kept),
                 [&](const Detection& d) { return reaches_frame_edge(d, width, height, tolerance); });
    return kept;
  };
  const std::vector<Detection> kept = reaching(0.05f);
  REQUIRE(kept.size() == 4);
  CHECK(kept[0].x == -20);
  CHECK(kept[1].x == 360);
  CHECK(kept[2].y == 248);
  CHECK(kept[3].y == -30);
  CHECK(reaching(0.15f).size() == 5);  // a wider tolerance takes the 5 px one too
}

TEST_CASE("edge_canvas draws the photo centred inside a grey margin and maps back to frame pixels") {
  Image frame;
  REQUIRE(frame.reset(200, 100, PixelFormat::rgb) == ImageStatus::ok);
  const uint8_t white[4] = {255, 255, 255, 255};
  image_fill(frame.view(), white);
  EdgeCanvas canvas;
  REQUIRE(edge_canvas(frame.view(), 128, 0.25f, canvas) == ImageStatus::ok);
  REQUIRE(canvas.image.width() == 128);
  REQUIRE(canvas.image.format() == PixelFormat::rgb);
  const ImageView view = canvas.image.view();
  CHECK(view.row(64)[3 * 64] == 255);  // the photo in the middle
  CHECK(view.row(2)[3 * 2] == 128);    // grey margin in the corners
  CHECK(view.row(64)[3 * 10] == 128);  // 200 px wide + 2 x 50 px margin = 300 px over 128: the photo starts at ~21
  // A canvas box over the photo's whole content maps to the whole frame.
  Detection whole = box(static_cast<float>(canvas.origin_x), static_cast<float>(canvas.origin_y),
                        static_cast<float>(200 / canvas.scale_x), static_cast<float>(100 / canvas.scale_y));
  whole.keypoints[nose_tip] = {whole.x + whole.width / 2, whole.y + whole.height / 2};
  const Detection mapped = edge_canvas_to_frame(whole, canvas);
  CHECK(mapped.x == Approx(0).margin(1e-3));
  CHECK(mapped.y == Approx(0).margin(1e-3));
  CHECK(mapped.width == Approx(200).margin(1e-3));
  CHECK(mapped.height == Approx(100).margin(1e-3));
  CHECK(mapped.keypoints[nose_tip].x == Approx(100).margin(1e-3));
  CHECK(canvas.scale_x == Approx(300.0 / 128).epsilon(0.02));

  EdgeCanvas bad;
  CHECK(edge_canvas(frame.view(), 0, 0.25f, bad) == ImageStatus::bad_size);
  CHECK(edge_canvas(ImageView{}, 128, 0.25f, bad) != ImageStatus::ok);
}

TEST_CASE("FaceDetector (photo mode) finds the selfie-taker cut by the photo's edge, camera mode does not look past it") {
  DETECT_TEST_REQUIRE_PHOTOS();
  static const nn::Model short_model = detect_test::load_blazeface("short_range");
  static const nn::Model full_model = detect_test::load_blazeface("full_range");
  const Image photo = detect_test::load_photo("deepface_selfie-many-people.jpg");  // 600x604, 7 faces, 3 cut by the edge
  const auto detect_with = [&](DetectorRange range) {
    DetectorOptions options;
    options.range = range;
    std::unique_ptr<FaceDetector> detector;
    REQUIRE(FaceDetector::create(&short_model, &full_model, options, detector).ok());
    std::vector<Detection> faces;
    REQUIRE(detector->detect(photo.view(), faces).ok());
    return faces;
  };
  // The selfie-taker, bottom right, about a third of his face past the right edge.
  const auto selfie_taker = [&](const Detection& d) {
    return d.x + d.width > photo.width() && d.x > 0.75f * photo.width() && d.y + d.height / 2 > 0.55f * photo.height();
  };
  const std::vector<Detection> photo_mode = detect_with(DetectorRange::full_range);
  CHECK(photo_mode.size() >= 5);
  CHECK(std::count_if(photo_mode.begin(), photo_mode.end(), selfie_taker) == 1);
  const std::vector<Detection> camera_mode = detect_with(DetectorRange::short_range);
  CHECK(std::none_of(camera_mode.begin(), camera_mode.end(), selfie_taker));
}
