// The activation arena: one offset per tensor, buffers reused once their last reader has run.
#pragma once
#include <vector>

#include "nn/model.h"

namespace emolens::nn {

struct MemoryPlan {
  std::vector<size_t> offsets;  // per tensor, in floats from the arena start (64-byte aligned)
  size_t arena_floats = 0;      // arena size the plan needs
};

// Greedy by size over liveness intervals (as TFLite's arena planner). A reshape output aliases
// its input, so reshape costs nothing; graph outputs stay live to the end.
MemoryPlan plan_memory(const Model& model);

}  // namespace emolens::nn
