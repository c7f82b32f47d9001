// crop_decode: a face crop's image file to the classifier's grey S x S input (the pipeline behind
// the JS classifyImage), checked against known grey values and, with OpenCV, cv::cvtColor + cv::resize.
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <vector>

#include <stb/stb_image_write.h>  // implemented in image_decode_test.cpp

#include "classify/crop_decode.h"
#include "image/image_test_util.h"

#ifdef EMOLENS_TEST_HAVE_OPENCV
#include <opencv2/imgproc.hpp>
#endif

using namespace emolens;

namespace {

struct Rgb {
  std::vector<uint8_t> pixels;
  int width = 0, height = 0;
};

Rgb make_rgb(int width, int height, const std::function<void(int x, int y, uint8_t* rgb)>& pixel) {
  Rgb image{std::vector<uint8_t>(size_t(width) * height * 3), width, height};
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) pixel(x, y, &image.pixels[(size_t(y) * width + x) * 3]);
  return image;
}

std::vector<uint8_t> png_of(const Rgb& image) {
  std::vector<uint8_t> bytes;
  auto append = [](void* context, void* data, int size) {
    auto* out = static_cast<std::vector<uint8_t>*>(context);
    out->insert(out->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
  };
  REQUIRE(stbi_write_png_to_func(append, &bytes, image.width, image.height, 3, image.pixels.data(), image.width * 3));
  return bytes;
}

CropDecodeResult decode(const std::vector<uint8_t>& bytes, int side, CropBuffers& buffers, Image& out,
                        const ImageLimits& limits = {}) {
  return crop_decode(bytes.data(), bytes.size(), side, limits, buffers, out);
}

}  // namespace

TEST_CASE("crop_decode makes any crop file a side x side grey image", "[classify][crop]") {
  CropBuffers buffers;  // one for every call: reuse across sizes must not leak one crop into the next
  Image crop;
  SECTION("a flat colour keeps cv::cvtColor's grey value after resizing, up or down") {
    for (auto [width, height] : {std::pair{30, 20}, std::pair{97, 131}}) {
      const Rgb flat = make_rgb(width, height, [](int, int, uint8_t* p) { p[0] = 200, p[1] = 100, p[2] = 50; });
      REQUIRE(decode(png_of(flat), 48, buffers, crop).ok());
      REQUIRE(crop.width() == 48);
      REQUIRE(crop.height() == 48);
      REQUIRE(crop.format() == PixelFormat::grey);
      // 0.299 * 200 + 0.587 * 100 + 0.114 * 50 = 124.2
      for (int y = 0; y < 48; ++y)
        for (int x = 0; x < 48; ++x) REQUIRE(int{crop.view().row(y)[x]} == 124);
    }
  }
  SECTION("a crop already of the input size is not resampled") {
    const Rgb pattern = make_rgb(48, 48, [](int x, int y, uint8_t* p) { p[0] = p[1] = p[2] = uint8_t(x * 5 + y * 3); });
    REQUIRE(decode(png_of(pattern), 48, buffers, crop).ok());
    REQUIRE(crop.width() == 48);
    for (int y = 0; y < 48; ++y)
      for (int x = 0; x < 48; ++x) REQUIRE(int{crop.view().row(y)[x]} == uint8_t(x * 5 + y * 3));
  }
  SECTION("decoder failures come back as the decoder reported them") {
    CHECK(decode({}, 48, buffers, crop).decode.error == DecodeError::empty);
    const std::vector<uint8_t> text = {'n', 'o', 't', ' ', 'a', 'n', ' ', 'i', 'm', 'a', 'g', 'e'};
    const CropDecodeResult unsupported = decode(text, 48, buffers, crop);
    CHECK(unsupported.decode.error == DecodeError::unsupported);
    CHECK(!unsupported.ok());
    ImageLimits small;
    small.max_pixels = 100;
    const Rgb big = make_rgb(30, 20, [](int, int, uint8_t* p) { p[0] = p[1] = p[2] = 7; });
    CHECK(decode(png_of(big), 48, buffers, crop, small).decode.error == DecodeError::too_large);
  }
}

#ifdef EMOLENS_TEST_HAVE_OPENCV
TEST_CASE("crop_decode matches cv::cvtColor then cv::resize INTER_LINEAR within 1", "[classify][crop]") {
  CropBuffers buffers;
  Image crop;
  for (auto [width, height] : {std::pair{61, 47}, std::pair{20, 33}, std::pair{200, 180}}) {
    const Rgb noise = make_rgb(width, height, [](int x, int y, uint8_t* p) {
      for (int c = 0; c < 3; ++c) p[c] = uint8_t((x * 37 + y * 101 + c * 53) * 2654435761u >> 24);
    });
    REQUIRE(decode(png_of(noise), 48, buffers, crop).ok());
    cv::Mat grey, expected;
    cv::cvtColor(cv::Mat(height, width, CV_8UC3, const_cast<uint8_t*>(noise.pixels.data())), grey, cv::COLOR_RGB2GRAY);
    cv::resize(grey, expected, cv::Size(48, 48), 0, 0, cv::INTER_LINEAR);
    const test::ImageDiff diff = test::image_diff(crop.view(), expected, 1);
    INFO(width << "x" << height << ": max diff " << diff.max_abs << ", first over 1 " << diff.first_bad);
    CHECK(diff.max_abs <= 1);
  }
}
#endif
