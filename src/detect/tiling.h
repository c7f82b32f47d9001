// Which parts of a big photo the detector looks at. One letterboxed pass shrinks a 4000x3000
// photo to 192x144, where a 20 px face is 1 px; so the photo is also cut into overlapping square
// tiles, a pyramid of levels each twice the tile size of the one before, so a face of any size
// from min_face_size up is big enough in some tile and whole in some tile.
#pragma once
#include <vector>

namespace emolens::detect {

struct Tile {
  int x = 0, y = 0, width = 0, height = 0;  // frame pixels
};

// The whole frame last; before it, as many tile levels as min_face_size needs. A face is found
// when it is at least smallest_face_in_input pixels in the input_size x input_size network input.
std::vector<Tile> detection_tiles(int frame_width, int frame_height, float min_face_size, int input_size,
                                  float smallest_face_in_input);

}  // namespace emolens::detect
