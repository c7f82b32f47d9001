// Builds small emolens models in memory (manifest JSON + weight blob) for tests, with seeded
// random weights, so every test goes through the real loader.
#pragma once
#include <fp16.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "nn/model.h"

namespace emolens::test {

class ModelBuilder {
 public:
  explicit ModelBuilder(const nn::Shape& input_shape, unsigned seed = 1) : rng_(seed) {
    manifest["format"] = "emolens-model";
    manifest["version"] = 1;
    manifest["name"] = "test";
    manifest["input"] = {{"name", "input"}, {"shape", input_shape}, {"colour", "rgb"}, {"scale", 1.0}, {"offset", 0.0}};
    manifest["weights"] = nlohmann::json::array();
    manifest["ops"] = nlohmann::json::array();
  }

  // A weight of uniform random values in [lo, hi), stored as f32 or f16 at the next 16-byte offset.
  std::string weight(const std::string& name, const nn::Shape& shape, const char* dtype = "f32", float lo = -1.0f,
                     float hi = 1.0f) {
    const size_t count = nn::shape_elements(shape), bytes_per = std::string(dtype) == "f16" ? 2 : 4;
    const size_t offset = (bin.size() + 15) / 16 * 16;
    bin.resize(offset + count * bytes_per, 0);
    std::uniform_real_distribution<float> dist(lo, hi);
    for (size_t i = 0; i < count; ++i) {
      const float v = dist(rng_);
      if (bytes_per == 4) {
        std::memcpy(&bin[offset + 4 * i], &v, 4);
      } else {
        const uint16_t h = fp16_ieee_from_fp32_value(v);
        std::memcpy(&bin[offset + 2 * i], &h, 2);
      }
    }
    manifest["weights"].push_back({{"name", name}, {"shape", shape}, {"dtype", dtype}, {"offset", offset}, {"size", count * bytes_per}});
    return name;
  }

  void op(nlohmann::json op) { manifest["ops"].push_back(std::move(op)); }  // appended in run order
  void outputs(const std::vector<std::string>& names) { manifest["outputs"] = names; }

  Status load(nn::Model& model) const { return nn::model_load(manifest.dump(), bin.data(), bin.size(), model); }

  nlohmann::json manifest;
  std::vector<uint8_t> bin;

 private:
  std::mt19937 rng_;
};

}  // namespace emolens::test
