// Test helpers for image ops: random images with padded rows, canaries, cv::Mat wrapping and a
// comparison that reports the first pixel over tolerance.
#pragma once
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "image/image.h"

#ifdef EMOLENS_TEST_HAVE_OPENCV  // set by tests/CMakeLists.txt when OpenCV is found
#include <opencv2/core.hpp>
#endif

namespace emolens::test {

constexpr uint8_t kCanary = 0xCD;  // fills row padding so writes past a row show up

// An image whose rows are `padding` bytes longer than needed (a non-contiguous view), pixels
// random (seeded) or canary, padding canary.
struct TestImage {
  std::vector<uint8_t> bytes;
  MutableImageView view;

  TestImage(int width, int height, PixelFormat format, int padding = 0) {
    const size_t stride = static_cast<size_t>(width) * pixel_channels(format) + padding;
    bytes.assign(stride * height, kCanary);
    view = image_view(bytes.data(), width, height, format, stride);
  }
  TestImage& randomize(uint32_t seed) {
    std::mt19937 rng(seed);
    for (int y = 0; y < view.height; ++y)
      for (int i = 0; i < view.width * view.channels(); ++i) view.row(y)[i] = static_cast<uint8_t>(rng());
    return *this;
  }
  bool padding_intact() const {
    const size_t row = static_cast<size_t>(view.width) * view.channels();
    for (int y = 0; y < view.height; ++y)
      for (size_t i = row; i < view.stride; ++i)
        if (view.row(y)[i] != kCanary) return false;
    return true;
  }
};

// Largest |a - b| over all channels, and where it first exceeded `tolerance` (or first differed).
struct ImageDiff {
  int max_abs = 0;
  int64_t values = 0;     // channel values compared
  int64_t different = 0;  // of which not equal
  std::string first_bad;  // "(x, y, c): ours vs theirs", empty if none above tolerance
};

template <typename At>
ImageDiff image_diff(const ImageView& ours, At theirs, int tolerance) {
  ImageDiff diff;
  for (int y = 0; y < ours.height; ++y)
    for (int x = 0; x < ours.width; ++x)
      for (int c = 0; c < ours.channels(); ++c) {
        const int a = ours.row(y)[x * ours.channels() + c];
        const int b = theirs(x, y, c);
        const int d = a > b ? a - b : b - a;
        if (d > diff.max_abs) diff.max_abs = d;
        diff.values += 1;
        diff.different += d != 0;
        if (d > tolerance && diff.first_bad.empty()) {
          std::ostringstream text;
          text << "(" << x << ", " << y << ", " << c << "): ours " << a << " vs theirs " << b;
          diff.first_bad = text.str();
        }
      }
  return diff;
}

#ifdef EMOLENS_TEST_HAVE_OPENCV
inline int cv_type(PixelFormat format) { return CV_8UC(pixel_channels(format)); }

inline cv::Mat as_mat(const ImageView& view) {  // shares the pixels, keeps the stride
  return cv::Mat(view.height, view.width, cv_type(view.format), const_cast<uint8_t*>(view.data), view.stride);
}

inline ImageDiff image_diff(const ImageView& ours, const cv::Mat& theirs, int tolerance) {
  const int channels = theirs.channels();
  return image_diff(ours, [&](int x, int y, int c) { return int{theirs.ptr<uint8_t>(y)[x * channels + c]}; }, tolerance);
}
#endif

}  // namespace emolens::test
