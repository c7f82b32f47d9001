// Shape inference: every activation shape follows from the input shape and the op attributes;
// weights must fit the shapes they meet. Runs once at load so the engine can plan memory.
#include "nn/shape_inference.h"

#include <limits>

namespace emolens::nn {

size_t shape_elements(const Shape& shape) {
  size_t n = 1;
  for (int d : shape) {
    if (d <= 0) return 0;
    // Saturate instead of overflowing: callers compare against kMaxTensorElements.
    if (n > std::numeric_limits<size_t>::max() / size_t(d)) return std::numeric_limits<size_t>::max();
    n *= size_t(d);
  }
  return n;
}

std::string shape_string(const Shape& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

namespace {

class OpChecker {
 public:
  OpChecker(Model& model, size_t index)
      : model_(model), op_(model.ops[index]),
        where_("manifest.ops[" + std::to_string(index) + "] (" + op_type_name(op_.type) + ")") {}

  Status infer(Shape& out) {
    const Shape& x = input(0);
    switch (op_.type) {
      case OpType::conv2d:
      case OpType::depthwise_conv2d: return conv(x, out);
      case OpType::max_pool2d:
      case OpType::avg_pool2d: return window(x, x.size() == 4 ? x[3] : 0, out);
      case OpType::global_avg_pool:
        if (x.size() != 4) return fail("input must be NHWC, got " + shape_string(x));
        out = {x[0], 1, 1, x[3]};
        return Status();
      case OpType::pad_channels:
        out = x;
        out.back() += op_.after;
        return Status();
      case OpType::add:
        if (input(1) != x) return fail("input shapes differ: " + shape_string(x) + " vs " + shape_string(input(1)));
        out = x;
        return activation_alpha(x.back());
      case OpType::prelu:
        out = x;
        return check_weight(op_.alpha, {x.back()}, "alpha");
      case OpType::relu:
      case OpType::relu6:
      case OpType::sigmoid:
      case OpType::softmax: out = x; return Status();
      case OpType::fully_connected: return fully_connected(x, out);
      case OpType::concat: return concat(out);
      case OpType::reshape: return reshape(x, out);
      case OpType::resize_bilinear:
        if (x.size() != 4) return fail("input must be NHWC, got " + shape_string(x));
        out = {x[0], op_.resize_h, op_.resize_w, x[3]};
        return Status();
    }
    return fail("unhandled op type");
  }

 private:
  const Shape& input(size_t k) const { return model_.tensors[size_t(op_.inputs[k])].shape; }
  Status fail(const std::string& why) const { return Status::error(where_ + ": " + why); }

  Status check_weight(int id, const Shape& expected, const char* role) const {
    if (id < 0) return Status();
    const Weight& w = model_.weights[size_t(id)];
    if (w.shape != expected)
      return fail(std::string(role) + " '" + w.name + "' has shape " + shape_string(w.shape) + ", expected " +
                  shape_string(expected));
    return Status();
  }

  Status activation_alpha(int channels) const {
    if (op_.activation == Activation::prelu) return check_weight(op_.alpha, {channels}, "alpha");
    return Status();
  }

  Status conv(const Shape& x, Shape& out) {
    if (x.size() != 4) return fail("input must be NHWC, got " + shape_string(x));
    const Weight& w = model_.weights[size_t(op_.weight)];
    if (w.shape.size() != 4) return fail("weight '" + w.name + "' must have rank 4, got " + shape_string(w.shape));
    op_.kernel_h = w.shape[1];
    op_.kernel_w = w.shape[2];
    const bool depthwise = op_.type == OpType::depthwise_conv2d;
    const int out_channels = depthwise ? x[3] : w.shape[0];
    const Shape expected = depthwise ? Shape{1, op_.kernel_h, op_.kernel_w, x[3]}
                                     : Shape{w.shape[0], op_.kernel_h, op_.kernel_w, x[3]};
    Status s = check_weight(op_.weight, expected, "weight");
    if (s.ok()) s = check_weight(op_.bias, {out_channels}, "bias");
    if (s.ok()) s = activation_alpha(out_channels);
    if (s.ok()) s = window(x, out_channels, out);
    return s;
  }

  Status window(const Shape& x, int out_channels, Shape& out) const {
    if (x.size() != 4) return fail("input must be NHWC, got " + shape_string(x));
    // A window entirely in the padding has nothing to pool; no real model asks for it.
    if (op_.pad_top >= op_.kernel_h || op_.pad_bottom >= op_.kernel_h || op_.pad_left >= op_.kernel_w ||
        op_.pad_right >= op_.kernel_w)
      return fail("padding must be smaller than the kernel");
    const int64_t h = int64_t(x[1]) + op_.pad_top + op_.pad_bottom - op_.kernel_h;
    const int64_t w = int64_t(x[2]) + op_.pad_left + op_.pad_right - op_.kernel_w;
    if (h < 0 || w < 0)
      return fail("kernel " + std::to_string(op_.kernel_h) + "x" + std::to_string(op_.kernel_w) +
                  " is larger than the padded input " + shape_string(x));
    out = {x[0], int(h / op_.stride_h + 1), int(w / op_.stride_w + 1), out_channels};
    return Status();
  }

  Status fully_connected(const Shape& x, Shape& out) const {
    const Weight& w = model_.weights[size_t(op_.weight)];
    const int in_channels = int(shape_elements(x) / size_t(x[0]));
    if (w.shape.size() != 2 || w.shape[1] != in_channels)
      return fail("weight '" + w.name + "' has shape " + shape_string(w.shape) + ", expected [Co," +
                  std::to_string(in_channels) + "] for input " + shape_string(x));
    out = {x[0], w.shape[0]};
    Status s = check_weight(op_.bias, {w.shape[0]}, "bias");
    if (s.ok()) s = activation_alpha(w.shape[0]);
    return s;
  }

  Status concat(Shape& out) {
    const Shape& first = input(0);
    const int rank = int(first.size());
    if (op_.axis < -rank || op_.axis >= rank)
      return fail("axis " + std::to_string(op_.axis) + " is out of range for rank " + std::to_string(rank));
    if (op_.axis < 0) op_.axis += rank;
    out = first;
    for (size_t k = 1; k < op_.inputs.size(); ++k) {
      const Shape& s = input(k);
      bool same = s.size() == first.size();
      for (int d = 0; same && d < rank; ++d) same = d == op_.axis || s[size_t(d)] == first[size_t(d)];
      if (!same) return fail("input " + shape_string(s) + " does not fit " + shape_string(first) + " on axis " +
                             std::to_string(op_.axis));
      out[size_t(op_.axis)] += s[size_t(op_.axis)];
    }
    return Status();
  }

  Status reshape(const Shape& x, Shape& out) const {
    out = op_.target_shape;
    int unknown = -1;
    size_t known = 1;
    for (size_t d = 0; d < out.size(); ++d) {
      if (out[d] == -1) {
        if (unknown >= 0) return fail("shape may contain only one -1");
        unknown = int(d);
      } else if (out[d] == 0) {
        return fail("shape entries must be positive or -1");
      } else {
        known *= size_t(out[d]);  // each entry <= 2^24 and rank <= 8: checked against the input below
        if (known > kMaxTensorElements) return fail("shape " + shape_string(out) + " is too large");
      }
    }
    const size_t total = shape_elements(x);
    if (unknown >= 0) {
      if (total % known != 0) return fail("cannot reshape " + shape_string(x) + " to " + shape_string(out));
      out[size_t(unknown)] = int(total / known);
    }
    if (shape_elements(out) != total)
      return fail("element count changes: " + shape_string(x) + " to " + shape_string(out));
    return Status();
  }

  Model& model_;
  Op& op_;
  std::string where_;
};

}  // namespace

Status infer_shapes(Model& model) {
  for (size_t i = 0; i < model.ops.size(); ++i) {
    Shape out;
    Status s = OpChecker(model, i).infer(out);
    if (!s.ok()) return s;
    if (shape_elements(out) == 0 || shape_elements(out) > kMaxTensorElements)
      return Status::error("manifest.ops[" + std::to_string(i) + "]: output shape " + shape_string(out) +
                           " is empty or too large");
    model.tensors[size_t(model.ops[i].output)].shape = out;
  }
  return Status();
}

}  // namespace emolens::nn
