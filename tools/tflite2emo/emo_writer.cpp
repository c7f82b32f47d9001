#include "emo_writer.h"

#include <fstream>
#include <iterator>

namespace tflite2emo {

std::string emo_write(const EmoModel& model, const ManifestInfo& info, const std::string& dir) {
  using Json = nlohmann::ordered_json;
  Json weights = Json::array();
  std::string bin;
  for (const EmoWeight& w : model.weights) {
    bin.resize((bin.size() + 15) / 16 * 16, '\0');  // every weight starts on a 16-byte boundary
    weights.push_back({{"name", w.name}, {"shape", w.shape}, {"dtype", w.dtype}, {"offset", bin.size()}, {"size", w.bytes.size()}});
    bin.append(w.bytes.begin(), w.bytes.end());
  }
  const Json manifest = {
      {"format", "emolens-model"},
      {"version", 1},
      {"name", info.name},
      {"input", {{"name", model.input_name}, {"shape", model.input_shape}, {"colour", info.colour}, {"scale", info.scale}, {"offset", info.offset}}},
      {"outputs", model.outputs},
      {"weights", weights},
      {"ops", model.ops},
      {"provenance", info.provenance},
      {"metrics", Json::object()},
  };
  // One weight or op per line: diffable and readable without a JSON viewer.
  std::string text = "{\n";
  for (auto it = manifest.begin(); it != manifest.end(); ++it) {
    text += " " + Json(it.key()).dump() + ": ";
    if (it.value().is_array() && (it.key() == "weights" || it.key() == "ops")) {
      text += "[\n";
      for (size_t k = 0; k < it.value().size(); ++k) text += "  " + it.value()[k].dump() + (k + 1 < it.value().size() ? ",\n" : "\n");
      text += " ]";
    } else {
      text += it.value().dump();
    }
    text += std::next(it) == manifest.end() ? "\n}\n" : ",\n";
  }
  const std::string base = dir + "/" + info.name;
  std::ofstream bin_file(base + ".bin", std::ios::binary);
  bin_file.write(bin.data(), static_cast<std::streamsize>(bin.size()));
  std::ofstream json_file(base + ".json");
  json_file << text;
  if (!bin_file || !json_file) return "cannot write " + base + ".json/.bin";
  return {};
}

}  // namespace tflite2emo
