#include <catch2/catch.hpp>

#include <cmath>

#include "image/resize.h"
#include "image_test_util.h"

#ifdef EMOLENS_TEST_HAVE_OPENCV
#include <opencv2/imgproc.hpp>
#endif

using namespace emolens;
using emolens::test::TestImage;

namespace {

struct ResizeCase {
  int src_width, src_height, dst_width, dst_height;
};

// Odd sizes, 1-pixel images, up- and downscales by several factors, the exact 2:1 case OpenCV
// routes to its area filter, and the frame -> detector-input sizes of the app.
const ResizeCase kCases[] = {
    {1, 1, 1, 1},     {1, 1, 5, 3},       {3, 7, 1, 1},       {3, 7, 7, 3},      {3, 7, 10, 20},
    {17, 13, 16, 13}, {17, 13, 51, 39},   {13, 11, 4, 9},     {641, 479, 128, 96},
    {641, 479, 1283, 957}, {640, 480, 320, 240}, {640, 480, 128, 128}, {640, 480, 192, 144},
    {640, 480, 100, 75},   {64, 48, 224, 200},
};
const PixelFormat kFormats[] = {PixelFormat::grey, PixelFormat::rgb, PixelFormat::rgba};

}  // namespace

#ifdef EMOLENS_TEST_HAVE_OPENCV
TEST_CASE("resize_bilinear matches cv::resize INTER_LINEAR within 1", "[image][resize]") {
  uint32_t seed = 100;
  for (const ResizeCase& rc : kCases)
    for (PixelFormat format : kFormats)
      for (int padding : {0, 7}) {
        TestImage src(rc.src_width, rc.src_height, format, padding);
        src.randomize(seed++);
        TestImage dst(rc.dst_width, rc.dst_height, format, padding + 1);
        REQUIRE(resize_bilinear(src.view, dst.view) == ImageStatus::ok);

        cv::Mat expected;
        cv::resize(test::as_mat(src.view), expected, cv::Size(rc.dst_width, rc.dst_height), 0, 0, cv::INTER_LINEAR);
        const test::ImageDiff diff = test::image_diff(dst.view, expected, 1);
        INFO(rc.src_width << "x" << rc.src_height << " -> " << rc.dst_width << "x" << rc.dst_height << " channels "
                          << pixel_channels(format) << " padding " << padding << ": max diff " << diff.max_abs << ", "
                          << diff.different << "/" << diff.values << " differ, first over 1 " << diff.first_bad);
        CHECK(diff.max_abs <= 1);
        // OpenCV rounds only its scalar row tails differently; the body must be bit-exact.
        CHECK(diff.different * 20 <= diff.values);
        CHECK(dst.padding_intact());
      }
}

TEST_CASE("resize_bilinear_to_tensor matches cv::resize on float images", "[image][resize]") {
  const Normalization norm{1.0f / 127.5f, -1.0f};
  uint32_t seed = 500;
  for (const ResizeCase& rc : kCases)
    for (PixelFormat format : kFormats) {
      TestImage src(rc.src_width, rc.src_height, format, 3);
      src.randomize(seed++);
      const int channels = format == PixelFormat::grey ? 1 : 3;
      std::vector<float> tensor(static_cast<size_t>(rc.dst_width) * rc.dst_height * channels, NAN);
      REQUIRE(resize_bilinear_to_tensor(src.view, tensor_view(tensor.data(), rc.dst_width, rc.dst_height, channels), norm) ==
              ImageStatus::ok);

      cv::Mat src_float, expected;
      test::as_mat(src.view).convertTo(src_float, CV_32F);
      cv::resize(src_float, expected, cv::Size(rc.dst_width, rc.dst_height), 0, 0, cv::INTER_LINEAR);
      float max_diff = 0.0f;
      std::string first_bad;
      for (int y = 0; y < rc.dst_height; ++y)
        for (int x = 0; x < rc.dst_width; ++x)
          for (int c = 0; c < channels; ++c) {
            const float want = expected.ptr<float>(y)[x * src.view.channels() + c] * norm.scale + norm.offset;
            const float got = tensor[(static_cast<size_t>(y) * rc.dst_width + x) * channels + c];
            const float d = std::fabs(got - want);
            if (!(d <= 1e-4f) && first_bad.empty())
              first_bad = "(" + std::to_string(x) + ", " + std::to_string(y) + ", " + std::to_string(c) + "): " +
                          std::to_string(got) + " vs " + std::to_string(want);
            max_diff = std::max(max_diff, std::isnan(d) ? INFINITY : d);
          }
      INFO(rc.src_width << "x" << rc.src_height << " -> " << rc.dst_width << "x" << rc.dst_height << " channels "
                        << channels << ": max diff " << max_diff << " first " << first_bad);
      CHECK(max_diff <= 1e-4f);
    }
}
#endif

TEST_CASE("resize_bilinear of a constant image is that constant", "[image][resize]") {
  for (const ResizeCase& rc : kCases) {
    TestImage src(rc.src_width, rc.src_height, PixelFormat::rgb);
    const uint8_t value[4] = {0, 255, 77, 0};
    image_fill(src.view, value);
    TestImage dst(rc.dst_width, rc.dst_height, PixelFormat::rgb);
    REQUIRE(resize_bilinear(src.view, dst.view) == ImageStatus::ok);
    const test::ImageDiff diff = test::image_diff(dst.view, [&](int, int, int c) { return int{value[c]}; }, 0);
    INFO(rc.dst_width << "x" << rc.dst_height << " first diff " << diff.first_bad);
    CHECK(diff.max_abs == 0);
  }
}

TEST_CASE("resize refuses mismatched formats and bad views", "[image][resize]") {
  TestImage src(4, 4, PixelFormat::rgba);
  TestImage grey(2, 2, PixelFormat::grey);
  CHECK(resize_bilinear(src.view, grey.view) == ImageStatus::bad_format);
  MutableImageView bad = grey.view;
  bad.stride = 1;
  CHECK(resize_bilinear(grey.view, bad) == ImageStatus::bad_stride);
  float tensor[4 * 4 * 4];
  CHECK(resize_bilinear_to_tensor(src.view, tensor_view(tensor, 4, 4, 4), {}) == ImageStatus::bad_format);
  CHECK(resize_bilinear_to_tensor(src.view, tensor_view(nullptr, 4, 4, 3), {}) == ImageStatus::null_data);
}
