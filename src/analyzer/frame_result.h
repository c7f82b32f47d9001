// What the analyzer reports for one frame or photo.
#pragma once
#include <vector>

#include "core/emotions.h"
#include "detect/detection.h"

namespace emolens {

struct FaceResult {
  int id = 0;                    // stable track id in a stream (>= 1); 1..n by position in a photo
  detect::Detection detection;   // box, 6 keypoints and detector score, in frame pixels
  bool predicted = false;        // box carried by the tracker between detector runs (detect_every > 1)
  EmotionScores probabilities{}; // this frame's classifier output
  EmotionScores smoothed{};      // after temporal smoothing (equal to probabilities for photos)
  int label = 0;                 // index into kEmotionLabels of the smoothed argmax
  float confidence = 0.0f;       // smoothed probability of that label
};

struct StageTimings {            // milliseconds spent in each stage of this frame
  double detect = 0, track = 0, classify = 0, total = 0;  // classify includes aligning the crop
};

struct FrameResult {
  double timestamp_ms = 0;       // as given by the caller (0 for photos)
  int width = 0, height = 0;     // frame size in pixels
  bool detector_ran = false;     // false on frames where the tracker predicted the boxes
  std::vector<FaceResult> faces; // best detector score first in photos, by track id in streams
  StageTimings timings;
};

}  // namespace emolens
