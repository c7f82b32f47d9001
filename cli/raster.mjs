// Drawing on ImageData-like RGBA images ({ data, width, height }) for the CLI's pictures
// (annotated photos, the confusion-matrix image), and writing them as PNG. Plain JS, no canvas:
// rectangles and a built-in 5x7 bitmap font (upper-case letters, digits, common punctuation;
// lower-case text is drawn in capitals).
import fs from 'node:fs';
import pngjs from 'pngjs';

// 5x7 glyphs: per character 7 rows, top first, each a base-32 digit whose 5 bits are the row's
// pixels, leftmost = 16 (e.g. 'v' = 31 = a full row).
const GLYPHS = {
  A: 'ehhvhhh', B: 'uhhuhhu', C: 'ehggghe', D: 'uhhhhhu', E: 'vgguggv', F: 'vgguggg', G: 'ehgnhhf',
  H: 'hhhvhhh', I: 'e44444e', J: '72222ic', K: 'hikokih', L: 'ggggggv', M: 'hrllhhh', N: 'hhpljhh',
  O: 'ehhhhhe', P: 'uhhuggg', Q: 'ehhhlid', R: 'uhhukih', S: 'fgge11u', T: 'v444444', U: 'hhhhhhe',
  V: 'hhhhha4', W: 'hhhllla', X: 'hha4ahh', Y: 'hha4444', Z: 'v1248gv', 0: 'ehjlphe', 1: '4c4444e',
  2: 'eh1248v', 3: 'v2421he', 4: '26aiv22', 5: 'vgu11he', 6: '68guhhe', 7: 'v124888', 8: 'ehhehhe',
  9: 'ehhf12c', ' ': '0000000', '.': '00000cc', ',': '0000ccg', ':': '0cc0cc0', ';': '0cc0cc8', '%': 'op248j3',
  '-': '000v000', '+': '044v440', '/': '01248g0', '#': 'aavavaa', '(': '2488842', ')': '8422248',
  '_': '000000v', '=': '00v0v00', '?': 'eh12404', "'": '4480000', '[': 'e88888e', ']': 'e22222e',
  '<': '248g842', '>': '8421248', '*': '04lel40', '!': '4444404',
};
const GLYPH_W = 5;
const GLYPH_H = 7;

/** A new image filled with one colour ([r, g, b, a]). */
export function createImage(width, height, colour = [255, 255, 255, 255]) {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set(colour, i);
  return { data, width, height };
}

/** A copy of an image, so drawing leaves the caller's pixels alone. */
export function copyImage(image) {
  return { data: new Uint8Array(image.data), width: image.width, height: image.height };
}

/** Fills the rectangle (clipped to the image) with an opaque colour. */
export function fillRect(image, x, y, width, height, colour) {
  const x0 = Math.max(0, Math.round(x)), y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(image.width, Math.round(x + width)), y1 = Math.min(image.height, Math.round(y + height));
  for (let row = y0; row < y1; row++) {
    for (let col = x0; col < x1; col++) image.data.set(colour, (row * image.width + col) * 4);
  }
}

/** Outlines the rectangle with lines `thickness` pixels wide, drawn inside it. */
export function strokeRect(image, x, y, width, height, colour, thickness = 2) {
  fillRect(image, x, y, width, thickness, colour);
  fillRect(image, x, y + height - thickness, width, thickness, colour);
  fillRect(image, x, y, thickness, height, colour);
  fillRect(image, x + width - thickness, y, thickness, height, colour);
}

/** Size of `text` drawn at `scale` (each font pixel becomes scale x scale). */
export function textSize(text, scale = 1) {
  return { width: Math.max(0, text.length * (GLYPH_W + 1) - 1) * scale, height: GLYPH_H * scale };
}

/** Draws text with its top-left corner at (x, y); unknown characters are drawn as '?'. */
export function drawText(image, text, x, y, colour, scale = 1) {
  [...text.toUpperCase()].forEach((char, k) => {
    const glyph = GLYPHS[char] ?? GLYPHS['?'];
    for (let row = 0; row < GLYPH_H; row++) {
      const bits = parseInt(glyph[row], 32);
      for (let col = 0; col < GLYPH_W; col++) {
        if (bits & (16 >> col)) {
          fillRect(image, x + (k * (GLYPH_W + 1) + col) * scale, y + row * scale, scale, scale, colour);
        }
      }
    }
  });
}

/** Writes an RGBA image as a PNG file. */
export function writePng(file, image) {
  const png = new pngjs.PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.width * image.height * 4);
  fs.writeFileSync(file, pngjs.PNG.sync.write(png));
}
