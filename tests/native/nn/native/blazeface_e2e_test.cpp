// End to end on the converted BlazeFace models (tools/tflite2emo writes them into the build tree):
// our SIMD engine and XNNPACK against the scalar reference, with the largest error stated.
#include <catch2/catch.hpp>

#include "nn/engine_runner.h"
#include "nn/native/xnnpack_engine.h"

using namespace emolens;

namespace {

void check_model(const std::string& name) {
  const std::string path = std::string(EMOLENS_BUILD_DIR) + "/models/" + name + ".json";
  nn::Model model;
  const Status s = nn::model_load_files(path, model);
  INFO(path << ": " << s.message() << " (built by the blazeface_models target)");
  REQUIRE(s.ok());
  const test::Outputs reference = test::run_engine(model, nn::Kernels::reference, 1);
  const test::Outputs ours = test::run_engine(model, nn::Kernels::simd, 2);
  std::unique_ptr<nn::XnnpackEngine> xnn;
  REQUIRE(nn::XnnpackEngine::create(model, 1, xnn).ok());
  const test::Outputs theirs = test::run_once(*xnn, model, 42);
  REQUIRE(ours.size() == model.outputs.size());
  for (size_t k = 0; k < ours.size(); ++k) {
    const nn::Shape& shape = model.tensors[size_t(model.outputs[k])].shape;
    // Outputs are box offsets in input pixels (up to ~100) and logits; 30+ layers of float sums.
    const test::TensorDiff vs_ref = test::compare_tensors(shape, reference[k].data(), ours[k].data(), 1e-3f, 1e-4f);
    const test::TensorDiff vs_xnn = test::compare_tensors(shape, theirs[k].data(), ours[k].data(), 1e-3f, 1e-4f);
    const std::string& output = model.tensors[size_t(model.outputs[k])].name;
    INFO(name << " " << output << ": max abs error ours vs reference " << vs_ref.max_abs_error
              << ", ours vs XNNPACK " << vs_xnn.max_abs_error);
    CHECK(vs_ref.first_mismatch == "");
    CHECK(vs_xnn.first_mismatch == "");
    WARN(name << " " << output << ": max abs error ours vs reference " << vs_ref.max_abs_error << ", ours vs XNNPACK "
              << vs_xnn.max_abs_error);
  }
}

}  // namespace

TEST_CASE("BlazeFace short range: ours vs XNNPACK vs reference") { check_model("face_detection_short_range"); }
TEST_CASE("BlazeFace full range: ours vs XNNPACK vs reference") { check_model("face_detection_full_range"); }
