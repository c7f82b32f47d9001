// The expression classifier alone for JS (embind): aligned grey crops in, logits out. Used by
// `emolens eval --mode crops` and by the wasm parity test; thin, JSON out.
#include <emscripten/bind.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "analyzer/analyzer_json.h"
#include "classify/expression_classifier.h"

namespace {

class JsClassifier {
 public:
  std::string init(const std::string& json_text, const std::string& bin, int threads) {
    emolens::nn::Model model;
    emolens::Status status =
        emolens::nn::model_load(json_text, reinterpret_cast<const uint8_t*>(bin.data()), bin.size(), model);
    if (status.ok()) status = emolens::ExpressionClassifier::create(model, threads, classifier_);
    return status.ok() ? "{}" : emolens::status_json(emolens::Status::error("invalid_model", status.message())).dump();
  }

  int input_size() const { return classifier_->input_size(); }

  // crops: count * S * S grey bytes, one crop after another. {"logits": [[7 floats], ...]}.
  std::string classify(const std::string& crops) {
    const size_t side = static_cast<size_t>(classifier_->input_size());
    if (crops.size() % (side * side) != 0) {
      return emolens::status_json(emolens::Status::error(
          "invalid_argument", "crops must be whole " + std::to_string(side) + "x" + std::to_string(side) +
                                  " grey images")).dump();
    }
    nlohmann::json logits = nlohmann::json::array();
    for (size_t offset = 0; offset < crops.size(); offset += side * side) {
      const emolens::ImageView crop = emolens::image_view(reinterpret_cast<const uint8_t*>(crops.data()) + offset,
                                                          int(side), int(side), emolens::PixelFormat::grey);
      emolens::EmotionScores probabilities{}, raw{};
      const emolens::Status status = classifier_->classify(crop, probabilities, &raw);
      if (!status.ok()) return emolens::status_json(status).dump();
      logits.push_back(raw);
    }
    return nlohmann::json{{"logits", logits}}.dump();
  }

 private:
  std::unique_ptr<emolens::ExpressionClassifier> classifier_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(emolens_classifier) {
  emscripten::class_<JsClassifier>("NativeClassifier")
      .constructor<>()
      .function("init", &JsClassifier::init)
      .function("inputSize", &JsClassifier::input_size)
      .function("classify", &JsClassifier::classify);
}
