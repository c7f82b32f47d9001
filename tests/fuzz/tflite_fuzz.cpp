// Fuzzes tools/tflite2emo's reader and converter (the library the build's model conversion uses):
// any bytes must come back as a graph or an error message, and a graph as an emolens model or an
// error message, never a crash. The converter takes files from npm, so this is its hostile input.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "tflite_model.h"
#include "tflite_to_emo.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<uint8_t> bytes(data, data + size);
  const tflite2emo::TfReadResult read = tflite2emo::tflite_read(bytes);
  if (!read.error.empty()) return 0;
  // Two outputs get BlazeFace's names, as the build converts them (renaming has its own checks).
  std::vector<std::string> names;
  if (read.graph.outputs.size() == 2) names = {"regressors", "classificators"};
  const tflite2emo::ConvertResult converted = tflite2emo::tflite_to_emo(read.graph, names);
  if (!converted.error.empty()) return 0;
  for (const tflite2emo::EmoWeight& weight : converted.model.weights) {
    size_t count = weight.dtype == "f16" ? 2 : 4;
    for (int dim : weight.shape) count *= static_cast<size_t>(dim);
    if (weight.bytes.size() != count) std::abort();  // the writer relies on size == product(shape) * bytes(dtype)
  }
  return 0;
}
