// 2x3 affine transforms between pixel coordinate systems (continuous coordinates, OpenCV layout).
#pragma once

namespace emolens {

struct Point2 {
  double x = 0.0;
  double y = 0.0;
};

struct Affine {
  // x' = m[0] x + m[1] y + m[2],  y' = m[3] x + m[4] y + m[5]  (cv::Mat 2x3, row-major)
  double m[6] = {1.0, 0.0, 0.0, 0.0, 1.0, 0.0};
};

Point2 affine_apply(const Affine& a, Point2 p);               // a(p)
Affine affine_compose(const Affine& outer, const Affine& inner);  // p -> outer(inner(p))
bool affine_is_finite(const Affine& a);                        // no NaN or infinity
// The inverse by OpenCV's own formula (the one cv::warpAffine applies without WARP_INVERSE_MAP),
// so warping with it reproduces cv::warpAffine bit for bit. False if singular or not finite.
bool affine_invert(const Affine& a, Affine* out);
// The same map for pixel-index coordinates (pixel centres at integers, the convention of
// warp_affine and cv::warpAffine) from one in continuous coordinates (centres at +0.5).
Affine affine_to_pixel_indices(const Affine& continuous);

}  // namespace emolens
