#include "nn/reference_ops.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "nn/kernels/resize_geometry.h"

namespace emolens::nn {
namespace {

const float* weight_data(const Model& model, int id) {
  return id < 0 ? nullptr : model.weights[size_t(id)].data.data();
}

float sigmoid(float v) { return 1.0f / (1.0f + std::exp(-v)); }

// Calls tap(ky, kx, iy, ix) for each kernel position of output pixel (oy, ox) that lies inside the
// input; padding positions are skipped (zeros for a conv, left out of an average pool's count).
template <typename Tap>
void for_each_tap(const Op& op, const Shape& in, int oy, int ox, Tap tap) {
  for (int ky = 0; ky < op.kernel_h; ++ky) {
    const int iy = oy * op.stride_h - op.pad_top + ky;
    if (iy < 0 || iy >= in[1]) continue;
    for (int kx = 0; kx < op.kernel_w; ++kx) {
      const int ix = ox * op.stride_w - op.pad_left + kx;
      if (ix < 0 || ix >= in[2]) continue;
      tap(ky, kx, iy, ix);
    }
  }
}

// conv2d and depthwise_conv2d; depthwise reads only input channel == output channel.
void convolution(const Model& model, const Op& op, const float* x, float* y) {
  const Shape& in = model.tensors[size_t(op.inputs[0])].shape;
  const Shape& out = model.tensors[size_t(op.output)].shape;
  const float* w = weight_data(model, op.weight);
  const float* b = weight_data(model, op.bias);
  const bool depthwise = op.type == OpType::depthwise_conv2d;
  const int ci_count = in[3], co_count = out[3];
  for (int n = 0; n < out[0]; ++n)
    for (int oy = 0; oy < out[1]; ++oy)
      for (int ox = 0; ox < out[2]; ++ox)
        for (int co = 0; co < co_count; ++co) {
          float sum = b ? b[co] : 0.0f;
          for_each_tap(op, in, oy, ox, [&](int ky, int kx, int iy, int ix) {
            const float* px = x + ((size_t(n) * in[1] + iy) * in[2] + ix) * ci_count;
            if (depthwise) {
              sum += px[co] * w[(size_t(ky) * op.kernel_w + kx) * ci_count + co];
            } else {
              const float* wk = w + ((size_t(co) * op.kernel_h + ky) * op.kernel_w + kx) * ci_count;
              for (int ci = 0; ci < ci_count; ++ci) sum += px[ci] * wk[ci];
            }
          });
          y[((size_t(n) * out[1] + oy) * out[2] + ox) * co_count + co] = sum;
        }
}

void pool(const Model& model, const Op& op, const float* x, float* y) {
  const Shape& in = model.tensors[size_t(op.inputs[0])].shape;
  const Shape& out = model.tensors[size_t(op.output)].shape;
  const bool is_max = op.type == OpType::max_pool2d;
  const int c_count = in[3];
  for (int n = 0; n < out[0]; ++n)
    for (int oy = 0; oy < out[1]; ++oy)
      for (int ox = 0; ox < out[2]; ++ox)
        for (int c = 0; c < c_count; ++c) {
          float acc = is_max ? -INFINITY : 0.0f;
          int count = 0;
          for_each_tap(op, in, oy, ox, [&](int, int, int iy, int ix) {
            const float v = x[((size_t(n) * in[1] + iy) * in[2] + ix) * c_count + c];
            acc = is_max ? std::max(acc, v) : acc + v;
            ++count;
          });
          y[((size_t(n) * out[1] + oy) * out[2] + ox) * c_count + c] = is_max ? acc : acc / float(count);
        }
}

void global_avg_pool(const Shape& in, const float* x, float* y) {
  const size_t pixels = size_t(in[1]) * in[2], channels = size_t(in[3]);
  for (int n = 0; n < in[0]; ++n)
    for (size_t c = 0; c < channels; ++c) {
      float sum = 0.0f;
      for (size_t p = 0; p < pixels; ++p) sum += x[(n * pixels + p) * channels + c];
      y[n * channels + c] = sum / float(pixels);
    }
}

void fully_connected(const Model& model, const Op& op, const float* x, float* y) {
  const Shape& out = model.tensors[size_t(op.output)].shape;
  const Weight& w = model.weights[size_t(op.weight)];
  const float* b = weight_data(model, op.bias);
  const size_t ci_count = size_t(w.shape[1]);
  for (int n = 0; n < out[0]; ++n)
    for (int co = 0; co < out[1]; ++co) {
      float sum = b ? b[co] : 0.0f;
      for (size_t ci = 0; ci < ci_count; ++ci) sum += x[n * ci_count + ci] * w.data[co * ci_count + ci];
      y[size_t(n) * out[1] + co] = sum;
    }
}

void concat(const Model& model, const Op& op, const float* const* inputs, float* y) {
  const Shape& out = model.tensors[size_t(op.output)].shape;
  size_t outer = 1, inner = 1;
  for (int d = 0; d < op.axis; ++d) outer *= size_t(out[size_t(d)]);
  for (size_t d = size_t(op.axis) + 1; d < out.size(); ++d) inner *= size_t(out[d]);
  const size_t out_row = size_t(out[size_t(op.axis)]) * inner;
  size_t column = 0;
  for (size_t k = 0; k < op.inputs.size(); ++k) {
    const size_t row = size_t(model.tensors[size_t(op.inputs[k])].shape[size_t(op.axis)]) * inner;
    for (size_t o = 0; o < outer; ++o)
      for (size_t i = 0; i < row; ++i) y[o * out_row + column + i] = inputs[k][o * row + i];
    column += row;
  }
}

void resize_bilinear(const Model& model, const Op& op, const float* x, float* y) {
  const Shape& in = model.tensors[size_t(op.inputs[0])].shape;
  const size_t c_count = size_t(in[3]);
  auto at = [&](int n, int iy, int ix, size_t c) { return x[((size_t(n) * in[1] + iy) * in[2] + ix) * c_count + c]; };
  for (int n = 0; n < in[0]; ++n)
    for (int oy = 0; oy < op.resize_h; ++oy) {
      const ResizeSample sy = resize_sample(oy, in[1], op.resize_h, op.align_corners, op.half_pixel_centers);
      for (int ox = 0; ox < op.resize_w; ++ox) {
        const ResizeSample sx = resize_sample(ox, in[2], op.resize_w, op.align_corners, op.half_pixel_centers);
        for (size_t c = 0; c < c_count; ++c)
          y[((size_t(n) * op.resize_h + oy) * op.resize_w + ox) * c_count + c] =
              at(n, sy.lower, sx.lower, c) * ((1 - sy.frac) * (1 - sx.frac)) +
              at(n, sy.upper, sx.lower, c) * (sy.frac * (1 - sx.frac)) +
              at(n, sy.lower, sx.upper, c) * ((1 - sy.frac) * sx.frac) + at(n, sy.upper, sx.upper, c) * (sy.frac * sx.frac);
      }
    }
}

void softmax(const Shape& shape, const float* x, float* y) {
  const size_t n = size_t(shape.back()), rows = shape_elements(shape) / n;
  for (size_t r = 0; r < rows; ++r) {
    const float* xr = x + r * n;
    float* yr = y + r * n;
    const float top = *std::max_element(xr, xr + n);
    float sum = 0.0f;
    for (size_t i = 0; i < n; ++i) sum += yr[i] = std::exp(xr[i] - top);
    for (size_t i = 0; i < n; ++i) yr[i] /= sum;
  }
}

}  // namespace

void reference_activation(Activation activation, const float* alpha, float* y, size_t pixels, size_t channels) {
  for (size_t p = 0; p < pixels; ++p)
    for (size_t c = 0; c < channels; ++c) {
      float& v = y[p * channels + c];
      switch (activation) {
        case Activation::none: break;
        case Activation::relu: v = std::max(v, 0.0f); break;
        case Activation::relu6: v = std::min(std::max(v, 0.0f), 6.0f); break;
        case Activation::sigmoid: v = sigmoid(v); break;
        case Activation::prelu: v = v < 0.0f ? v * alpha[c] : v; break;
      }
    }
}

void reference_op(const Model& model, const Op& op, const float* const* inputs, float* y) {
  const Shape& in = model.tensors[size_t(op.inputs[0])].shape;
  const Shape& out = model.tensors[size_t(op.output)].shape;
  const size_t count = shape_elements(out), channels = size_t(out.back());
  const float* alpha = weight_data(model, op.alpha);
  switch (op.type) {
    case OpType::conv2d:
    case OpType::depthwise_conv2d: convolution(model, op, inputs[0], y); break;
    case OpType::max_pool2d:
    case OpType::avg_pool2d: pool(model, op, inputs[0], y); break;
    case OpType::global_avg_pool: global_avg_pool(in, inputs[0], y); break;
    case OpType::pad_channels: {
      const size_t ci = size_t(in.back());
      for (size_t p = 0; p < count / channels; ++p)
        for (size_t c = 0; c < channels; ++c) y[p * channels + c] = c < ci ? inputs[0][p * ci + c] : 0.0f;
      break;
    }
    case OpType::add:
      for (size_t i = 0; i < count; ++i) y[i] = inputs[0][i] + inputs[1][i];
      break;
    case OpType::fully_connected: fully_connected(model, op, inputs[0], y); break;
    case OpType::concat: concat(model, op, inputs, y); break;
    case OpType::softmax: softmax(out, inputs[0], y); break;
    case OpType::resize_bilinear: resize_bilinear(model, op, inputs[0], y); break;
    case OpType::reshape:
    case OpType::prelu:
    case OpType::relu:
    case OpType::relu6:
    case OpType::sigmoid:
      if (y != inputs[0]) std::memcpy(y, inputs[0], count * sizeof(float));
      break;
  }
  Activation activation = op.activation;
  if (op.type == OpType::prelu) activation = Activation::prelu;
  if (op.type == OpType::relu) activation = Activation::relu;
  if (op.type == OpType::relu6) activation = Activation::relu6;
  if (op.type == OpType::sigmoid) activation = Activation::sigmoid;
  reference_activation(activation, alpha, y, count / channels, channels);
}

}  // namespace emolens::nn
