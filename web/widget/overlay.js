// Draws the widget's picture (a video frame or a photo, letterboxed) and, per face, its box and
// label on a 2D canvas. Boxes arrive in the source's pixels; a front camera is shown mirrored.

export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];

const COLOURS = {
  angry: '#ff5c5c', disgust: '#8fd14f', fear: '#b07cff', happy: '#ffd43b',
  sad: '#4dabf7', surprise: '#ff922b', neutral: '#ced4da',
};

export function emotionColour(emotion) {
  return COLOURS[emotion] ?? '#ffffff';
}

/** Where a width x height source lands, letterboxed, in a boxWidth x boxHeight area. */
export function fitRect(width, height, boxWidth, boxHeight) {
  const scale = Math.min(boxWidth / width, boxHeight / height);
  return {
    scale,
    x: (boxWidth - width * scale) / 2,
    y: (boxHeight - height * scale) / 2,
    width: width * scale,
    height: height * scale,
  };
}

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
  const text = `${face.label} ${Math.round(100 * face.confidence)}%`;
  context.font = '600 13px system-ui, sans-serif';
  const width = context.measureText(text).width + 10;
  const top = Math.max(0, y - 20);
  context.fillStyle = emotionColour(face.label);
  context.fillRect(x, top, width, 19);
  context.fillStyle = '#111216';
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
  const fit = fitRect(sourceWidth, sourceHeight, width, height);
  context.save();
  if (mirrored) {
    context.translate(width, 0);
    context.scale(-1, 1);
  }
  context.drawImage(source, fit.x, fit.y, fit.width, fit.height);
  context.restore();
  context.lineWidth = 2;
  for (const face of faces) {
    const boxX = mirrored ? sourceWidth - face.box.x - face.box.width : face.box.x;
    const x = fit.x + boxX * fit.scale;
    const y = fit.y + face.box.y * fit.scale;
    context.strokeStyle = emotionColour(face.label);
    context.strokeRect(x, y, face.box.width * fit.scale, face.box.height * fit.scale);
    drawLabel(context, face, x, y);
  }
}
