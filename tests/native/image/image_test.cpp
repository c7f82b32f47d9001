#include <catch2/catch.hpp>

#include "image/image.h"
#include "image_test_util.h"

using namespace emolens;

TEST_CASE("image_check refuses unusable views", "[image]") {
  uint8_t pixels[64] = {};
  CHECK(image_check(image_view(pixels, 4, 4, PixelFormat::rgba)) == ImageStatus::ok);
  CHECK(image_check(image_view(static_cast<const uint8_t*>(nullptr), 4, 4, PixelFormat::rgba)) == ImageStatus::null_data);
  CHECK(image_check(image_view(pixels, 0, 4, PixelFormat::rgba)) == ImageStatus::bad_size);
  CHECK(image_check(image_view(pixels, 4, -1, PixelFormat::rgba)) == ImageStatus::bad_size);
  CHECK(image_check(image_view(pixels, kMaxImageSide + 1, 1, PixelFormat::grey)) == ImageStatus::bad_size);
  CHECK(image_check(image_view(pixels, 4, 4, PixelFormat::rgba, 15)) == ImageStatus::bad_stride);
  CHECK(image_check(image_view(pixels, 4, 4, static_cast<PixelFormat>(2))) == ImageStatus::bad_format);
  CHECK(image_check(image_view(pixels, 4, 4, PixelFormat::grey, SIZE_MAX / 2)) == ImageStatus::bad_stride);
}

TEST_CASE("image_subview shares pixels and stays inside", "[image]") {
  test::TestImage image(5, 4, PixelFormat::rgb, 2);
  image.randomize(3);
  MutableImageView part;
  REQUIRE(image_subview(image.view, 1, 2, 3, 2, &part) == ImageStatus::ok);
  CHECK(part.data == image.view.row(2) + 3);
  CHECK(part.stride == image.view.stride);
  CHECK(image_subview(image.view, 3, 0, 3, 1, &part) == ImageStatus::bad_size);
  CHECK(image_subview(image.view, -1, 0, 1, 1, &part) == ImageStatus::bad_size);
  CHECK(image_subview(image.view, 0, 0, 0, 1, &part) == ImageStatus::bad_size);
}

TEST_CASE("Image allocates within limits only", "[image]") {
  Image image;
  REQUIRE(image.reset(3, 2, PixelFormat::rgba) == ImageStatus::ok);
  CHECK(image.view().stride == 12);
  CHECK(image_check(image.view()) == ImageStatus::ok);

  ImageLimits small;
  small.max_pixels = 100;
  CHECK(image.reset(11, 10, PixelFormat::grey, small) == ImageStatus::too_large);
  CHECK(image.empty());
  CHECK(image.reset(kMaxImageSide, kMaxImageSide, PixelFormat::rgba) == ImageStatus::too_large);  // 1 Gpx, refused before allocating
  CHECK(image.reset(0, 10, PixelFormat::grey) == ImageStatus::bad_size);
  CHECK(std::string(image_status_name(ImageStatus::too_large)) == "too_large");
}
