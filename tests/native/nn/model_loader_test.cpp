// The loader rejects every violation of models/README.md with an error naming the problem.
#include <catch2/catch.hpp>

#include "model_builder.h"

using namespace emolens;
using nlohmann::json;

namespace {

// input [1,8,8,3] -> conv 3x3 (f16 weights) -> relu6 -> reshape -> softmax
test::ModelBuilder valid_model() {
  test::ModelBuilder b({1, 8, 8, 3});
  b.op({{"type", "conv2d"}, {"inputs", {"input", b.weight("conv.w", {4, 3, 3, 3}, "f16"), b.weight("conv.b", {4})}},
        {"outputs", {"x1"}}, {"stride", {2, 2}}, {"pad", {1, 1, 1, 1}}, {"activation", "relu"}});
  b.op({{"type", "relu6"}, {"inputs", {"x1"}}, {"outputs", {"x2"}}});
  b.op({{"type", "reshape"}, {"inputs", {"x2"}}, {"outputs", {"x3"}}, {"shape", {1, -1}}});
  b.op({{"type", "softmax"}, {"inputs", {"x3"}}, {"outputs", {"probs"}}});
  b.outputs({"probs"});
  return b;
}

std::string load_error(const test::ModelBuilder& b) {
  nn::Model model;
  const Status s = b.load(model);
  return s.ok() ? "" : s.message();
}

}  // namespace

TEST_CASE("loader reads a valid model and infers shapes") {
  nn::Model model;
  const Status s = valid_model().load(model);
  INFO(s.message());
  REQUIRE(s.ok());
  CHECK(model.ops.size() == 4);
  CHECK(model.tensors[size_t(model.ops[0].output)].shape == nn::Shape{1, 4, 4, 4});
  CHECK(model.tensors[size_t(model.outputs[0])].shape == nn::Shape{1, 64});
  CHECK(model.weights[0].data.size() == 108);
}

TEST_CASE("loader rejects corrupt models with a message naming the problem") {
  struct Case {
    const char* what;
    std::function<void(test::ModelBuilder&)> corrupt;
    const char* message_contains;
  };
  const std::vector<Case> cases = {
      {"truncated bin", [](test::ModelBuilder& b) { b.bin.resize(b.bin.size() - 3); }, "outside the .bin file"},
      {"offset not aligned", [](test::ModelBuilder& b) { b.manifest["weights"][1]["offset"] = 228; }, "not a multiple of 16"},
      {"offset past the end", [](test::ModelBuilder& b) { b.manifest["weights"][1]["offset"] = 1 << 20; }, "outside the .bin file"},
      {"negative offset", [](test::ModelBuilder& b) { b.manifest["weights"][1]["offset"] = -16; }, "offset: out of range"},
      {"size mismatch", [](test::ModelBuilder& b) { b.manifest["weights"][0]["size"] = 200; }, "!= product(shape)"},
      {"unknown dtype", [](test::ModelBuilder& b) { b.manifest["weights"][0]["dtype"] = "bf16"; }, "unknown dtype \"bf16\""},
      {"unknown op", [](test::ModelBuilder& b) { b.manifest["ops"][1]["type"] = "gelu"; }, "unsupported op type \"gelu\""},
      {"wrong version", [](test::ModelBuilder& b) { b.manifest["version"] = 2; }, "version: 2 is not supported"},
      {"wrong format", [](test::ModelBuilder& b) { b.manifest["format"] = "onnx"; }, "manifest.format"},
      {"forward reference", [](test::ModelBuilder& b) { b.manifest["ops"][1]["inputs"][0] = "x3"; }, "'x3' is not the input, a weight or an earlier op's output"},
      {"cycle", [](test::ModelBuilder& b) { b.manifest["ops"][1]["inputs"][0] = "x2"; }, "'x2' is not the input"},
      {"output produced twice", [](test::ModelBuilder& b) { b.manifest["ops"][2]["outputs"][0] = "x1"; }, "'x1' is defined twice"},
      {"weight shape mismatch", [](test::ModelBuilder& b) { b.manifest["input"]["shape"] = {1, 8, 8, 2}; }, "expected [4,3,3,2]"},
      {"bias shape mismatch", [](test::ModelBuilder& b) { b.manifest["ops"][0]["inputs"][2] = "conv.w"; }, "bias 'conv.w' has shape"},
      {"activation used as weight", [](test::ModelBuilder& b) { b.manifest["ops"][0]["inputs"][1] = "input"; }, "must be a weight"},
      {"weight used as activation", [](test::ModelBuilder& b) { b.manifest["ops"][1]["inputs"][0] = "conv.b"; }, "must be an activation"},
      {"missing output", [](test::ModelBuilder& b) { b.outputs({"nope"}); }, "manifest.outputs[0]: 'nope'"},
      {"reshape changes count", [](test::ModelBuilder& b) { b.manifest["ops"][2]["shape"] = {1, 65}; }, "element count changes"},
      {"kernel larger than input", [](test::ModelBuilder& b) { b.manifest["input"]["shape"] = {1, 1, 1, 3}; b.manifest["ops"][0]["pad"] = {0, 0, 0, 0}; }, "larger than the padded input"},
      {"stride of zero", [](test::ModelBuilder& b) { b.manifest["ops"][0]["stride"] = {0, 1}; }, "stride: entry out of range"},
      {"string where a number belongs", [](test::ModelBuilder& b) { b.manifest["weights"][0]["size"] = "216"; }, "size: must be an integer"},
      {"unknown activation", [](test::ModelBuilder& b) { b.manifest["ops"][0]["activation"] = "gelu"; }, "unknown activation"},
      {"prelu without alpha", [](test::ModelBuilder& b) { b.manifest["ops"][0]["activation"] = "prelu"; }, "alpha: missing"},
  };
  for (const Case& c : cases) {
    test::ModelBuilder b = valid_model();
    c.corrupt(b);
    const std::string error = load_error(b);
    INFO(c.what << ": got \"" << error << "\"");
    CHECK(error.find(c.message_contains) != std::string::npos);
  }
}

namespace {

// valid_model() with its conv kernel ([4,3,3,3]) stored as i8: value (k - 3) for element k % 7,
// scaled per output channel by 0.5, 1, 2 and 0.
test::ModelBuilder int8_kernel_model() {
  test::ModelBuilder b = valid_model();
  const size_t offset = (b.bin.size() + 15) / 16 * 16;
  b.bin.resize(offset + 108, 0);
  for (size_t k = 0; k < 108; ++k) b.bin[offset + k] = uint8_t(int8_t(int(k % 7) - 3));
  b.manifest["weights"][0]["dtype"] = "i8";
  b.manifest["weights"][0]["offset"] = offset;
  b.manifest["weights"][0]["size"] = 108;
  b.manifest["weights"][0]["quant"] = {{"axis", 0}, {"scales", {0.5, 1.0, 2.0, 0.0}}};
  return b;
}

}  // namespace

TEST_CASE("loader dequantises i8 weights with one scale per output channel") {
  nn::Model model;
  const Status s = int8_kernel_model().load(model);
  INFO(s.message());
  REQUIRE(s.ok());
  const std::vector<float>& w = model.weights[0].data;
  REQUIRE(w.size() == 108);
  const float scales[4] = {0.5f, 1.0f, 2.0f, 0.0f};
  for (size_t k = 0; k < 108; ++k) CHECK(w[k] == float(int(k % 7) - 3) * scales[k / 27]);
}

TEST_CASE("loader rejects i8 weights without usable scales") {
  const std::vector<std::pair<std::function<void(test::ModelBuilder&)>, const char*>> cases = {
      {[](test::ModelBuilder& b) { b.manifest["weights"][0].erase("quant"); }, "quant: missing"},
      {[](test::ModelBuilder& b) { b.manifest["weights"][0]["quant"]["scales"] = {1.0, 2.0}; }, "must be an array of 4 numbers"},
      {[](test::ModelBuilder& b) { b.manifest["weights"][0]["quant"]["scales"][1] = -1.0; }, "finite numbers >= 0"},
      {[](test::ModelBuilder& b) { b.manifest["weights"][0]["quant"]["axis"] = 4; }, "axis: out of range"},
      {[](test::ModelBuilder& b) { b.manifest["weights"][0]["size"] = 216; }, "!= product(shape) * 1"},
  };
  for (const auto& [corrupt, message] : cases) {
    test::ModelBuilder b = int8_kernel_model();
    corrupt(b);
    const std::string error = load_error(b);
    INFO("expected \"" << message << "\", got \"" << error << "\"");
    CHECK(error.find(message) != std::string::npos);
  }
}

TEST_CASE("loader rejects text that is not JSON and missing files") {
  nn::Model model;
  const uint8_t none = 0;
  CHECK(nn::model_load("{\"format\": ", &none, 0, model).message() == "manifest: not valid JSON");
  CHECK(nn::model_load("[1, 2]", &none, 0, model).message() == "manifest: must be a JSON object");
  CHECK(nn::model_load_files("/nonexistent/model.json", model).message().find("cannot open") != std::string::npos);
  CHECK(!nn::model_load_files("/nonexistent/model.bin", model).ok());
}
