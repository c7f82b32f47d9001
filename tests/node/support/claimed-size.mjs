// Images whose headers lie about their size: a real PNG or JPEG with the width and height fields
// rewritten, for the decoder's size checks (refused before anything is allocated).

/** A copy of a PNG with its IHDR claiming width x height. */
export function pngClaiming(png, width, height) {
  const bytes = Buffer.from(png);
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

/** A copy of a baseline JPEG with its frame header (SOF0) claiming width x height. */
export function jpegClaiming(jpeg, width, height) {
  const bytes = Buffer.from(jpeg);
  const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
  bytes.writeUInt16BE(height, sof + 5);
  bytes.writeUInt16BE(width, sof + 7);
  return bytes;
}
