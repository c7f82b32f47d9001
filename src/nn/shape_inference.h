// Static shapes: infer every activation shape of a parsed model and check op weights against them.
#pragma once
#include "core/status.h"
#include "nn/model.h"

namespace emolens::nn {

constexpr size_t kMaxTensorElements = size_t{1} << 28;  // 1 GiB of fp32: larger means a corrupt manifest

// Fills tensors[op.output].shape for every op in order; tensors[0] (the input) must already be set.
Status infer_shapes(Model& model);

}  // namespace emolens::nn
