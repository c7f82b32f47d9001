// JPEG and PNG bytes -> upright RGBA pixels (stb_image; a JPEG's EXIF orientation applied as browsers
// do), refusing hostile input before allocating.
//
// Basic usage:
//   emolens::Image rgba;
//   emolens::DecodeResult r = emolens::image_decode(bytes, size, emolens::ImageLimits{}, rgba);
//   if (r.error != emolens::DecodeError::none) show(r.message);
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "image/image.h"

namespace emolens {

enum class DecodeError {
  none,
  empty,         // no bytes
  unsupported,   // not a JPEG or PNG (a text file, a GIF, ...)
  corrupt,       // a JPEG/PNG header, but the data is truncated or damaged
  too_large,     // width*height above the caller's limit: refused before decoding
  bad_size,      // 0 pixels wide/high, or a side above kMaxImageSide
};

struct DecodeResult {
  DecodeError error = DecodeError::none;
  std::string message;  // for people; empty when error == none
  int orientation = 1;  // the JPEG's EXIF orientation applied to the pixels (1..8, 1 = as stored)
};

const char* decode_error_name(DecodeError error);  // "unsupported", "corrupt", ... for typed errors

// Decodes into `out` (RGBA, rows packed, turned upright: width and height are those shown, swapped
// against the stored ones for EXIF orientations 5..8). On error `out` is left empty.
DecodeResult image_decode(const uint8_t* bytes, size_t size, const ImageLimits& limits, Image& out);

}  // namespace emolens
