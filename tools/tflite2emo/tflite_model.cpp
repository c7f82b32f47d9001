#include "tflite_model.h"

#include <algorithm>

#include "tflite_subset_generated.h"

namespace tflite2emo {
namespace {

size_t type_bytes(TfType type) {
  switch (type) {
    case TfType::f32: return 4;
    case TfType::f16: return 2;
    case TfType::i32: return 4;
    case TfType::other: return 0;
  }
  return 0;
}

TfType type_from_tflite(tflite::TensorType type) {
  switch (type) {
    case tflite::TensorType_FLOAT32: return TfType::f32;
    case tflite::TensorType_FLOAT16: return TfType::f16;
    case tflite::TensorType_INT32: return TfType::i32;
    default: return TfType::other;
  }
}

std::vector<int> ints(const flatbuffers::Vector<int32_t>* v) {
  return v ? std::vector<int>(v->begin(), v->end()) : std::vector<int>{};
}

// Conv, depthwise and pool options share their leading fields.
template <class Options>
void read_window(const Options& w, TfOptions& o) {
  o.same_padding = w.padding() == tflite::Padding_SAME;
  o.stride_h = w.stride_h(), o.stride_w = w.stride_w();
  o.activation = w.fused_activation_function();
}

TfOptions options_from(const tflite::Operator& op) {
  TfOptions o;
  if (const auto* c = op.builtin_options_as_Conv2DOptions()) {
    read_window(*c, o);
    o.dilation_h = c->dilation_h_factor(), o.dilation_w = c->dilation_w_factor();
  } else if (const auto* d = op.builtin_options_as_DepthwiseConv2DOptions()) {
    read_window(*d, o);
    o.dilation_h = d->dilation_h_factor(), o.dilation_w = d->dilation_w_factor();
  } else if (const auto* p = op.builtin_options_as_Pool2DOptions()) {
    read_window(*p, o);
    o.filter_h = p->filter_height(), o.filter_w = p->filter_width();
  } else if (const auto* f = op.builtin_options_as_FullyConnectedOptions()) {
    o.activation = f->fused_activation_function();
  } else if (const auto* s = op.builtin_options_as_SoftmaxOptions()) {
    o.beta = s->beta();
  } else if (const auto* c = op.builtin_options_as_ConcatenationOptions()) {
    o.axis = c->axis();
    o.activation = c->fused_activation_function();
  } else if (const auto* a = op.builtin_options_as_AddOptions()) {
    o.activation = a->fused_activation_function();
  } else if (const auto* r = op.builtin_options_as_ResizeBilinearOptions()) {
    o.align_corners = r->align_corners();
    o.half_pixel_centers = r->half_pixel_centers();
  }
  return o;
}

// Reads tensor `index` of the subgraph, checking its shape and its constant data against each other.
std::string read_tensor(const tflite::Model& model, const tflite::Tensor* t, size_t index, TfTensor& out) {
  const std::string where = "tensor " + std::to_string(index);
  if (!t) return where + ": missing";
  out.name = t->name() ? t->name()->str() : "";
  out.shape = ints(t->shape());
  out.type = type_from_tflite(t->type());
  size_t elements = 1;
  for (int d : out.shape) {
    if (d < 0 || d > (1 << 24)) return where + ": dimension " + std::to_string(d) + " out of range";
    elements *= static_cast<size_t>(d);
    if (elements > (size_t{1} << 31)) return where + ": too many elements";
  }
  const auto* buffers = model.buffers();
  if (t->buffer() == 0) return {};  // buffer 0 is the conventional empty buffer
  if (!buffers || t->buffer() >= buffers->size()) return where + ": buffer index " + std::to_string(t->buffer()) + " out of range";
  const tflite::Buffer* buffer = buffers->Get(t->buffer());
  if (!buffer) return where + ": buffer missing";
  if (buffer->offset() != 0 || buffer->size() != 0) return where + ": data stored outside the flatbuffer is not supported";
  if (!buffer->data() || buffer->data()->size() == 0) return {};
  if (out.type == TfType::other) return where + " (" + out.name + "): constant of an unsupported type " + std::to_string(t->type());
  if (buffer->data()->size() != elements * type_bytes(out.type)) {
    return where + " (" + out.name + "): " + std::to_string(buffer->data()->size()) + " data bytes for " +
           std::to_string(elements) + " elements";
  }
  out.data.assign(buffer->data()->begin(), buffer->data()->end());
  return {};
}

std::string check_ids(const std::vector<int>& ids, size_t tensor_count, bool optional_allowed, const std::string& where) {
  for (int id : ids) {
    if (id == -1 && optional_allowed) continue;
    if (id < 0 || static_cast<size_t>(id) >= tensor_count) return where + ": tensor id " + std::to_string(id) + " out of range";
  }
  return {};
}

std::string read_graph(const tflite::Model& model, TfGraph& graph) {
  if (!model.subgraphs() || model.subgraphs()->size() == 0) return "the model has no subgraph";
  const tflite::SubGraph* sub = model.subgraphs()->Get(0);
  if (!sub || !sub->tensors() || !sub->operators()) return "subgraph 0 has no tensors or operators";
  const size_t tensor_count = sub->tensors()->size();
  graph.tensors.resize(tensor_count);
  for (size_t i = 0; i < tensor_count; ++i) {
    if (std::string e = read_tensor(model, sub->tensors()->Get(i), i, graph.tensors[i]); !e.empty()) return e;
  }
  graph.inputs = ints(sub->inputs());
  graph.outputs = ints(sub->outputs());
  if (std::string e = check_ids(graph.inputs, tensor_count, false, "graph inputs"); !e.empty()) return e;
  if (std::string e = check_ids(graph.outputs, tensor_count, false, "graph outputs"); !e.empty()) return e;

  const auto* codes = model.operator_codes();
  for (size_t i = 0; i < sub->operators()->size(); ++i) {
    const tflite::Operator* op = sub->operators()->Get(i);
    const std::string where = "operator " + std::to_string(i);
    if (!op) return where + ": missing";
    if (!codes || op->opcode_index() >= codes->size() || !codes->Get(op->opcode_index())) {
      return where + ": operator code index " + std::to_string(op->opcode_index()) + " out of range";
    }
    const tflite::OperatorCode* code = codes->Get(op->opcode_index());
    TfOperator out;
    // Files older than schema 3a only fill the byte field; newer ones fill both.
    out.code = std::max<int>(code->deprecated_builtin_code(), code->builtin_code());
    const char* name = tflite::EnumNameBuiltinOperator(static_cast<tflite::BuiltinOperator>(out.code));
    out.code_name = (name && *name) ? name : "builtin " + std::to_string(out.code);
    if (code->custom_code()) out.code = -1, out.code_name = "custom " + code->custom_code()->str();
    out.inputs = ints(op->inputs());
    out.outputs = ints(op->outputs());
    if (std::string e = check_ids(out.inputs, tensor_count, true, where + " (" + out.code_name + ") inputs"); !e.empty()) return e;
    if (std::string e = check_ids(out.outputs, tensor_count, false, where + " (" + out.code_name + ") outputs"); !e.empty()) return e;
    out.options = options_from(*op);
    graph.operators.push_back(std::move(out));
  }
  return {};
}

}  // namespace

TfReadResult tflite_read(const std::vector<uint8_t>& file_bytes) {
  TfReadResult result;
  flatbuffers::Verifier verifier(file_bytes.data(), file_bytes.size());
  if (file_bytes.size() < 8 || !tflite::ModelBufferHasIdentifier(file_bytes.data())) {
    result.error = "not a TensorFlow Lite model (no \"TFL3\" identifier)";
  } else if (!tflite::VerifyModelBuffer(verifier)) {
    result.error = "the TensorFlow Lite flatbuffer is truncated or corrupt (verification failed)";
  } else {
    result.error = read_graph(*tflite::GetModel(file_bytes.data()), result.graph);
  }
  if (!result.error.empty()) result.graph = {};
  return result;
}

}  // namespace tflite2emo
