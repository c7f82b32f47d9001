// JPEGs with an EXIF Orientation tag, as phones write them, for the EXIF tests and the fuzz seeds:
// the APP1 "Exif" segment reduced to IFD0 with one Orientation entry (SHORT), in either TIFF byte
// order, and a picture stored turned so that a given orientation shows it upright.
import jpeg from 'jpeg-js';

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
export function withSegment(jpegBytes, segment) {
  return Buffer.concat([jpegBytes.subarray(0, 2), segment, jpegBytes.subarray(2)]);
}

// Where stored pixel (sx, sy) of a w x h stored image is shown under each EXIF orientation.
const SHOWN_AT = {
  1: (sx, sy) => [sx, sy],
  2: (sx, sy, w) => [w - 1 - sx, sy],
  3: (sx, sy, w, h) => [w - 1 - sx, h - 1 - sy],
  4: (sx, sy, w, h) => [sx, h - 1 - sy],
  5: (sx, sy) => [sy, sx],
  6: (sx, sy, w, h) => [h - 1 - sy, sx],
  7: (sx, sy, w, h) => [h - 1 - sy, w - 1 - sx],
  8: (sx, sy, w) => [sy, w - 1 - sx],
};

/** The RGBA pixels to store so that `orientation` shows `upright` ({data, width, height}). */
export function storedFor(upright, orientation) {
  const swap = orientation >= 5;
  const width = swap ? upright.height : upright.width, height = swap ? upright.width : upright.height;
  const data = Buffer.alloc(width * height * 4);
  const from = Buffer.from(upright.data.buffer, upright.data.byteOffset, upright.data.byteLength);
  for (let sy = 0; sy < height; ++sy) {
    for (let sx = 0; sx < width; ++sx) {
      const [x, y] = SHOWN_AT[orientation](sx, sy, width, height);
      from.copy(data, (sy * width + sx) * 4, (y * upright.width + x) * 4, (y * upright.width + x) * 4 + 4);
    }
  }
  return { data, width, height };
}

/** `frame` encoded as JPEG (quality 95), tagged with `orientation` unless it is null. */
export function taggedJpeg(frame, orientation, { bigEndian = false } = {}) {
  const encoded = jpeg.encode(frame, 95).data;
  return orientation === null ? encoded : withSegment(encoded, exifSegment(orientation, { bigEndian }));
}
