// Example host code: what a page does with <emo-lens>'s events. Here it prints them: the build that
// runs, per result the faces with their labels, and a video's per-face summary when it ends. Listening on the document (capture phase) finds
// every widget on the page, including the `error` event, which does not bubble.
const log = document.getElementById('log');
let last = null;

function print(text, { replaceLast = false } = {}) {
  if (replaceLast && last) {
    last.textContent = text;
    return;
  }
  last = document.createElement('div');
  last.textContent = text;
  log.append(last);
}

document.addEventListener('ready', (event) => {
  if (event.target.localName !== 'emo-lens') return;
  const { variant, simd, version } = event.detail;
  print(`emolens ${version} ready: wasm ${variant}${simd ? ' + SIMD' : ''}, crossOriginIsolated=${globalThis.crossOriginIsolated}`);
  last = null;
}, true);

document.addEventListener('emotion', (event) => {
  const faces = event.detail.faces.map((face) => `#${face.id} ${face.label} ${Math.round(100 * face.confidence)}%`);
  print(`${event.detail.width}x${event.detail.height}: ${faces.length} face(s) ${faces.join(', ')}`, { replaceLast: true });
}, true);

document.addEventListener('videoend', (event) => {
  const { state, frames, tracks } = event.detail;
  const summary = tracks.map((track) => `#${track.track} ${track.label} (${track.frames} frames)`);
  print(`video ${state}: ${frames} frames, ${tracks.length} face(s) ${summary.join(', ')}`);
  last = null;
}, true);

document.addEventListener('error', (event) => {
  if (event.target.localName !== 'emo-lens') return;
  print(`error (${event.detail.code}): ${event.detail.message}`);
  last = null;
}, true);
