#include "image/orient.h"

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace emolens {

namespace {

// Where output pixel (x, y) is read from: source (x0 + x*xx + y*yx, y0 + x*xy + y*yy).
struct SourceWalk {
  int x0, y0;
  int xx, xy;  // source step per output column
  int yx, yy;  // source step per output row
};

SourceWalk walk_for(int orientation, int width, int height) {
  const int right = width - 1, bottom = height - 1;
  switch (orientation) {
    case 2: return {right, 0, -1, 0, 0, 1};
    case 3: return {right, bottom, -1, 0, 0, -1};
    case 4: return {0, bottom, 1, 0, 0, -1};
    case 5: return {0, 0, 0, 1, 1, 0};
    case 6: return {0, bottom, 0, -1, 1, 0};
    case 7: return {right, bottom, 0, -1, -1, 0};
    case 8: return {right, 0, 0, 1, -1, 0};
    default: return {0, 0, 1, 0, 0, 1};
  }
}

// Orientations 1-4 keep rows as rows: each output row is a source row, copied or reversed.
template <int kChannels>
void copy_rows(const ImageView& src, const SourceWalk& walk, const MutableImageView& dst) {
  for (int y = 0; y < dst.height; ++y) {
    const uint8_t* from = src.row(walk.y0 + y * walk.yy);
    uint8_t* to = dst.row(y);
    if (walk.xx == 1) {
      std::memcpy(to, from, static_cast<size_t>(dst.width) * kChannels);
      continue;
    }
    for (int x = 0; x < dst.width; ++x) std::memcpy(to + x * kChannels, from + (walk.x0 - x) * kChannels, kChannels);
  }
}

// Orientations 5-8 turn columns into rows: copied in tiles, so that the source columns of a large
// photo are walked a cache-friendly piece at a time.
template <int kChannels>
void copy_columns(const ImageView& src, const SourceWalk& walk, const MutableImageView& dst) {
  constexpr int kTile = 64;
  const ptrdiff_t step_x = walk.xy * static_cast<ptrdiff_t>(src.stride);  // bytes per output column
  const ptrdiff_t step_y = walk.yx * kChannels;                           // bytes per output row
  const uint8_t* origin = src.row(walk.y0) + static_cast<ptrdiff_t>(walk.x0) * kChannels;
  for (int ty = 0; ty < dst.height; ty += kTile) {
    const int y_end = std::min(dst.height, ty + kTile);
    for (int tx = 0; tx < dst.width; tx += kTile) {
      const int x_end = std::min(dst.width, tx + kTile);
      for (int y = ty; y < y_end; ++y) {
        const uint8_t* from = origin + y * step_y;
        uint8_t* to = dst.row(y);
        for (int x = tx; x < x_end; ++x) std::memcpy(to + x * kChannels, from + x * step_x, kChannels);
      }
    }
  }
}

template <int kChannels>
void copy_oriented(const ImageView& src, int orientation, const MutableImageView& dst) {
  const SourceWalk walk = walk_for(orientation, src.width, src.height);
  if (orient_swaps_sides(orientation)) copy_columns<kChannels>(src, walk, dst);
  else copy_rows<kChannels>(src, walk, dst);
}

}  // namespace

bool orient_swaps_sides(int orientation) { return orientation >= 5 && orientation <= 8; }

ImageStatus image_orient(const ImageView& src, int orientation, const MutableImageView& dst) {
  if (const ImageStatus s = image_check(src); s != ImageStatus::ok) return s;
  if (const ImageStatus s = image_check(dst); s != ImageStatus::ok) return s;
  if (orientation < 1 || orientation > 8) return ImageStatus::bad_transform;
  if (dst.format != src.format) return ImageStatus::bad_format;
  if (dst.width != orient_width(src.width, src.height, orientation) ||
      dst.height != orient_height(src.width, src.height, orientation)) {
    return ImageStatus::bad_size;
  }
  switch (src.format) {
    case PixelFormat::grey: copy_oriented<1>(src, orientation, dst); break;
    case PixelFormat::rgb: copy_oriented<3>(src, orientation, dst); break;
    case PixelFormat::rgba: copy_oriented<4>(src, orientation, dst); break;
  }
  return ImageStatus::ok;
}

}  // namespace emolens
