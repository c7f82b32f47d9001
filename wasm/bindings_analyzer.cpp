// The analyzer for JS (embind). Thin: JSON in and out, frames read in place from the wasm heap.
// wasm/emolens.mjs wraps this into createAnalyzer() with typed errors.
#include <emscripten/bind.h>

#include <memory>
#include <string>

#include "analyzer_json.h"
#include "emolens.h"
#include "js_error.h"

namespace {

using emolens::Status;
using emolens::js::error_json;

Status load_model(const std::string& json_text, const std::string& bin, const char* what, emolens::nn::Model& out) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(bin.data());
  return emolens::js::model_status(emolens::nn::model_load(json_text, bytes, bin.size(), out), what);
}

class JsAnalyzer {
 public:
  // Returns "{}" or an error object; the analyzer is usable only after "{}".
  std::string init(const std::string& options_json, const std::string& short_json, const std::string& short_bin,
                   const std::string& expression_json, const std::string& expression_bin) {
    emolens::AnalyzerOptions options;
    Status status = emolens::js::analyzer_options_from_json(options_json, options);
    if (!status.ok()) return error_json(status);
    emolens::nn::Model short_range, expression;
    if (!(status = load_model(short_json, short_bin, "face detector", short_range)).ok()) return error_json(status);
    if (!(status = load_model(expression_json, expression_bin, "expression model", expression)).ok()) {
      return error_json(status);
    }
    status = emolens::Analyzer::create({&short_range, nullptr, &expression}, options, analyzer_);
    return status.ok() ? "{}" : error_json(status);
  }

  std::string add_full_range_model(const std::string& json_text, const std::string& bin) {
    emolens::nn::Model model;
    Status status = load_model(json_text, bin, "full-range face detector", model);
    if (status.ok()) status = analyzer_->set_full_range_model(model).prefix("full-range face detector");
    return status.ok() ? "{}" : error_json(status);
  }

  bool has_full_range() const { return analyzer_->has_full_range(); }

  // rgba: a heap address holding width * height * 4 bytes (the JS side checked the length).
  std::string analyze(uintptr_t rgba, int width, int height, double timestamp_ms) {
    const emolens::ImageView frame = emolens::image_view(reinterpret_cast<const uint8_t*>(rgba), width, height,
                                                         emolens::PixelFormat::rgba);
    const Status status = analyzer_->analyze(frame, timestamp_ms, result_);
    return status.ok() ? emolens::js::frame_result_json(result_).dump() : error_json(status);
  }

  std::string analyze_image(const std::string& bytes, double max_pixels) {
    emolens::ImageLimits limits;
    limits.max_pixels = static_cast<int64_t>(max_pixels);
    const emolens::DecodeResult decoded =
        emolens::image_decode(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), limits, photo_);
    if (decoded.error != emolens::DecodeError::none) return error_json(emolens::js::decode_status(decoded));
    const Status status = analyzer_->analyze_photo(photo_.view(), result_);
    photo_ = emolens::Image();  // a photo can be large: do not keep it between calls
    return status.ok() ? emolens::js::frame_result_json(result_).dump() : error_json(status);
  }

  std::string stats() const { return emolens::js::analyzer_stats_json(*analyzer_).dump(); }
  void reset() { analyzer_->reset(); }

 private:
  std::unique_ptr<emolens::Analyzer> analyzer_;
  emolens::FrameResult result_;
  emolens::Image photo_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(emolens_analyzer) {
  emscripten::class_<JsAnalyzer>("NativeAnalyzer")
      .constructor<>()
      .function("init", &JsAnalyzer::init)
      .function("addFullRangeModel", &JsAnalyzer::add_full_range_model)
      .function("hasFullRange", &JsAnalyzer::has_full_range)
      .function("analyze", &JsAnalyzer::analyze)
      .function("analyzeImage", &JsAnalyzer::analyze_image)
      .function("stats", &JsAnalyzer::stats)
      .function("reset", &JsAnalyzer::reset);
}
