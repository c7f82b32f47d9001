// The expression classifier alone for JS (embind): aligned grey crops, or face-crop image files, in;
// logits and probabilities out. Used by `emolens eval --mode crops` and by the wasm parity test;
// thin, JSON out.
#include <emscripten/bind.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "emolens_classify.h"
#include "js_error.h"

namespace {

using emolens::Status;
using emolens::js::error_json;

class JsClassifier {
 public:
  std::string init(const std::string& json_text, const std::string& bin, int threads) {
    emolens::nn::Model model;
    Status status =
        emolens::nn::model_load(json_text, reinterpret_cast<const uint8_t*>(bin.data()), bin.size(), model);
    if (status.ok()) status = emolens::ExpressionClassifier::create(model, threads, classifier_);
    status = emolens::js::model_status(status, "expression model");
    return status.ok() ? "{}" : error_json(status);
  }

  int input_size() const { return classifier_->input_size(); }

  // crops: count * S * S grey bytes, one crop after another.
  // {"logits": [[7 floats], ...], "probabilities": [[7 floats], ...]} in crop order.
  std::string classify(const std::string& crops) {
    const size_t side = static_cast<size_t>(classifier_->input_size());
    if (crops.size() % (side * side) != 0) {
      return error_json(Status::error("invalid_argument", "crops must be whole " + std::to_string(side) + "x" +
                                                              std::to_string(side) + " grey images"));
    }
    nlohmann::json out = {{"logits", nlohmann::json::array()}, {"probabilities", nlohmann::json::array()}};
    for (size_t offset = 0; offset < crops.size(); offset += side * side) {
      const emolens::ImageView crop = emolens::image_view(reinterpret_cast<const uint8_t*>(crops.data()) + offset,
                                                          int(side), int(side), emolens::PixelFormat::grey);
      const Status status = classify_into(crop, out);
      if (!status.ok()) return error_json(status);
    }
    return out.dump();
  }

  // bytes: a JPEG or PNG file holding one face crop of any size, made the classifier's input by
  // crop_decode. {"logits": [[7]], "probabilities": [[7]]}.
  std::string classify_image(const std::string& bytes, double max_pixels) {
    emolens::ImageLimits limits;
    limits.max_pixels = static_cast<int64_t>(max_pixels);
    emolens::CropBuffers buffers;  // freed on return: a crop file can be large
    emolens::Image crop;
    const emolens::CropDecodeResult decoded =
        emolens::crop_decode(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), classifier_->input_size(),
                             limits, buffers, crop);
    Status status = emolens::js::decode_status(decoded.decode);
    if (status.ok()) status = emolens::js::image_status(decoded.image, "crop");
    nlohmann::json out = {{"logits", nlohmann::json::array()}, {"probabilities", nlohmann::json::array()}};
    if (status.ok()) status = classify_into(crop.view(), out);
    return status.ok() ? out.dump() : error_json(status);
  }

 private:
  Status classify_into(const emolens::ImageView& crop, nlohmann::json& out) {
    emolens::EmotionScores probabilities{}, logits{};
    const Status status = classifier_->classify(crop, probabilities, &logits);
    if (status.ok()) {
      out["logits"].push_back(logits);
      out["probabilities"].push_back(probabilities);
    }
    return status;
  }

  std::unique_ptr<emolens::ExpressionClassifier> classifier_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(emolens_classifier) {
  emscripten::class_<JsClassifier>("NativeClassifier")
      .constructor<>()
      .function("init", &JsClassifier::init)
      .function("inputSize", &JsClassifier::input_size)
      .function("classify", &JsClassifier::classify)
      .function("classifyImage", &JsClassifier::classify_image);
}
