// Exports: session statistics and photo results as JSON and CSV, and PNG snapshots, downloaded
// through blob URLs (nothing leaves the device).
import { EMOTIONS } from '../shared/emotions.js';

function csvField(value) {
  const text = String(value ?? '');
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(rows) {
  return rows.map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

const round = (value, digits = 4) => Number(value.toFixed(digits));

/** The session as JSON: build, options, statistics (histograms, timeline) and the latest faces. */
export function sessionJson({ build, options, stats, result }) {
  return JSON.stringify({ exportedAt: new Date().toISOString(), build, options, stats, latest: result ?? null }, null, 2);
}

/** One row per (scope, emotion): the session, then each face; seconds and frame counts. */
export function sessionCsv({ stats }) {
  const rows = [['scope', 'face', 'emotion', 'seconds', 'frames']];
  if (stats) {
    for (const emotion of EMOTIONS) {
      rows.push(['session', '', emotion, round(stats.session.seconds[emotion], 3), stats.session.counts[emotion]]);
    }
    for (const track of stats.tracks) {
      for (const emotion of EMOTIONS) rows.push(['face', track.id, emotion, round(track.seconds[emotion], 3), track.counts[emotion]]);
    }
  }
  return csv(rows);
}

/** Photos as JSON: per photo its name, size and faces, or its error. */
export function photosJson(photos) {
  return JSON.stringify(photos.map((photo) => ({
    name: photo.name,
    ...(photo.result ? { width: photo.result.width, height: photo.result.height, faces: photo.result.faces } : {}),
    ...(photo.error ? { error: photo.error } : {}),
  })), null, 2);
}

/** One row per face of every analysed photo: box, label, confidence and the 7 probabilities. */
export function photosCsv(photos) {
  const rows = [['photo', 'face', 'x', 'y', 'width', 'height', 'score', 'label', 'confidence', ...EMOTIONS]];
  for (const photo of photos) {
    for (const face of photo.result?.faces ?? []) {
      const { x, y, width, height } = face.box;
      rows.push([photo.name, face.id, round(x, 1), round(y, 1), round(width, 1), round(height, 1), round(face.score),
        face.label, round(face.confidence), ...EMOTIONS.map((emotion) => round(face.probabilities[emotion]))]);
    }
  }
  return csv(rows);
}

/** Saves a Blob as a file through a temporary blob URL. */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function downloadText(text, filename, type) {
  download(new Blob([text], { type }), filename);
}

/** "emolens-session-2026-11-23T09-15-00" */
export function stampedName(prefix) {
  return `${prefix}-${new Date().toISOString().slice(0, 19).replaceAll(':', '-')}`;
}

/**
 * The rectangle (CSS pixels) of a WebGL canvas just drawn, as a PNG Blob. Call it in the same task
 * as the drawing: the drawing buffer is cleared once the frame is presented.
 */
export function canvasRegionPng(canvas, rect) {
  const ratio = canvas.width / canvas.clientWidth;
  const width = Math.max(1, Math.round(rect.width * ratio));
  const height = Math.max(1, Math.round(rect.height * ratio));
  const region = document.createElement('canvas');
  region.width = width;
  region.height = height;
  region.getContext('2d').drawImage(canvas, Math.round(rect.x * ratio), Math.round(rect.y * ratio), width, height, 0, 0, width, height);
  return new Promise((resolve, reject) => region.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the snapshot could not be encoded'))), 'image/png'));
}
