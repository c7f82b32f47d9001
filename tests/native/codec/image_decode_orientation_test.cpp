#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <vector>

#include <stb/stb_image_write.h>  // implemented in image_decode_test.cpp

#include "codec/exif_fixture.h"
#include "codec/image_decode.h"

namespace fx = exif_fixture;

namespace {

// RGBA pixels as 32-bit words, so the expected images are easy to build and compare.
struct Pixels {
  int width = 0, height = 0;
  std::vector<uint32_t> at;  // row-major
  uint32_t operator()(int x, int y) const { return at[static_cast<size_t>(y) * width + x]; }
  bool operator==(const Pixels& o) const { return width == o.width && height == o.height && at == o.at; }
};

Pixels pixels_of(const emolens::Image& image) {
  Pixels p{image.width(), image.height(), std::vector<uint32_t>(size_t(image.width()) * image.height())};
  std::memcpy(p.at.data(), image.view().data, p.at.size() * 4);
  return p;
}

// The two moves every orientation is made of, written from what a viewer sees.
Pixels turned_clockwise(const Pixels& in) {  // the left column becomes the top row
  Pixels out{in.height, in.width, std::vector<uint32_t>(in.at.size())};
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) out.at[size_t(y) * out.width + x] = in(y, in.height - 1 - x);
  return out;
}
Pixels mirrored(const Pixels& in) {  // left and right swapped
  Pixels out = in;
  for (int y = 0; y < in.height; ++y)
    for (int x = 0; x < in.width; ++x) out.at[size_t(y) * in.width + x] = in(in.width - 1 - x, y);
  return out;
}

// What a browser shows for each EXIF orientation of the stored picture (EXIF 2.32, tag 0x0112).
Pixels shown(const Pixels& stored, int orientation) {
  const Pixels cw = turned_clockwise(stored), half = turned_clockwise(cw), ccw = turned_clockwise(half);
  switch (orientation) {
    case 2: return mirrored(stored);
    case 3: return half;
    case 4: return mirrored(half);  // upside down
    case 5: return mirrored(cw);    // transposed
    case 6: return cw;
    case 7: return mirrored(ccw);   // transversed
    case 8: return ccw;
    default: return stored;
  }
}

void append(void* context, void* data, int size) {
  auto* bytes = static_cast<std::vector<uint8_t>*>(context);
  bytes->insert(bytes->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
}

// 32x16 with a different colour in every 8x8 block, so no flip or turn looks like another.
std::vector<uint8_t> asymmetric_jpeg() {
  const int width = 32, height = 16;
  std::vector<uint8_t> rgb(size_t(width) * height * 3);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const int block = (y / 8) * 4 + x / 8;
      uint8_t* p = &rgb[(size_t(y) * width + x) * 3];
      p[0] = uint8_t(block * 30), p[1] = uint8_t(255 - block * 20), p[2] = uint8_t(block % 3 * 120);
    }
  std::vector<uint8_t> bytes;
  stbi_write_jpg_to_func(append, &bytes, width, height, 3, rgb.data(), 100);
  return bytes;
}

emolens::DecodeResult decode(const std::vector<uint8_t>& bytes, emolens::Image& out) {
  const emolens::DecodeResult result = emolens::image_decode(bytes.data(), bytes.size(), {}, out);
  INFO(result.message);
  REQUIRE(result.error == emolens::DecodeError::none);
  return result;
}

}  // namespace

TEST_CASE("a JPEG's EXIF orientation is applied: the decoded pixels are those a browser shows", "[codec][exif]") {
  const std::vector<uint8_t> jpeg = asymmetric_jpeg();
  emolens::Image image;
  CHECK(decode(jpeg, image).orientation == 1);
  const Pixels stored = pixels_of(image);
  REQUIRE((stored.width == 32 && stored.height == 16));
  for (bool big_endian : {false, true}) {
    for (int orientation = 1; orientation <= 8; ++orientation) {
      INFO((big_endian ? "MM" : "II") << " orientation " << orientation);
      const emolens::DecodeResult result = decode(fx::after_soi(jpeg, fx::app1(fx::tiff(orientation, big_endian))), image);
      CHECK(result.orientation == orientation);
      const Pixels got = pixels_of(image);
      CHECK(got.width == (orientation >= 5 ? 16 : 32));
      CHECK(got == shown(stored, orientation));  // exact: the same JPEG data, only the tag differs
    }
  }
}

TEST_CASE("a malformed EXIF segment leaves the photo as stored and is no error", "[codec][exif]") {
  const std::vector<uint8_t> jpeg = asymmetric_jpeg();
  emolens::Image image;
  decode(jpeg, image);
  const Pixels stored = pixels_of(image);
  auto with_tiff = [&](size_t at, uint32_t value, int bytes) {
    std::vector<uint8_t> tiff = fx::tiff(6, false);
    fx::put(tiff, at, value, bytes, false);
    return fx::after_soi(jpeg, fx::app1(tiff));
  };
  std::vector<uint8_t> truncated_tiff = fx::tiff(6, true);
  truncated_tiff.resize(20);
  for (const std::vector<uint8_t>& bytes :
       {with_tiff(fx::kIfdOffsetAt, 0xFFFFFFF0u, 4), with_tiff(fx::kEntryCountAt, 0xFFFF, 2),
        with_tiff(fx::kOrientationAt + 8, 9, 2), with_tiff(fx::kOrientationAt + 2, 4, 2),
        fx::after_soi(jpeg, fx::app1(truncated_tiff))}) {
    const emolens::DecodeResult result = decode(bytes, image);
    CHECK(result.orientation == 1);
    CHECK(pixels_of(image) == stored);
  }
}
