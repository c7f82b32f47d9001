#include "codec/exif_orientation.h"

#include <cstring>

namespace emolens {

namespace {

constexpr int kUpright = 1;
constexpr uint16_t kOrientationTag = 0x0112;
constexpr uint16_t kShortType = 3;
constexpr size_t kIfdEntryBytes = 12;  // tag 2, type 2, count 4, value or offset 4

struct ByteOrder {
  bool little = false;
  uint16_t u16(const uint8_t* b) const { return little ? uint16_t(b[0] | b[1] << 8) : uint16_t(b[0] << 8 | b[1]); }
  uint32_t u32(const uint8_t* b) const {
    return little ? uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24
                  : uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | uint32_t(b[3]);
  }
};

bool is_standalone_marker(uint8_t marker) { return (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01; }  // RSTn, TEM

}  // namespace

int tiff_orientation(const uint8_t* tiff, size_t size) {
  if (tiff == nullptr || size < 8) return kUpright;
  ByteOrder order;
  if (tiff[0] == 'I' && tiff[1] == 'I') order.little = true;
  else if (!(tiff[0] == 'M' && tiff[1] == 'M')) return kUpright;
  if (order.u16(tiff + 2) != 42) return kUpright;
  // IFD0 must lie after the header and hold its entry count; the entries must fit in what is left.
  const uint32_t ifd = order.u32(tiff + 4);
  if (ifd < 8 || ifd > size - 2) return kUpright;
  const size_t count = order.u16(tiff + ifd);
  if (count > (size - ifd - 2) / kIfdEntryBytes) return kUpright;
  for (size_t i = 0; i < count; ++i) {
    const uint8_t* entry = tiff + ifd + 2 + i * kIfdEntryBytes;
    if (order.u16(entry) != kOrientationTag) continue;
    // As Chromium reads it: one SHORT, stored in the first two bytes of the value field.
    if (order.u16(entry + 2) != kShortType || order.u32(entry + 4) != 1) return kUpright;
    const int value = order.u16(entry + 8);
    return value >= 1 && value <= 8 ? value : kUpright;
  }
  return kUpright;
}

int jpeg_exif_orientation(const uint8_t* bytes, size_t size) {
  if (bytes == nullptr || size < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8) return kUpright;
  size_t pos = 2;  // after SOI
  while (pos + 1 < size) {
    if (bytes[pos] != 0xFF) return kUpright;  // not a marker where one must be: give up
    while (pos + 1 < size && bytes[pos + 1] == 0xFF) ++pos;  // fill bytes
    if (pos + 1 >= size) return kUpright;
    const uint8_t marker = bytes[pos + 1];
    pos += 2;
    if (marker == 0xDA || marker == 0xD9) return kUpright;  // first scan or EOI: EXIF comes before
    if (is_standalone_marker(marker)) continue;
    if (pos + 2 > size) return kUpright;
    const size_t length = size_t(bytes[pos]) << 8 | bytes[pos + 1];  // counts its own 2 bytes
    if (length < 2 || length > size - pos) return kUpright;
    const uint8_t* payload = bytes + pos + 2;
    const size_t payload_size = length - 2;
    if (marker == 0xE1 && payload_size >= 6 && std::memcmp(payload, "Exif\0\0", 6) == 0) {
      return tiff_orientation(payload + 6, payload_size - 6);
    }
    pos += length;
  }
  return kUpright;
}

}  // namespace emolens
