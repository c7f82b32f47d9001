// The reference path: each step calls the scalar op directly, one thread.
#include "nn/reference_ops.h"
#include "nn/step.h"

namespace emolens::nn {
namespace {

class ReferenceStep : public Step {
 public:
  explicit ReferenceStep(const StepBinding& b) : model_(b.model), op_(b.op), inputs_(b.inputs), output_(b.output) {}
  void run(ThreadPool&) override { reference_op(model_, op_, inputs_.data(), output_); }

 private:
  const Model& model_;
  const Op& op_;
  std::vector<const float*> inputs_;
  float* output_;
};

}  // namespace

std::unique_ptr<Step> make_reference_step(const StepBinding& binding) {
  return std::make_unique<ReferenceStep>(binding);
}

}  // namespace emolens::nn
