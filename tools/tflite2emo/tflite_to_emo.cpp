#include "tflite_to_emo.h"

#include <array>
#include <cstring>
#include <map>
#include <set>

#include "tflite_subset_generated.h"

namespace tflite2emo {
namespace {

using Json = nlohmann::ordered_json;
using Pad = std::array<int, 4>;  // top, left, bottom, right

// TFLite "SAME": output = ceil(in / stride); the padding that needs splits with the odd pixel at
// the bottom/right, which is what makes stride-2 layers asymmetric.
std::array<int, 2> same_padding(int in, int kernel, int stride) {
  const int out = (in + stride - 1) / stride;
  const int total = std::max((out - 1) * stride + kernel - in, 0);
  return {total / 2, total - total / 2};
}

class Converter {
 public:
  Converter(const TfGraph& graph, const std::vector<std::string>& output_names)
      : g_(graph), output_names_(output_names) {}

  ConvertResult run() {
    ConvertResult result;
    if (prepare() && emit_all()) result.model = std::move(m_);
    result.error = error_;
    return result;
  }

 private:
  const TfGraph& g_;
  const std::vector<std::string>& output_names_;
  EmoModel m_;
  std::string error_;
  std::vector<const TfTensor*> constant_;  // per tensor: the constant it holds, DEQUANTIZE folded
  std::vector<std::vector<size_t>> readers_;  // per tensor: live ops reading it
  std::vector<bool> is_graph_output_;
  std::vector<bool> op_done_;               // folded or fused into an earlier op
  std::vector<std::string> names_;          // per tensor: its name in our graph, once known
  std::vector<bool> available_;             // per tensor: the input or produced by an op emitted so far
  std::map<int, Pad> folded_pad_;           // tensor -> spatial PAD still to apply by its reader
  std::set<std::string> used_names_;

  bool fail(const std::string& message) {
    error_ = message;
    return false;
  }
  bool fail_op(size_t i, const std::string& message) {
    return fail("operator " + std::to_string(i) + " (" + g_.operators[i].code_name + "): " + message);
  }
  const std::vector<int>& shape(int t) const { return g_.tensors[t].shape; }

  std::string unique_name(std::string wanted, int t) {
    if (wanted.empty() || used_names_.count(wanted)) wanted = "t" + std::to_string(t);
    while (used_names_.count(wanted)) wanted += "_";
    used_names_.insert(wanted);
    return wanted;
  }

  bool prepare() {
    const size_t n = g_.tensors.size();
    constant_.assign(n, nullptr);
    readers_.assign(n, {});
    is_graph_output_.assign(n, false);
    op_done_.assign(g_.operators.size(), false);
    names_.assign(n, "");
    available_.assign(n, false);
    for (size_t t = 0; t < n; ++t) {
      if (!g_.tensors[t].data.empty()) constant_[t] = &g_.tensors[t];
    }
    for (size_t i = 0; i < g_.operators.size(); ++i) {
      const TfOperator& op = g_.operators[i];
      if (op.code != tflite::BuiltinOperator_DEQUANTIZE) continue;
      if (op.inputs.size() != 1 || op.outputs.size() != 1 || op.inputs[0] < 0 || !constant_[op.inputs[0]]) {
        return fail_op(i, "only DEQUANTIZE of a constant weight is supported");
      }
      const TfTensor* source = constant_[op.inputs[0]];
      if (source->type != TfType::f16 && source->type != TfType::f32) return fail_op(i, "only fp16 weights can be dequantized");
      constant_[op.outputs[0]] = source;
      op_done_[i] = true;
    }
    for (size_t i = 0; i < g_.operators.size(); ++i) {
      if (op_done_[i]) continue;
      for (int t : g_.operators[i].inputs) {
        if (t >= 0) readers_[t].push_back(i);
      }
    }
    if (g_.inputs.size() != 1) return fail("expected one graph input, found " + std::to_string(g_.inputs.size()));
    const int input = g_.inputs[0];
    if (shape(input).size() != 4 || g_.tensors[input].type != TfType::f32) return fail("the graph input must be a float32 NHWC tensor");
    m_.input_name = names_[input] = unique_name("input", input);
    available_[input] = true;
    m_.input_shape = shape(input);
    if (!output_names_.empty() && output_names_.size() != g_.outputs.size()) {
      return fail(std::to_string(output_names_.size()) + " output names given for " + std::to_string(g_.outputs.size()) + " graph outputs");
    }
    for (size_t k = 0; k < g_.outputs.size(); ++k) {
      const int t = g_.outputs[k];
      is_graph_output_[t] = true;
      names_[t] = unique_name(output_names_.empty() ? g_.tensors[t].name : output_names_[k], t);
      m_.outputs.push_back(names_[t]);
    }
    return true;
  }

  // The name an op reads tensor t by: an activation produced earlier, or a weight emitted on first use.
  bool input_name(size_t i, int t, std::string& out) {
    if (t < 0) return fail_op(i, "an optional input is missing");
    if (constant_[t]) return weight_name(i, t, shape(t), out);
    if (!available_[t]) return fail_op(i, "reads tensor " + std::to_string(t) + " before it is produced");
    out = names_[t];
    return true;
  }

  bool weight_name(size_t i, int t, const std::vector<int>& weight_shape, std::string& out) {
    if (!names_[t].empty()) {
      out = names_[t];
      return true;
    }
    const TfTensor* c = constant_[t];
    if (c->type != TfType::f32 && c->type != TfType::f16) return fail_op(i, "weight " + c->name + " is neither fp32 nor fp16");
    EmoWeight w;
    w.name = names_[t] = out = unique_name(c->name, t);
    w.shape = weight_shape;
    w.dtype = c->type == TfType::f16 ? "f16" : "f32";
    w.bytes = c->data;
    m_.weights.push_back(std::move(w));
    return true;
  }

  std::string zero_bias(int out_tensor, int channels) {
    EmoWeight w;
    w.name = unique_name(g_.tensors[out_tensor].name + ".zero_bias", out_tensor);
    w.shape = {channels};
    w.dtype = "f32";
    w.bytes.assign(static_cast<size_t>(channels) * 4, 0);
    m_.weights.push_back(w);
    return w.name;
  }

  // Names the op's output and fuses a following standalone RELU/RELU6/PRELU when this op is its
  // only producer-consumer link; returns false on an activation we cannot express.
  bool finish_with_activation(size_t i, int fused, Json& op, bool accepts_activation) {
    int out = g_.operators[i].outputs[0];
    std::string activation;
    switch (fused) {
      case tflite::ActivationFunctionType_NONE: break;
      case tflite::ActivationFunctionType_RELU: activation = "relu"; break;
      case tflite::ActivationFunctionType_RELU6: activation = "relu6"; break;
      default: return fail_op(i, "fused activation " + std::to_string(fused) + " is not supported");
    }
    if (!activation.empty() && !accepts_activation) return fail_op(i, "a fused activation is not supported on this op");
    if (activation.empty() && accepts_activation && readers_[out].size() == 1 && !is_graph_output_[out]) {
      const size_t j = readers_[out][0];
      const TfOperator& next = g_.operators[j];
      if (next.inputs[0] == out && next.outputs.size() == 1) {
        if (next.code == tflite::BuiltinOperator_RELU) activation = "relu";
        if (next.code == tflite::BuiltinOperator_RELU6) activation = "relu6";
        if (next.code == tflite::BuiltinOperator_PRELU && next.inputs.size() == 2 && next.inputs[1] >= 0 &&
            constant_[next.inputs[1]]) {
          std::string alpha;
          if (!alpha_weight(j, next.inputs[1], out, alpha)) return false;
          activation = "prelu";
          op["alpha"] = alpha;
        }
        if (!activation.empty()) {
          op_done_[j] = true;
          out = next.outputs[0];
        }
      }
    }
    if (!activation.empty()) op["activation"] = activation;
    if (names_[out].empty()) names_[out] = unique_name(g_.tensors[out].name, out);
    available_[out] = true;
    Json ordered = {{"type", op["type"]}, {"inputs", op["inputs"]}, {"outputs", Json::array({names_[out]})}};
    for (const auto& [key, value] : op.items()) {
      if (!ordered.contains(key)) ordered[key] = value;
    }
    op = std::move(ordered);
    return true;
  }

  // TFLite keeps PReLU slopes as [1, 1, C] (broadcast over H, W); ours are [C], C = x's last axis.
  bool alpha_weight(size_t i, int t, int x, std::string& out) {
    if (t < 0 || !constant_[t] || shape(x).empty()) return fail_op(i, "PReLU needs constant slopes");
    const int channels = shape(x).back();
    size_t count = 1;
    for (int d : shape(t)) count *= static_cast<size_t>(d);
    if (count != static_cast<size_t>(channels)) return fail_op(i, "PReLU slopes must be one per channel");
    return weight_name(i, t, {channels}, out);
  }

  bool emit_convolution(size_t i, bool depthwise) {
    const TfOperator& op = g_.operators[i];
    const TfOptions& o = op.options;
    if (op.inputs.size() < 2 || op.outputs.size() != 1) return fail_op(i, "expects input, filter, bias");
    const int x = op.inputs[0], w = op.inputs[1];
    const int b = op.inputs.size() > 2 ? op.inputs[2] : -1;
    if (x < 0 || w < 0 || !constant_[w] || shape(x).size() != 4 || shape(w).size() != 4) return fail_op(i, "needs an NHWC input and a constant 4-D filter");
    if (o.dilation_h != 1 || o.dilation_w != 1) return fail_op(i, "dilated convolutions are not supported");
    if (o.stride_h < 1 || o.stride_w < 1) return fail_op(i, "stride must be positive");
    const int channels_in = shape(x)[3];
    const int channels_out = depthwise ? shape(w)[3] : shape(w)[0];
    if (depthwise && (shape(w)[0] != 1 || channels_out != channels_in)) return fail_op(i, "only channel multiplier 1 is supported");
    if (!depthwise && shape(w)[3] != channels_in) return fail_op(i, "filter channels do not match the input");
    Json j;
    j["type"] = depthwise ? "depthwise_conv2d" : "conv2d";
    std::string xn, wn, bn;
    if (!input_name(i, x, xn) || !weight_name(i, w, shape(w), wn)) return false;
    if (b >= 0) {
      if (!constant_[b] || shape(b) != std::vector<int>{channels_out}) return fail_op(i, "bias must be a constant of one value per output channel");
      if (!weight_name(i, b, shape(b), bn)) return false;
    } else {
      bn = zero_bias(op.outputs[0], channels_out);
    }
    j["inputs"] = Json::array({xn, wn, bn});
    j["stride"] = {o.stride_h, o.stride_w};
    j["pad"] = explicit_padding(x, shape(w)[1], shape(w)[2], o);
    if (!finish_with_activation(i, o.activation, j, true)) return false;
    m_.ops.push_back(std::move(j));
    return true;
  }

  Json explicit_padding(int x, int kernel_h, int kernel_w, const TfOptions& o) {
    Pad pad{0, 0, 0, 0};
    if (o.same_padding) {
      const auto [top, bottom] = same_padding(shape(x)[1], kernel_h, o.stride_h);
      const auto [left, right] = same_padding(shape(x)[2], kernel_w, o.stride_w);
      pad = {top, left, bottom, right};
    }
    if (auto it = folded_pad_.find(x); it != folded_pad_.end()) {
      for (int k = 0; k < 4; ++k) pad[k] += it->second[k];
    }
    return Json(pad);
  }

  bool emit_pool(size_t i, const char* type) {
    const TfOperator& op = g_.operators[i];
    const TfOptions& o = op.options;
    if (op.inputs.size() != 1 || op.outputs.size() != 1 || op.inputs[0] < 0 || shape(op.inputs[0]).size() != 4) {
      return fail_op(i, "expects one NHWC input");
    }
    if (o.filter_h < 1 || o.filter_w < 1 || o.stride_h < 1 || o.stride_w < 1) return fail_op(i, "kernel and stride must be positive");
    Json j;
    j["type"] = type;
    std::string xn;
    if (!input_name(i, op.inputs[0], xn)) return false;
    j["inputs"] = Json::array({xn});
    j["kernel"] = {o.filter_h, o.filter_w};
    j["stride"] = {o.stride_h, o.stride_w};
    j["pad"] = explicit_padding(op.inputs[0], o.filter_h, o.filter_w, o);
    if (!finish_with_activation(i, o.activation, j, false)) return false;
    m_.ops.push_back(std::move(j));
    return true;
  }

  // PAD of channels appends zero channels; PAD of rows/columns is handed to the one convolution
  // that reads it (zero padding there means the same thing). Anything else has no op of ours.
  bool emit_pad(size_t i) {
    const TfOperator& op = g_.operators[i];
    if (op.inputs.size() != 2 || op.outputs.size() != 1 || op.inputs[1] < 0) return fail_op(i, "expects input and paddings");
    const int x = op.inputs[0], out = op.outputs[0];
    const TfTensor* p = constant_[op.inputs[1]];
    if (x < 0 || shape(x).size() != 4 || !p || p->type != TfType::i32 || p->data.size() != 8 * sizeof(int32_t)) {
      return fail_op(i, "needs an NHWC input and constant int32 paddings [4, 2]");
    }
    std::array<int32_t, 8> pads;
    std::memcpy(pads.data(), p->data.data(), sizeof pads);
    for (int32_t v : pads) {
      if (v < 0) return fail_op(i, "negative padding");
    }
    const bool spatial = pads[2] || pads[3] || pads[4] || pads[5];
    if (pads[0] || pads[1] || pads[6]) return fail_op(i, "only padding channels at the end or rows/columns is supported");
    std::string xn;
    if (!input_name(i, x, xn)) return false;
    if (!spatial) {
      Json j;
      j["type"] = "pad_channels";
      j["inputs"] = Json::array({xn});
      j["after"] = pads[7];
      if (!finish_with_activation(i, 0, j, false)) return false;
      m_.ops.push_back(std::move(j));
      return true;
    }
    const bool one_conv_reader = readers_[out].size() == 1 && !is_graph_output_[out] && pads[7] == 0 &&
                                 g_.operators[readers_[out][0]].inputs[0] == out &&
                                 (g_.operators[readers_[out][0]].code == tflite::BuiltinOperator_CONV_2D ||
                                  g_.operators[readers_[out][0]].code == tflite::BuiltinOperator_DEPTHWISE_CONV_2D);
    if (!one_conv_reader) return fail_op(i, "spatial padding is only supported right before a convolution");
    names_[out] = xn;
    available_[out] = true;
    folded_pad_[out] = {pads[2], pads[4], pads[3], pads[5]};
    return true;
  }

  bool emit_simple(size_t i, const char* type, size_t input_count, bool accepts_activation) {
    const TfOperator& op = g_.operators[i];
    if (op.inputs.size() < input_count || op.outputs.size() != 1) return fail_op(i, "wrong number of inputs or outputs");
    Json j;
    j["type"] = type;
    j["inputs"] = Json::array();
    for (size_t k = 0; k < input_count; ++k) {
      std::string name;
      if (!input_name(i, op.inputs[k], name)) return false;
      j["inputs"].push_back(name);
    }
    const std::vector<int>& out_shape = shape(op.outputs[0]);
    switch (op.code) {
      case tflite::BuiltinOperator_ADD:
        if (shape(op.inputs[0]) != shape(op.inputs[1])) return fail_op(i, "broadcasting add is not supported");
        break;
      case tflite::BuiltinOperator_CONCATENATION: j["axis"] = op.options.axis; break;
      case tflite::BuiltinOperator_RESHAPE: j["shape"] = out_shape; break;
      case tflite::BuiltinOperator_RESIZE_BILINEAR:
        if (out_shape.size() != 4) return fail_op(i, "needs an NHWC output");
        j["size"] = {out_shape[1], out_shape[2]};
        j["align_corners"] = op.options.align_corners;
        j["half_pixel_centers"] = op.options.half_pixel_centers;
        break;
      case tflite::BuiltinOperator_SOFTMAX:
        if (op.options.beta != 1.0f) return fail_op(i, "softmax with beta != 1 is not supported");
        break;
      case tflite::BuiltinOperator_PRELU: {
        std::string alpha;
        if (!alpha_weight(i, op.inputs[1], op.inputs[0], alpha)) return false;
        j["inputs"][1] = alpha;
        break;
      }
      default: break;
    }
    if (!finish_with_activation(i, op.options.activation, j, accepts_activation)) return false;
    m_.ops.push_back(std::move(j));
    return true;
  }

  bool emit_fully_connected(size_t i) {
    const TfOperator& op = g_.operators[i];
    if (op.inputs.size() < 2 || op.inputs[1] < 0 || !constant_[op.inputs[1]] || shape(op.inputs[1]).size() != 2) {
      return fail_op(i, "needs a constant [out, in] weight");
    }
    Json j;
    j["type"] = "fully_connected";
    std::string xn, wn, bn;
    if (!input_name(i, op.inputs[0], xn) || !weight_name(i, op.inputs[1], shape(op.inputs[1]), wn)) return false;
    const int b = op.inputs.size() > 2 ? op.inputs[2] : -1;
    if (b >= 0 && !input_name(i, b, bn)) return false;
    if (b < 0) bn = zero_bias(op.outputs[0], shape(op.inputs[1])[0]);
    j["inputs"] = Json::array({xn, wn, bn});
    if (!finish_with_activation(i, op.options.activation, j, true)) return false;
    m_.ops.push_back(std::move(j));
    return true;
  }

  bool emit(size_t i) {
    switch (g_.operators[i].code) {
      case tflite::BuiltinOperator_CONV_2D: return emit_convolution(i, false);
      case tflite::BuiltinOperator_DEPTHWISE_CONV_2D: return emit_convolution(i, true);
      case tflite::BuiltinOperator_MAX_POOL_2D: return emit_pool(i, "max_pool2d");
      case tflite::BuiltinOperator_AVERAGE_POOL_2D: return emit_pool(i, "avg_pool2d");
      case tflite::BuiltinOperator_PAD: return emit_pad(i);
      case tflite::BuiltinOperator_FULLY_CONNECTED: return emit_fully_connected(i);
      case tflite::BuiltinOperator_ADD: return emit_simple(i, "add", 2, true);
      case tflite::BuiltinOperator_CONCATENATION: return emit_simple(i, "concat", g_.operators[i].inputs.size(), false);
      case tflite::BuiltinOperator_RESHAPE: return emit_simple(i, "reshape", 1, false);
      case tflite::BuiltinOperator_RESIZE_BILINEAR: return emit_simple(i, "resize_bilinear", 1, false);
      case tflite::BuiltinOperator_PRELU: return emit_simple(i, "prelu", 2, false);
      case tflite::BuiltinOperator_RELU: return emit_simple(i, "relu", 1, false);
      case tflite::BuiltinOperator_RELU6: return emit_simple(i, "relu6", 1, false);
      case tflite::BuiltinOperator_LOGISTIC: return emit_simple(i, "sigmoid", 1, false);
      case tflite::BuiltinOperator_SOFTMAX: return emit_simple(i, "softmax", 1, false);
      default: return fail_op(i, "this operator is not supported by tflite2emo");
    }
  }

  bool emit_all() {
    for (size_t i = 0; i < g_.operators.size(); ++i) {
      if (op_done_[i]) continue;
      const TfOperator& op = g_.operators[i];
      if (op.outputs.empty() || op.inputs.empty()) return fail_op(i, "has no inputs or outputs");
      for (int t : op.outputs) {
        if (constant_[t] || t == g_.inputs[0]) return fail_op(i, "writes a constant or the graph input");
        if (g_.tensors[t].type != TfType::f32) return fail_op(i, "produces a tensor that is not float32");
      }
      if (!emit(i)) return false;
    }
    for (size_t k = 0; k < g_.outputs.size(); ++k) {
      bool produced = false;
      for (const Json& op : m_.ops) produced = produced || op["outputs"][0] == m_.outputs[k];
      if (!produced) return fail("graph output " + m_.outputs[k] + " is not produced by any op");
    }
    return true;
  }
};

}  // namespace

ConvertResult tflite_to_emo(const TfGraph& graph, const std::vector<std::string>& output_names) {
  return Converter(graph, output_names).run();
}

}  // namespace tflite2emo
