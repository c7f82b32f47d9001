#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "detect/tiling.h"

using namespace emolens::detect;

TEST_CASE("detection_tiles: one pass when the smallest face stays big enough in the whole frame") {
  const std::vector<Tile> tiles = detection_tiles(640, 480, 40, 192, 10);  // 40 px -> 12 px in 192
  REQUIRE(tiles.size() == 1);
  CHECK((tiles[0].width == 640 && tiles[0].height == 480));
}

TEST_CASE("detection_tiles: every face from min_face_size up is whole and big enough in some tile of a 4000x3000 photo") {
  const int width = 4000, height = 3000, input = 192;
  const float min_face = 20, smallest_in_input = 10;
  const std::vector<Tile> tiles = detection_tiles(width, height, min_face, input, smallest_in_input);
  CHECK((tiles.back().x == 0 && tiles.back().width == width && tiles.back().height == height));
  CHECK(tiles.size() < 300);
  std::mt19937 rng(5);
  for (int trial = 0; trial < 2000; ++trial) {
    const int face = std::uniform_int_distribution<int>(static_cast<int>(min_face), 2500)(rng);
    const int x = std::uniform_int_distribution<int>(0, width - face)(rng);
    const int y = std::uniform_int_distribution<int>(0, height - face)(rng);
    bool found = false;
    for (const Tile& t : tiles) {
      const bool whole = x >= t.x && y >= t.y && x + face <= t.x + t.width && y + face <= t.y + t.height;
      const float in_input = face * static_cast<float>(input) / std::max(t.width, t.height);
      found = found || (whole && in_input >= smallest_in_input);
    }
    INFO("face " << face << " px at " << x << "," << y);
    CHECK(found);
  }
}
