// One small model per op configuration, on awkward shapes (odd sizes, 13 channels, edge padding,
// strides that leave a ragged border), shared by the SIMD and XNNPACK comparisons.
#pragma once
#include <string>
#include <vector>

#include "model_builder.h"

namespace emolens::test {

struct OpCase {
  std::string label;
  ModelBuilder builder;
  float abs_tol, rel_tol;  // against the reference
};

namespace detail {

using nlohmann::json;

inline OpCase conv_case(const std::string& type, nn::Shape in, int co, int k, std::vector<int> stride, std::vector<int> pad,
                        const std::string& activation, const char* dtype = "f32") {
  ModelBuilder b(in, unsigned(in[3] * 31 + co * 7 + k));
  const bool depthwise = type == "depthwise_conv2d";
  const int out_c = depthwise ? in[3] : co;
  json op = {{"type", type},
             {"inputs", {"input", b.weight("w", {depthwise ? 1 : co, k, k, in[3]}, dtype), b.weight("b", {out_c})}},
             {"outputs", {"y"}}, {"stride", stride}, {"pad", pad}, {"activation", activation}};
  if (activation == "prelu") op["alpha"] = b.weight("alpha", {out_c}, "f32", 0.0f, 0.5f);
  b.op(op);
  b.outputs({"y"});
  return {type + " " + std::to_string(k) + "x" + std::to_string(k) + " " + nn::shape_string(in) + " -> " +
              std::to_string(out_c) + " " + activation,
          b, 1e-5f, 1e-5f};
}

inline OpCase single_input_case(const std::string& label, nn::Shape in, json op, float tol = 1e-6f) {
  ModelBuilder b(in, 5);
  op["inputs"] = {"input"};
  op["outputs"] = {"y"};
  b.op(op);
  b.outputs({"y"});
  return {label, b, tol, tol};
}

}  // namespace detail

inline std::vector<OpCase> op_cases() {
  using detail::json;
  using detail::conv_case;
  using detail::single_input_case;
  std::vector<OpCase> cases;
  cases.push_back(conv_case("conv2d", {1, 7, 9, 13}, 13, 1, {1, 1}, {0, 0, 0, 0}, "none"));
  cases.push_back(conv_case("conv2d", {1, 11, 6, 5}, 17, 3, {1, 1}, {1, 1, 1, 1}, "relu"));
  cases.push_back(conv_case("conv2d", {2, 9, 10, 13}, 8, 3, {2, 2}, {0, 0, 1, 1}, "relu6", "f16"));
  cases.push_back(conv_case("conv2d", {1, 13, 13, 3}, 24, 5, {2, 2}, {1, 1, 2, 2}, "prelu"));
  cases.push_back(conv_case("conv2d", {1, 6, 5, 1}, 3, 3, {1, 2}, {2, 0, 0, 2}, "sigmoid"));
  cases.push_back(conv_case("conv2d", {2, 7, 8, 2}, 5, 3, {2, 2}, {1, 1, 1, 1}, "relu"));  // two images, bordered copy
  cases.push_back(conv_case("depthwise_conv2d", {1, 11, 9, 13}, 13, 3, {1, 1}, {1, 1, 1, 1}, "none"));
  cases.push_back(conv_case("depthwise_conv2d", {1, 13, 10, 6}, 6, 5, {2, 2}, {2, 2, 2, 2}, "relu", "f16"));
  cases.push_back(conv_case("depthwise_conv2d", {2, 8, 9, 24}, 24, 3, {2, 2}, {0, 0, 1, 1}, "prelu"));
  // The 3x3 kernel's edges: no interior column at all, 4-pixel groups plus a remainder, stride 2
  // with padding on every side, unequal strides, a ragged channel tail.
  cases.push_back(conv_case("depthwise_conv2d", {1, 5, 2, 7}, 7, 3, {1, 1}, {1, 1, 1, 1}, "relu6"));
  cases.push_back(conv_case("depthwise_conv2d", {1, 7, 15, 8}, 8, 3, {1, 1}, {1, 1, 1, 1}, "relu"));
  cases.push_back(conv_case("depthwise_conv2d", {1, 9, 19, 12}, 12, 3, {2, 2}, {1, 1, 1, 1}, "none"));
  cases.push_back(conv_case("depthwise_conv2d", {1, 6, 14, 6}, 6, 3, {2, 1}, {0, 2, 1, 0}, "none"));
  cases.push_back(single_input_case("max_pool2d 2x2/2 odd", {1, 9, 7, 13},
                                    {{"type", "max_pool2d"}, {"kernel", {2, 2}}, {"stride", {2, 2}}, {"pad", {0, 0, 1, 1}}}));
  cases.push_back(single_input_case("avg_pool2d 3x3/1 pad 1", {2, 5, 6, 5},
                                    {{"type", "avg_pool2d"}, {"kernel", {3, 3}}, {"stride", {1, 1}}, {"pad", {1, 1, 1, 1}}}));
  cases.push_back(single_input_case("global_avg_pool", {2, 5, 7, 13}, {{"type", "global_avg_pool"}}, 1e-6f));
  cases.push_back(single_input_case("pad_channels 13+11", {1, 5, 5, 13}, {{"type", "pad_channels"}, {"after", 11}}));
  cases.push_back(single_input_case("relu", {1, 3, 5, 13}, {{"type", "relu"}}));
  cases.push_back(single_input_case("relu6", {1, 3, 5, 13}, {{"type", "relu6"}}));
  cases.push_back(single_input_case("sigmoid", {1, 3, 5, 13}, {{"type", "sigmoid"}}, 1e-6f));
  cases.push_back(single_input_case("softmax 13", {3, 13}, {{"type", "softmax"}}, 1e-6f));
  cases.push_back(single_input_case("resize_bilinear half-pixel", {1, 5, 6, 13},
                                    {{"type", "resize_bilinear"}, {"size", {10, 12}}, {"half_pixel_centers", true}}));
  cases.push_back(single_input_case("resize_bilinear align-corners", {2, 3, 3, 5},
                                    {{"type", "resize_bilinear"}, {"size", {7, 8}}, {"align_corners", true}}, 1e-6f));
  cases.push_back(single_input_case("resize_bilinear legacy", {1, 4, 6, 3}, {{"type", "resize_bilinear"}, {"size", {9, 5}}}, 1e-6f));
  {
    ModelBuilder b({1, 5, 7, 13}, 9);
    b.op({{"type", "relu6"}, {"inputs", {"input"}}, {"outputs", {"a"}}});
    b.op({{"type", "add"}, {"inputs", {"input", "a"}}, {"outputs", {"y"}}, {"activation", "prelu"},
          {"alpha", b.weight("alpha", {13}, "f32", 0.0f, 0.5f)}});
    b.op({{"type", "prelu"}, {"inputs", {"y", b.weight("slope", {13})}}, {"outputs", {"z"}}});
    b.outputs({"y", "z"});
    cases.push_back({"add + prelu (fused and standalone)", b, 0.0f, 0.0f});
  }
  {
    ModelBuilder b({3, 2, 2, 5}, 11);
    b.op({{"type", "fully_connected"}, {"inputs", {"input", b.weight("w", {11, 20}), b.weight("b", {11})}},
          {"outputs", {"y"}}, {"activation", "relu"}});
    b.op({{"type", "softmax"}, {"inputs", {"y"}}, {"outputs", {"p"}}});
    b.outputs({"y", "p"});
    cases.push_back({"fully_connected 20->11 + softmax", b, 1e-6f, 1e-5f});
  }
  {
    ModelBuilder b({1, 4, 4, 13}, 13);
    b.op({{"type", "conv2d"}, {"inputs", {"input", b.weight("w1", {3, 1, 1, 13}), b.weight("b1", {3})}}, {"outputs", {"a"}}});
    b.op({{"type", "concat"}, {"inputs", {"a", "input"}}, {"outputs", {"c"}}, {"axis", -1}});
    b.op({{"type", "reshape"}, {"inputs", {"c"}}, {"outputs", {"r"}}, {"shape", {1, -1, 16}}});
    b.op({{"type", "reshape"}, {"inputs", {"input"}}, {"outputs", {"s"}}, {"shape", {1, 13, 16}}});
    b.op({{"type", "concat"}, {"inputs", {"r", "s"}}, {"outputs", {"y"}}, {"axis", 1}});
    b.outputs({"y"});
    cases.push_back({"concat (channels, rows) + reshape", b, 1e-6f, 1e-6f});
  }
  return cases;
}

}  // namespace emolens::test
