// Decodes PNG/JPEG files to ImageData-like RGBA in plain JS (pngjs, jpeg-js): the benchmarks and tests
// hand every method the same pixels without loading a wasm module first.
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';

// → { data: Uint8Array (RGBA), width, height }; the format is sniffed from the magic bytes, not the name.
export function decodeImageFile(path) {
  const bytes = readFileSync(path);
  if (bytes[0] === 0x89 && bytes[1] === 0x50) { // \x89PNG
    const png = pngjs.PNG.sync.read(bytes); // grey, palette and 16-bit PNGs all come back as RGBA8
    return { data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const jpg = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    return { data: jpg.data, width: jpg.width, height: jpg.height };
  }
  throw new Error(`${path}: neither PNG nor JPEG`);
}
