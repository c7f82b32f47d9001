#include "stats/expression_stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace emolens {

int64_t LabelHistogram::total_count() const { return std::accumulate(counts.begin(), counts.end(), int64_t{0}); }

double LabelHistogram::total_seconds() const { return std::accumulate(seconds.begin(), seconds.end(), 0.0); }

ExpressionStats::TrackEntry* ExpressionStats::find(int track_id) {
  for (TrackEntry& entry : tracks_)
    if (entry.id == track_id) return &entry;
  return nullptr;
}

const LabelHistogram* ExpressionStats::track(int track_id) const {
  for (const TrackEntry& entry : tracks_)
    if (entry.id == track_id) return &entry.histogram;
  return nullptr;
}

Status ExpressionStats::record(int track_id, int label, double timestamp_ms) {
  if (label < 0 || label >= kEmotionCount) return Status::error("stats: label " + std::to_string(label) + " out of range");
  if (!std::isfinite(timestamp_ms)) return Status::error("stats: timestamp is not finite");
  TrackEntry* entry = find(track_id);
  if (entry == nullptr) {
    if (static_cast<int>(tracks_.size()) >= max_tracks_) drop_least_recent();
    tracks_.push_back(TrackEntry{});
    entry = &tracks_.back();
    entry->id = track_id;
  } else {
    const double held_ms = timestamp_ms - entry->last_ms;
    if (!(held_ms > 0))
      return Status::error("stats: track " + std::to_string(track_id) + " timestamp does not increase");
    if (held_ms <= max_hold_ms_) {
      entry->histogram.seconds[entry->last_label] += held_ms / 1000;
      session_.seconds[entry->last_label] += held_ms / 1000;
    }
  }
  ++entry->histogram.counts[label];
  ++session_.counts[label];
  entry->last_label = label;
  entry->last_ms = timestamp_ms;
  return Status::ok_status();
}

void ExpressionStats::drop_least_recent() {
  const auto oldest = std::min_element(tracks_.begin(), tracks_.end(),
                                       [](const TrackEntry& a, const TrackEntry& b) { return a.last_ms < b.last_ms; });
  if (oldest != tracks_.end()) tracks_.erase(oldest);
}

void ExpressionStats::reset() {
  session_ = LabelHistogram{};
  tracks_.clear();
}

std::vector<int> ExpressionStats::track_ids() const {
  std::vector<int> ids;
  ids.reserve(tracks_.size());
  for (const TrackEntry& entry : tracks_) ids.push_back(entry.id);
  return ids;
}

}  // namespace emolens
