// The emolens inference engine: runs a loaded Model, NHWC float32, on our own kernels.
//
// Basic usage:
//   std::unique_ptr<emolens::nn::Engine> engine;
//   emolens::Status s = emolens::nn::Engine::create(model, emolens::nn::EngineOptions{}, engine);
//   std::copy(pixels, pixels + n, engine->input());  // fill the input tensor
//   engine->run();                                   // allocates nothing
//   const float* scores = engine->output(0);
//
// Lifecycle as in XNNPACK: create (infer shapes, pack weights, plan the arena, build per-op
// steps with their pointers bound) once, then run() any number of times.
#pragma once
#include <memory>
#include <vector>

#include "core/status.h"
#include "core/thread_pool.h"
#include "nn/model.h"

namespace emolens::nn {

enum class Kernels {
  simd,       // wasm SIMD128 kernels (SIMDe natively), threaded: the production path
  reference,  // plain scalar reference ops, one thread: the definition tests compare against
};

struct EngineOptions {
  int threads = 1;              // pool size including the caller; 1 in builds without EMOLENS_THREADS
  Kernels kernels = Kernels::simd;
};

class Step;  // one op bound to its buffers (nn/step.h)

class Engine {
 public:
  static Status create(const Model& model, const EngineOptions& options, std::unique_ptr<Engine>& out);
  ~Engine();

  float* input();                                   // write the input here before run(); overwritten by run()
  const Shape& input_shape() const;                 // NHWC of the graph input
  size_t output_count() const;                      // number of graph outputs
  const float* output(size_t index) const;          // valid after run(), until the input is written again
  const Shape& output_shape(size_t index) const;
  void run();                                       // one inference; allocates nothing
  void run_op(size_t index);                        // model().ops[index] alone, on what earlier ops left (profiling)
  const Model& model() const { return model_; }     // the graph this engine runs
  size_t arena_bytes() const;                       // activation memory after liveness reuse
  int threads() const { return pool_.size(); }      // threads that share each op

 private:
  Engine(const Model& model, int threads);

  Model model_;
  ThreadPool pool_;
  std::vector<float> arena_storage_;
  float* arena_ = nullptr;             // 64-byte aligned start inside arena_storage_
  std::vector<size_t> offsets_;        // per tensor, in floats
  std::vector<float> zeros_;           // what convolution taps in the padding read
  std::vector<std::unique_ptr<Step>> steps_;
};

}  // namespace emolens::nn
