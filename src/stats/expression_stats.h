// Histograms of the smoothed expression label: one per track and one for the whole session.
//
// Basic usage (one per stream):
//   emolens::ExpressionStats stats;
//   per face and frame:  stats.record(track_id, filter.label(), timestamp_ms);
//   for the UI:          stats.session().seconds[label], stats.track(id)->counts[label]
//
// counts: frames that showed the label. seconds: time the label was held, sample-and-hold: the
// interval between two samples of a track goes to the earlier sample's label, so 15 fps and 30 fps
// give the same seconds. An interval longer than max_hold_ms (the track was lost, the camera
// stalled) is not credited: an absent face shows no expression. The session histogram is the sum
// over all tracks (two faces for 1 s make 2 s).
// Per-track histograms are kept for the max_tracks most recently seen tracks: over hours of people
// passing a camera, ended tracks would otherwise pile up. A dropped track's share stays in the session.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "core/status.h"
#include "core/emotions.h"

namespace emolens {

struct LabelHistogram {
  std::array<int64_t, kEmotionCount> counts{};  // frames per label
  std::array<double, kEmotionCount> seconds{};  // time per label, seconds

  int64_t total_count() const;  // frames over all labels
  double total_seconds() const; // seconds over all labels
};

class ExpressionStats {
 public:
  explicit ExpressionStats(double max_hold_ms = 500, int max_tracks = 64)
      : max_hold_ms_(max_hold_ms), max_tracks_(max_tracks) {}

  // Adds one frame of one track. A track's timestamps must increase; label in [0, kEmotionCount).
  Status record(int track_id, int label, double timestamp_ms);

  const LabelHistogram& session() const { return session_; }  // all tracks together
  const LabelHistogram* track(int track_id) const;            // nullptr for an id never recorded (or forgotten)
  int track_count() const { return static_cast<int>(tracks_.size()); }  // tracks with a histogram
  std::vector<int> track_ids() const;                         // ids with a histogram, in the order first recorded
  void reset();                                               // everything back to zero

 private:
  struct TrackEntry {
    int id = 0;
    LabelHistogram histogram;
    int last_label = 0;
    double last_ms = 0;
  };
  TrackEntry* find(int track_id);
  void drop_least_recent();

  double max_hold_ms_;
  int max_tracks_;
  LabelHistogram session_;
  std::vector<TrackEntry> tracks_;  // few tracks: a linear search beats a map and keeps memory flat
};

}  // namespace emolens
