// One op bound to its input/output buffers, ready to run: the unit the engine executes.
#pragma once
#include <memory>
#include <vector>

#include "core/thread_pool.h"
#include "nn/model.h"

namespace emolens::nn {

class Step {
 public:
  virtual ~Step() = default;
  virtual void run(ThreadPool& pool) = 0;  // computes the op's output; allocates nothing
};

struct StepBinding {
  const Model& model;
  const Op& op;
  std::vector<const float*> inputs;  // the op's activation inputs, in order
  float* output;
  const float* zeros;                // at least as many zeros as any op's input channels
};

std::unique_ptr<Step> make_reference_step(const StepBinding& binding);  // scalar reference, single thread
std::unique_ptr<Step> make_simd_step(const StepBinding& binding);       // SIMD128 kernels, threaded
std::unique_ptr<Step> make_igemm_step(const StepBinding& binding);      // conv2d and fully_connected

// The fused activation split into the clamp kernels apply and what runs after them.
struct FusedActivation {
  float min, max;             // clamp bounds (relu: [0, inf), relu6: [0, 6])
  Activation post;            // none, sigmoid or prelu: applied to the clamped result
  const float* alpha;         // prelu slope per channel, else null
};
FusedActivation fused_activation(const Model& model, const Op& op);
void apply_post_activation(const FusedActivation& act, float* y, size_t rows, size_t row_stride,
                           size_t channel0, size_t channels);  // sigmoid/prelu on a block of rows

}  // namespace emolens::nn
