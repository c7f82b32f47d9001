// The classifier's seven expression labels, in the order of its output (training/).
#pragma once
#include <array>

namespace emolens {

constexpr int kExpressionCount = 7;
using ExpressionProbs = std::array<float, kExpressionCount>;  // one probability per label, summing to 1

inline const char* expression_label_name(int label) {  // "angry" ... "neutral"; "?" out of range
  static const char* const names[kExpressionCount] = {"angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"};
  return label >= 0 && label < kExpressionCount ? names[label] : "?";
}

int expression_argmax(const ExpressionProbs& probs);  // the most probable label (the lowest on ties)

}  // namespace emolens
