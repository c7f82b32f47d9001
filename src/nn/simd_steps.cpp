// Binds every op except the igemm ones (igemm_step.cpp) to its SIMD128 kernel and splits the
// work over the pool: window ops by output rows, element-wise ops by ranges, softmax by rows.
#include <cmath>
#include <cstring>

#include "nn/kernels/dwconv3x3_4c_wasmsimd.h"
#include "nn/kernels/dwconv_4c_wasmsimd.h"
#include "nn/kernels/elementwise_4x_wasmsimd.h"
#include "nn/kernels/pool_4c_wasmsimd.h"
#include "nn/kernels/resize_bilinear_4c_wasmsimd.h"
#include "nn/step.h"

namespace emolens::nn {

FusedActivation fused_activation(const Model& model, const Op& op) {
  FusedActivation act{-INFINITY, INFINITY, Activation::none, nullptr};
  switch (op.activation) {
    case Activation::none: break;
    case Activation::relu: act.min = 0.0f; break;
    case Activation::relu6: act.min = 0.0f, act.max = 6.0f; break;
    case Activation::sigmoid: act.post = Activation::sigmoid; break;
    case Activation::prelu:
      act.post = Activation::prelu;
      act.alpha = model.weights[size_t(op.alpha)].data.data();
      break;
  }
  return act;
}

void apply_post_activation(const FusedActivation& act, float* y, size_t rows, size_t row_stride, size_t channel0,
                           size_t channels) {
  for (size_t r = 0; r < rows; ++r) {
    float* row = y + r * row_stride;
    if (act.post == Activation::sigmoid) sigmoid_4x_wasmsimd(row, row, channels);
    if (act.post == Activation::prelu) prelu_4x_wasmsimd(row, act.alpha + channel0, row, 1, channels);
  }
}

namespace {

constexpr size_t kElementGrain = 4096;  // floats per task for element-wise ops: well above the sync cost

// Depthwise convolution and max/avg pooling: one task per output row of one image.
class WindowStep : public Step {
 public:
  explicit WindowStep(const StepBinding& b)
      : type_(b.op.type), x_(b.inputs[0]), y_(b.output), act_(fused_activation(b.model, b.op)) {
    const Op& op = b.op;
    const Shape& in = b.model.tensors[size_t(op.inputs[0])].shape;
    const Shape& out = b.model.tensors[size_t(op.output)].shape;
    geometry_ = {in[1], in[2], in[3], out[2], op.kernel_h, op.kernel_w, op.stride_h, op.stride_w, op.pad_top, op.pad_left};
    images_ = size_t(out[0]);
    out_h_ = size_t(out[1]);
    if (type_ == OpType::depthwise_conv2d) {
      const float* bias = op.bias >= 0 ? b.model.weights[size_t(op.bias)].data.data() : nullptr;
      packed_ = dwconv_pack_weights(b.model.weights[size_t(op.weight)].data.data(), bias,
                                    size_t(op.kernel_h) * op.kernel_w, size_t(in[3]));
      if (op.kernel_h == 3 && op.kernel_w == 3) zero_row_.assign(size_t(in[2]) * in[3], 0.0f);
    }
  }

  void run(ThreadPool& pool) override {
    const size_t c = size_t(geometry_.channels);
    const size_t in_image = size_t(geometry_.in_h) * geometry_.in_w * c, out_row = size_t(geometry_.out_w) * c;
    pool.parallel_for(images_ * out_h_, 1, [&](size_t begin, size_t end) {
      for (size_t row = begin; row < end; ++row) {
        const float* x = x_ + (row / out_h_) * in_image;
        float* y = y_ + row * out_row;
        const int oy = int(row % out_h_);
        if (type_ == OpType::depthwise_conv2d) {
          if (zero_row_.empty()) dwconv_4c_wasmsimd_row(geometry_, oy, x, packed_.data(), y, act_.min, act_.max);
          else dwconv3x3_4c_wasmsimd_row(geometry_, oy, x, packed_.data(), zero_row_.data(), y, act_.min, act_.max);
          apply_post_activation(act_, y, size_t(geometry_.out_w), c, 0, c);
        } else if (type_ == OpType::max_pool2d) {
          max_pool_4c_wasmsimd_row(geometry_, oy, x, y);
        } else {
          avg_pool_4c_wasmsimd_row(geometry_, oy, x, y);
        }
      }
    });
  }

 private:
  OpType type_;
  const float* x_;
  float* y_;
  FusedActivation act_;
  WindowGeometry geometry_{};
  size_t images_ = 0, out_h_ = 0;
  std::vector<float> packed_;
  std::vector<float> zero_row_;  // depthwise 3x3: what taps in the top/bottom padding read
};

// resize_bilinear: one task per output row of one image.
class ResizeStep : public Step {
 public:
  explicit ResizeStep(const StepBinding& b) : x_(b.inputs[0]), y_(b.output) {
    const Shape& in = b.model.tensors[size_t(b.op.inputs[0])].shape;
    geometry_ = {in[1], in[2], in[3], b.op.resize_h, b.op.resize_w, b.op.align_corners, b.op.half_pixel_centers};
    images_ = size_t(in[0]);
  }

  void run(ThreadPool& pool) override {
    const ResizeGeometry& g = geometry_;
    const size_t in_image = size_t(g.in_h) * g.in_w * g.channels, out_row = size_t(g.out_w) * g.channels;
    pool.parallel_for(images_ * size_t(g.out_h), 1, [&](size_t begin, size_t end) {
      for (size_t row = begin; row < end; ++row)
        resize_bilinear_4c_wasmsimd_row(g, int(row % size_t(g.out_h)), x_ + row / size_t(g.out_h) * in_image, y_ + row * out_row);
    });
  }

 private:
  const float* x_;
  float* y_;
  ResizeGeometry geometry_{};
  size_t images_ = 0;
};

// add, relu, relu6, sigmoid, prelu: ranges of whole pixels (so PReLU's channel index is simple).
class ElementwiseStep : public Step {
 public:
  explicit ElementwiseStep(const StepBinding& b) : inputs_(b.inputs), y_(b.output) {
    const Shape& out = b.model.tensors[size_t(b.op.output)].shape;
    channels_ = size_t(out.back());
    pixels_ = shape_elements(out) / channels_;
    Op op = b.op;  // standalone activations are the fused form on a plain copy
    if (op.type == OpType::relu) op.activation = Activation::relu;
    if (op.type == OpType::relu6) op.activation = Activation::relu6;
    if (op.type == OpType::sigmoid) op.activation = Activation::sigmoid;
    if (op.type == OpType::prelu) op.activation = Activation::prelu;
    is_add_ = op.type == OpType::add;
    act_ = fused_activation(b.model, op);
  }

  void run(ThreadPool& pool) override {
    const size_t grain = std::max<size_t>(1, kElementGrain / channels_);
    pool.parallel_for(pixels_, grain, [&](size_t begin, size_t end) {
      const size_t offset = begin * channels_, count = (end - begin) * channels_;
      float* y = y_ + offset;
      if (is_add_) add_4x_wasmsimd(inputs_[0] + offset, inputs_[1] + offset, y, count, act_.min, act_.max);
      else clamp_4x_wasmsimd(inputs_[0] + offset, y, count, act_.min, act_.max);
      if (act_.post == Activation::sigmoid) sigmoid_4x_wasmsimd(y, y, count);
      if (act_.post == Activation::prelu) prelu_4x_wasmsimd(y, act_.alpha, y, end - begin, channels_);
    });
  }

 private:
  std::vector<const float*> inputs_;
  float* y_;
  size_t channels_ = 0, pixels_ = 0;
  bool is_add_ = false;
  FusedActivation act_{};
};

// global_avg_pool, pad_channels and softmax: independent rows (images or pixels).
class RowStep : public Step {
 public:
  explicit RowStep(const StepBinding& b) : type_(b.op.type), x_(b.inputs[0]), y_(b.output) {
    const Shape& in = b.model.tensors[size_t(b.op.inputs[0])].shape;
    in_channels_ = size_t(in.back());
    rows_ = shape_elements(in) / in_channels_;
    if (type_ == OpType::global_avg_pool) {
      pixels_per_row_ = size_t(in[1]) * in[2];
      rows_ = size_t(in[0]);
    }
    after_ = size_t(b.op.after);
  }

  void run(ThreadPool& pool) override {
    const size_t grain = type_ == OpType::global_avg_pool ? 1 : std::max<size_t>(1, kElementGrain / in_channels_);
    pool.parallel_for(rows_, grain, [&](size_t begin, size_t end) {
      if (type_ == OpType::pad_channels) {
        pad_channels_4x_wasmsimd(x_ + begin * in_channels_, y_ + begin * (in_channels_ + after_), end - begin,
                                 in_channels_, after_);
        return;
      }
      for (size_t r = begin; r < end; ++r) {
        if (type_ == OpType::softmax) softmax_4x_wasmsimd_row(x_ + r * in_channels_, y_ + r * in_channels_, in_channels_);
        else global_avg_pool_4c_wasmsimd(x_ + r * pixels_per_row_ * in_channels_, pixels_per_row_, in_channels_, y_ + r * in_channels_);
      }
    });
  }

 private:
  OpType type_;
  const float* x_;
  float* y_;
  size_t in_channels_ = 0, rows_ = 0, pixels_per_row_ = 1, after_ = 0;
};

// concat: contiguous copies, which memcpy already vectorises; reshape: nothing (it aliases).
class CopyStep : public Step {
 public:
  explicit CopyStep(const StepBinding& b) : inputs_(b.inputs), y_(b.output) {
    if (b.op.type == OpType::reshape) return;
    const Shape& out = b.model.tensors[size_t(b.op.output)].shape;
    outer_ = 1;
    size_t inner = 1;
    for (int d = 0; d < b.op.axis; ++d) outer_ *= size_t(out[size_t(d)]);
    for (size_t d = size_t(b.op.axis) + 1; d < out.size(); ++d) inner *= size_t(out[d]);
    for (int t : b.op.inputs) row_floats_.push_back(size_t(b.model.tensors[size_t(t)].shape[size_t(b.op.axis)]) * inner);
    out_row_ = size_t(out[size_t(b.op.axis)]) * inner;
  }

  void run(ThreadPool&) override {
    size_t column = 0;
    for (size_t k = 0; k < row_floats_.size(); ++k) {
      for (size_t o = 0; o < outer_; ++o)
        std::memcpy(y_ + o * out_row_ + column, inputs_[k] + o * row_floats_[k], row_floats_[k] * sizeof(float));
      column += row_floats_[k];
    }
  }

 private:
  std::vector<const float*> inputs_;
  float* y_;
  size_t outer_ = 0, out_row_ = 0;
  std::vector<size_t> row_floats_;
};

}  // namespace

std::unique_ptr<Step> make_simd_step(const StepBinding& b) {
  switch (b.op.type) {
    case OpType::conv2d:
    case OpType::fully_connected: return make_igemm_step(b);
    case OpType::depthwise_conv2d:
    case OpType::max_pool2d:
    case OpType::avg_pool2d: return std::make_unique<WindowStep>(b);
    case OpType::add:
    case OpType::relu:
    case OpType::relu6:
    case OpType::sigmoid:
    case OpType::prelu: return std::make_unique<ElementwiseStep>(b);
    case OpType::global_avg_pool:
    case OpType::pad_channels:
    case OpType::softmax: return std::make_unique<RowStep>(b);
    case OpType::concat:
    case OpType::reshape: return std::make_unique<CopyStep>(b);
    case OpType::resize_bilinear: return std::make_unique<ResizeStep>(b);
  }
  return nullptr;
}

}  // namespace emolens::nn
