// Image buffers: 8-bit grey / RGB / RGBA pixels of any size and row stride.
//  - ImageView / MutableImageView point at pixels someone else owns (a camera frame, a wasm heap
//    buffer, a sub-rectangle of another image); Image owns its pixels (contiguous rows).
//  - Every op checks its views first (image_check) and returns an ImageStatus; nothing throws.
//  - Allocation goes through ImageLimits so a hostile size (a 100000x100000 "photo") is refused
//    before any memory is touched.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "image/image_status.h"

namespace emolens {

enum class PixelFormat { grey = 1, rgb = 3, rgba = 4 };  // value = bytes per pixel

inline int pixel_channels(PixelFormat format) { return static_cast<int>(format); }

// Sides are capped at 32767 because OpenCV's warp (whose results we reproduce) keeps source
// coordinates in int16, and because it keeps every index product far from int overflow.
constexpr int kMaxImageSide = 32767;

struct ImageView {
  const uint8_t* data = nullptr;          // first byte of row 0
  int width = 0;                          // pixels per row
  int height = 0;                         // rows
  PixelFormat format = PixelFormat::rgba; // channel order R, G, B, A
  size_t stride = 0;                      // bytes from one row to the next (>= width * channels)

  const uint8_t* row(int y) const { return data + static_cast<size_t>(y) * stride; }
  int channels() const { return pixel_channels(format); }
};

struct MutableImageView {
  uint8_t* data = nullptr;                // first byte of row 0
  int width = 0;                          // pixels per row
  int height = 0;                         // rows
  PixelFormat format = PixelFormat::rgba; // channel order R, G, B, A
  size_t stride = 0;                      // bytes from one row to the next (>= width * channels)

  uint8_t* row(int y) const { return data + static_cast<size_t>(y) * stride; }
  int channels() const { return pixel_channels(format); }
  operator ImageView() const { return {data, width, height, format, stride}; }
};

// A view of caller memory; stride 0 means rows are packed (width * channels bytes).
ImageView image_view(const uint8_t* data, int width, int height, PixelFormat format, size_t stride = 0);
MutableImageView image_view(uint8_t* data, int width, int height, PixelFormat format, size_t stride = 0);

ImageStatus image_check(const ImageView& view);  // ok if data, sizes, format and stride are usable

// The sub-rectangle [x, x+width) x [y, y+height) of `view`, sharing its pixels; bad_size if it
// does not lie inside.
ImageStatus image_subview(const ImageView& view, int x, int y, int width, int height, ImageView* out);
ImageStatus image_subview(const MutableImageView& view, int x, int y, int width, int height,
                          MutableImageView* out);

void image_fill(const MutableImageView& view, const uint8_t value[4]);  // every pixel = value[0..channels)

struct ImageLimits {
  int64_t max_pixels = int64_t{64} << 20;  // largest width*height an Image may allocate (64 Mpx)
};

// ok if an image of this size may be allocated under `limits` (checked before allocating).
ImageStatus image_check_size(int width, int height, PixelFormat format, const ImageLimits& limits);

// An image that owns its pixels, rows packed. Empty (0x0) until reset succeeds.
class Image {
 public:
  ImageStatus reset(int width, int height, PixelFormat format, const ImageLimits& limits = {});  // reallocate, pixels zeroed; on error the image is left empty

  ImageView view() const { return {pixels_.data(), width_, height_, format_, row_bytes()}; }
  MutableImageView view() { return {pixels_.data(), width_, height_, format_, row_bytes()}; }
  int width() const { return width_; }
  int height() const { return height_; }
  PixelFormat format() const { return format_; }
  bool empty() const { return pixels_.empty(); }

 private:
  size_t row_bytes() const { return static_cast<size_t>(width_) * pixel_channels(format_); }

  std::vector<uint8_t> pixels_;
  int width_ = 0;
  int height_ = 0;
  PixelFormat format_ = PixelFormat::rgba;
};

}  // namespace emolens
