#include "nn/engine.h"

#include <algorithm>
#include <cstdint>

#include "nn/memory_plan.h"
#include "nn/step.h"

namespace emolens::nn {

Engine::Engine(const Model& model, int threads) : model_(model), pool_(threads) {}
Engine::~Engine() = default;

Status Engine::create(const Model& model, const EngineOptions& options, std::unique_ptr<Engine>& out) {
  if (model.tensors.empty()) return Status::error("engine: the model has no input (was it loaded?)");
#ifdef EMOLENS_THREADS
  const int threads = options.kernels == Kernels::reference ? 1 : options.threads;
#else
  const int threads = 1;
#endif
  std::unique_ptr<Engine> engine(new Engine(model, threads));
  Engine& e = *engine;
  const MemoryPlan plan = plan_memory(e.model_);
  constexpr size_t kAlign = 16;  // floats: 64 bytes
  e.arena_storage_.assign(plan.arena_floats + kAlign, 0.0f);
  const uintptr_t base = reinterpret_cast<uintptr_t>(e.arena_storage_.data());
  e.arena_ = e.arena_storage_.data() + ((64 - base % 64) % 64) / sizeof(float);
  e.offsets_ = plan.offsets;

  size_t widest = 0;
  for (const Tensor& t : e.model_.tensors) widest = std::max(widest, size_t(t.shape.back()));
  e.zeros_.assign(widest, 0.0f);

  for (const Op& op : e.model_.ops) {
    StepBinding binding{e.model_, op, {}, e.arena_ + e.offsets_[size_t(op.output)], e.zeros_.data()};
    for (int t : op.inputs) binding.inputs.push_back(e.arena_ + e.offsets_[size_t(t)]);
    e.steps_.push_back(options.kernels == Kernels::reference ? make_reference_step(binding) : make_simd_step(binding));
  }
  out = std::move(engine);
  return Status();
}

float* Engine::input() { return arena_ + offsets_[0]; }
const Shape& Engine::input_shape() const { return model_.tensors[0].shape; }
size_t Engine::output_count() const { return model_.outputs.size(); }
const float* Engine::output(size_t index) const { return arena_ + offsets_[size_t(model_.outputs[index])]; }
const Shape& Engine::output_shape(size_t index) const { return model_.tensors[size_t(model_.outputs[index])].shape; }
size_t Engine::arena_bytes() const { return (arena_storage_.size() - 16) * sizeof(float); }

void Engine::run() {
  for (const std::unique_ptr<Step>& step : steps_) step->run(pool_);
}

void Engine::run_op(size_t index) { steps_[index]->run(pool_); }

}  // namespace emolens::nn
