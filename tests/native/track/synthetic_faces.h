// Synthetic detections for tracker tests: a face at a centre and size, with keypoints laid out
// like BlazeFace's, and reproducible jitter.
#pragma once
#include <cstdint>
#include <random>

#include "detect/detection.h"

namespace emolens::test {

inline detect::Detection face_at(float center_x, float center_y, float size) {
  detect::Detection face;
  face.x = center_x - size / 2;
  face.y = center_y - size / 2;
  face.width = face.height = size;
  const float offsets[detect::keypoint_count][2] = {{-0.2f, -0.15f}, {0.2f, -0.15f}, {0, 0.05f},
                                                {0, 0.25f},      {-0.45f, 0},    {0.45f, 0}};
  for (int k = 0; k < detect::keypoint_count; ++k)
    face.keypoints[k] = {center_x + offsets[k][0] * size, center_y + offsets[k][1] * size};
  face.score = 0.9f;
  return face;
}

// Uniform noise in [-amplitude, amplitude] from mt19937's standardised raw output (the std
// distributions differ between standard libraries; this does not).
class Jitter {
 public:
  explicit Jitter(uint32_t seed) : engine_(seed) {}
  float operator()(float amplitude) {
    return amplitude * (2.0f * static_cast<float>(engine_() / 4294967296.0) - 1.0f);
  }

 private:
  std::mt19937 engine_;
};

}  // namespace emolens::test
