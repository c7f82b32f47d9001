// Multi-face tracker: gives each detected face a track id that stays the same from frame to frame.
//
// Basic usage (one Tracker per stream):
//   emolens::Tracker tracker(emolens::tracker_default_options());
//   every detector frame:  tracker.update(detections.data(), n, timestamp_ms);   // faces(): one per detection, same order
//   frames in between:     tracker.predict(timestamp_ms);                        // faces(): predicted boxes of visible tracks
//   per-track state elsewhere (smoothing, stats): forget the ids in dropped_ids() after each update.
// Detections are the detector's own type (detect::Detection, in frame pixels).
//
// How a frame's detections find their tracks (each pass only sees what earlier passes left free,
// each pass pairs greedily, see greedy_matching.h):
//   1. IoU between the track's predicted box and the detection >= min_iou;
//   2. centre distance / detection_size(predicted box) <= max_center_distance, sizes alike (fast motion
//      that outran the IoU, or a face that moved while hidden);
//   3. only tracks missing from the last update and seen in at least reacquire_min_sightings updates:
//      the same with reacquire_center_distance (a face that left or was occluded and came back near
//      where it was). The sightings floor keeps a one-frame false positive from lending its id to a
//      real face that appears a few box sizes away.
// A detection left over starts a new track (ids count up from 1, never reused).
//
// Motion model: the box keeps its last detected size and its centre moves at a constant velocity
// (an exponential moving average of the measured velocity, time constant velocity_time_constant_ms).
// Prediction extrapolates at most max_coast_ms past the last sighting, then holds, so a long
// occlusion does not fling the box away. Predicting from velocity is what keeps the ids of two faces
// that cross: at the crossing each predicted box lies on its own face, whose IoU with it is highest.
//
// A track not seen for more than max_lost_ms is dropped; a face back within that window gets its
// old id, a face back later gets a new one.
//
// Memory: vectors are reused, so once capacity reaches the largest number of tracks and detections
// seen, update and predict allocate nothing.
#pragma once
#include <vector>

#include "core/status.h"
#include "detect/detection.h"
#include "track/greedy_matching.h"

namespace emolens {

struct TrackerOptions {
  float min_iou = 0.3f;                      // pass 1: pair when IoU(predicted, detected) >= this
  float max_center_distance = 1.0f;          // pass 2: centre distance in box sizes (sqrt(w*h)) at most this
  float reacquire_center_distance = 3.0f;    // pass 3 (tracks missing last update): the wider distance gate
  int reacquire_min_sightings = 3;           // pass 3 only for tracks matched in at least this many updates
  float max_size_ratio = 1.5f;               // passes 2-3: larger / smaller box size at most this
  double max_lost_ms = 1000.0;               // unseen longer than this: dropped, its id never comes back
  double max_coast_ms = 500.0;               // extrapolate a missing face's motion this long at most
  double velocity_time_constant_ms = 100.0;  // smoothing of the velocity estimate (larger: steadier, slower)
};

TrackerOptions tracker_default_options();  // the defaults above, spelled out

struct TrackedFace {
  int track_id = 0;          // stable id, >= 1
  detect::Detection detection;   // as detected (update) or extrapolated from the track (predict)
  bool predicted = false;    // true when the box came from predict()
};

class Tracker {
 public:
  explicit Tracker(const TrackerOptions& options = tracker_default_options());

  // Associates this frame's detections with the tracks. Timestamps must increase from call to call
  // (update and predict alike). On success faces() holds one entry per detection, same order.
  Status update(const detect::Detection* detections, int count, double timestamp_ms);
  // Boxes of the tracks seen in the latest update, moved to timestamp_ms by their velocity: the
  // frames between two detector runs. Changes no track. faces() holds them, ordered by track id.
  Status predict(double timestamp_ms);

  const std::vector<TrackedFace>& faces() const { return faces_; }       // result of the latest update / predict
  const std::vector<int>& dropped_ids() const { return dropped_ids_; }   // ids dropped by the latest update
  int track_count() const { return static_cast<int>(tracks_.size()); }  // live tracks, visible or missing
  void reset();                                                          // forget every track; ids restart at 1

 private:
  struct Track {
    int id = 0;
    detect::Detection last;        // the latest matched detection
    double last_seen_ms = 0;   // when it was matched
    float velocity_x = 0;      // centre velocity, pixels per ms
    float velocity_y = 0;
    bool has_velocity = false; // false until a second sighting measures one
    int sightings = 1;         // updates that matched it
  };

  Status check_timestamp(double timestamp_ms) const;
  detect::Detection predicted_detection(const Track& track, double timestamp_ms) const;
  void drop_expired_tracks(double timestamp_ms);
  void collect_iou_candidates(const detect::Detection* detections, int count);
  void collect_distance_candidates(const detect::Detection* detections, int count, float max_distance, bool missing_only);
  void observe(Track& track, const detect::Detection& detection, double timestamp_ms) const;

  TrackerOptions options_;
  std::vector<Track> tracks_;
  int next_id_ = 1;
  double latest_ms_ = 0;        // timestamp of the latest update or predict
  double latest_update_ms_ = 0; // timestamp of the latest update
  bool started_ = false;        // an update or predict has been seen

  // Per-call scratch, reused.
  std::vector<detect::Detection> predicted_;      // one per track
  std::vector<MatchCandidate> candidates_;
  std::vector<char> track_taken_;             // one per track
  std::vector<int> track_of_detection_;       // one per detection, -1: none yet
  std::vector<TrackedFace> faces_;
  std::vector<int> dropped_ids_;
};

}  // namespace emolens
