#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#include <stb/stb_image_write.h>

#include "codec/image_decode.h"

namespace {

void append(void* context, void* data, int size) {
  auto* bytes = static_cast<std::vector<uint8_t>*>(context);
  bytes->insert(bytes->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
}

// A w x h RGB test pattern encoded as PNG or JPEG.
std::vector<uint8_t> encode(const char* format, int width, int height) {
  std::vector<uint8_t> rgb(static_cast<size_t>(width) * height * 3);
  for (size_t i = 0; i < rgb.size(); ++i) rgb[i] = static_cast<uint8_t>(i * 7 % 251);
  std::vector<uint8_t> bytes;
  if (std::strcmp(format, "png") == 0) stbi_write_png_to_func(append, &bytes, width, height, 3, rgb.data(), width * 3);
  else stbi_write_jpg_to_func(append, &bytes, width, height, 3, rgb.data(), 95);
  return bytes;
}

// A PNG whose IHDR claims another size (the pixel data stays that of a tiny image).
std::vector<uint8_t> png_claiming(uint32_t width, uint32_t height) {
  std::vector<uint8_t> bytes = encode("png", 2, 2);
  const uint8_t header[8] = {uint8_t(width >> 24), uint8_t(width >> 16), uint8_t(width >> 8), uint8_t(width),
                             uint8_t(height >> 24), uint8_t(height >> 16), uint8_t(height >> 8), uint8_t(height)};
  std::memcpy(bytes.data() + 16, header, 8);  // signature 8 + chunk length 4 + "IHDR" 4
  return bytes;
}

emolens::DecodeError decode(const std::vector<uint8_t>& bytes, emolens::Image& out,
                            const emolens::ImageLimits& limits = {}) {
  const emolens::DecodeResult result = emolens::image_decode(bytes.data(), bytes.size(), limits, out);
  INFO(result.message);
  CHECK((result.error == emolens::DecodeError::none) == result.message.empty());
  return result.error;
}

}  // namespace

TEST_CASE("PNG and JPEG decode to RGBA of the right size", "[codec]") {
  for (const char* format : {"png", "jpg"}) {
    for (auto [w, h] : {std::pair{1, 1}, std::pair{33, 17}, std::pair{640, 480}}) {
      emolens::Image image;
      REQUIRE(decode(encode(format, w, h), image) == emolens::DecodeError::none);
      CHECK(image.width() == w);
      CHECK(image.height() == h);
      CHECK(image.format() == emolens::PixelFormat::rgba);
      CHECK(image.view().row(0)[3] == 255);  // opaque alpha added
    }
  }
}

TEST_CASE("bad bytes are typed errors and leave the image empty", "[codec]") {
  emolens::Image image;
  const std::string text = "just some text, not an image\n";
  CHECK(decode({}, image) == emolens::DecodeError::empty);
  CHECK(decode(std::vector<uint8_t>(text.begin(), text.end()), image) == emolens::DecodeError::unsupported);
  CHECK(image.empty());

  for (const char* format : {"png", "jpg"}) {
    const std::vector<uint8_t> whole = encode(format, 64, 48);
    for (size_t keep : {size_t{4}, size_t{12}, size_t{30}, whole.size() / 2}) {
      const std::vector<uint8_t> truncated(whole.begin(), whole.begin() + keep);
      INFO(format << " truncated to " << keep << " of " << whole.size() << " bytes");
      const emolens::DecodeError error = decode(truncated, image);
      // stb fills a JPEG cut after its headers with grey rather than failing; either outcome is
      // safe, a crash or a wrong size is not.
      if (error == emolens::DecodeError::none) CHECK((image.width() == 64 && image.height() == 48));
      else CHECK((error == emolens::DecodeError::corrupt || error == emolens::DecodeError::unsupported));
    }
  }
}

TEST_CASE("huge and empty headers are refused before allocating", "[codec]") {
  emolens::Image image;
  CHECK(decode(png_claiming(20000, 20000), image) == emolens::DecodeError::too_large);
  emolens::ImageLimits small;
  small.max_pixels = 100 * 100;
  CHECK(decode(encode("png", 101, 100), image, small) == emolens::DecodeError::too_large);
  CHECK(decode(encode("png", 100, 100), image, small) == emolens::DecodeError::none);
  const emolens::DecodeError zero = decode(png_claiming(0, 0), image);
  CHECK((zero == emolens::DecodeError::corrupt || zero == emolens::DecodeError::bad_size));
  CHECK(image.empty());
}
