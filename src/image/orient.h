// Orient: flip or turn an image by one of the 8 EXIF orientations, so a phone photo stored
// sideways comes out as browsers show it (codec/exif_orientation.h reads the value).
//
//   1 as stored            2 flipped left-right     3 turned 180°            4 flipped top-bottom
//   5 transposed (mirrored across the main diagonal)  6 turned 90° clockwise
//   7 transversed (mirrored across the other diagonal) 8 turned 90° counter-clockwise
//
// Basic usage:
//   Image upright;
//   upright.reset(orient_width(w, h, o), orient_height(w, h, o), PixelFormat::rgba, limits);
//   image_orient(stored.view(), o, upright.view());
#pragma once
#include "image/image.h"

namespace emolens {

bool orient_swaps_sides(int orientation);  // true for 5..8, whose output is height x width
inline int orient_width(int width, int height, int orientation) { return orient_swaps_sides(orientation) ? height : width; }
inline int orient_height(int width, int height, int orientation) { return orient_swaps_sides(orientation) ? width : height; }

// dst = src shown upright as `orientation` (1..8) says. dst has src's format and its size with the
// sides swapped for 5..8, and does not overlap src. bad_transform for an orientation outside 1..8,
// bad_size / bad_format when dst does not match.
ImageStatus image_orient(const ImageView& src, int orientation, const MutableImageView& dst);

}  // namespace emolens
