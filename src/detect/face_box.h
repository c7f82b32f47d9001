// The box a caller gets for a face. BlazeFace regresses a square around the eyes, nose and mouth;
// people (and WIDER FACE, the benchmark face detectors are compared on) draw a face from the top
// of the forehead to the chin, narrower than it is tall. face_box turns the first into the second,
// so boxes line up with what a person would draw; keypoints and score are unchanged.
#pragma once
#include "detect/detection.h"

namespace emolens::detect {

// Shape of the face box, in units of BlazeFace's square side s: width and height, and how far its
// centre sits above the square's. Medians of WIDER box / BlazeFace box for faces taller than 96 px
// in the even-numbered images of ../shared/data/wider (the odd ones stay for checking: `emolens
// eval-detect --half even|odd`, figures in cli/detect-eval/README.md).
struct FaceBoxShape {
  float width = 0.86f;
  float height = 1.21f;
  float raise = 0.055f;
};

Detection face_box(const Detection& blazeface, const FaceBoxShape& shape = FaceBoxShape{});  // same centre x; reshaped box

}  // namespace emolens::detect
