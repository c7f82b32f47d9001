#include <catch2/catch.hpp>

#include "image/orient.h"
#include "image_test_util.h"

#ifdef EMOLENS_TEST_HAVE_OPENCV
#include <opencv2/core.hpp>
#endif

using namespace emolens;
using emolens::test::TestImage;

namespace {

constexpr PixelFormat kFormats[] = {PixelFormat::grey, PixelFormat::rgb, PixelFormat::rgba};

int inverse(int orientation) { return orientation == 6 ? 8 : orientation == 8 ? 6 : orientation; }

TestImage oriented_canvas(const ImageView& src, int orientation, int padding) {
  return TestImage(orient_width(src.width, src.height, orientation), orient_height(src.width, src.height, orientation),
                   src.format, padding);
}

}  // namespace

TEST_CASE("image_orient then its inverse gives the image back, padding untouched", "[image][orient]") {
  for (PixelFormat format : kFormats) {
    TestImage src(7, 4, format, 5);
    src.randomize(3);
    for (int orientation = 1; orientation <= 8; ++orientation) {
      INFO("channels " << pixel_channels(format) << ", orientation " << orientation);
      TestImage upright = oriented_canvas(src.view, orientation, 3);
      REQUIRE(image_orient(src.view, orientation, upright.view) == ImageStatus::ok);
      CHECK(upright.view.width == (orientation >= 5 ? 4 : 7));
      CHECK(upright.padding_intact());
      TestImage back(7, 4, format, 1);
      REQUIRE(image_orient(upright.view, inverse(orientation), back.view) == ImageStatus::ok);
      const test::ImageDiff diff = test::image_diff(back.view, [&](int x, int y, int c) {
        return int{src.view.row(y)[x * src.view.channels() + c]};
      }, 0);
      CHECK(diff.first_bad == "");
    }
  }
}

#ifdef EMOLENS_TEST_HAVE_OPENCV
// OpenCV's flips and turns are the reference, on sizes that are not multiples of the tile (64).
TEST_CASE("image_orient matches OpenCV's flip/rotate/transpose for all 8 orientations", "[image][orient]") {
  for (PixelFormat format : kFormats) {
    for (auto [w, h] : {std::pair{1, 1}, std::pair{5, 3}, std::pair{130, 67}}) {
      TestImage src(w, h, format, 3);
      src.randomize(w * 31 + h);
      const cv::Mat in = test::as_mat(src.view);
      for (int orientation = 1; orientation <= 8; ++orientation) {
        INFO(w << "x" << h << ", channels " << pixel_channels(format) << ", orientation " << orientation);
        cv::Mat expected;
        switch (orientation) {
          case 1: expected = in.clone(); break;
          case 2: cv::flip(in, expected, 1); break;
          case 3: cv::rotate(in, expected, cv::ROTATE_180); break;
          case 4: cv::flip(in, expected, 0); break;
          case 5: cv::transpose(in, expected); break;
          case 6: cv::rotate(in, expected, cv::ROTATE_90_CLOCKWISE); break;
          case 7: cv::transpose(in, expected), cv::flip(expected, expected, -1); break;
          case 8: cv::rotate(in, expected, cv::ROTATE_90_COUNTERCLOCKWISE); break;
        }
        TestImage upright = oriented_canvas(src.view, orientation, 2);
        REQUIRE(image_orient(src.view, orientation, upright.view) == ImageStatus::ok);
        REQUIRE((expected.cols == upright.view.width && expected.rows == upright.view.height));
        CHECK(test::image_diff(upright.view, expected, 0).first_bad == "");
        CHECK(upright.padding_intact());
      }
    }
  }
}
#endif

TEST_CASE("image_orient refuses a bad orientation, size or format", "[image][orient]") {
  TestImage src(6, 4, PixelFormat::rgba);
  src.randomize(1);
  TestImage same(6, 4, PixelFormat::rgba), turned(4, 6, PixelFormat::rgba), grey(6, 4, PixelFormat::grey);
  for (int orientation : {0, 9, -1}) CHECK(image_orient(src.view, orientation, same.view) == ImageStatus::bad_transform);
  CHECK(image_orient(src.view, 6, same.view) == ImageStatus::bad_size);    // 6 needs the sides swapped
  CHECK(image_orient(src.view, 2, turned.view) == ImageStatus::bad_size);
  CHECK(image_orient(src.view, 1, grey.view) == ImageStatus::bad_format);
  CHECK(image_orient(ImageView{}, 1, same.view) == ImageStatus::null_data);
}
