// The label a set of per-emotion scores votes for.
#pragma once
#include "core/emotions.h"

namespace emolens {

int emotion_argmax(const EmotionScores& scores);  // index of the largest score (the lowest index on ties)

}  // namespace emolens
