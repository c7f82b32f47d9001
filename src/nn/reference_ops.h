// The plain scalar implementation of every op: the definition the optimised kernels and the
// XNNPACK backend are tested against. Written for clarity, not speed.
#pragma once
#include "nn/model.h"

namespace emolens::nn {

// Runs model.ops[index] reading inputs[k] (the op's k-th activation input) and writing output.
void reference_op(const Model& model, const Op& op, const float* const* inputs, float* output);

// The fused activation in place over `pixels` rows of `channels` values (alpha: per channel, for prelu).
void reference_activation(Activation activation, const float* alpha, float* y, size_t pixels, size_t channels);

}  // namespace emolens::nn
