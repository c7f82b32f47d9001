#include "smooth/emotion_argmax.h"

#include <algorithm>

namespace emolens {

int emotion_argmax(const EmotionScores& scores) {
  return static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

}  // namespace emolens
