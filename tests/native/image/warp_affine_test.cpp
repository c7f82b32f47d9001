#include <catch2/catch.hpp>

#include <cmath>

#include "image/warp_affine.h"
#include "image_test_util.h"

#ifdef EMOLENS_TEST_HAVE_OPENCV
#include <opencv2/imgproc.hpp>
#endif

using namespace emolens;
using emolens::test::TestImage;

namespace {

// A rotation by `degrees` and uniform `scale` about the source centre, moved to the destination
// centre plus `shift`: the kind of matrix face alignment produces, src -> dst.
Affine rotation_scale(double degrees, double scale, int src_w, int src_h, int dst_w, int dst_h, double shift) {
  const double a = degrees * M_PI / 180.0;
  const double c = std::cos(a) * scale, s = std::sin(a) * scale;
  const double cx = src_w / 2.0, cy = src_h / 2.0;
  Affine m;
  m.m[0] = c, m.m[1] = -s, m.m[2] = dst_w / 2.0 + shift - (c * cx - s * cy);
  m.m[3] = s, m.m[4] = c, m.m[5] = dst_h / 2.0 - shift - (s * cx + c * cy);
  return m;
}

struct WarpCase {
  int src_width, src_height, dst_width, dst_height;
  double degrees, scale, shift;
};

const WarpCase kCases[] = {
    {1, 1, 1, 1, 0, 1, 0},          {1, 1, 5, 4, 30, 2.5, 0.3},     {3, 7, 7, 3, -17, 1.3, 0.7},
    {641, 479, 48, 48, 12.5, 0.11, 0}, {641, 479, 48, 48, -29, 0.2, 3.3}, {641, 479, 640, 480, 0, 1, 0},
    {641, 479, 200, 150, 90, 0.5, -40},  {40, 30, 96, 80, 45, 2.2, 5},   {40, 30, 64, 64, 181, 0.9, 0},
    {33, 21, 70, 50, 7, 1.0, 60},   // mostly outside the source: exercises the borders
};

}  // namespace

#ifdef EMOLENS_TEST_HAVE_OPENCV
TEST_CASE("warp_affine matches cv::warpAffine INTER_LINEAR bit for bit", "[image][warp]") {
  uint32_t seed = 900;
  for (const WarpCase& wc : kCases)
    for (PixelFormat format : {PixelFormat::grey, PixelFormat::rgb, PixelFormat::rgba})
      for (BorderMode mode : {BorderMode::constant, BorderMode::replicate}) {
        TestImage src(wc.src_width, wc.src_height, format, 5);
        src.randomize(seed++);
        WarpBorder border;
        border.mode = mode;
        for (int c = 0; c < 4; ++c) border.value[c] = static_cast<uint8_t>(40 + 50 * c);
        const Affine src_to_dst = rotation_scale(wc.degrees, wc.scale, wc.src_width, wc.src_height, wc.dst_width,
                                                 wc.dst_height, wc.shift);
        Affine dst_to_src;
        REQUIRE(affine_invert(src_to_dst, &dst_to_src));
        TestImage dst(wc.dst_width, wc.dst_height, format, 2);
        REQUIRE(warp_affine(src.view, dst.view, dst_to_src, border) == ImageStatus::ok);

        const cv::Mat m(2, 3, CV_64F, const_cast<double*>(src_to_dst.m));
        const int cv_border = mode == BorderMode::constant ? cv::BORDER_CONSTANT : cv::BORDER_REPLICATE;
        const cv::Scalar value(border.value[0], border.value[1], border.value[2], border.value[3]);
        cv::Mat forward, inverse;
        cv::warpAffine(test::as_mat(src.view), forward, m, cv::Size(wc.dst_width, wc.dst_height), cv::INTER_LINEAR,
                       cv_border, value);
        const cv::Mat m_inv(2, 3, CV_64F, const_cast<double*>(dst_to_src.m));
        cv::warpAffine(test::as_mat(src.view), inverse, m_inv, cv::Size(wc.dst_width, wc.dst_height),
                       cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv_border, value);

        const test::ImageDiff diff_forward = test::image_diff(dst.view, forward, 0);
        const test::ImageDiff diff_inverse = test::image_diff(dst.view, inverse, 0);
        INFO(wc.src_width << "x" << wc.src_height << " -> " << wc.dst_width << "x" << wc.dst_height << " angle "
                          << wc.degrees << " channels " << pixel_channels(format) << " border " << cv_border
                          << ": first diff " << diff_forward.first_bad << " / " << diff_inverse.first_bad);
        CHECK(diff_forward.max_abs == 0);
        CHECK(diff_inverse.max_abs == 0);
        CHECK(dst.padding_intact());
      }
}
#endif

TEST_CASE("warp_affine identity copies and refuses bad transforms", "[image][warp]") {
  TestImage src(9, 5, PixelFormat::rgba, 3);
  src.randomize(4);
  TestImage dst(9, 5, PixelFormat::rgba);
  REQUIRE(warp_affine(src.view, dst.view, Affine{}) == ImageStatus::ok);
  CHECK(test::image_diff(dst.view, [&](int x, int y, int c) { return int{src.view.row(y)[x * 4 + c]}; }, 0).max_abs == 0);

  Affine bad;
  bad.m[2] = NAN;
  CHECK(warp_affine(src.view, dst.view, bad) == ImageStatus::bad_transform);
  Affine singular;
  singular.m[0] = singular.m[4] = 0.0;
  Affine inverse;
  CHECK_FALSE(affine_invert(singular, &inverse));
  Affine huge;  // far outside the source: constant border everywhere, no crash
  huge.m[2] = 1e12;
  REQUIRE(warp_affine(src.view, dst.view, huge) == ImageStatus::ok);
  CHECK(int{dst.view.data[0]} == 0);
  TestImage grey(9, 5, PixelFormat::grey);
  CHECK(warp_affine(src.view, grey.view, Affine{}) == ImageStatus::bad_format);
}
