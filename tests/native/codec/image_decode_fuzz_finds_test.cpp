// Regressions for what fuzzing found in image_decode (tests/fuzz/image_decode_fuzz.cpp; the
// crashing inputs are also in its replayed corpus):
//  - stb_image 2.27 writes past its Huffman tables when a DHT segment declares more than 256 codes:
//    refused wherever the table sits (before the frame, behind junk bytes, between scans), while
//    JPEGs with valid tables still decode;
//  - a PNG header's width * height overflowed int64 in the size check;
//  - (found by tests/node/bad-input.test.mjs) stb copies an unknown PNG chunk's raw type bytes into
//    its error text; not UTF-8, they made the wasm side's JSON encoding throw.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "codec/image_decode.h"

namespace {

using Bytes = std::vector<uint8_t>;

Bytes read_seed(const std::string& name) {
  std::ifstream in(std::string(EMOLENS_SOURCE_DIR) + "/tests/fuzz/corpus/image_decode/" + name, std::ios::binary);
  REQUIRE(in.good());
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

size_t find_marker(const Bytes& bytes, uint8_t marker) {
  for (size_t i = 0; i + 1 < bytes.size(); ++i)
    if (bytes[i] == 0xFF && bytes[i + 1] == marker) return i;
  FAIL("marker not found");
  return 0;
}

emolens::DecodeError decode(const Bytes& bytes) {
  emolens::Image image;
  return emolens::image_decode(bytes.data(), bytes.size(), emolens::ImageLimits{}, image).error;
}

// A DHT segment holding one table whose 16 counts start with `first` and `second`, symbols absent.
Bytes dht_segment(uint8_t first, uint8_t second) {
  Bytes segment = {0xFF, 0xC4, 0x00, 0x13, 0x00, first, second};
  segment.resize(2 + 0x13, 0);  // the length counts itself, not the marker
  return segment;
}

}  // namespace

TEST_CASE("JPEG Huffman tables of more than 256 codes are refused before stb_image reads them") {
  const Bytes jpeg = read_seed("jpeg_16x12_420.jpg");  // ffmpeg's test pattern (tests/fuzz/make-seeds.mjs)
  REQUIRE(decode(jpeg) == emolens::DecodeError::none);

  SECTION("the fuzzer's input") { CHECK(decode(read_seed("crash_jpeg_dht_over_256_codes.jpg")) == emolens::DecodeError::corrupt); }

  const size_t dht = find_marker(jpeg, 0xC4);
  Bytes bad = jpeg;
  bad[dht + 5] = 255, bad[dht + 6] = 255;  // codes of length 1 and 2: 510 in all
  SECTION("in the header") { CHECK(decode(bad) == emolens::DecodeError::corrupt); }
  SECTION("behind a junk byte, which stb skips before the frame header") {
    bad.insert(bad.begin() + dht, 0x00);
    CHECK(decode(bad) == emolens::DecodeError::corrupt);
  }
  SECTION("between the scan and the end of the image") {
    Bytes late = jpeg;
    const Bytes segment = dht_segment(255, 255);
    late.insert(late.begin() + find_marker(late, 0xD9), segment.begin(), segment.end());
    CHECK(decode(late) == emolens::DecodeError::corrupt);
  }
  SECTION("a valid extra table in the same place still decodes") {
    Bytes late = jpeg;
    Bytes segment = dht_segment(1, 0);
    segment[3] = 0x14;         // one symbol follows the counts
    segment.push_back(0x00);
    late.insert(late.begin() + find_marker(late, 0xD9), segment.begin(), segment.end());
    CHECK(decode(late) == emolens::DecodeError::none);
  }
  SECTION("the message says what is wrong") {
    emolens::Image image;
    CHECK_THAT(emolens::image_decode(bad.data(), bad.size(), emolens::ImageLimits{}, image).message,
               Catch::Contains("Huffman table"));
  }
}

TEST_CASE("PNG headers with 32-bit sides are too large, not an integer overflow") {
  Bytes png = read_seed("png_1x1_rgba.png");
  for (uint32_t side : {0xFFFFFFFFu, 0xEC004452u, 0x80000000u}) {
    for (int k = 0; k < 4; ++k) png[16 + k] = png[20 + k] = uint8_t(side >> (24 - 8 * k));
    emolens::Image image;
    const emolens::DecodeResult result = emolens::image_decode(png.data(), png.size(), emolens::ImageLimits{}, image);
    CHECK(result.error == emolens::DecodeError::too_large);
    CHECK_THAT(result.message, Catch::Contains(std::to_string(side) + "x" + std::to_string(side)));
  }
  CHECK(decode(read_seed("crash_png_header_size_overflow.png")) == emolens::DecodeError::too_large);
}

TEST_CASE("error messages are printable ASCII even when stb quotes the file's bytes") {
  Bytes png = read_seed("png_16x12_rgb.png");
  const char idat[] = {'I', 'D', 'A', 'T'};
  const auto at = std::search(png.begin(), png.end(), std::begin(idat), std::end(idat));
  REQUIRE(at != png.end());
  at[0] = 0xC3, at[1] = 0x28, at[2] = 0xFF, at[3] = 0x01;  // an unknown critical chunk, not UTF-8
  emolens::Image image;
  const emolens::DecodeResult result = emolens::image_decode(png.data(), png.size(), emolens::ImageLimits{}, image);
  CHECK(result.error == emolens::DecodeError::corrupt);
  CHECK_THAT(result.message, Catch::Contains("PNG chunk not known"));
  for (char c : result.message) CHECK((c >= 0x20 && c <= 0x7E));
}
