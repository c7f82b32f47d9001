// Draws the widget's picture (a video frame or a photo, letterboxed) and, per face, its box and
// label on a 2D canvas. Boxes arrive in the source's pixels; a front camera is shown mirrored.
import { emotionCss, labelText, TEXT_ON_PALETTE } from '../shared/emotions.js';
import { letterbox, mapBox } from '../shared/geometry.js';

const TEXT_COLOUR = `rgb(${TEXT_ON_PALETTE.join(', ')})`;

/** Sizes the canvas's pixels to its CSS size times the device pixel ratio; returns the CSS size. */
function matchDisplaySize(canvas) {
  const ratio = globalThis.devicePixelRatio || 1;
  const width = canvas.clientWidth || 1;
  const height = canvas.clientHeight || 1;
  const pixelWidth = Math.round(width * ratio);
  const pixelHeight = Math.round(height * ratio);
  if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
    canvas.width = pixelWidth;
    canvas.height = pixelHeight;
  }
  return { width, height, ratio };
}

function drawLabel(context, face, x, y) {
  const text = labelText(face);
  context.font = '600 13px system-ui, sans-serif';
  const width = context.measureText(text).width + 10;
  const top = Math.max(0, y - 20);
  context.fillStyle = emotionCss(face.label);
  context.fillRect(x, top, width, 19);
  context.fillStyle = TEXT_COLOUR;
  context.textBaseline = 'middle';
  context.fillText(text, x + 5, top + 10);
}

/**
 * Draws `source` (video, ImageBitmap; null: black) with `faces` (FrameResult.faces, in the source's
 * sourceWidth x sourceHeight pixels). mirrored: flip horizontally, boxes included.
 */
export function drawScene(canvas, { source, sourceWidth, sourceHeight, mirrored = false, faces = [] }) {
  const context = canvas.getContext('2d');
  const { width, height, ratio } = matchDisplaySize(canvas);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.fillStyle = '#000';
  context.fillRect(0, 0, width, height);
  if (!source || !sourceWidth || !sourceHeight) return;
  const fit = letterbox(sourceWidth, sourceHeight, { x: 0, y: 0, width, height });
  context.save();
  if (mirrored) {
    context.translate(width, 0);
    context.scale(-1, 1);
  }
  context.drawImage(source, fit.x, fit.y, fit.width, fit.height);
  context.restore();
  context.lineWidth = 2;
  for (const face of faces) {
    const box = mapBox(face.box, fit, sourceWidth, mirrored);
    context.strokeStyle = emotionCss(face.label);
    context.strokeRect(box.x, box.y, box.width, box.height);
    drawLabel(context, face, box.x, box.y);
  }
}
