// Writes an EmoModel as <dir>/<name>.json + <dir>/<name>.bin (models/README.md).
#pragma once
#include <string>

#include "emo_model.h"

namespace tflite2emo {

struct ManifestInfo {
  std::string name;
  std::string colour;             // "rgb" | "grey"
  double scale = 1.0, offset = 0.0;  // float = pixel_uint8 * scale + offset
  nlohmann::ordered_json provenance;
};

std::string emo_write(const EmoModel& model, const ManifestInfo& info, const std::string& dir);  // error or ""

}  // namespace tflite2emo
