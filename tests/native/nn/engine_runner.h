// Runs a model once on seeded input and returns copies of its outputs, canary-filled beforehand
// so anything a kernel forgets to write shows up in the comparison.
#pragma once
#include <algorithm>
#include <vector>

#include "nn/engine.h"
#include "tensor_check.h"

namespace emolens::test {

using Outputs = std::vector<std::vector<float>>;

template <typename Backend>
Outputs run_once(Backend& backend, const nn::Model& model, unsigned seed) {
  for (size_t k = 0; k < model.outputs.size(); ++k) {
    // Outputs are const to users; tests write the canary on purpose.
    float* out = const_cast<float*>(backend.output(k));
    std::fill(out, out + nn::shape_elements(model.tensors[size_t(model.outputs[k])].shape), kCanary);
  }
  fill_uniform(backend.input(), nn::shape_elements(model.tensors[0].shape), seed);
  backend.run();
  Outputs outputs;
  for (size_t k = 0; k < model.outputs.size(); ++k) {
    const float* out = backend.output(k);
    outputs.emplace_back(out, out + nn::shape_elements(model.tensors[size_t(model.outputs[k])].shape));
  }
  return outputs;
}

inline Outputs run_engine(const nn::Model& model, nn::Kernels kernels, int threads, unsigned seed = 42) {
  std::unique_ptr<nn::Engine> engine;
  const Status s = nn::Engine::create(model, nn::EngineOptions{threads, kernels}, engine);
  if (!s.ok()) return {};
  return run_once(*engine, model, seed);
}

}  // namespace emolens::test
