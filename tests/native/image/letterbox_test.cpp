#include <catch2/catch.hpp>

#include <cmath>

#include "image/letterbox.h"
#include "image/resize.h"
#include "image_test_util.h"

using namespace emolens;
using emolens::test::TestImage;

TEST_CASE("letterbox_fit keeps the aspect ratio, centred", "[image][letterbox]") {
  Letterbox box;
  REQUIRE(letterbox_fit(640, 480, 128, 128, &box) == ImageStatus::ok);
  CHECK(box.content_width == 128);
  CHECK(box.content_height == 96);
  CHECK(box.content_x == 0);
  CHECK(box.content_y == 16);
  CHECK(box.to_frame_x(box.content_x) == Approx(0.0));
  CHECK(box.to_frame_y(box.content_y + box.content_height) == Approx(480.0));
  CHECK(box.to_frame_x(64.0) == Approx(320.0));
  CHECK(box.to_target_y(box.to_frame_y(37.25)) == Approx(37.25));

  REQUIRE(letterbox_fit(480, 640, 192, 192, &box) == ImageStatus::ok);  // portrait: padding left and right
  CHECK(box.content_width == 144);
  CHECK(box.content_x == 24);
  REQUIRE(letterbox_fit(5000, 1, 128, 128, &box) == ImageStatus::ok);  // extreme: content never collapses
  CHECK(box.content_height == 1);
  CHECK(letterbox_fit(0, 480, 128, 128, &box) == ImageStatus::bad_size);
}

TEST_CASE("letterbox = resize into the content rectangle + padding", "[image][letterbox]") {
  TestImage frame(641, 479, PixelFormat::rgba, 8);
  frame.randomize(11);
  TestImage input(128, 128, PixelFormat::rgba, 4);
  const uint8_t pad[4] = {1, 2, 3, 4};
  Letterbox box;
  REQUIRE(letterbox(frame.view, input.view, pad, &box) == ImageStatus::ok);

  TestImage content(box.content_width, box.content_height, PixelFormat::rgba);
  REQUIRE(resize_bilinear(frame.view, content.view) == ImageStatus::ok);
  const test::ImageDiff diff = test::image_diff(
      input.view,
      [&](int x, int y, int c) {
        const int cx = x - box.content_x, cy = y - box.content_y;
        if (cx < 0 || cy < 0 || cx >= box.content_width || cy >= box.content_height) return int{pad[c]};
        return int{content.view.row(cy)[cx * 4 + c]};
      },
      0);
  INFO("first diff " << diff.first_bad);
  CHECK(diff.max_abs == 0);
  CHECK(input.padding_intact());

  // The tensor variant: the same placement, normalised, alpha dropped.
  const Normalization norm{1.0f / 127.5f, -1.0f};
  std::vector<float> tensor(128 * 128 * 3, NAN);
  Letterbox tensor_box;
  REQUIRE(letterbox_to_tensor(frame.view, tensor_view(tensor.data(), 128, 128, 3), norm, -1.0f, &tensor_box) == ImageStatus::ok);
  CHECK(tensor_box.content_y == box.content_y);
  float max_diff = 0.0f;
  for (int y = 0; y < 128; ++y)
    for (int x = 0; x < 128; ++x)
      for (int c = 0; c < 3; ++c) {
        const uint8_t u8 = input.view.row(y)[x * 4 + c];
        const bool is_pad = y < box.content_y || y >= box.content_y + box.content_height;
        const float want = is_pad ? -1.0f : u8 * norm.scale + norm.offset;
        max_diff = std::max(max_diff, std::fabs(tensor[(y * 128 + x) * 3 + c] - want));
      }
  CHECK(max_diff <= 1.0f / 127.5f + 1e-5f);  // float vs rounded 8-bit resize: within one 8-bit step
}
