// A JPEG APP1 "Exif" segment as phones write it, reduced to what matters here: IFD0 with one
// Orientation entry (SHORT), in either TIFF byte order. Used by the EXIF tests and the fuzz seeds.

/** The segment (marker, length, "Exif\0\0", TIFF); `entries` overrides IFD0's entry count (to break it). */
export function exifSegment(orientation, { bigEndian = false, entries = 1 } = {}) {
  const tiff = Buffer.alloc(26);
  tiff.write(bigEndian ? 'MM' : 'II', 0, 'latin1');
  const u16 = (value, at) => (bigEndian ? tiff.writeUInt16BE(value, at) : tiff.writeUInt16LE(value, at));
  const u32 = (value, at) => (bigEndian ? tiff.writeUInt32BE(value, at) : tiff.writeUInt32LE(value, at));
  u16(42, 2); u32(8, 4);                                  // header: IFD0 at 8
  u16(entries, 8);
  u16(0x0112, 10); u16(3, 12); u32(1, 14); u16(orientation, 18);
  u32(0, 22);                                             // no IFD1
  const header = Buffer.from([0xff, 0xe1, 0, 0, ...Buffer.from('Exif\0\0', 'latin1')]);
  header.writeUInt16BE(2 + 6 + tiff.length, 2);
  return Buffer.concat([header, tiff]);
}

/** Where exifSegment puts the TIFF data inside a JPEG from withSegment, and its fields there. */
export const TIFF_AT = 2 + 10;
export const TIFF_FIELDS = { ifdOffset: 4, entryCount: 8, orientation: 18 };

/** The JPEG with `segment` right after its SOI marker, where cameras put their EXIF. */
export function withSegment(jpeg, segment) {
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}
