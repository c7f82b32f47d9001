// Face detection: BlazeFace (short or full range) through the emolens engine, for camera frames
// and photos of any size and aspect ratio.
//
// Basic usage:
//   emolens::nn::Model short_model, full_model;
//   emolens::nn::model_load_files("models/face_detection_short_range.json", short_model);
//   emolens::nn::model_load_files("models/face_detection_full_range.json", full_model);
//   std::unique_ptr<emolens::detect::FaceDetector> detector;
//   emolens::Status s = emolens::detect::FaceDetector::create(&short_model, &full_model,
//                                                            emolens::detect::DetectorOptions{}, detector);
//   std::vector<emolens::detect::Detection> faces;
//   s = detector->detect(frame_view, faces);   // boxes and keypoints in frame pixels, best first
//
// Per pass: letterbox the frame (or a tile of it) into the network input, run, decode the 896 or
// 2304 anchors, map back to frame pixels; then one weighted NMS over every pass, and each face's
// square BlazeFace box reshaped to a forehead-to-chin face box (detect/face_box.h).
#pragma once
#include <memory>
#include <vector>

#include "core/status.h"
#include "detect/detection.h"
#include "detect/edge_faces.h"
#include "detect/ssd_anchors.h"
#include "detect/weighted_nms.h"
#include "image/image.h"
#include "nn/engine.h"

namespace emolens::detect {

enum class DetectorRange {
  automatic,    // short range for camera-sized frames (longest side <= 640), full range above
  short_range,  // 128x128, faces filling much of the frame (selfie, webcam): fast
  full_range,   // 192x192, small faces too; big photos are tiled (see min_face_size); plus one short-range pass when that model is given, and one over the photo inside a grey margin for faces cut by its edge
};

struct DetectorOptions {
  DetectorRange range = DetectorRange::automatic;
  float score_threshold = 0.5f;   // MediaPipe's min_score_thresh for both models
  float min_face_size = 20.0f;    // frame pixels (BlazeFace's square side): smaller faces are dropped; full range tiles big photos so faces this small are found
  int max_faces = 0;              // keep the best-scoring faces only; 0 keeps all
  float nms_threshold = kBlazeFaceSuppressionThreshold;  // IoU above which detections merge
  int threads = 1;                // engine threads
};

class FaceDetector {
 public:
  // Either model may be null when the options never need it; both are copied.
  static Status create(const nn::Model* short_range, const nn::Model* full_range, const DetectorOptions& options,
                       std::unique_ptr<FaceDetector>& out);

  Status detect(const ImageView& frame, std::vector<Detection>& faces);  // not thread-safe: one detector per stream
  const DetectorOptions& options() const { return options_; }

 private:
  struct Network {  // one BlazeFace variant, ready to run
    std::unique_ptr<nn::Engine> engine;
    std::vector<Point2> anchors;
    int input_size = 0;
  };

  explicit FaceDetector(const DetectorOptions& options) : options_(options) {}
  static Status network_create(const nn::Model& model, const AnchorOptions& anchors, int threads, Network& out);
  Status detect_in(Network& network, const ImageView& frame, int tile_x, int tile_y, std::vector<Detection>& found);
  Status detect_edge_faces(const ImageView& frame, std::vector<Detection>& found);

  DetectorOptions options_;
  Network short_range_, full_range_;
  EdgeCanvas edge_canvas_;       // reused between photos
  std::vector<Detection> found_;  // every pass's detections, then the merged faces: reused between frames
};

}  // namespace emolens::detect
