// tflite2emo on the real BlazeFace models: the graphs it writes follow models/README.md.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "tools/tflite2emo_run.h"

using nlohmann::json;
using namespace tflite2emo_test;

namespace {

json read_json(const std::string& path) {
  std::ifstream file(path);
  REQUIRE(file);
  return json::parse(file);
}

// The op types listed in the spec's table: rows starting with "| `type`".
std::set<std::string> spec_op_types() {
  std::ifstream readme(std::string(EMOLENS_SOURCE_DIR) + "/models/README.md");
  REQUIRE(readme);
  std::set<std::string> types;
  const std::regex row(R"(^\| (`[a-z0-9_]+`(, `[a-z0-9_]+`)*) \|)"), name("`([a-z0-9_]+)`");
  for (std::string line; std::getline(readme, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, row)) continue;
    const std::string cell = m[1];
    for (auto it = std::sregex_iterator(cell.begin(), cell.end(), name); it != std::sregex_iterator(); ++it) types.insert((*it)[1]);
  }
  return types;
}

// Shapes of the tensors the heads end in: a reshape states its shape, a concat sums its inputs.
std::vector<int> head_shape(const json& ops, const std::string& tensor) {
  std::map<std::string, std::vector<int>> shapes;
  for (const json& op : ops) {
    const std::string out = op["outputs"][0];
    if (op["type"] == "reshape") shapes[out] = op["shape"].get<std::vector<int>>();
    if (op["type"] == "concat") {
      std::vector<int> shape = shapes.at(op["inputs"][0]);
      const size_t axis = op["axis"].get<int>() < 0 ? shape.size() + op["axis"].get<int>() : op["axis"].get<int>();
      for (size_t k = 1; k < op["inputs"].size(); ++k) shape[axis] += shapes.at(op["inputs"][k])[axis];
      shapes[out] = shape;
    }
  }
  return shapes.count(tensor) ? shapes[tensor] : std::vector<int>{};
}

struct Expected {
  const char* variant;
  int side, anchors;
  std::map<std::string, int> op_counts;
};

}  // namespace

TEST_CASE("tflite2emo converts both BlazeFace models into graphs the spec allows") {
  const std::vector<Expected> models = {
      {"short_range", 128, 896,
       {{"add", 16}, {"concat", 2}, {"conv2d", 21}, {"depthwise_conv2d", 16}, {"max_pool2d", 3}, {"pad_channels", 11}, {"reshape", 4}}},
      {"full_range", 192, 2304,
       {{"add", 23}, {"conv2d", 49}, {"depthwise_conv2d", 40}, {"max_pool2d", 4}, {"pad_channels", 8}, {"reshape", 2}, {"resize_bilinear", 3}}},
  };
  const std::set<std::string> spec_types = spec_op_types();
  REQUIRE(spec_types.count("conv2d"));
  REQUIRE(spec_types.count("softmax"));
  const std::string dir = scratch_dir("tflite2emo_real");
  for (const Expected& expected : models) {
    const std::string name = std::string("face_detection_") + expected.variant;
    INFO(name);
    const ToolRun run = run_tflite2emo(blazeface_tflite(expected.variant), dir, name);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    const json model = read_json(dir + "/" + name + ".json");
    const auto bin_size = std::filesystem::file_size(dir + "/" + name + ".bin");

    CHECK(model["format"] == "emolens-model");
    CHECK(model["version"] == 1);
    CHECK(model["input"]["shape"] == json({1, expected.side, expected.side, 3}));
    CHECK(model["input"]["colour"] == "rgb");
    CHECK(model["input"]["scale"].get<double>() * 255 + model["input"]["offset"].get<double>() == Approx(1.0));
    CHECK(model["outputs"] == json({"regressors", "classificators"}));
    CHECK(model["provenance"]["license"] == "Apache-2.0");

    std::set<std::string> weights;
    for (const json& w : model["weights"]) {
      size_t elements = 1;
      for (int d : w["shape"]) elements *= d;
      const size_t offset = w["offset"], size = w["size"];
      CHECK(size == elements * (w["dtype"] == "f16" ? 2 : 4));
      CHECK(offset % 16 == 0);
      CHECK(offset + size <= bin_size);
      CHECK(weights.insert(w["name"]).second);
    }

    std::map<std::string, int> op_counts;
    std::set<std::string> available = {model["input"]["name"]};
    for (const json& op : model["ops"]) {
      INFO(op.dump());
      CHECK(spec_types.count(op["type"]) == 1);
      ++op_counts[op["type"]];
      for (const std::string input : op["inputs"]) CHECK((available.count(input) + weights.count(input)) == 1);
      if (op.contains("alpha")) CHECK(weights.count(op["alpha"]) == 1);
      CHECK(available.insert(op["outputs"][0]).second);
    }
    CHECK(op_counts == expected.op_counts);
    CHECK(head_shape(model["ops"], "regressors") == std::vector<int>{1, expected.anchors, 16});
    CHECK(head_shape(model["ops"], "classificators") == std::vector<int>{1, expected.anchors, 1});
  }
}

TEST_CASE("tflite2emo turns SAME padding of stride-2 layers into explicit bottom/right-heavy pads") {
  const std::string dir = scratch_dir("tflite2emo_padding");
  REQUIRE(run_tflite2emo(blazeface_tflite("short_range"), dir, "short").exit_code == 0);
  const json ops = read_json(dir + "/short.json")["ops"];
  // 5x5 stride 2 on 128x128 -> 64x64 needs 3 rows: 1 on top, 2 below.
  CHECK(ops[0]["type"] == "conv2d");
  CHECK(ops[0]["pad"] == json({1, 1, 2, 2}));
  CHECK(ops[0]["activation"] == "relu");
  for (const json& op : ops) {
    if (op["type"] == "depthwise_conv2d" && op["stride"] == json({2, 2})) CHECK(op["pad"] == json({0, 0, 1, 1}));
    if (op["type"] == "max_pool2d") CHECK(op["pad"] == json({0, 0, 0, 0}));
  }
}
