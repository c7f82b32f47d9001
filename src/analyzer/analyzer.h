// The analyzer: RGBA frames in, tracked faces with steady expressions out. Its basic usage opens
// src/emolens.h, the public header that includes this one.
//
// Per frame: detect (or, between detector runs, predict the tracked boxes), align each face to the
// classifier's crop, classify, associate with tracks, smooth each track's probabilities, record the
// smoothed label in the histograms and the timeline. Errors leave the analyzer usable.
#pragma once
#include <memory>
#include <utility>
#include <vector>

#include "align/face_align.h"
#include "analyzer/analyzer_options.h"
#include "analyzer/frame_result.h"
#include "classify/expression_classifier.h"
#include "core/status.h"
#include "detect/face_detector.h"
#include "image/image.h"
#include "nn/model.h"
#include "smooth/expression_filter.h"
#include "stats/expression_stats.h"
#include "stats/expression_timeline.h"
#include "track/tracker.h"

namespace emolens {

struct AnalyzerModels {
  const nn::Model* short_range = nullptr;  // BlazeFace 128x128; needed unless range is full_range
  const nn::Model* full_range = nullptr;   // BlazeFace 192x192; may be null until a photo needs it
  const nn::Model* expression = nullptr;   // the expression classifier; required
};

class Analyzer {
 public:
  static Status create(const AnalyzerModels& models, const AnalyzerOptions& options, std::unique_ptr<Analyzer>& out);

  // One frame of a stream; timestamps must increase. Faces are tracked and smoothed across calls.
  Status analyze(const ImageView& frame, double timestamp_ms, FrameResult& out);
  // One independent picture (auto range means full range here): no tracking, no smoothing, the
  // session statistics are left alone.
  Status analyze_photo(const ImageView& photo, FrameResult& out);
  // Adds the full-range model later (the page loads it only when a photo needs it).
  Status set_full_range_model(const nn::Model& model);

  const ExpressionStats& stats() const { return stats_; }          // per-track and session histograms
  const ExpressionTimeline& timeline() const { return timeline_; } // last 60 s of the session's mean probabilities
  const AnalyzerOptions& options() const { return options_; }
  bool has_full_range() const { return full_range_model_ != nullptr; }  // photos can be analysed
  void reset();                                                    // forget tracks, filters, statistics

 private:
  Analyzer(const AnalyzerOptions& options, std::unique_ptr<ExpressionClassifier> classifier);
  Status check_frame(const ImageView& frame) const;
  Status begin_frame(const ImageView& frame, FrameResult& out) const;  // check, then a fresh result of its size
  // Runs the detector of options().range (automatic_range when that is automatic) into detections_.
  Status detect_faces(const ImageView& frame, detect::DetectorRange automatic_range);
  Status detector_for(detect::DetectorRange range, detect::FaceDetector*& out);
  Status classify_face(const ImageView& frame, const detect::Detection& face, EmotionScores& probabilities);
  ExpressionFilter& filter_for(int track_id);

  AnalyzerOptions options_;
  std::unique_ptr<nn::Model> short_range_model_, full_range_model_;
  std::unique_ptr<detect::FaceDetector> camera_detector_, photo_detector_;  // built on first use
  std::unique_ptr<ExpressionClassifier> classifier_;
  AlignParams align_params_;
  Image crop_, crop_scratch_;
  Tracker tracker_;
  std::vector<std::pair<int, ExpressionFilter>> filters_;  // by track id; few faces, so a vector
  ExpressionStats stats_;
  ExpressionTimeline timeline_;
  std::vector<detect::Detection> detections_;
  int64_t frame_index_ = 0;
};

}  // namespace emolens
