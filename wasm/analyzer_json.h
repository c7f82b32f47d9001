// The analyzer's JSON face for JS (nlohmann/json): options in, results and statistics out. Key names
// are the JS API's (camelCase); wasm/emolens.d.ts documents the same shapes. Errors: js_error.h.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "emolens.h"

namespace emolens::js {

// Options from a JSON object; absent keys keep their defaults. "invalid_argument" for unknown
// keys, wrong types and out-of-range values.
Status analyzer_options_from_json(const std::string& text, AnalyzerOptions& out);

nlohmann::json frame_result_json(const FrameResult& result);  // {width, height, faces: [...], timings, ...}
nlohmann::json analyzer_stats_json(const Analyzer& analyzer);   // {session, tracks, timeline}

}  // namespace emolens::js
