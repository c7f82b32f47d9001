#include "detect/tiling.h"

#include <algorithm>
#include <cmath>

namespace emolens::detect {
namespace {

// Start positions covering [0, length) with tiles of `side`, neighbours overlapping by at least
// `overlap`, the last one flush with the end.
std::vector<int> tile_starts(int length, int side, int overlap) {
  if (side >= length) return {0};
  const int count = 1 + static_cast<int>(std::ceil(static_cast<double>(length - side) / (side - overlap)));
  std::vector<int> starts;
  for (int k = 0; k < count; ++k) starts.push_back(static_cast<int>(std::lround(static_cast<double>(length - side) * k / (count - 1))));
  return starts;
}

}  // namespace

std::vector<Tile> detection_tiles(int frame_width, int frame_height, float min_face_size, int input_size,
                                  float smallest_face_in_input) {
  std::vector<Tile> tiles;
  const int longest = std::max(frame_width, frame_height);
  // A tile this big still shows a min_face_size face at smallest_face_in_input network pixels;
  // never smaller than the input itself (upscaling adds no detail).
  const double finest = std::max<double>(input_size, min_face_size * input_size / smallest_face_in_input);
  for (double side = finest; side < longest; side *= 2) {
    const int s = static_cast<int>(side);
    // Faces this level is responsible for are up to twice its smallest: a quarter-tile overlap
    // keeps every such face whole in at least one tile.
    const int overlap = s / 4;
    for (int y : tile_starts(frame_height, std::min(s, frame_height), overlap)) {
      for (int x : tile_starts(frame_width, std::min(s, frame_width), overlap)) {
        tiles.push_back({x, y, std::min(s, frame_width), std::min(s, frame_height)});
      }
    }
  }
  tiles.push_back({0, 0, frame_width, frame_height});
  return tiles;
}

}  // namespace emolens::detect
