#include "classify/expression_classifier.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace emolens {

Status ExpressionClassifier::create(const nn::Model& model, int threads,
                                    std::unique_ptr<ExpressionClassifier>& out) {
  const nn::Shape& input = model.tensors.at(0).shape;
  if (model.preprocessing.colour != "grey" || input.size() != 4 || input[0] != 1 || input[1] != input[2] ||
      input[3] != 1) {
    return Status::error("expression model: input must be grey [1,S,S,1], got " + model.preprocessing.colour +
                         " " + nn::shape_string(input));
  }
  if (model.outputs.size() != 1 ||
      nn::shape_elements(model.tensors.at(model.outputs[0]).shape) != static_cast<size_t>(kEmotionCount)) {
    return Status::error("expression model: needs one output of " + std::to_string(kEmotionCount) + " logits");
  }
  if (model.labels.size() != kEmotionLabels.size() ||
      !std::equal(model.labels.begin(), model.labels.end(), kEmotionLabels.begin())) {
    return Status::error("expression model: labels must be angry, disgust, fear, happy, sad, surprise, neutral");
  }
  nn::EngineOptions options;
  options.threads = threads;
  std::unique_ptr<nn::Engine> engine;
  Status status = nn::Engine::create(model, options, engine);
  if (!status.ok()) return status.prefix("expression model");
  const Normalization normalization{model.preprocessing.scale, model.preprocessing.offset};
  out.reset(new ExpressionClassifier(std::move(engine), input[1], normalization));
  return Status();
}

ExpressionClassifier::ExpressionClassifier(std::unique_ptr<nn::Engine> engine, int input_size,
                                           Normalization normalization)
    : engine_(std::move(engine)), input_size_(input_size), normalization_(normalization) {}

Status ExpressionClassifier::classify(const ImageView& crop, EmotionScores& probabilities, EmotionScores* logits) {
  if (crop.format != PixelFormat::grey || crop.width != input_size_ || crop.height != input_size_) {
    return Status::error("expression classifier: the crop must be grey " + std::to_string(input_size_) + "x" +
                         std::to_string(input_size_));
  }
  const TensorView input = tensor_view(engine_->input(), input_size_, input_size_, 1);
  const ImageStatus converted = image_to_tensor(crop, input, normalization_);
  if (converted != ImageStatus::ok) return Status::error(std::string("expression classifier: ") + image_status_name(converted));
  engine_->run();
  const float* raw = engine_->output(0);
  if (logits) std::copy(raw, raw + kEmotionCount, logits->begin());
  // Softmax with the maximum subtracted, so large logits cannot overflow exp().
  const float largest = *std::max_element(raw, raw + kEmotionCount);
  float sum = 0.0f;
  for (int i = 0; i < kEmotionCount; ++i) sum += probabilities[i] = std::exp(raw[i] - largest);
  for (float& p : probabilities) p /= sum;
  return Status();
}

}  // namespace emolens
