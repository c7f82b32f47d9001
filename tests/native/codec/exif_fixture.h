// Hand-made EXIF for the orientation tests: a TIFF structure with an Orientation tag, wrapped in a
// JPEG APP1 segment, and the offsets a test changes to make it malformed.
#pragma once
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace exif_fixture {

// Layout of tiff(): header 8 bytes, IFD0 with 2 entries (Make, then Orientation), next-IFD 0, "Apple".
constexpr size_t kIfdOffsetAt = 4;     // u32: where IFD0 starts (8)
constexpr size_t kEntryCountAt = 8;    // u16: entries in IFD0 (2)
constexpr size_t kOrientationAt = 22;  // the Orientation entry: tag u16, type u16, count u32, value u16
constexpr size_t kTiffSize = 44;

inline void put(std::vector<uint8_t>& b, size_t at, uint32_t value, int bytes, bool big_endian) {
  for (int i = 0; i < bytes; ++i) b[at + i] = uint8_t(value >> 8 * (big_endian ? bytes - 1 - i : i));
}

// A TIFF ("MM" big-endian or "II" little-endian) whose IFD0 says `orientation`.
inline std::vector<uint8_t> tiff(uint16_t orientation, bool big_endian) {
  std::vector<uint8_t> b(kTiffSize, 0);
  b[0] = b[1] = big_endian ? 'M' : 'I';
  put(b, 2, 42, 2, big_endian);
  put(b, kIfdOffsetAt, 8, 4, big_endian);
  put(b, kEntryCountAt, 2, 2, big_endian);
  put(b, 10, 0x010F, 2, big_endian);  // Make: ASCII, 6 bytes, stored at 38
  put(b, 12, 2, 2, big_endian);
  put(b, 14, 6, 4, big_endian);
  put(b, 18, 38, 4, big_endian);
  put(b, kOrientationAt, 0x0112, 2, big_endian);
  put(b, kOrientationAt + 2, 3, 2, big_endian);  // SHORT
  put(b, kOrientationAt + 4, 1, 4, big_endian);  // one value
  put(b, kOrientationAt + 8, orientation, 2, big_endian);
  put(b, 34, 0, 4, big_endian);  // no IFD1
  const char make[6] = {'A', 'p', 'p', 'l', 'e', 0};
  for (int i = 0; i < 6; ++i) b[38 + i] = uint8_t(make[i]);
  return b;
}

// The parts one after another (built at their final size: GCC 12 warns falsely about
// vector::insert growing a small vector).
inline std::vector<uint8_t> concat(std::initializer_list<std::vector<uint8_t>> parts) {
  size_t size = 0;
  for (const std::vector<uint8_t>& part : parts) size += part.size();
  std::vector<uint8_t> out(size);
  auto at = out.begin();
  for (const std::vector<uint8_t>& part : parts) at = std::copy(part.begin(), part.end(), at);
  return out;
}

// A JPEG APP1 segment: marker, length, "Exif\0\0", then `tiff`.
inline std::vector<uint8_t> app1(const std::vector<uint8_t>& tiff) {
  const size_t length = 2 + 6 + tiff.size();
  return concat({{0xFF, 0xE1, uint8_t(length >> 8), uint8_t(length), 'E', 'x', 'i', 'f', 0, 0}, tiff});
}

// `jpeg` with `segment` right after its SOI marker, where cameras put their EXIF.
inline std::vector<uint8_t> after_soi(const std::vector<uint8_t>& jpeg, const std::vector<uint8_t>& segment) {
  return concat({{jpeg.begin(), jpeg.begin() + 2}, segment, {jpeg.begin() + 2, jpeg.end()}});
}

}  // namespace exif_fixture
