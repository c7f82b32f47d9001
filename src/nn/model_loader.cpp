// Reads a manifest + weight blob into a Model. Every field is checked before use: a corrupt or
// hostile file yields an error naming the field, never an exception, crash or out-of-bounds read.
#include <fp16.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "nn/model.h"
#include "nn/shape_inference.h"

namespace emolens::nn {
namespace {

using nlohmann::json;

constexpr int64_t kMaxDim = int64_t{1} << 24;   // no real tensor has a longer axis
constexpr int64_t kMaxAttr = 4096;              // strides, pads, kernels, channel padding

Status missing(const std::string& where, const char* key, const char* what) {
  return Status::error(where + "." + key + ": " + what);
}

Status read_int(const json& obj, const char* key, const std::string& where, int64_t lo, int64_t hi,
                int64_t& out) {
  auto it = obj.find(key);
  if (it == obj.end()) return missing(where, key, "missing");
  if (!it->is_number_integer()) return missing(where, key, "must be an integer");
  const int64_t v = it->is_number_unsigned() && it->get<uint64_t>() > uint64_t(INT64_MAX)
                        ? INT64_MAX
                        : it->get<int64_t>();
  if (v < lo || v > hi)
    return missing(where, key, ("out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]").c_str());
  out = v;
  return Status();
}

Status read_ints(const json& obj, const char* key, const std::string& where, size_t count,
                 int64_t lo, int64_t hi, std::vector<int>& out) {
  auto it = obj.find(key);
  if (it == obj.end()) return missing(where, key, "missing");
  if (!it->is_array()) return missing(where, key, "must be an array of integers");
  if (count != 0 && it->size() != count)
    return missing(where, key, ("must have " + std::to_string(count) + " entries").c_str());
  if (it->empty() || it->size() > 8) return missing(where, key, "must have 1..8 entries");
  out.clear();
  for (const json& v : *it) {
    if (!v.is_number_integer()) return missing(where, key, "must be an array of integers");
    const int64_t x = v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX) ? INT64_MAX : v.get<int64_t>();
    if (x < lo || x > hi)
      return missing(where, key, ("entry out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]").c_str());
    out.push_back(static_cast<int>(x));
  }
  return Status();
}

Status read_string(const json& obj, const char* key, const std::string& where, std::string& out) {
  auto it = obj.find(key);
  if (it == obj.end()) return missing(where, key, "missing");
  if (!it->is_string()) return missing(where, key, "must be a string");
  out = it->get<std::string>();
  return Status();
}

Status read_number(const json& obj, const char* key, const std::string& where, float& out) {
  auto it = obj.find(key);
  if (it == obj.end()) return missing(where, key, "missing");
  if (!it->is_number()) return missing(where, key, "must be a number");
  out = it->get<float>();
  return Status();
}

struct OpTypeInfo {
  const char* name;
  OpType type;
  int min_inputs, max_inputs;  // counted over the manifest's `inputs` list
  bool has_weights;            // inputs[1] is a kernel, inputs[2] an optional bias
  bool has_activation;
  bool has_window;             // stride + pad (+ kernel for pools)
};

constexpr OpTypeInfo kOpTypes[] = {
    {"conv2d", OpType::conv2d, 2, 3, true, true, true},
    {"depthwise_conv2d", OpType::depthwise_conv2d, 2, 3, true, true, true},
    {"max_pool2d", OpType::max_pool2d, 1, 1, false, false, true},
    {"avg_pool2d", OpType::avg_pool2d, 1, 1, false, false, true},
    {"global_avg_pool", OpType::global_avg_pool, 1, 1, false, false, false},
    {"pad_channels", OpType::pad_channels, 1, 1, false, false, false},
    {"add", OpType::add, 2, 2, false, true, false},
    {"prelu", OpType::prelu, 2, 2, false, false, false},
    {"relu", OpType::relu, 1, 1, false, false, false},
    {"relu6", OpType::relu6, 1, 1, false, false, false},
    {"sigmoid", OpType::sigmoid, 1, 1, false, false, false},
    {"fully_connected", OpType::fully_connected, 2, 3, true, true, false},
    {"concat", OpType::concat, 1, 64, false, false, false},
    {"reshape", OpType::reshape, 1, 1, false, false, false},
    {"softmax", OpType::softmax, 1, 1, false, false, false},
    {"resize_bilinear", OpType::resize_bilinear, 1, 1, false, false, false},
};

const OpTypeInfo* find_op_type(const std::string& name) {
  for (const OpTypeInfo& info : kOpTypes)
    if (name == info.name) return &info;
  return nullptr;
}

class ManifestReader {
 public:
  ManifestReader(const uint8_t* bin, size_t bin_size, Model& model)
      : bin_(bin), bin_size_(bin_size), model_(model) {}

  Status read(const json& root) {
    if (!root.is_object()) return Status::error("manifest: must be a JSON object");
    std::string format;
    Status s = read_string(root, "format", "manifest", format);
    if (!s.ok()) return s;
    if (format != "emolens-model") return Status::error("manifest.format: expected \"emolens-model\", got \"" + format + "\"");
    int64_t version = 0;
    if (!(s = read_int(root, "version", "manifest", INT64_MIN, INT64_MAX, version)).ok()) return s;
    if (version != 1) return Status::error("manifest.version: " + std::to_string(version) + " is not supported (expected 1)");
    if (root.contains("name") && root["name"].is_string()) model_.name = root["name"].get<std::string>();
    if (!(s = read_input(root)).ok()) return s;
    if (!(s = read_labels(root)).ok()) return s;
    if (!(s = read_weights(root)).ok()) return s;
    if (!(s = read_ops(root)).ok()) return s;
    return read_outputs(root);
  }

 private:
  Status read_input(const json& root) {
    auto it = root.find("input");
    if (it == root.end() || !it->is_object()) return Status::error("manifest.input: missing or not an object");
    const std::string where = "manifest.input";
    Tensor input;
    Status s = read_string(*it, "name", where, input.name);
    if (!s.ok()) return s;
    if (!(s = read_ints(*it, "shape", where, 0, 1, kMaxDim, input.shape)).ok()) return s;
    if (shape_elements(input.shape) > kMaxTensorElements) return Status::error(where + ".shape: too many elements");
    InputSpec& pre = model_.preprocessing;
    if (it->contains("colour")) {
      if (!(s = read_string(*it, "colour", where, pre.colour)).ok()) return s;
      if (pre.colour != "grey" && pre.colour != "rgb") return Status::error(where + ".colour: must be \"grey\" or \"rgb\"");
    }
    if (it->contains("scale") && !(s = read_number(*it, "scale", where, pre.scale)).ok()) return s;
    if (it->contains("offset") && !(s = read_number(*it, "offset", where, pre.offset)).ok()) return s;
    return declare_tensor(input, where + ".name");
  }

  Status read_labels(const json& root) {
    auto it = root.find("labels");
    if (it == root.end()) return Status();
    if (!it->is_array()) return Status::error("manifest.labels: must be an array of strings");
    for (const json& v : *it) {
      if (!v.is_string()) return Status::error("manifest.labels: must be an array of strings");
      model_.labels.push_back(v.get<std::string>());
    }
    return Status();
  }

  // i8 weights: value = int8 * scales[k], k the index along `quant.axis` (per output channel).
  struct QuantScales {
    std::vector<float> scales;
    size_t inner = 1;  // elements per step along the axis (product of the later dimensions)
  };

  static Status read_quant_scales(const json& w, const std::string& where, const Shape& shape, QuantScales& out) {
    auto it = w.find("quant");
    if (it == w.end() || !it->is_object()) return missing(where, "quant", "missing: an i8 weight needs {axis, scales}");
    const std::string at = where + ".quant";
    int64_t axis = 0;
    Status s = read_int(*it, "axis", at, 0, int64_t(shape.size()) - 1, axis);
    if (!s.ok()) return s;
    auto scales = it->find("scales");
    if (scales == it->end() || !scales->is_array() || scales->size() != size_t(shape[axis]))
      return missing(at, "scales", ("must be an array of " + std::to_string(shape[axis]) + " numbers (the axis length)").c_str());
    out.scales.clear();
    for (const json& v : *scales) {
      if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0.0)
        return missing(at, "scales", "entries must be finite numbers >= 0");
      out.scales.push_back(v.get<float>());
    }
    out.inner = 1;
    for (size_t d = size_t(axis) + 1; d < shape.size(); ++d) out.inner *= size_t(shape[d]);
    return Status();
  }

  Status read_weights(const json& root) {
    auto it = root.find("weights");
    if (it == root.end() || !it->is_array()) return Status::error("manifest.weights: missing or not an array");
    for (size_t i = 0; i < it->size(); ++i) {
      Status s = read_weight((*it)[i], "manifest.weights[" + std::to_string(i) + "]");
      if (!s.ok()) return s;
    }
    return Status();
  }

  Status read_weight(const json& w, std::string where) {
    if (!w.is_object()) return Status::error(where + ": must be an object");
    Weight weight;
    std::string dtype;
    int64_t offset = 0, size = 0;
    Status s = read_string(w, "name", where, weight.name);
    if (!s.ok()) return s;
    where += " ('" + weight.name + "')";
    if (!(s = read_ints(w, "shape", where, 0, 1, kMaxDim, weight.shape)).ok()) return s;
    if (!(s = read_string(w, "dtype", where, dtype)).ok()) return s;
    if (!(s = read_int(w, "offset", where, 0, INT64_MAX, offset)).ok()) return s;
    if (!(s = read_int(w, "size", where, 0, INT64_MAX, size)).ok()) return s;
    size_t bytes_per = 0;
    if (dtype == "f32") bytes_per = 4;
    else if (dtype == "f16") bytes_per = 2;
    else if (dtype == "i8") bytes_per = 1;
    else return Status::error(where + ".dtype: unknown dtype \"" + dtype + "\" (expected f32, f16 or i8)");
    const size_t count = shape_elements(weight.shape);
    if (count > kMaxTensorElements) return Status::error(where + ".shape: too many elements");
    QuantScales quant;
    if (dtype == "i8" && !(s = read_quant_scales(w, where, weight.shape, quant)).ok()) return s;
    if (uint64_t(size) != count * bytes_per)
      return Status::error(where + ".size: " + std::to_string(size) + " != product(shape) * " +
                           std::to_string(bytes_per) + " = " + std::to_string(count * bytes_per));
    if (offset % 16 != 0) return Status::error(where + ".offset: " + std::to_string(offset) + " is not a multiple of 16");
    if (uint64_t(offset) > bin_size_ || uint64_t(size) > bin_size_ - uint64_t(offset))
      return Status::error(where + ": bytes [" + std::to_string(offset) + ", " + std::to_string(offset + size) +
                           ") lie outside the .bin file of " + std::to_string(bin_size_) + " bytes");
    weight.data.resize(count);
    const uint8_t* src = bin_ + offset;
    if (bytes_per == 4) {
      std::memcpy(weight.data.data(), src, count * 4);
    } else if (bytes_per == 1) {
      // Index i's position along the quantised axis: (i / inner) % axis length.
      const size_t length = quant.scales.size(), inner = quant.inner;
      for (size_t i = 0; i < count; ++i)
        weight.data[i] = float(int8_t(src[i])) * quant.scales[(i / inner) % length];
    } else {
      for (size_t i = 0; i < count; ++i) {
        uint16_t h;
        std::memcpy(&h, src + 2 * i, 2);
        weight.data[i] = fp16_ieee_to_fp32_value(h);
      }
    }
    if (names_.count(weight.name)) return Status::error(where + ".name: '" + weight.name + "' is defined twice");
    names_[weight.name] = {true, int(model_.weights.size())};
    model_.weights.push_back(std::move(weight));
    return Status();
  }

  Status read_ops(const json& root) {
    auto it = root.find("ops");
    if (it == root.end() || !it->is_array()) return Status::error("manifest.ops: missing or not an array");
    for (size_t i = 0; i < it->size(); ++i) {
      Status s = read_op((*it)[i], "manifest.ops[" + std::to_string(i) + "]");
      if (!s.ok()) return s;
    }
    return Status();
  }

  Status read_op(const json& j, std::string where) {
    if (!j.is_object()) return Status::error(where + ": must be an object");
    std::string type_name;
    Status s = read_string(j, "type", where, type_name);
    if (!s.ok()) return s;
    const OpTypeInfo* info = find_op_type(type_name);
    if (!info) return Status::error(where + ".type: unsupported op type \"" + type_name + "\"");
    where += " (" + type_name + ")";
    Op op;
    op.type = info->type;

    std::vector<std::string> inputs;
    if (!(s = read_names(j, "inputs", where, inputs)).ok()) return s;
    if (int(inputs.size()) < info->min_inputs || int(inputs.size()) > info->max_inputs)
      return Status::error(where + ".inputs: expected " + std::to_string(info->min_inputs) + ".." +
                           std::to_string(info->max_inputs) + " names, got " + std::to_string(inputs.size()));
    const bool weight_tail = info->has_weights || op.type == OpType::prelu;
    for (size_t k = 0; k < inputs.size(); ++k) {
      const bool want_weight = weight_tail && k >= 1;
      int id = -1;
      if (!(s = resolve(inputs[k], want_weight, where + ".inputs[" + std::to_string(k) + "]", id)).ok()) return s;
      if (!want_weight) op.inputs.push_back(id);
      else if (op.type == OpType::prelu) op.alpha = id;
      else if (k == 1) op.weight = id;
      else op.bias = id;
    }
    if (info->has_activation && !(s = read_activation(j, where, op)).ok()) return s;
    if (info->has_window && !(s = read_window(j, where, op)).ok()) return s;
    if (op.type == OpType::pad_channels) {
      int64_t after = 0;
      if (!(s = read_int(j, "after", where, 0, kMaxAttr, after)).ok()) return s;
      op.after = int(after);
    }
    if (op.type == OpType::concat) {
      int64_t axis = 0;
      if (!(s = read_int(j, "axis", where, -8, 7, axis)).ok()) return s;
      op.axis = int(axis);  // normalised once the rank is known (shape inference)
    }
    if (op.type == OpType::reshape && !(s = read_ints(j, "shape", where, 0, -1, kMaxDim, op.target_shape)).ok()) return s;
    if (op.type == OpType::resize_bilinear && !(s = read_resize(j, where, op)).ok()) return s;

    std::vector<std::string> outputs;
    if (!(s = read_names(j, "outputs", where, outputs)).ok()) return s;
    if (outputs.size() != 1) return Status::error(where + ".outputs: expected exactly one name");
    Tensor out;
    out.name = outputs[0];
    op.output = int(model_.tensors.size());
    if (!(s = declare_tensor(out, where + ".outputs[0]")).ok()) return s;
    model_.ops.push_back(std::move(op));
    return Status();
  }

  Status read_activation(const json& j, const std::string& where, Op& op) {
    if (!j.contains("activation")) return Status();
    std::string name;
    Status s = read_string(j, "activation", where, name);
    if (!s.ok()) return s;
    if (name == "none") op.activation = Activation::none;
    else if (name == "relu") op.activation = Activation::relu;
    else if (name == "relu6") op.activation = Activation::relu6;
    else if (name == "sigmoid") op.activation = Activation::sigmoid;
    else if (name == "prelu") op.activation = Activation::prelu;
    else return Status::error(where + ".activation: unknown activation \"" + name + "\"");
    if (op.activation != Activation::prelu) return Status();
    std::string alpha;
    if (!(s = read_string(j, "alpha", where, alpha)).ok()) return s;
    return resolve(alpha, true, where + ".alpha", op.alpha);
  }

  Status read_window(const json& j, const std::string& where, Op& op) {
    std::vector<int> v;
    Status s;
    if (j.contains("stride")) {
      if (!(s = read_ints(j, "stride", where, 2, 1, kMaxAttr, v)).ok()) return s;
      op.stride_h = v[0], op.stride_w = v[1];
    }
    if (j.contains("pad")) {
      if (!(s = read_ints(j, "pad", where, 4, 0, kMaxAttr, v)).ok()) return s;
      op.pad_top = v[0], op.pad_left = v[1], op.pad_bottom = v[2], op.pad_right = v[3];
    }
    if (op.type == OpType::max_pool2d || op.type == OpType::avg_pool2d) {
      if (!(s = read_ints(j, "kernel", where, 2, 1, kMaxAttr, v)).ok()) return s;
      op.kernel_h = v[0], op.kernel_w = v[1];
    }
    return Status();
  }

  Status read_resize(const json& j, const std::string& where, Op& op) {
    std::vector<int> size;
    Status s = read_ints(j, "size", where, 2, 1, kMaxDim, size);
    if (!s.ok()) return s;
    op.resize_h = size[0], op.resize_w = size[1];
    for (const char* key : {"align_corners", "half_pixel_centers"}) {
      auto it = j.find(key);
      if (it == j.end()) continue;
      if (!it->is_boolean()) return missing(where, key, "must be true or false");
      (key[0] == 'a' ? op.align_corners : op.half_pixel_centers) = it->get<bool>();
    }
    if (op.align_corners && op.half_pixel_centers)
      return Status::error(where + ": align_corners and half_pixel_centers are mutually exclusive");
    return Status();
  }

  Status read_names(const json& j, const char* key, const std::string& where, std::vector<std::string>& out) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_array()) return missing(where, key, "missing or not an array of names");
    for (const json& v : *it) {
      if (!v.is_string()) return missing(where, key, "must be an array of names");
      out.push_back(v.get<std::string>());
    }
    return Status();
  }

  // Only names defined so far resolve, so a forward reference or a cycle is an unknown name.
  Status resolve(const std::string& name, bool want_weight, const std::string& where, int& id) {
    auto it = names_.find(name);
    if (it == names_.end())
      return Status::error(where + ": '" + name + "' is not the input, a weight or an earlier op's output");
    if (it->second.is_weight != want_weight)
      return Status::error(where + ": '" + name + "' must be " + (want_weight ? "a weight" : "an activation"));
    id = it->second.id;
    return Status();
  }

  Status declare_tensor(Tensor tensor, const std::string& where) {
    if (names_.count(tensor.name)) return Status::error(where + ": '" + tensor.name + "' is defined twice");
    names_[tensor.name] = {false, int(model_.tensors.size())};
    model_.tensors.push_back(std::move(tensor));
    return Status();
  }

  Status read_outputs(const json& root) {
    std::vector<std::string> names;
    Status s = read_names(root, "outputs", "manifest", names);
    if (!s.ok()) return s;
    if (names.empty()) return Status::error("manifest.outputs: must name at least one tensor");
    for (size_t k = 0; k < names.size(); ++k) {
      int id = -1;
      if (!(s = resolve(names[k], false, "manifest.outputs[" + std::to_string(k) + "]", id)).ok()) return s;
      model_.outputs.push_back(id);
    }
    return Status();
  }

  struct Name {
    bool is_weight;
    int id;
  };
  const uint8_t* bin_;
  size_t bin_size_;
  Model& model_;
  std::map<std::string, Name> names_;
};

Status read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error("cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::error("cannot read " + path);
  out = buffer.str();
  return Status();
}

}  // namespace

const char* op_type_name(OpType type) {
  for (const OpTypeInfo& info : kOpTypes)
    if (info.type == type) return info.name;
  return "?";
}

Status model_load(const std::string& manifest_json, const uint8_t* bin, size_t bin_size, Model& out) {
  out = Model();
  const json root = json::parse(manifest_json, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return Status::error("manifest: not valid JSON");
  Status s = ManifestReader(bin, bin_size, out).read(root);
  if (!s.ok()) return s;
  return infer_shapes(out);
}

Status model_load_files(const std::string& json_path, Model& out) {
  const std::string suffix = ".json";
  if (json_path.size() <= suffix.size() || json_path.compare(json_path.size() - suffix.size(), suffix.size(), suffix) != 0)
    return Status::error(json_path + ": a manifest path must end in .json");
  const std::string bin_path = json_path.substr(0, json_path.size() - suffix.size()) + ".bin";
  std::string manifest, bin;
  Status s = read_file(json_path, manifest);
  if (s.ok()) s = read_file(bin_path, bin);
  if (!s.ok()) return s;
  s = model_load(manifest, reinterpret_cast<const uint8_t*>(bin.data()), bin.size(), out);
  return s.prefix(json_path);
}

}  // namespace emolens::nn
