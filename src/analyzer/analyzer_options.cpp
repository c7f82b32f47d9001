#include "analyzer/analyzer_options.h"

#include <cmath>
#include <string>

namespace emolens {

AnalyzerOptions analyzer_default_options() { return AnalyzerOptions{}; }

namespace {

Status out_of_range(const char* name, double value, const char* allowed) {
  return Status::error("invalid_argument", std::string("option ") + name + " = " + std::to_string(value) +
                                               " is out of range (" + allowed + ")");
}

}  // namespace

Status analyzer_options_check(const AnalyzerOptions& o) {
  // Written as !(in range) so that NaN, which fails every comparison, is refused too.
  if (!(o.max_faces >= 1 && o.max_faces <= 256)) return out_of_range("maxFaces", o.max_faces, "1..256");
  if (!(o.min_face_size >= 4.0f && o.min_face_size <= 32767.0f)) {
    return out_of_range("minFaceSize", o.min_face_size, "4..32767 pixels");
  }
  if (!(o.detect_every >= 1 && o.detect_every <= 30)) return out_of_range("detectEvery", o.detect_every, "1..30");
  if (!(o.smoothing >= 0.0f && o.smoothing <= 1.0f)) return out_of_range("smoothing", o.smoothing, "0..1");
  if (!(o.min_detection_score > 0.0f && o.min_detection_score < 1.0f)) {
    return out_of_range("minDetectionScore", o.min_detection_score, "between 0 and 1");
  }
  if (!(o.threads >= 1 && o.threads <= 16)) return out_of_range("threads", o.threads, "1..16");
  if (!(o.max_pixels >= 1)) return out_of_range("maxPixels", static_cast<double>(o.max_pixels), ">= 1");
  return Status();
}

}  // namespace emolens
