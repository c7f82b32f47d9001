// Fuzzes Analyzer::analyze() and analyze_photo() with the real models on frames of random size,
// row stride, pixel format and contents, two frames per input so tracking and smoothing run too.
// Input: 8 header bytes (below), then pixel bytes, repeated to fill the frame (zeros if none).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/analyzer.h"
#include "nn/model.h"

namespace {

using namespace emolens;

struct Models {
  nn::Model short_range, full_range, expression;
};

// Loaded once: the loader has its own target, and every input here starts a fresh Analyzer.
const Models& models() {
  static const Models* loaded = [] {
    auto* m = new Models;
    const std::string dir = EMOLENS_MODELS_DIR;
    for (auto [path, model] : {std::pair{dir + "/face_detection_short_range.json", &m->short_range},
                               std::pair{dir + "/face_detection_full_range.json", &m->full_range},
                               std::pair{std::string(EMOLENS_SOURCE_DIR) + "/models/expression.json", &m->expression}}) {
      const Status s = nn::model_load_files(path, *model);
      if (!s.ok()) {
        std::fprintf(stderr, "analyzer_fuzz: %s\n", s.message().c_str());
        std::abort();
      }
    }
    return m;
  }();
  return *loaded;
}

bool finite_result(const FrameResult& result) {
  for (const FaceResult& face : result.faces) {
    if (face.label < 0 || face.label >= kEmotionCount) return false;
    for (float p : face.smoothed)
      if (!std::isfinite(p) || p < 0 || p > 1.0001f) return false;
    if (!std::isfinite(face.detection.x) || !std::isfinite(face.detection.width)) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 8) return 0;
  // Header: width-1, height-1, stride slack, flags (bit 0 rgb, bit 1 photo, bits 2-4 detect_every-1,
  // bit 5 a second frame), max_faces, min_face_size, min_detection_score, smoothing.
  const int width = 1 + data[0], height = 1 + data[1];
  const PixelFormat format = (data[3] & 1) ? PixelFormat::rgb : PixelFormat::rgba;
  const bool photo = data[3] & 2;
  const int frames = 1 + ((data[3] >> 5) & 1);  // two at most: each frame runs the detector (slow under ASan)
  AnalyzerOptions options = analyzer_default_options();
  options.detect_every = 1 + ((data[3] >> 2) & 7);
  options.max_faces = 1 + data[4] % 16;
  options.min_face_size = 4.0f + data[5] % 64;
  options.min_detection_score = 0.05f + 0.9f * data[6] / 255.0f;
  options.smoothing = data[7] / 255.0f;
  // Slack -4..27 bytes: a few strides are shorter than a row, which the analyzer must refuse.
  const int64_t stride = std::max<int64_t>(0, int64_t{width} * pixel_channels(format) + data[2] % 32 - 4);
  const uint8_t* pixels = data + 8;
  const size_t pixel_bytes = size - 8;

  const Models& m = models();
  std::unique_ptr<Analyzer> analyzer;
  if (!Analyzer::create({&m.short_range, &m.full_range, &m.expression}, options, analyzer).ok()) std::abort();
  // Exactly the bytes a view of this stride reaches, so ASan sees any read past the last row.
  std::vector<uint8_t> frame(static_cast<size_t>(stride) * (height - 1) + size_t(width) * pixel_channels(format));
  FrameResult result;
  for (int f = 0; f < frames; ++f) {
    for (size_t i = 0; i < frame.size(); ++i) frame[i] = pixel_bytes ? pixels[(i + 7 * f) % pixel_bytes] : 0;
    const ImageView view{frame.data(), width, height, format, static_cast<size_t>(stride)};
    const Status s = photo ? analyzer->analyze_photo(view, result) : analyzer->analyze(view, 33.0 * f, result);
    if (!s.ok()) {
      if (s.message().empty() || s.code().empty()) std::abort();
      continue;
    }
    if (!finite_result(result)) std::abort();
  }
  return 0;
}
