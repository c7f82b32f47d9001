// What a caller can tune about the analysis, and the check that refuses nonsense before it is used.
#pragma once
#include <cstdint>

#include "core/status.h"
#include "detect/face_detector.h"

namespace emolens {

struct AnalyzerOptions {
  detect::DetectorRange range = detect::DetectorRange::automatic;  // camera frames: short range; photos: full range
  int max_faces = 20;              // most faces analysed per frame (best detector scores first), 1..256
  float min_face_size = 20.0f;     // frame pixels; smaller faces are ignored, >= 4
  int detect_every = 1;            // run the detector every k-th frame and track in between, 1..30
  float smoothing = 0.5f;          // temporal smoothing strength in [0, 1] (0: raw per-frame probabilities)
  float min_detection_score = 0.5f;  // detector confidence needed, in (0, 1)
  int threads = 1;                 // engine threads (only the threaded builds use more than 1), 1..16
  int64_t max_pixels = int64_t{64} << 20;  // largest frame or photo accepted (width * height), >= 1
};

AnalyzerOptions analyzer_default_options();            // the defaults above, spelled out
Status analyzer_options_check(const AnalyzerOptions& options);  // "invalid_argument" naming the bad option

}  // namespace emolens
