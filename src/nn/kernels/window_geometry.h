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

  struct Taps {
    int ky0, ky1, kx0, kx1;  // in-bounds taps [ky0, ky1) x [kx0, kx1)
    ptrdiff_t first;         // index in the image of tap (ky0, kx0), channel 0
  };

  // The in-bounds part of output pixel (oy, ox)'s window: every index formed from it stays inside.
  Taps taps(int oy, int ox) const {
    Taps t;
    axis(oy, stride_h, pad_top, kernel_h, in_h, t.ky0, t.ky1);
    axis(ox, stride_w, pad_left, kernel_w, in_w, t.kx0, t.kx1);
    t.first = (ptrdiff_t(oy) * stride_h - pad_top + t.ky0) * ptrdiff_t(in_w) * channels +
              (ptrdiff_t(ox) * stride_w - pad_left + t.kx0) * ptrdiff_t(channels);
    return t;
  }

 private:
  static void axis(int out_pos, int stride, int pad, int kernel, int extent, int& begin, int& end) {
    const int origin = out_pos * stride - pad;
    begin = std::max(0, -origin);
    end = std::min(kernel, extent - origin);
  }
};

}  // namespace emolens::nn
