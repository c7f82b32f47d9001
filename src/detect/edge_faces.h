// Faces cut by the photo's edge. BlazeFace only sees what is inside its input, so a face a third
// outside the photo often scores too low or not at all. Drawing the photo smaller inside a grey
// margin lets the model see the face's missing part as "something there"; but that pass also adds
// false positives inside the photo (it lowered WIDER AP, cli/detect-eval/README.md), so only its
// detections that reach the photo's edge are kept: the faces no other pass can find.
#pragma once

#include "detect/detection.h"
#include "image/image.h"

namespace emolens::detect {

// Margin on each side, as a share of the photo's longest side. With the full-range model, 0.15-0.2
// lifts the selfie-taker of deepface_selfie-many-people.jpg (a third outside) over 0.5; 0.1 and
// 0.25-0.3 leave it under (looked at 0.1-0.5).
constexpr float kEdgeMarginShare = 0.2f;
// A detection this close to an edge (share of its larger side, frame pixels) counts as reaching it.
constexpr float kEdgeTolerance = 0.05f;

// The photo shrunk into a size x size canvas, centred inside a mid-grey margin of margin_share of
// its longest side; frame = (canvas - origin) * scale.
struct EdgeCanvas {
  Image image;
  double origin_x = 0, origin_y = 0;
  double scale_x = 1, scale_y = 1;
};
ImageStatus edge_canvas(const ImageView& frame, int size, float margin_share, EdgeCanvas& out);

// Canvas coordinates -> frame coordinates (box and keypoints).
Detection edge_canvas_to_frame(const Detection& d, const EdgeCanvas& canvas);

// Whether the box reaches past an edge of the frame or within tolerance * its larger side of one.
bool reaches_frame_edge(const Detection& d, int frame_width, int frame_height, float tolerance);

}  // namespace emolens::detect
