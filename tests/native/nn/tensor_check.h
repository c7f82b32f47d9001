// Comparing tensors in tests: fill inputs from a seed, canary-fill outputs, and report the first
// wrong coordinate and the largest error instead of a bare "not equal".
#pragma once
#include <cmath>
#include <random>
#include <sstream>
#include <string>

#include "nn/model.h"

namespace emolens::test {

constexpr float kCanary = 1.2345e30f;  // a value no kernel produces: untouched outputs show up

inline void fill_uniform(float* x, size_t n, unsigned seed, float lo = -1.0f, float hi = 1.0f) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  for (size_t i = 0; i < n; ++i) x[i] = dist(rng);
}

struct TensorDiff {
  float max_abs_error = 0.0f;
  std::string first_mismatch;  // empty when every element is within tolerance
};

// |actual - expected| <= abs_tol + rel_tol * |expected| everywhere; NaN never matches.
inline TensorDiff compare_tensors(const nn::Shape& shape, const float* expected, const float* actual, float abs_tol,
                                  float rel_tol = 0.0f) {
  TensorDiff diff;
  const size_t n = nn::shape_elements(shape);
  for (size_t i = 0; i < n; ++i) {
    const float err = std::fabs(actual[i] - expected[i]);
    if (!(err <= diff.max_abs_error)) diff.max_abs_error = std::isnan(err) ? INFINITY : std::max(diff.max_abs_error, err);
    if (!(err <= abs_tol + rel_tol * std::fabs(expected[i])) && diff.first_mismatch.empty()) {
      std::ostringstream where;
      where << "first mismatch at [";
      size_t rest = i;
      std::vector<size_t> coord(shape.size());
      for (size_t d = shape.size(); d-- > 0;) coord[d] = rest % size_t(shape[d]), rest /= size_t(shape[d]);
      for (size_t d = 0; d < coord.size(); ++d) where << (d ? "," : "") << coord[d];
      where << "] of " << nn::shape_string(shape) << ": expected " << expected[i] << ", got " << actual[i];
      diff.first_mismatch = where.str();
    }
  }
  return diff;
}

}  // namespace emolens::test
