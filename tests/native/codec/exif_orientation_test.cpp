#include <catch2/catch.hpp>

#include <cstring>
#include <vector>

#include "codec/exif_fixture.h"
#include "codec/exif_orientation.h"

namespace fx = exif_fixture;

namespace {

// A JPEG's start as cameras write it (SOI, then segments up to the first scan), no pixels needed.
const std::vector<uint8_t> kJpegTail = {0xFF, 0xDB, 0x00, 0x04, 0x00, 0x00,   // a DQT stub
                                        0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34,   // SOS, then scan data
                                        0xFF, 0xD9};
std::vector<uint8_t> jpeg_with(const std::vector<uint8_t>& segment) { return fx::concat({{0xFF, 0xD8}, segment, kJpegTail}); }

int orientation_of_tiff(const std::vector<uint8_t>& tiff) { return emolens::tiff_orientation(tiff.data(), tiff.size()); }
int orientation_of_jpeg(const std::vector<uint8_t>& jpeg) {
  return emolens::jpeg_exif_orientation(jpeg.data(), jpeg.size());
}

}  // namespace

TEST_CASE("the Orientation tag is read in both byte orders", "[codec][exif]") {
  for (bool big_endian : {false, true}) {
    for (uint16_t orientation = 1; orientation <= 8; ++orientation) {
      INFO((big_endian ? "MM " : "II ") << orientation);
      CHECK(orientation_of_tiff(fx::tiff(orientation, big_endian)) == orientation);
      CHECK(orientation_of_jpeg(jpeg_with(fx::app1(fx::tiff(orientation, big_endian)))) == orientation);
    }
  }
}

TEST_CASE("the first Exif segment before the scan counts; other APP1 segments are skipped", "[codec][exif]") {
  const std::vector<uint8_t> six = fx::app1(fx::tiff(6, true));
  const std::vector<uint8_t> segments = fx::concat({
      {0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46},                            // an APP0 stub
      {0xFF, 0xE1, 0x00, 0x0A, 'h', 't', 't', 'p', ':', '/', '/', 0},  // an XMP-like APP1
      {0xFF, 0xFF, 0xFF},                       // fill bytes before the next marker ...
      {six.begin() + 1, six.end()},             // ... whose 0xFF they end with
      fx::app1(fx::tiff(8, false))});
  CHECK(orientation_of_jpeg(jpeg_with(segments)) == 6);

  // After SOS the bytes are image data: an Exif segment there is not read.
  const std::vector<uint8_t> late =
      fx::concat({{0xFF, 0xD8}, {kJpegTail.begin(), kJpegTail.end() - 2}, six, {0xFF, 0xD9}});
  CHECK(orientation_of_jpeg(late) == 1);
}

TEST_CASE("no EXIF, not a JPEG, or nothing at all: as stored", "[codec][exif]") {
  CHECK(orientation_of_jpeg(jpeg_with({})) == 1);
  CHECK(emolens::jpeg_exif_orientation(nullptr, 0) == 1);
  CHECK(emolens::tiff_orientation(nullptr, 0) == 1);
  const std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0};
  CHECK(orientation_of_jpeg(png) == 1);
}

TEST_CASE("malformed EXIF is ignored: orientation 1, never a read out of range", "[codec][exif]") {
  for (bool big_endian : {false, true}) {
    INFO((big_endian ? "MM" : "II"));
    const std::vector<uint8_t> good = fx::tiff(6, big_endian);
    auto changed = [&](size_t at, uint32_t value, int bytes) {
      std::vector<uint8_t> b = good;
      fx::put(b, at, value, bytes, big_endian);
      return orientation_of_tiff(b);
    };
    CHECK(changed(fx::kIfdOffsetAt, 0xFFFFFFF0u, 4) == 1);          // IFD0 past the end
    CHECK(changed(fx::kIfdOffsetAt, 0xFFFFFFFFu, 4) == 1);          // ... where offset + 2 wraps
    CHECK(changed(fx::kIfdOffsetAt, fx::kTiffSize - 1, 4) == 1);    // count half outside
    CHECK(changed(fx::kIfdOffsetAt, 0, 4) == 1);                    // IFD0 inside the header
    CHECK(changed(fx::kEntryCountAt, 0xFFFF, 2) == 1);              // entries past the end
    CHECK(changed(fx::kEntryCountAt, 3, 2) == 1);                   // one entry too many to fit
    CHECK(changed(fx::kOrientationAt + 2, 4, 2) == 1);              // LONG, not SHORT
    CHECK(changed(fx::kOrientationAt + 4, 2, 4) == 1);              // two values
    CHECK(changed(fx::kOrientationAt + 4, 0xFFFFFFFFu, 4) == 1);    // a count that would overflow
    for (uint32_t value : {0u, 9u, 0xFFFFu}) CHECK(changed(fx::kOrientationAt + 8, value, 2) == 1);
    CHECK(changed(2, 43, 2) == 1);                                  // not TIFF's 42
    std::vector<uint8_t> mixed = good;
    mixed[1] = big_endian ? 'I' : 'M';                              // "MI" / "IM"
    CHECK(orientation_of_tiff(mixed) == 1);

    // Every truncation, of the TIFF alone (an exact-size buffer: ASan sees any read past it) and of
    // the whole JPEG; the tag entry ends at 32, so a TIFF cut before that has no orientation.
    for (size_t keep = 0; keep < good.size(); ++keep) {
      INFO("TIFF cut to " << keep << " bytes");
      const std::vector<uint8_t> cut(good.begin(), good.begin() + keep);
      CHECK(orientation_of_tiff(cut) == (keep >= 34 ? 6 : 1));
    }
    const std::vector<uint8_t> jpeg = jpeg_with(fx::app1(good));
    for (size_t keep = 0; keep < jpeg.size(); ++keep) {
      const std::vector<uint8_t> cut(jpeg.begin(), jpeg.begin() + keep);
      const int orientation = orientation_of_jpeg(cut);
      INFO("JPEG cut to " << keep << " bytes");
      CHECK((orientation == 1 || orientation == 6));
    }
  }

  // An APP1 whose length runs past the file, or too short to hold "Exif\0\0", or a header without
  // the two zero bytes.
  std::vector<uint8_t> long_app1 = fx::app1(fx::tiff(6, false));
  long_app1[2] = 0xFF;
  CHECK(orientation_of_jpeg(jpeg_with(long_app1)) == 1);
  CHECK(orientation_of_jpeg(jpeg_with({0xFF, 0xE1, 0x00, 0x01})) == 1);
  CHECK(orientation_of_jpeg(jpeg_with({0xFF, 0xE1, 0x00, 0x06, 'E', 'x', 'i', 'f'})) == 1);
  std::vector<uint8_t> no_zeros = fx::app1(fx::tiff(6, false));
  no_zeros[9] = 'x';
  CHECK(orientation_of_jpeg(jpeg_with(no_zeros)) == 1);
}
