#include "detect/face_box.h"

#include <catch2/catch.hpp>

using emolens::detect::Detection;
using emolens::detect::face_box;
using emolens::detect::FaceBoxShape;

TEST_CASE("face_box reshapes BlazeFace's square around the same centre x, raised, keeping keypoints and score", "[detect]") {
  Detection square;
  square.x = 100, square.y = 200, square.width = 50, square.height = 50, square.score = 0.7f;
  square.keypoints[0] = {110, 215};
  const FaceBoxShape shape{0.8f, 1.2f, 0.1f};
  const Detection face = face_box(square, shape);
  CHECK(face.width == Approx(40));
  CHECK(face.height == Approx(60));
  CHECK(face.x + face.width / 2 == Approx(125));       // centre x kept
  CHECK(face.y + face.height / 2 == Approx(225 - 5));  // centre raised by 0.1 of the side
  CHECK(face.score == 0.7f);
  CHECK(face.keypoints[0].x == 110);
  CHECK(face.keypoints[0].y == 215);
}

TEST_CASE("face_box's default shape is taller than wide and contains the square's upper part", "[detect]") {
  Detection square;
  square.x = 0, square.y = 0, square.width = 100, square.height = 100;
  const Detection face = face_box(square);
  CHECK(face.height > face.width);
  CHECK(face.y < 0);  // reaches above the square, towards the forehead
  CHECK(face.y + face.height > 90);  // and still down to the chin
}
