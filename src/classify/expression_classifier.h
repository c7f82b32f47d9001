// The expression classifier: an aligned face crop in, seven probabilities out.
//
// Basic usage:
//   nn::Model model;  nn::model_load_files("models/expression.json", model);
//   std::unique_ptr<ExpressionClassifier> classifier;
//   Status s = ExpressionClassifier::create(model, /*threads=*/1, classifier);
//   EmotionScores p;  s = classifier->classify(crop, p);   // crop: grey, input_size() square
#pragma once
#include <memory>

#include "core/emotions.h"
#include "core/status.h"
#include "image/image.h"
#include "image/tensor.h"
#include "nn/engine.h"
#include "nn/model.h"

namespace emolens {

class ExpressionClassifier {
 public:
  // Checks the model is a classifier emolens can use: a grey [1,S,S,1] input and one output of
  // kEmotionCount logits whose labels are kEmotionLabels in order.
  static Status create(const nn::Model& model, int threads, std::unique_ptr<ExpressionClassifier>& out);

  int input_size() const { return input_size_; }  // S: crops are S x S grey pixels

  // Probabilities (softmax of the logits) for a grey crop of input_size() x input_size();
  // `logits`, when given, receives the raw network output. Allocates nothing.
  Status classify(const ImageView& crop, EmotionScores& probabilities, EmotionScores* logits = nullptr);

 private:
  ExpressionClassifier(std::unique_ptr<nn::Engine> engine, int input_size, Normalization normalization);

  std::unique_ptr<nn::Engine> engine_;
  int input_size_;
  Normalization normalization_;
};

}  // namespace emolens
