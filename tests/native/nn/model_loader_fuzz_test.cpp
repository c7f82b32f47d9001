// Mutates a valid manifest and blob many times (fixed seed): the loader must never crash or read
// out of bounds (this binary also runs under ASan/UBSan), and whatever it accepts must run.
#include <catch2/catch.hpp>
#include <random>

#include "engine_runner.h"
#include "model_builder.h"

using namespace emolens;
using nlohmann::json;

namespace {

test::ModelBuilder fuzz_seed_model() {
  test::ModelBuilder b({1, 9, 9, 5});
  b.op({{"type", "depthwise_conv2d"}, {"inputs", {"input", b.weight("dw.w", {1, 3, 3, 5}, "f16"), b.weight("dw.b", {5})}},
        {"outputs", {"a"}}, {"stride", {2, 2}}, {"pad", {1, 1, 1, 1}}, {"activation", "relu6"}});
  b.op({{"type", "conv2d"}, {"inputs", {"a", b.weight("pw.w", {7, 1, 1, 5}), b.weight("pw.b", {7})}}, {"outputs", {"b"}},
        {"activation", "prelu"}, {"alpha", b.weight("slope", {7})}});
  b.op({{"type", "max_pool2d"}, {"inputs", {"b"}}, {"outputs", {"c"}}, {"kernel", {2, 2}}, {"stride", {2, 2}}});
  b.op({{"type", "pad_channels"}, {"inputs", {"c"}}, {"outputs", {"d"}}, {"after", 1}});
  b.op({{"type", "concat"}, {"inputs", {"d", "d"}}, {"outputs", {"e"}}, {"axis", 3}});
  b.op({{"type", "resize_bilinear"}, {"inputs", {"e"}}, {"outputs", {"f"}}, {"size", {3, 5}}, {"half_pixel_centers", true}});
  b.op({{"type", "reshape"}, {"inputs", {"f"}}, {"outputs", {"g"}}, {"shape", {1, -1}}});
  b.op({{"type", "fully_connected"}, {"inputs", {"g", b.weight("fc.w", {3, 240}), b.weight("fc.b", {3})}}, {"outputs", {"h"}}});
  b.op({{"type", "softmax"}, {"inputs", {"h"}}, {"outputs", {"p"}}});
  b.outputs({"p", "a"});
  return b;
}

// Replaces one random scalar somewhere in the document with a hostile value.
void mutate_json(json& j, std::mt19937& rng) {
  static const json kNasty[] = {-1, 0, 1, 2, 3, 15, 16, 17, 65535, 1 << 24, 2147483647, -2147483648LL,
                                9223372036854775807LL, 1e300, -0.5, "f16", "f32", "x", "input", "a", "conv2d",
                                "concat", nullptr, true, json::array(), json::object(), json::array({-1, 2})};
  json* node = &j;
  for (int depth = 0; depth < 6 && (node->is_object() || node->is_array()) && !node->empty(); ++depth) {
    auto it = node->begin();
    std::advance(it, std::uniform_int_distribution<size_t>(0, node->size() - 1)(rng));
    node = &*it;
  }
  *node = kNasty[std::uniform_int_distribution<size_t>(0, std::size(kNasty) - 1)(rng)];
}

}  // namespace

TEST_CASE("loader survives thousands of mutated models") {
  const test::ModelBuilder seed_model = fuzz_seed_model();
  {
    nn::Model model;
    INFO(seed_model.load(model).message());
    REQUIRE(seed_model.load(model).ok());
  }
  std::mt19937 rng(20240601);
  int accepted = 0;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    test::ModelBuilder b = seed_model;
    const int kind = iteration % 4;
    for (int m = 0; m < 1 + iteration % 3; ++m) mutate_json(b.manifest, rng);
    std::string text = b.manifest.dump();
    if (kind == 1) b.bin.resize(std::uniform_int_distribution<size_t>(0, b.bin.size())(rng));
    if (kind == 2) text[std::uniform_int_distribution<size_t>(0, text.size() - 1)(rng)] = char(rng());
    if (kind == 3) text.resize(std::uniform_int_distribution<size_t>(0, text.size())(rng));
    nn::Model model;
    const Status s = nn::model_load(text, b.bin.data(), b.bin.size(), model);
    if (!s.ok()) {
      CHECK(!s.message().empty());
      continue;
    }
    ++accepted;
    size_t elements = 0;
    for (const nn::Tensor& t : model.tensors) elements += nn::shape_elements(t.shape);
    if (elements > (1u << 22)) continue;  // accepted but too big to run in a unit test
    for (nn::Kernels kernels : {nn::Kernels::reference, nn::Kernels::simd})
      CHECK(test::run_engine(model, kernels, 2).size() == model.outputs.size());
  }
  CHECK(accepted > 0);  // some mutations are harmless (names, labels): those models must run
}
