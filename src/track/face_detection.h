// What the tracker consumes: one detected face as a box, six keypoints and a score, in frame pixels.
// Minimal on purpose: the detector (src/detect) does not exist yet; when it does, the analyzer
// converts its output into these (or this header becomes an alias of the detector's types).
#pragma once
#include <array>

namespace emolens {

struct FaceBox {
  float x = 0, y = 0;           // top-left corner, pixels
  float width = 0, height = 0;  // pixels, > 0

  float center_x() const { return x + 0.5f * width; }   // horizontal centre, pixels
  float center_y() const { return y + 0.5f * height; }  // vertical centre, pixels
};

struct FacePoint {
  float x = 0, y = 0;  // pixels
};

// BlazeFace order: right eye, left eye, nose tip, mouth centre, right ear tragion, left ear tragion.
constexpr int kFaceKeypointCount = 6;

struct FaceDetection {
  FaceBox box;                                        // face rectangle
  std::array<FacePoint, kFaceKeypointCount> keypoints{};  // see kFaceKeypointCount for the order
  float score = 0;                                    // detector confidence in [0, 1]
};

float box_iou(const FaceBox& a, const FaceBox& b);  // intersection over union in [0, 1]; 0 for empty boxes
float box_size(const FaceBox& box);                 // sqrt(width * height): the length distances are measured in
FaceDetection detection_shifted(const FaceDetection& face, float dx, float dy);  // box and keypoints moved by (dx, dy)

}  // namespace emolens
