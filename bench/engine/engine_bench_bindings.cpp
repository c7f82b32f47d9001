// The engine's timing binding (embind) of the bench-only wasm module engine_bench_st/mt.mjs: load a
// model from manifest text + weight bytes and time runs, for wasm_bench.mjs. Errors come back as
// values, never as exceptions.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

#include "nn/engine.h"

using emscripten::val;

namespace {

// {ok, error, medianMs, threads}: median of `runs` inferences on a fixed input after 3 warm-ups.
val engine_benchmark_js(const std::string& manifest, const val& weights, int runs, int threads) {
  val out = val::object();
  std::vector<uint8_t> bytes(weights["length"].as<size_t>());
  val(emscripten::typed_memory_view(bytes.size(), bytes.data())).call<void>("set", weights);
  emolens::nn::Model model;
  emolens::Status s = emolens::nn::model_load(manifest, bytes.data(), bytes.size(), model);
  std::unique_ptr<emolens::nn::Engine> engine;
  if (s.ok()) s = emolens::nn::Engine::create(model, {threads, emolens::nn::Kernels::simd}, engine);
  out.set("ok", s.ok());
  out.set("error", s.message());
  if (!s.ok()) return out;
  const size_t n = emolens::nn::shape_elements(engine->input_shape());
  std::vector<double> ms;
  for (int i = 0; i < std::max(1, runs) + 3; ++i) {
    std::fill(engine->input(), engine->input() + n, 0.5f);
    const auto start = std::chrono::steady_clock::now();
    engine->run();
    if (i >= 3) ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::nth_element(ms.begin(), ms.begin() + ms.size() / 2, ms.end());
  out.set("medianMs", ms[ms.size() / 2]);
  out.set("threads", engine->threads());
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(emolens_engine) {
  emscripten::function("engineBenchmark", &engine_benchmark_js);
}
