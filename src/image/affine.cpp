#include "image/affine.h"

#include <cmath>

namespace emolens {

Point2 affine_apply(const Affine& a, Point2 p) {
  return {a.m[0] * p.x + a.m[1] * p.y + a.m[2], a.m[3] * p.x + a.m[4] * p.y + a.m[5]};
}

Affine affine_compose(const Affine& outer, const Affine& inner) {
  const double* o = outer.m;
  const double* i = inner.m;
  Affine r;
  r.m[0] = o[0] * i[0] + o[1] * i[3];
  r.m[1] = o[0] * i[1] + o[1] * i[4];
  r.m[2] = o[0] * i[2] + o[1] * i[5] + o[2];
  r.m[3] = o[3] * i[0] + o[4] * i[3];
  r.m[4] = o[3] * i[1] + o[4] * i[4];
  r.m[5] = o[3] * i[2] + o[4] * i[5] + o[5];
  return r;
}

bool affine_is_finite(const Affine& a) {
  for (double v : a.m)
    if (!std::isfinite(v)) return false;
  return true;
}

Affine affine_to_pixel_indices(const Affine& continuous) {
  // index -> continuous (+0.5), map, continuous -> index (-0.5).
  Affine r = continuous;
  r.m[2] += 0.5 * (continuous.m[0] + continuous.m[1]) - 0.5;
  r.m[5] += 0.5 * (continuous.m[3] + continuous.m[4]) - 0.5;
  return r;
}

bool affine_invert(const Affine& a, Affine* out) {
  if (!affine_is_finite(a)) return false;
  double d = a.m[0] * a.m[4] - a.m[1] * a.m[3];
  if (d == 0.0) return false;
  d = 1.0 / d;
  Affine r;
  r.m[0] = a.m[4] * d;
  r.m[1] = a.m[1] * -d;
  r.m[3] = a.m[3] * -d;
  r.m[4] = a.m[0] * d;
  r.m[2] = -r.m[0] * a.m[2] - r.m[1] * a.m[5];
  r.m[5] = -r.m[3] * a.m[2] - r.m[4] * a.m[5];
  if (!affine_is_finite(r)) return false;
  *out = r;
  return true;
}

}  // namespace emolens
