#include "analyzer/analyzer.h"

#include <algorithm>
#include <chrono>
#include <string>

#include "smooth/emotion_argmax.h"

namespace emolens {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

FaceGeometry face_geometry(const detect::Detection& d) {
  auto point = [&](detect::Keypoint k) { return Point2{d.keypoints[k].x, d.keypoints[k].y}; };
  FaceGeometry face;
  face.right_eye = point(detect::right_eye);
  face.left_eye = point(detect::left_eye);
  face.mouth_centre = point(detect::mouth_centre);
  face.box_x = d.x;
  face.box_y = d.y;
  face.box_width = d.width;
  face.box_height = d.height;
  return face;
}

void set_label(FaceResult& face) {
  face.label = emotion_argmax(face.smoothed);
  face.confidence = face.smoothed[face.label];
}

}  // namespace

Status Analyzer::create(const AnalyzerModels& models, const AnalyzerOptions& options, std::unique_ptr<Analyzer>& out) {
  Status status = analyzer_options_check(options);
  if (!status.ok()) return status;
  if (!models.expression) return Status::error("invalid_argument", "the expression model is required");
  if (!models.short_range && !models.full_range) {
    return Status::error("invalid_argument", "a face detection model is required");
  }
  std::unique_ptr<ExpressionClassifier> classifier;
  status = ExpressionClassifier::create(*models.expression, options.threads, classifier);
  if (!status.ok()) return Status::error("invalid_model", status.message());
  std::unique_ptr<Analyzer> analyzer(new Analyzer(options, std::move(classifier)));
  if (models.short_range) analyzer->short_range_model_ = std::make_unique<nn::Model>(*models.short_range);
  if (models.full_range) analyzer->full_range_model_ = std::make_unique<nn::Model>(*models.full_range);
  out = std::move(analyzer);
  return Status();
}

Analyzer::Analyzer(const AnalyzerOptions& options, std::unique_ptr<ExpressionClassifier> classifier)
    : options_(options), classifier_(std::move(classifier)), align_params_(align_default_params()) {
  align_params_.size = classifier_->input_size();
  crop_.reset(align_params_.size, align_params_.size, PixelFormat::grey);
}

Status Analyzer::set_full_range_model(const nn::Model& model) {
  full_range_model_ = std::make_unique<nn::Model>(model);
  photo_detector_.reset();
  return Status();
}

Status Analyzer::check_frame(const ImageView& frame) const {
  if (frame.format != PixelFormat::rgba && frame.format != PixelFormat::rgb) {
    return Status::error("invalid_argument", "frames must be RGBA or RGB");
  }
  if (frame.width < 1 || frame.height < 1) {
    return Status::error("invalid_argument", "the frame is " + std::to_string(frame.width) + "x" +
                                                 std::to_string(frame.height) + " pixels: nothing to analyse");
  }
  if (static_cast<int64_t>(frame.width) * frame.height > options_.max_pixels) {
    return Status::error("image_too_large", std::to_string(frame.width) + "x" + std::to_string(frame.height) +
                                                " pixels is above the limit of " +
                                                std::to_string(options_.max_pixels) + " pixels");
  }
  const ImageStatus usable = image_check(frame);
  if (usable != ImageStatus::ok) {
    return Status::error("invalid_argument", std::string("the frame is not usable: ") + image_status_name(usable));
  }
  return Status();
}

Status Analyzer::begin_frame(const ImageView& frame, FrameResult& out) const {
  Status status = check_frame(frame);
  if (!status.ok()) return status;
  out = FrameResult();
  out.width = frame.width;
  out.height = frame.height;
  return status;
}

Status Analyzer::detect_faces(const ImageView& frame, detect::DetectorRange automatic_range) {
  const detect::DetectorRange range =
      options_.range == detect::DetectorRange::automatic ? automatic_range : options_.range;
  detect::FaceDetector* detector = nullptr;
  Status status = detector_for(range, detector);
  if (!status.ok()) return status;
  return detector->detect(frame, detections_);
}

Status Analyzer::detector_for(detect::DetectorRange range, detect::FaceDetector*& out) {
  const bool full = range == detect::DetectorRange::full_range;
  std::unique_ptr<detect::FaceDetector>& detector = full ? photo_detector_ : camera_detector_;
  if (!detector) {
    const nn::Model* model = full ? full_range_model_.get() : short_range_model_.get();
    if (!model) {
      return Status::error("model_missing", std::string("the ") + (full ? "full" : "short") +
                                                "-range face detection model is not loaded");
    }
    detect::DetectorOptions options;
    options.range = range;
    options.score_threshold = options_.min_detection_score;
    options.min_face_size = options_.min_face_size;
    options.max_faces = options_.max_faces;
    options.threads = options_.threads;
    // Photos also get the short-range model (when loaded) for faces that fill much of the picture.
    Status status = detect::FaceDetector::create(short_range_model_.get(), full ? model : nullptr, options, detector);
    if (!status.ok()) return Status::error("invalid_model", status.message());
  }
  out = detector.get();
  return Status();
}

Status Analyzer::classify_face(const ImageView& frame, const detect::Detection& face, EmotionScores& probabilities) {
  const ImageStatus aligned = face_align(frame, face_geometry(face), align_params_, crop_.view(), crop_scratch_);
  if (aligned != ImageStatus::ok) {
    return Status::error("internal", std::string("face alignment failed: ") + image_status_name(aligned));
  }
  return classifier_->classify(crop_.view(), probabilities);
}

ExpressionFilter& Analyzer::filter_for(int track_id) {
  for (auto& [id, filter] : filters_) {
    if (id == track_id) return filter;
  }
  ExpressionFilterOptions options = expression_filter_default_options();
  options.strength = options_.smoothing;
  filters_.emplace_back(track_id, ExpressionFilter(options));
  return filters_.back().second;
}

Status Analyzer::analyze(const ImageView& frame, double timestamp_ms, FrameResult& out) {
  const Clock::time_point start = Clock::now();
  Status status = begin_frame(frame, out);
  if (!status.ok()) return status;
  out.timestamp_ms = timestamp_ms;
  out.detector_ran = frame_index_ % options_.detect_every == 0;
  if (out.detector_ran && !(status = detect_faces(frame, detect::DetectorRange::short_range)).ok()) return status;
  out.timings.detect = ms_since(start);

  const Clock::time_point track_start = Clock::now();
  status = out.detector_ran ? tracker_.update(detections_.data(), static_cast<int>(detections_.size()), timestamp_ms)
                            : tracker_.predict(timestamp_ms);
  if (!status.ok()) return Status::error("invalid_argument", status.message());
  for (int dropped : tracker_.dropped_ids()) {
    filters_.erase(std::remove_if(filters_.begin(), filters_.end(), [&](const auto& f) { return f.first == dropped; }),
                   filters_.end());
  }
  out.timings.track = ms_since(track_start);
  ++frame_index_;

  EmotionScores mean{};
  for (const TrackedFace& tracked : tracker_.faces()) {
    FaceResult face;
    face.id = tracked.track_id;
    face.detection = tracked.detection;
    face.predicted = tracked.predicted;
    const Clock::time_point classify_start = Clock::now();
    status = classify_face(frame, tracked.detection, face.probabilities);
    out.timings.classify += ms_since(classify_start);
    if (!status.ok()) continue;  // a face that cannot be aligned (degenerate box) is left out
    ExpressionFilter& filter = filter_for(face.id);
    if (!filter.update(face.probabilities, timestamp_ms).ok()) continue;
    face.smoothed = filter.smoothed();
    set_label(face);
    stats_.record(face.id, face.label, timestamp_ms);
    for (int k = 0; k < kEmotionCount; ++k) mean[k] += face.smoothed[k];
    out.faces.push_back(face);
  }
  if (!out.faces.empty()) {
    for (float& p : mean) p /= static_cast<float>(out.faces.size());
    timeline_.push(mean, timestamp_ms);
  }
  out.timings.total = ms_since(start);
  return Status();
}

Status Analyzer::analyze_photo(const ImageView& photo, FrameResult& out) {
  const Clock::time_point start = Clock::now();
  Status status = begin_frame(photo, out);
  if (!status.ok()) return status;
  out.detector_ran = true;
  if (!(status = detect_faces(photo, detect::DetectorRange::full_range)).ok()) return status;
  out.timings.detect = ms_since(start);

  const Clock::time_point classify_start = Clock::now();
  for (const detect::Detection& detection : detections_) {
    FaceResult face;
    face.id = static_cast<int>(out.faces.size()) + 1;
    face.detection = detection;
    if (!classify_face(photo, detection, face.probabilities).ok()) continue;
    face.smoothed = face.probabilities;
    set_label(face);
    out.faces.push_back(face);
  }
  out.timings.classify = ms_since(classify_start);
  out.timings.total = ms_since(start);
  return Status();
}

void Analyzer::reset() {
  tracker_.reset();
  filters_.clear();
  stats_.reset();
  timeline_.reset();
  frame_index_ = 0;
}

}  // namespace emolens
