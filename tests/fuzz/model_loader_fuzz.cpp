// Fuzzes the model loader (nn::model_load: manifest JSON + weights blob, as the page and the CLI
// fetch them) and, for what it accepts, the engine built from it: the loader promises that every
// shape it accepts is consistent, so an accepted model must build and run on both kernel sets.
// Input layout: a 4-byte little-endian manifest length, the manifest text, then the .bin bytes.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "nn/engine.h"
#include "nn/model.h"

namespace {

using namespace emolens::nn;

// Multiply-adds of one inference, roughly: skips accepted-but-huge models so each input runs in
// milliseconds (a slow input is not a bug, and libFuzzer would report it as a timeout).
double inference_cost(const Model& model) {
  double cost = 0;
  for (const Op& op : model.ops) {
    double per_output = 1;
    if (op.weight >= 0) {
      const Shape& w = model.weights[op.weight].shape;
      const double elements = static_cast<double>(shape_elements(w));
      per_output = op.type == OpType::depthwise_conv2d ? elements / std::max(1, w.back()) : elements / std::max(1, w[0]);
    }
    per_output = std::max(per_output, static_cast<double>(op.kernel_h) * op.kernel_w);
    cost += per_output * static_cast<double>(shape_elements(model.tensors[op.output].shape));
  }
  return cost;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  uint32_t manifest_size;
  std::memcpy(&manifest_size, data, 4);
  manifest_size = static_cast<uint32_t>(std::min<size_t>(manifest_size, size - 4));
  const std::string manifest(reinterpret_cast<const char*>(data) + 4, manifest_size);
  const std::vector<uint8_t> bin(data + 4 + manifest_size, data + size);  // its own buffer: ASan sees its end

  Model model;
  const emolens::Status loaded = model_load(manifest, bin.data(), bin.size(), model);
  if (!loaded.ok()) {
    if (loaded.message().empty()) std::abort();  // every refusal names what is wrong
    return 0;
  }
  if (inference_cost(model) > 2e6) return 0;
  for (Kernels kernels : {Kernels::reference, Kernels::simd}) {
    std::unique_ptr<Engine> engine;
    EngineOptions options;
    options.kernels = kernels;
    if (!Engine::create(model, options, engine).ok()) continue;
    std::fill_n(engine->input(), shape_elements(engine->input_shape()), 0.5f);
    engine->run();
    if (engine->output_count() != model.outputs.size()) std::abort();
  }
  return 0;
}
