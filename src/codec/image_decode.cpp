#include "codec/image_decode.h"

#include <algorithm>
#include <cstring>
#include <memory>

#include "codec/exif_orientation.h"
#include "image/orient.h"

// stb_image, limited to the two formats emolens accepts; no stdio (bytes only, also in wasm).
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_JPEG
#define STBI_ONLY_PNG
#define STBI_NO_STDIO
#define STBI_MAX_DIMENSIONS 32767  // kMaxImageSide: larger headers fail in stbi_info already
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
#endif
#include <stb/stb_image.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace emolens {

namespace {

bool looks_like_jpeg(const uint8_t* b, size_t n) { return n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF; }
bool looks_like_png(const uint8_t* b, size_t n) {
  static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  return n >= 8 && std::memcmp(b, signature, 8) == 0;
}

uint32_t read_be32(const uint8_t* b) { return uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | b[3]; }

// A PNG's size straight from its IHDR chunk: stb refuses huge PNG headers with the same "unknown
// image type" as garbage, so the size check below would never see them.
bool png_header_size(const uint8_t* b, size_t n, int64_t& width, int64_t& height) {
  if (n < 24 || std::memcmp(b + 12, "IHDR", 4) != 0) return false;
  width = read_be32(b + 16);
  height = read_be32(b + 20);
  return true;
}

// stb_image 2.27 (Debian's) writes past its Huffman tables when a DHT segment declares more than
// 256 codes (found by tests/fuzz/image_decode_fuzz.cpp; later stb versions refuse it). This walks
// the JPEG's marker segments as stb does, including those between the scans of a progressive
// file, and returns false at the first such table. Where stb would resynchronise or give up, this
// keeps looking, so it checks at least every table stb could read. Anything else is left to stb.
bool jpeg_huffman_tables_ok(const uint8_t* b, size_t n) {
  size_t pos = 2;  // after SOI
  while (pos + 1 < n) {
    if (b[pos] != 0xFF) {  // before the frame header stb skips such bytes; later it fails on them
      ++pos;
      continue;
    }
    while (pos + 1 < n && b[pos + 1] == 0xFF) ++pos;  // fill bytes
    if (pos + 1 >= n) return true;
    const uint8_t marker = b[pos + 1];
    pos += 2;
    if (marker == 0xD9) return true;                                        // EOI
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) continue;     // no length
    if (pos + 2 > n) return true;
    const size_t length = size_t(b[pos]) << 8 | b[pos + 1];
    if (length < 2) return true;
    if (marker == 0xC4) {
      // Tables (class/id, 16 counts, the symbols) are read as stb reads them: while the segment
      // length says more follow, even past the segment, with bytes past the file's end read as 0.
      int64_t left = int64_t(length) - 2;
      for (size_t t = pos + 2; left > 0 && t < n;) {
        size_t codes = 0;
        for (size_t i = 1; i <= 16 && t + i < n; ++i) codes += b[t + i];
        if (codes > 256) return false;
        t += 17 + codes;
        left -= int64_t(17 + codes);
      }
    }
    pos += length;
    if (marker == 0xDA) {  // entropy-coded data runs to the next marker (0xFF00 is a stuffed 0xFF)
      while (pos + 1 < n && !(b[pos] == 0xFF && b[pos + 1] != 0x00 && !(b[pos + 1] >= 0xD0 && b[pos + 1] <= 0xD7))) ++pos;
    }
  }
  return true;
}

// stb's reason, printable: for an unknown PNG chunk it copies the chunk's 4 raw type bytes into
// the text, and bytes that are not UTF-8 made the JSON encoding of the error throw in wasm.
std::string failure_reason() {
  std::string reason = stbi_failure_reason();
  for (char& c : reason)
    if (c < 0x20 || c > 0x7E) c = '?';
  return reason;
}

DecodeResult fail(DecodeError error, std::string message) { return {error, std::move(message)}; }

DecodeResult too_large(int64_t width, int64_t height, const ImageLimits& limits) {
  return fail(DecodeError::too_large, std::to_string(width) + "x" + std::to_string(height) +
                                          " pixels is above the limit of " + std::to_string(limits.max_pixels) +
                                          " pixels");
}

}  // namespace

const char* decode_error_name(DecodeError error) {
  switch (error) {
    case DecodeError::none: return "none";
    case DecodeError::empty: return "empty";
    case DecodeError::unsupported: return "unsupported";
    case DecodeError::corrupt: return "corrupt";
    case DecodeError::too_large: return "too_large";
    case DecodeError::bad_size: return "bad_size";
  }
  return "unknown";
}

DecodeResult image_decode(const uint8_t* bytes, size_t size, const ImageLimits& limits, Image& out) {
  out = Image();
  if (bytes == nullptr || size == 0) return fail(DecodeError::empty, "the file is empty");
  if (!looks_like_jpeg(bytes, size) && !looks_like_png(bytes, size)) {
    return fail(DecodeError::unsupported, "not a JPEG or PNG image");
  }
  if (size > static_cast<size_t>(INT32_MAX)) return fail(DecodeError::too_large, "the file is larger than 2 GB");
  const char* kind = looks_like_png(bytes, size) ? "PNG" : "JPEG";
  int64_t png_width = 0, png_height = 0;
  // Both sides are 32-bit, so their product needs unsigned 64 bits (it overflowed int64: fuzzing).
  if (looks_like_png(bytes, size) && png_header_size(bytes, size, png_width, png_height) &&
      uint64_t(png_width) * uint64_t(png_height) > uint64_t(std::max<int64_t>(0, limits.max_pixels))) {
    return too_large(png_width, png_height, limits);
  }
  if (looks_like_jpeg(bytes, size) && !jpeg_huffman_tables_ok(bytes, size)) {
    return fail(DecodeError::corrupt, "the JPEG is damaged (a Huffman table declares more than 256 codes)");
  }
  int width = 0, height = 0, channels = 0;
  if (!stbi_info_from_memory(bytes, static_cast<int>(size), &width, &height, &channels)) {
    return fail(DecodeError::corrupt, std::string("the ") + kind + " header is damaged or truncated (" +
                                          failure_reason() + ")");
  }
  // Checked from the header, before any pixel memory is allocated.
  const ImageStatus fits = image_check_size(width, height, PixelFormat::rgba, limits);
  if (fits == ImageStatus::too_large) {
    return too_large(width, height, limits);
  }
  if (fits != ImageStatus::ok) {
    return fail(DecodeError::bad_size, "the image is " + std::to_string(width) + "x" + std::to_string(height) +
                                           " pixels, which cannot be analysed");
  }
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
      stbi_load_from_memory(bytes, static_cast<int>(size), &width, &height, &channels, 4), stbi_image_free);
  if (!pixels) {
    return fail(DecodeError::corrupt, std::string("the ") + kind + " data is damaged or truncated (" +
                                          failure_reason() + ")");
  }
  // A phone photo stored sideways is turned upright, as browsers show it, straight into `out`.
  const int orientation = looks_like_jpeg(bytes, size) ? jpeg_exif_orientation(bytes, size) : 1;
  if (out.reset(orient_width(width, height, orientation), orient_height(width, height, orientation),
                PixelFormat::rgba, limits) != ImageStatus::ok) {
    return fail(DecodeError::too_large, "not enough memory for a " + std::to_string(width) + "x" +
                                            std::to_string(height) + " image");
  }
  if (image_orient(image_view(pixels.get(), width, height, PixelFormat::rgba), orientation, out.view()) !=
      ImageStatus::ok) {
    out = Image();
    return fail(DecodeError::corrupt, "the decoded " + std::string(kind) + " could not be turned upright");
  }
  DecodeResult decoded;
  decoded.orientation = orientation;
  return decoded;
}

}  // namespace emolens
