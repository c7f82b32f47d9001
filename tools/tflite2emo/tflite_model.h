// Reads a TensorFlow Lite flatbuffer into a plain, checked graph. Every index and size in the
// file is checked here, so the converter never sees a tensor id, buffer or shape that is out of
// range: a truncated or corrupt file comes back as an error message, never as a crash.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace tflite2emo {

enum class TfType { f32, f16, i32, other };

struct TfTensor {
  std::string name;
  std::vector<int> shape;
  TfType type = TfType::other;
  std::vector<uint8_t> data;  // constant contents (little-endian), empty for activations
};

// The options of every builtin we convert, flattened: fields an op has no use for keep defaults.
struct TfOptions {
  bool same_padding = false;     // TFLite "SAME" (else "VALID")
  int stride_h = 1, stride_w = 1;
  int filter_h = 0, filter_w = 0;
  int dilation_h = 1, dilation_w = 1;
  int activation = 0;            // tflite::ActivationFunctionType
  int axis = 0;
  float beta = 1.0f;
  bool align_corners = false;
  bool half_pixel_centers = false;
};

struct TfOperator {
  int code = -1;                 // tflite::BuiltinOperator, -1 for a custom op
  std::string code_name;         // for messages
  std::vector<int> inputs;       // tensor ids; -1 marks an omitted optional input
  std::vector<int> outputs;
  TfOptions options;
};

struct TfGraph {
  std::vector<TfTensor> tensors;
  std::vector<TfOperator> operators;
  std::vector<int> inputs;
  std::vector<int> outputs;
};

struct TfReadResult {
  TfGraph graph;
  std::string error;             // empty on success
};

TfReadResult tflite_read(const std::vector<uint8_t>& file_bytes);  // verify, then copy the first subgraph out

}  // namespace tflite2emo
