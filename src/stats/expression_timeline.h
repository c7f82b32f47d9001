// The last minute of expression probabilities, for the UI's timeline: a ring buffer of fixed-width
// time bins, each the mean of the probabilities pushed into it.
//
// Basic usage:
//   emolens::ExpressionTimeline timeline;                 // 60 s in 100 ms bins: 600 bins, allocated once
//   per face and frame:  timeline.push(filter.smoothed(), timestamp_ms);
//   to draw:             for i in [0, size()): sample(i).time_ms, sample(i).probs[label]  (oldest first)
//
// Bins make memory and drawing cost independent of the frame rate and of the number of faces: push
// every face of a frame into one timeline and each bin holds their mean (the session's mood), or
// keep one timeline per track. Bins in which nothing was pushed are absent (a gap in the plot).
#pragma once
#include <cstdint>
#include <vector>

#include "core/status.h"
#include "core/emotions.h"

namespace emolens {

struct TimelineSample {
  double time_ms = 0;     // start of the bin
  EmotionScores probs{}; // mean of what was pushed into the bin
};

class ExpressionTimeline {
 public:
  explicit ExpressionTimeline(double window_ms = 60000, double bin_ms = 100);

  // Adds probabilities at timestamp_ms. Timestamps may repeat (several faces) but not go back
  // past the newest bin. Bins older than the window fall out.
  Status push(const EmotionScores& probs, double timestamp_ms);

  int size() const { return size_; }         // bins held, at most window / bin
  TimelineSample sample(int index) const;    // 0 = oldest; index in [0, size())
  double bin_ms() const { return bin_ms_; }  // width of one bin
  void reset();                              // empty; keeps its memory

 private:
  struct Bin {
    int64_t index = 0;          // floor(time / bin_ms)
    EmotionScores sums{};
    int count = 0;
  };
  Bin& slot(int index) { return bins_[(head_ + index) % bins_.size()]; }
  const Bin& slot(int index) const { return bins_[(head_ + index) % bins_.size()]; }

  double bin_ms_;
  std::vector<Bin> bins_;  // capacity window / bin, fixed
  int head_ = 0;           // slot of the oldest bin
  int size_ = 0;
};

}  // namespace emolens
