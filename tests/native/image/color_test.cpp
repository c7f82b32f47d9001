#include <catch2/catch.hpp>

#include "image/color.h"
#include "image_test_util.h"

#ifdef EMOLENS_TEST_HAVE_OPENCV
#include <opencv2/imgproc.hpp>
#endif

using namespace emolens;
using emolens::test::TestImage;

namespace {

struct Conversion {
  PixelFormat from, to;
  int cv_code;  // -1: plain copy
  const char* name;
};

}  // namespace

#ifdef EMOLENS_TEST_HAVE_OPENCV
TEST_CASE("convert_color matches cv::cvtColor bit for bit", "[image][color]") {
  const Conversion conversions[] = {
      {PixelFormat::rgba, PixelFormat::rgb, cv::COLOR_RGBA2RGB, "rgba->rgb"},
      {PixelFormat::rgba, PixelFormat::grey, cv::COLOR_RGBA2GRAY, "rgba->grey"},
      {PixelFormat::rgb, PixelFormat::grey, cv::COLOR_RGB2GRAY, "rgb->grey"},
      {PixelFormat::rgba, PixelFormat::rgba, -1, "rgba copy"},
  };
  const int sizes[][2] = {{1, 1}, {3, 7}, {17, 5}, {641, 479}};
  uint32_t seed = 1;
  for (const Conversion& conv : conversions)
    for (const auto& size : sizes)
      for (int padding : {0, 5}) {
        TestImage src(size[0], size[1], conv.from, padding);
        src.randomize(seed++);
        TestImage dst(size[0], size[1], conv.to, padding + 3);
        REQUIRE(convert_color(src.view, dst.view) == ImageStatus::ok);

        cv::Mat expected;
        if (conv.cv_code < 0)
          expected = test::as_mat(src.view).clone();
        else
          cv::cvtColor(test::as_mat(src.view), expected, conv.cv_code);
        const test::ImageDiff diff = test::image_diff(dst.view, expected, 0);
        INFO(conv.name << " " << size[0] << "x" << size[1] << " padding " << padding << " first diff " << diff.first_bad);
        CHECK(diff.max_abs == 0);
        CHECK(dst.padding_intact());
      }
}
#endif

TEST_CASE("convert_color grey extremes and refusals", "[image][color]") {
  TestImage src(2, 1, PixelFormat::rgb);
  const uint8_t pixels[] = {255, 255, 255, 0, 0, 0};
  std::copy(pixels, pixels + 6, src.view.data);
  TestImage grey(2, 1, PixelFormat::grey);
  REQUIRE(convert_color(src.view, grey.view) == ImageStatus::ok);
  CHECK(int{grey.view.data[0]} == 255);  // the weights sum to exactly 1 in Q15
  CHECK(int{grey.view.data[1]} == 0);

  TestImage wrong_size(3, 1, PixelFormat::grey);
  CHECK(convert_color(src.view, wrong_size.view) == ImageStatus::bad_size);
  TestImage rgba(2, 1, PixelFormat::rgba);
  CHECK(convert_color(grey.view, rgba.view) == ImageStatus::bad_format);  // grey -> colour is not offered
  MutableImageView null_view = grey.view;
  null_view.data = nullptr;
  CHECK(convert_color(src.view, null_view) == ImageStatus::null_data);
}
