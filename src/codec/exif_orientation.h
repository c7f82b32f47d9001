// The EXIF Orientation tag (0x0112) of a JPEG: how the stored pixels must be flipped or turned to
// show the picture upright, as browsers do when they display a photo from a phone.
//
// Basic usage:
//   const int orientation = emolens::jpeg_exif_orientation(bytes, size);  // 1..8, 1 = as stored
//   image_orient(stored_view, orientation, upright_view);                  // image/orient.h
//
// The bytes come from strangers: every offset and count is checked against the segment it lies
// in, only IFD0 is read (no links are followed, so no loops), and anything malformed, missing or
// out of range gives 1 (shown as stored), never an error.
#pragma once
#include <cstddef>
#include <cstdint>

namespace emolens {

// The Orientation of the first APP1 "Exif" segment before the JPEG's first scan; 1 when there is
// none, when it is malformed, or when the bytes are not a JPEG.
int jpeg_exif_orientation(const uint8_t* bytes, size_t size);

// The same read from the TIFF structure inside an Exif segment (after "Exif\0\0"): byte order
// "II" or "MM", IFD0, the tag as one SHORT of value 1..8; 1 otherwise.
int tiff_orientation(const uint8_t* tiff, size_t size);

}  // namespace emolens
