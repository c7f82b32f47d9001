#include "track/tracker.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "track/detection_geometry.h"

namespace emolens {

namespace {

bool detection_valid(const detect::Detection& face) {
  if (!std::isfinite(face.x) || !std::isfinite(face.y) || !std::isfinite(face.width) || !std::isfinite(face.height))
    return false;
  if (!(face.width > 0) || !(face.height > 0)) return false;
  for (const detect::Point2& point : face.keypoints)
    if (!std::isfinite(point.x) || !std::isfinite(point.y)) return false;
  return true;
}

float size_ratio(const detect::Detection& a, const detect::Detection& b) {
  const float size_a = detection_size(a), size_b = detection_size(b);
  return std::max(size_a, size_b) / std::min(size_a, size_b);
}

}  // namespace

TrackerOptions tracker_default_options() { return TrackerOptions(); }

Tracker::Tracker(const TrackerOptions& options) : options_(options) {}

void Tracker::reset() {
  tracks_.clear();
  faces_.clear();
  dropped_ids_.clear();
  next_id_ = 1;
  started_ = false;
}

Status Tracker::check_timestamp(double timestamp_ms) const {
  if (!std::isfinite(timestamp_ms)) return Status::error("tracker: timestamp is not finite");
  if (started_ && !(timestamp_ms > latest_ms_))
    return Status::error("tracker: timestamp " + std::to_string(timestamp_ms) + " ms does not follow " +
                         std::to_string(latest_ms_) + " ms");
  return Status::ok_status();
}

detect::Detection Tracker::predicted_detection(const Track& track, double timestamp_ms) const {
  if (!track.has_velocity) return track.last;
  const float coast_ms = static_cast<float>(std::min(timestamp_ms - track.last_seen_ms, options_.max_coast_ms));
  return detection_shifted(track.last, track.velocity_x * coast_ms, track.velocity_y * coast_ms);
}

void Tracker::drop_expired_tracks(double timestamp_ms) {
  const auto expired = [&](const Track& track) { return timestamp_ms - track.last_seen_ms > options_.max_lost_ms; };
  dropped_ids_.clear();
  for (const Track& track : tracks_)
    if (expired(track)) dropped_ids_.push_back(track.id);
  tracks_.erase(std::remove_if(tracks_.begin(), tracks_.end(), expired), tracks_.end());
}

void Tracker::collect_iou_candidates(const detect::Detection* detections, int count) {
  candidates_.clear();
  for (int t = 0; t < track_count(); ++t)
    for (int d = 0; d < count; ++d) {
      const float iou = detect::detection_iou(predicted_[t], detections[d]);
      if (iou >= options_.min_iou) candidates_.push_back({t, d, -iou});
    }
}

void Tracker::collect_distance_candidates(const detect::Detection* detections, int count, float max_distance,
                                          bool missing_only) {
  candidates_.clear();
  for (int t = 0; t < track_count(); ++t) {
    if (track_taken_[t]) continue;
    if (missing_only && (tracks_[t].last_seen_ms >= latest_update_ms_ ||
                         tracks_[t].sightings < options_.reacquire_min_sightings))
      continue;
    const detect::Detection& predicted = predicted_[t];
    const detect::Point2 predicted_center = detection_center(predicted);
    for (int d = 0; d < count; ++d) {
      if (track_of_detection_[d] >= 0) continue;
      if (size_ratio(predicted, detections[d]) > options_.max_size_ratio) continue;
      const detect::Point2 center = detection_center(detections[d]);
      const float distance =
          std::hypot(center.x - predicted_center.x, center.y - predicted_center.y) / detection_size(predicted);
      if (distance <= max_distance) candidates_.push_back({t, d, distance});
    }
  }
}

void Tracker::observe(Track& track, const detect::Detection& detection, double timestamp_ms) const {
  const double elapsed_ms = timestamp_ms - track.last_seen_ms;
  if (elapsed_ms > options_.max_coast_ms) {
    // Back after a long absence: the motion seen before says nothing about the motion now.
    track.has_velocity = false;
  } else {
    const detect::Point2 now = detection_center(detection), before = detection_center(track.last);
    const float measured_x = static_cast<float>((now.x - before.x) / elapsed_ms);
    const float measured_y = static_cast<float>((now.y - before.y) / elapsed_ms);
    // Exponential moving average with weight 1 - exp(-dt / tau): the same smoothing per second at any frame rate.
    const float weight = track.has_velocity
                             ? static_cast<float>(1.0 - std::exp(-elapsed_ms / options_.velocity_time_constant_ms))
                             : 1.0f;
    track.velocity_x += weight * (measured_x - track.velocity_x);
    track.velocity_y += weight * (measured_y - track.velocity_y);
    track.has_velocity = true;
  }
  track.last = detection;
  track.last_seen_ms = timestamp_ms;
  ++track.sightings;
}

Status Tracker::update(const detect::Detection* detections, int count, double timestamp_ms) {
  Status status = check_timestamp(timestamp_ms);
  if (!status.ok()) return status;
  if (count < 0 || (count > 0 && detections == nullptr)) return Status::error("tracker: no detections array");
  for (int d = 0; d < count; ++d)
    if (!detection_valid(detections[d]))
      return Status::error("tracker: detection " + std::to_string(d) + " has a non-finite or empty box");

  drop_expired_tracks(timestamp_ms);
  const int tracks_before = track_count();
  predicted_.resize(tracks_before);
  for (int t = 0; t < tracks_before; ++t) predicted_[t] = predicted_detection(tracks_[t], timestamp_ms);
  track_taken_.assign(tracks_before, 0);
  track_of_detection_.assign(count, -1);

  collect_iou_candidates(detections, count);
  match_greedily(candidates_, track_taken_, track_of_detection_);
  collect_distance_candidates(detections, count, options_.max_center_distance, false);
  match_greedily(candidates_, track_taken_, track_of_detection_);
  collect_distance_candidates(detections, count, options_.reacquire_center_distance, true);
  match_greedily(candidates_, track_taken_, track_of_detection_);

  faces_.resize(count);
  for (int d = 0; d < count; ++d) {
    int t = track_of_detection_[d];
    if (t < 0) {
      t = track_count();
      tracks_.push_back(Track{});
      tracks_[t].id = next_id_++;
      tracks_[t].last = detections[d];
      tracks_[t].last_seen_ms = timestamp_ms;
    } else {
      observe(tracks_[t], detections[d], timestamp_ms);
    }
    faces_[d] = TrackedFace{tracks_[t].id, detections[d], false};
  }
  started_ = true;
  latest_ms_ = latest_update_ms_ = timestamp_ms;
  return Status::ok_status();
}

Status Tracker::predict(double timestamp_ms) {
  Status status = check_timestamp(timestamp_ms);
  if (!status.ok()) return status;
  faces_.clear();
  for (const Track& track : tracks_)
    if (track.last_seen_ms >= latest_update_ms_)
      faces_.push_back(TrackedFace{track.id, predicted_detection(track, timestamp_ms), true});
  started_ = true;
  latest_ms_ = timestamp_ms;
  return Status::ok_status();
}

}  // namespace emolens
