#include "smooth/expression_filter.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace emolens {

namespace {

constexpr double kMinProbability = 1e-4;  // eps: one frame's evidence against a label is bounded

}  // namespace

ExpressionFilterOptions expression_filter_default_options() { return ExpressionFilterOptions(); }

ExpressionFilter::ExpressionFilter(const ExpressionFilterOptions& options) : options_(options) {
  options_.strength = std::clamp(std::isfinite(options_.strength) ? options_.strength : 0.0f, 0.0f, 1.0f);
}

void ExpressionFilter::reset() {
  smoothed_ = EmotionScores{};
  started_ = false;
}

void ExpressionFilter::fold_in(const EmotionScores& probs, double total, double dt_ms) {
  const double stay = std::exp(-dt_ms / (options_.strength * options_.max_stay_time_constant_ms));
  const double beta = std::min(1.0, dt_ms / (options_.strength * options_.max_evidence_time_constant_ms));
  double log_posterior[kEmotionCount];
  double max_log = -HUGE_VAL;
  for (int k = 0; k < kEmotionCount; ++k) {
    const double prior = stay * smoothed_[k] + (1 - stay) / kEmotionCount;
    const double evidence = std::max(probs[k] / total, kMinProbability);
    log_posterior[k] = std::log(prior) + beta * std::log(evidence);
    max_log = std::max(max_log, log_posterior[k]);
  }
  double norm = 0;
  for (int k = 0; k < kEmotionCount; ++k) norm += std::exp(log_posterior[k] - max_log);
  for (int k = 0; k < kEmotionCount; ++k)
    smoothed_[k] = static_cast<float>(std::exp(log_posterior[k] - max_log) / norm);
}

Status ExpressionFilter::update(const EmotionScores& probs, double timestamp_ms) {
  if (!std::isfinite(timestamp_ms)) return Status::error("expression filter: timestamp is not finite");
  if (started_ && !(timestamp_ms > latest_ms_))
    return Status::error("expression filter: timestamp " + std::to_string(timestamp_ms) + " ms does not follow " +
                         std::to_string(latest_ms_) + " ms");
  double total = 0;
  for (float p : probs) {
    if (!std::isfinite(p) || p < 0) return Status::error("expression filter: a probability is negative or not finite");
    total += p;
  }
  if (!(total > 0)) return Status::error("expression filter: probabilities sum to 0");

  // Strength 0, or no history: the prior is uniform and beta = 1, so the posterior is q itself.
  if (!started_ || options_.strength == 0) {
    for (int k = 0; k < kEmotionCount; ++k) smoothed_[k] = static_cast<float>(probs[k] / total);
  } else {
    fold_in(probs, total, timestamp_ms - latest_ms_);
  }
  latest_ms_ = timestamp_ms;
  started_ = true;
  return Status::ok_status();
}

}  // namespace emolens
