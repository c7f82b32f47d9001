// The converted model in memory, in the shape of our format (models/README.md): weights with
// their bytes, ops as manifest objects. emo_write() turns it into <name>.json + <name>.bin.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tflite2emo {

struct EmoWeight {
  std::string name;
  std::vector<int> shape;
  std::string dtype;            // "f32" | "f16"
  std::vector<uint8_t> bytes;   // little-endian, size == product(shape) * bytes(dtype)
};

struct EmoModel {
  std::string input_name;
  std::vector<int> input_shape;
  std::vector<std::string> outputs;
  std::vector<EmoWeight> weights;
  std::vector<nlohmann::ordered_json> ops;  // {"type", "inputs", "outputs", attributes...}
};

}  // namespace tflite2emo
