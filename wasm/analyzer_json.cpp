#include "analyzer_json.h"

#include <cmath>

namespace emolens::js {

using nlohmann::json;

namespace {

Status bad_option(const std::string& message) { return Status::error("invalid_argument", message); }

json emotion_object(const EmotionScores& scores) {
  json out = json::object();
  for (int k = 0; k < kEmotionCount; ++k) out[kEmotionLabels[k]] = scores[k];
  return out;
}

template <typename Histogram>
json histogram_json(const Histogram& histogram) {
  json counts = json::object(), seconds = json::object();
  for (int k = 0; k < kEmotionCount; ++k) {
    counts[kEmotionLabels[k]] = histogram.counts[k];
    seconds[kEmotionLabels[k]] = histogram.seconds[k];
  }
  return {{"counts", counts}, {"seconds", seconds}};
}

// Reads a number option; JSON has no NaN or infinity, so JS's NaN arrives as null and is refused.
Status read_number(const json& value, const std::string& key, double& out) {
  if (!value.is_number()) return bad_option("option " + key + " must be a number");
  out = value.get<double>();
  if (!std::isfinite(out)) return bad_option("option " + key + " must be finite");
  return Status();
}

}  // namespace

Status analyzer_options_from_json(const std::string& text, AnalyzerOptions& out) {
  out = analyzer_default_options();
  const json options = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (options.is_discarded() || !options.is_object()) return bad_option("options must be a JSON object");
  for (const auto& [key, value] : options.items()) {
    if (key == "range") {
      const std::string range = value.is_string() ? value.get<std::string>() : "";
      if (range == "auto") out.range = detect::DetectorRange::automatic;
      else if (range == "short") out.range = detect::DetectorRange::short_range;
      else if (range == "full") out.range = detect::DetectorRange::full_range;
      else return bad_option("option range must be \"auto\", \"short\" or \"full\"");
      continue;
    }
    double number = 0;
    Status status = read_number(value, key, number);
    if (key == "maxFaces" || key == "minFaceSize" || key == "detectEvery" || key == "smoothing" ||
        key == "minDetectionScore" || key == "threads" || key == "maxPixels") {
      if (!status.ok()) return status;
      // Clamp before converting to int so that absurd values stay absurd (and are refused below)
      // instead of overflowing.
      const double clamped = std::max(-1.0, std::min(number, 1e15));
      if (key == "maxFaces") out.max_faces = static_cast<int>(std::min(clamped, 1e6));
      else if (key == "minFaceSize") out.min_face_size = static_cast<float>(clamped);
      else if (key == "detectEvery") out.detect_every = static_cast<int>(std::min(clamped, 1e6));
      else if (key == "smoothing") out.smoothing = static_cast<float>(clamped);
      else if (key == "minDetectionScore") out.min_detection_score = static_cast<float>(clamped);
      else if (key == "threads") out.threads = static_cast<int>(std::min(clamped, 1e6));
      else out.max_pixels = static_cast<int64_t>(clamped);
      if (key != "smoothing" && key != "minDetectionScore" && key != "minFaceSize" && number != std::floor(number)) {
        return bad_option("option " + key + " must be a whole number");
      }
      continue;
    }
    return bad_option("unknown option \"" + key + "\"");
  }
  return analyzer_options_check(out);
}

json frame_result_json(const FrameResult& result) {
  json faces = json::array();
  for (const FaceResult& face : result.faces) {
    const detect::Detection& d = face.detection;
    json keypoints = json::array();
    for (const detect::Point2& p : d.keypoints) keypoints.push_back({{"x", p.x}, {"y", p.y}});
    faces.push_back({
        {"id", face.id},
        {"box", {{"x", d.x}, {"y", d.y}, {"width", d.width}, {"height", d.height}}},
        {"score", d.score},
        {"keypoints", keypoints},
        {"predicted", face.predicted},
        {"label", kEmotionLabels[face.label]},
        {"confidence", face.confidence},
        {"probabilities", emotion_object(face.smoothed)},
        {"rawProbabilities", emotion_object(face.probabilities)},
    });
  }
  const StageTimings& t = result.timings;
  return {
      {"timestampMs", result.timestamp_ms},
      {"width", result.width},
      {"height", result.height},
      {"detectorRan", result.detector_ran},
      {"faces", faces},
      {"timings", {{"detectMs", t.detect}, {"trackMs", t.track}, {"classifyMs", t.classify}, {"totalMs", t.total}}},
  };
}

json analyzer_stats_json(const Analyzer& analyzer) {
  const ExpressionStats& stats = analyzer.stats();
  json tracks = json::array();
  for (int id : stats.track_ids()) {
    json entry = histogram_json(*stats.track(id));
    entry["id"] = id;
    tracks.push_back(entry);
  }
  json timeline = json::array();
  const ExpressionTimeline& series = analyzer.timeline();
  for (int i = 0; i < series.size(); ++i) {
    const TimelineSample sample = series.sample(i);
    timeline.push_back({{"timeMs", sample.time_ms}, {"probabilities", emotion_object(sample.probs)}});
  }
  return {{"labels", kEmotionLabels}, {"session", histogram_json(stats.session())}, {"tracks", tracks},
          {"timeline", timeline}};
}

}  // namespace emolens::js
