// A loaded emolens model (models/README.md): the graph with every shape inferred, and fp32 weights.
//
// Basic usage:
//   emolens::nn::Model model;
//   emolens::Status s = emolens::nn::model_load_files("models/expression.json", model);
//   if (!s.ok()) { report(s.message()); }
//   // then build an Engine from it (nn/engine.h)
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace emolens::nn {

using Shape = std::vector<int>;  // NHWC, or [N, C] after fully_connected

size_t shape_elements(const Shape& shape);  // product of the dimensions
std::string shape_string(const Shape& shape);  // "[1,128,128,3]"

enum class OpType {
  conv2d, depthwise_conv2d, max_pool2d, avg_pool2d, global_avg_pool, pad_channels, add,
  prelu, relu, relu6, sigmoid, fully_connected, concat, reshape, softmax, resize_bilinear,
};
enum class Activation { none, relu, relu6, sigmoid, prelu };

const char* op_type_name(OpType type);  // the manifest spelling, e.g. "conv2d"

struct Weight {
  std::string name;
  Shape shape;
  std::vector<float> data;  // converted to fp32 at load
};

struct Tensor {  // an activation: the graph input or an op output
  std::string name;
  Shape shape;
};

struct Op {
  OpType type = OpType::relu;
  std::vector<int> inputs;  // activation tensor ids, in manifest order
  int output = -1;          // activation tensor id
  int weight = -1;          // weight id of the kernel (conv, depthwise, fully_connected), else -1
  int bias = -1;            // weight id of the bias, -1 when absent
  int alpha = -1;           // weight id of the PReLU slope (fused or standalone), else -1
  Activation activation = Activation::none;
  int kernel_h = 1, kernel_w = 1;   // conv: from the weight; pools: from `kernel`
  int stride_h = 1, stride_w = 1;
  int pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  int after = 0;            // pad_channels
  int axis = 0;             // concat, normalised to 0..rank-1
  Shape target_shape;       // reshape, as written (may hold one -1)
  int resize_h = 0, resize_w = 0;                     // resize_bilinear output size
  bool align_corners = false, half_pixel_centers = false;  // resize_bilinear, TFLite semantics
};

struct InputSpec {
  std::string colour = "rgb";  // "grey" | "rgb"
  float scale = 1.0f;          // float = pixel_uint8 * scale + offset
  float offset = 0.0f;
};

struct Model {
  std::string name;
  InputSpec preprocessing;
  std::vector<Tensor> tensors;  // tensors[0] is the graph input
  std::vector<Weight> weights;
  std::vector<Op> ops;          // in run order
  std::vector<int> outputs;     // tensor ids, in manifest order
  std::vector<std::string> labels;
};

// Parse a manifest and its weight blob, validate everything the spec states, infer shapes.
// On failure `out` is unspecified and the Status names the offending field.
Status model_load(const std::string& manifest_json, const uint8_t* bin, size_t bin_size, Model& out);
Status model_load_files(const std::string& json_path, Model& out);  // reads <stem>.json + <stem>.bin

}  // namespace emolens::nn
