// conv2d and fully_connected on the 4x8 igemm micro-kernel: weights packed once, and an
// indirection buffer (one pointer per output pixel and tap) built once, since the arena never moves.
//
// A convolution over fewer than 4 input channels (a first layer: RGB or grey) would give the
// micro-kernel inner loops 1-3 long, all overhead. It runs instead on a zero-bordered copy of its
// input, where the kernel_w taps of one kernel row are contiguous: one pointer per output pixel and
// kernel row, kernel_w * channels long. The weights' layout [co][kh][kw][ci] is already that, and
// the terms are summed in the same order, zeros of the border included, as with a pointer per tap.
#include <cstring>

#include "nn/kernels/igemm_4x8_wasmsimd.h"
#include "nn/step.h"

namespace emolens::nn {
namespace {

class IgemmStep : public Step {
 public:
  explicit IgemmStep(const StepBinding& b) : output_(b.output), act_(fused_activation(b.model, b.op)) {
    const Op& op = b.op;
    const Shape& in = b.model.tensors[size_t(op.inputs[0])].shape;
    const Shape& out = b.model.tensors[size_t(op.output)].shape;
    const Weight& w = b.model.weights[size_t(op.weight)];
    const float* bias = op.bias >= 0 ? b.model.weights[size_t(op.bias)].data.data() : nullptr;
    channels_ = size_t(out.back());
    pixels_ = shape_elements(out) / channels_;
    if (op.type == OpType::fully_connected) {
      ks_ = 1;
      kc_ = size_t(w.shape[1]);
      for (size_t n = 0; n < pixels_; ++n) indirection_.push_back(b.inputs[0] + n * kc_);
    } else {
      ks_ = size_t(op.kernel_h) * op.kernel_w;
      kc_ = size_t(in[3]);
      if (kc_ < 4 && op.kernel_w > 1) build_row_indirection(op, in, out, b.inputs[0]);
      else build_conv_indirection(op, in, out, b.inputs[0], b.zeros);
    }
    packed_ = igemm_pack_weights(w.data.data(), bias, channels_, ks_, kc_);
  }

  void run(ThreadPool& pool) override {
    for (size_t row = 0; row < bordered_rows_; ++row)
      std::memcpy(bordered_.data() + bordered_offset_[row], source_ + row * source_row_, source_row_ * sizeof(float));
    const size_t tiles = (pixels_ + kIgemmMr - 1) / kIgemmMr;
    // A task is one tile of pixels across every output channel, so it reads its input rows once.
    pool.parallel_for(tiles, 1, [&](size_t begin, size_t end) {
      for (size_t tile = begin; tile < end; ++tile) {
        const size_t p0 = tile * kIgemmMr, mr = std::min(kIgemmMr, pixels_ - p0);
        float* y = output_ + p0 * channels_;
        igemm_4x8_wasmsimd(mr, channels_, kc_, ks_, indirection_.data() + p0 * ks_, packed_.data(), y, channels_,
                           act_.min, act_.max);
        if (act_.post != Activation::none) apply_post_activation(act_, y, mr, channels_, 0, channels_);
      }
    });
  }

 private:
  // The zero-bordered copy of the input and one pointer per output pixel and kernel row into it.
  void build_row_indirection(const Op& op, const Shape& in, const Shape& out, const float* x) {
    const size_t c = kc_, bh = size_t(in[1]) + op.pad_top + op.pad_bottom, bw = size_t(in[2]) + op.pad_left + op.pad_right;
    bordered_.assign(size_t(in[0]) * bh * bw * c, 0.0f);
    source_ = x;
    source_row_ = size_t(in[2]) * c;
    bordered_rows_ = size_t(in[0]) * in[1];
    for (size_t row = 0; row < bordered_rows_; ++row) {
      const size_t n = row / size_t(in[1]), iy = row % size_t(in[1]);
      bordered_offset_.push_back(((n * bh + iy + op.pad_top) * bw + op.pad_left) * c);
    }
    ks_ = size_t(op.kernel_h);
    kc_ = size_t(op.kernel_w) * c;
    indirection_.reserve(pixels_ * ks_);
    for (int n = 0; n < out[0]; ++n)
      for (int oy = 0; oy < out[1]; ++oy)
        for (int ox = 0; ox < out[2]; ++ox)
          for (int ky = 0; ky < op.kernel_h; ++ky)
            indirection_.push_back(bordered_.data() +
                                   ((size_t(n) * bh + size_t(oy) * op.stride_h + ky) * bw + size_t(ox) * op.stride_w) * c);
  }

  void build_conv_indirection(const Op& op, const Shape& in, const Shape& out, const float* x, const float* zeros) {
    indirection_.reserve(pixels_ * ks_);
    for (int n = 0; n < out[0]; ++n)
      for (int oy = 0; oy < out[1]; ++oy)
        for (int ox = 0; ox < out[2]; ++ox)
          for (int ky = 0; ky < op.kernel_h; ++ky)
            for (int kx = 0; kx < op.kernel_w; ++kx) {
              const int iy = oy * op.stride_h - op.pad_top + ky, ix = ox * op.stride_w - op.pad_left + kx;
              const bool inside = iy >= 0 && iy < in[1] && ix >= 0 && ix < in[2];
              indirection_.push_back(inside ? x + ((size_t(n) * in[1] + iy) * in[2] + ix) * kc_ : zeros);
            }
  }

  float* output_;
  FusedActivation act_;
  size_t channels_ = 0, pixels_ = 0, ks_ = 0, kc_ = 0;
  std::vector<const float*> indirection_;
  std::vector<float> packed_;
  std::vector<float> bordered_;              // row indirection only: the input with its zero border
  std::vector<size_t> bordered_offset_;      // where each input row goes in it
  const float* source_ = nullptr;
  size_t source_row_ = 0, bordered_rows_ = 0;
};

}  // namespace

std::unique_ptr<Step> make_igemm_step(const StepBinding& binding) { return std::make_unique<IgemmStep>(binding); }

}  // namespace emolens::nn
