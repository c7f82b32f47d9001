#include "smooth/expression_labels.h"

#include <algorithm>

namespace emolens {

int expression_argmax(const ExpressionProbs& probs) {
  return static_cast<int>(std::max_element(probs.begin(), probs.end()) - probs.begin());
}

}  // namespace emolens
