// Annotated pictures of analysed photos: each face's box and a caption (id, label, confidence)
// drawn onto a copy of the RGBA image, written as PNG. Reusable by anything holding a decoded
// image ({ data, width, height }, e.g. from analyzer.decodeImage) and the analyzer's faces.
import { PALETTE, TEXT_ON_PALETTE } from '../web/shared/emotions.js';
import { copyImage, drawText, fillRect, strokeRect, textSize, writePng } from './raster.mjs';

// The page's palette (opaque RGBA here), so a face has the same colour in the CLI's pictures as on the page.
const COLOURS = Object.fromEntries(Object.entries(PALETTE).map(([emotion, rgb]) => [emotion, [...rgb, 255]]));
const WHITE = [255, 255, 255, 255];
const CAPTION_TEXT = [...TEXT_ON_PALETTE, 255];

/** "3 happy 87%": the caption drawn over a face. */
export function faceCaption(face) {
  return `${face.id} ${face.label} ${Math.round(100 * face.confidence)}%`;
}

/**
 * A copy of `image` with each face's box and caption. faces: [{ id, box: { x, y, width, height },
 * label, confidence }]; lines and text grow with the image so they stay legible on large photos.
 */
export function annotateImage(image, faces) {
  const out = copyImage(image);
  const scale = Math.max(1, Math.round(Math.min(image.width, image.height) / 300));
  const thickness = 2 * scale;
  for (const face of faces) {
    const colour = COLOURS[face.label] ?? WHITE;
    const { x, y, width, height } = face.box;
    strokeRect(out, x, y, width, height, colour, thickness);
    const caption = faceCaption(face);
    const text = textSize(caption, scale);
    const pad = 2 * scale;
    // Above the box when there is room, else inside its top edge.
    const top = y - text.height - 2 * pad >= 0 ? y - text.height - 2 * pad : y;
    const left = Math.min(Math.max(0, x), Math.max(0, image.width - text.width - 2 * pad));
    fillRect(out, left, top, text.width + 2 * pad, text.height + 2 * pad, colour);
    drawText(out, caption, left + pad, top + pad, CAPTION_TEXT, scale);
  }
  return out;
}

/** Draws the faces onto a copy of `image` and writes it to `file` as PNG. */
export function writeAnnotatedPng(file, image, faces) {
  writePng(file, annotateImage(image, faces));
}
