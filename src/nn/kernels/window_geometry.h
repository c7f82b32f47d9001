// The geometry shared by the sliding-window kernels (depthwise conv, max/avg pool): one image,
// NHWC, and the in-bounds tap range of an output pixel.
#pragma once
#include <algorithm>
#include <cstddef>

namespace emolens::nn {

struct WindowGeometry {
  int in_h, in_w, channels;
  int out_w;
  int kernel_h, kernel_w, stride_h, stride_w, pad_top, pad_left;

  // Taps [begin, end) of one axis that land inside the input.
  static void taps(int out_pos, int stride, int pad, int kernel, int extent, int& begin, int& end) {
    const int origin = out_pos * stride - pad;
    begin = std::max(0, -origin);
    end = std::min(kernel, extent - origin);
  }
};

}  // namespace emolens::nn
