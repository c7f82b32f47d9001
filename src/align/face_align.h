// Face alignment: an upright, consistently framed crop for the expression classifier, from the
// detector's eye and mouth keypoints.
//
//   AlignParams params = align_default_params();          // 48x48 grey, FER2013-like framing
//   FaceGeometry face = {right_eye, left_eye, mouth, box}; // frame pixel coordinates
//   Image crop, scratch;
//   crop.reset(params.size, params.size, params.format);
//   ImageStatus s = face_align(frame, face, params, crop.view(), scratch);
//
// The transform is a similarity: rotation that makes the eye line horizontal, a scale from the
// inter-ocular and eye-to-mouth distances, and a translation putting the eye midpoint at a fixed
// place. Coordinates are continuous (pixel centres at +0.5), as the detector reports them.
#pragma once
#include "image/affine.h"
#include "image/image.h"
#include "image/warp_affine.h"

namespace emolens {

// FER2013 framing (the classifier is trained on FER2013): its 48x48 crops are tight face crops
// with the eyes about 35-40% from the top, about 40% of the width apart, and the mouth about as
// far below the eyes as they are apart. Fractions of the crop side; tune them together with the
// classifier's training crops.
constexpr double kFerEyeLineY = 0.38;      // eye midpoint height, from the top
constexpr double kFerEyeDistance = 0.40;   // inter-ocular distance
constexpr double kFerEyeToMouth = 0.40;    // eye midpoint to mouth centre

struct AlignParams {
  int size = 48;                              // output crop side (square)
  PixelFormat format = PixelFormat::grey;     // crop format; converted like cv::cvtColor
  double eye_line_y = kFerEyeLineY;           // fractions of `size`, see the constants above
  double eye_distance = kFerEyeDistance;
  double eye_to_mouth = kFerEyeToMouth;
  // Replicate: faces at the frame edge get smeared edge pixels rather than black bars, which
  // training crops never contain.
  BorderMode border = BorderMode::replicate;
};

AlignParams align_default_params();  // 48x48 grey, FER2013 framing, replicated border

// What alignment needs from a detection, in frame pixel coordinates. Nose and ears are not used:
// the nose leaves the symmetry axis as the head turns, and the far ear vanishes.
struct FaceGeometry {
  Point2 right_eye;       // the subject's right eye (image left for a frontal, unmirrored face)
  Point2 left_eye;
  Point2 mouth_centre;
  double box_x = 0.0;     // face box (top-left, size): used when the keypoints are degenerate
  double box_y = 0.0;
  double box_width = 0.0;
  double box_height = 0.0;
};

// The crop -> frame map (continuous coordinates). bad_transform for non-finite input or when
// keypoints and box are both degenerate; bad_size for a crop size outside 1..kMaxImageSide.
ImageStatus face_align_transform(const FaceGeometry& face, const AlignParams& params, Affine* crop_to_frame);

// Warp the face out of `frame` into `crop` (params.size square, params.format). `scratch` holds the
// crop in the frame's format when a colour conversion follows; it is reused across calls.
ImageStatus face_align(const ImageView& frame, const FaceGeometry& face, const AlignParams& params,
                       const MutableImageView& crop, Image& scratch);

}  // namespace emolens
