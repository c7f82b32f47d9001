// The seven expressions emolens reads, in the order every model output and result uses.
#pragma once
#include <array>

namespace emolens {

constexpr int kEmotionCount = 7;
constexpr std::array<const char*, kEmotionCount> kEmotionLabels = {
    "angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"};

using EmotionScores = std::array<float, kEmotionCount>;  // one value per label, in kEmotionLabels order

}  // namespace emolens
