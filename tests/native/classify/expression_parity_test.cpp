// The exported expression model, run by our engine, matches PyTorch on 200 validation images
// (tests/fixtures/expression_parity.*, written by training/export.py): max |logit| difference
// <= 1e-3 and the same argmax. Runs without PyTorch and without the datasets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "classify/expression_classifier.h"

namespace {

const std::string kFixtures = std::string(EMOLENS_SOURCE_DIR) + "/tests/fixtures/";
const std::string kModel = std::string(EMOLENS_SOURCE_DIR) + "/models/expression.json";

std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("expression model matches PyTorch on the parity fixture", "[classify][slow]") {
  std::ifstream manifest(kFixtures + "expression_parity.json");
  REQUIRE(manifest.good());  // written by training/export.py together with models/expression.*
  const nlohmann::json fixture = nlohmann::json::parse(manifest);
  const std::vector<uint8_t> pixels = read_bytes(kFixtures + "expression_parity.bin");
  const int side = fixture["inputs"]["shape"][0];
  const size_t count = fixture["images"].size();
  REQUIRE(pixels.size() == count * side * side);

  emolens::nn::Model model;
  const emolens::Status loaded = emolens::nn::model_load_files(kModel, model);
  INFO(loaded.message());
  REQUIRE(loaded.ok());

  for (int threads : {1, 2}) {
    std::unique_ptr<emolens::ExpressionClassifier> classifier;
    const emolens::Status created = emolens::ExpressionClassifier::create(model, threads, classifier);
    INFO(created.message());
    REQUIRE(created.ok());
    REQUIRE(classifier->input_size() == side);

    float worst = 0.0f;
    for (size_t i = 0; i < count; ++i) {
      const auto view = emolens::image_view(pixels.data() + i * side * side, side, side, emolens::PixelFormat::grey);
      emolens::EmotionScores probabilities{}, logits{};
      REQUIRE(classifier->classify(view, probabilities, &logits).ok());
      const std::vector<float> expected = fixture["images"][i]["logits"];
      for (int k = 0; k < emolens::kEmotionCount; ++k) worst = std::max(worst, std::fabs(logits[k] - expected[k]));
      INFO("image " << i << " " << fixture["images"][i]["path"].get<std::string>());
      CHECK(std::max_element(logits.begin(), logits.end()) - logits.begin() ==
            std::max_element(expected.begin(), expected.end()) - expected.begin());
    }
    INFO("threads " << threads << ": max |logit difference| " << worst);
    CHECK(worst <= 1e-3f);
    WARN("expression parity, " << threads << " thread(s): max |logit difference| " << worst << " over " << count
                               << " images");
  }
}
