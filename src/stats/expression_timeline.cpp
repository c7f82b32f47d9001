#include "stats/expression_timeline.h"

#include <algorithm>
#include <cmath>

namespace emolens {

ExpressionTimeline::ExpressionTimeline(double window_ms, double bin_ms)
    : bin_ms_(bin_ms > 0 ? bin_ms : 100),
      bins_(static_cast<size_t>(std::max(1.0, std::ceil(window_ms / bin_ms_)))) {}

void ExpressionTimeline::reset() {
  head_ = 0;
  size_ = 0;
}

Status ExpressionTimeline::push(const EmotionScores& probs, double timestamp_ms) {
  if (!std::isfinite(timestamp_ms)) return Status::error("timeline: timestamp is not finite");
  const int64_t index = static_cast<int64_t>(std::floor(timestamp_ms / bin_ms_));
  if (size_ > 0 && index < slot(size_ - 1).index) return Status::error("timeline: timestamp goes back in time");

  if (size_ == 0 || index > slot(size_ - 1).index) {
    const int capacity = static_cast<int>(bins_.size());
    if (size_ == capacity) {  // full: the oldest bin makes room
      head_ = (head_ + 1) % capacity;
      --size_;
    }
    slot(size_++) = Bin{index, {}, 0};
  }
  Bin& newest = slot(size_ - 1);
  for (int k = 0; k < kEmotionCount; ++k) newest.sums[k] += probs[k];
  ++newest.count;
  // Bins that left the window, even when a gap kept the buffer from filling up.
  const int64_t oldest_kept = index - static_cast<int64_t>(bins_.size()) + 1;
  while (slot(0).index < oldest_kept) {
    head_ = (head_ + 1) % static_cast<int>(bins_.size());
    --size_;
  }
  return Status::ok_status();
}

TimelineSample ExpressionTimeline::sample(int index) const {
  const Bin& bin = slot(index);
  TimelineSample out;
  out.time_ms = static_cast<double>(bin.index) * bin_ms_;
  for (int k = 0; k < kEmotionCount; ++k) out.probs[k] = bin.sums[k] / static_cast<float>(bin.count);
  return out;
}

}  // namespace emolens
