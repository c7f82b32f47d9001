// Annotated pictures of analysed photos: each face's box and a caption (id, label, confidence)
// drawn onto a copy of the RGBA image, written as PNG. Reusable by anything holding a decoded
// image ({ data, width, height }, e.g. from analyzer.decodeImage) and the analyzer's faces.
import { copyImage, drawText, fillRect, strokeRect, textSize, writePng } from './raster.mjs';

// One colour per emotion, readable on photos and under white text.
export const EMOTION_COLOURS = {
  angry: [220, 40, 40, 255], disgust: [120, 160, 20, 255], fear: [150, 60, 200, 255], happy: [240, 170, 0, 255],
  sad: [40, 100, 220, 255], surprise: [0, 180, 190, 255], neutral: [128, 128, 128, 255],
};
const WHITE = [255, 255, 255, 255];

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
    const colour = EMOTION_COLOURS[face.label] ?? WHITE;
    const { x, y, width, height } = face.box;
    strokeRect(out, x, y, width, height, colour, thickness);
    const caption = faceCaption(face);
    const text = textSize(caption, scale);
    const pad = 2 * scale;
    // Above the box when there is room, else inside its top edge.
    const top = y - text.height - 2 * pad >= 0 ? y - text.height - 2 * pad : y;
    const left = Math.min(Math.max(0, x), Math.max(0, image.width - text.width - 2 * pad));
    fillRect(out, left, top, text.width + 2 * pad, text.height + 2 * pad, colour);
    drawText(out, caption, left + pad, top + pad, WHITE, scale);
  }
  return out;
}

/** Draws the faces onto a copy of `image` and writes it to `file` as PNG. */
export function writeAnnotatedPng(file, image, faces) {
  writePng(file, annotateImage(image, faces));
}
