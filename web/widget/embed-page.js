// embed.html: one <emo-lens> filling the iframe, configured from the query string (mode, size,
// histogram). Each event's detail goes to the embedding page as
// postMessage({source: 'emolens', type: 'ready' | 'emotion' | 'videoend' | 'error', detail}): the embedding page
// sees the results, never the camera picture, which stays inside this frame's origin.
import './emo-lens.js';

const params = new URLSearchParams(globalThis.location.search);
const lens = document.createElement('emo-lens');
for (const name of ['mode', 'histogram', 'size']) {
  if (params.has(name)) lens.setAttribute(name, params.get(name));
}
document.body.append(lens);

/** Without a size, the picture takes what the frame leaves beside the histogram and footer. */
function fillFrame() {
  if (params.has('size')) return;
  lens.setAttribute('size', `${innerWidth}x${innerHeight}`);
  const overflow = lens.getBoundingClientRect().height - innerHeight;
  lens.setAttribute('size', `${innerWidth}x${Math.max(120, Math.floor(innerHeight - overflow))}`);
}
fillFrame();
addEventListener('resize', fillFrame);

for (const type of ['ready', 'emotion', 'videoend', 'error']) {
  lens.addEventListener(type, (event) => {
    if (globalThis.parent !== globalThis) globalThis.parent.postMessage({ source: 'emolens', type, detail: event.detail }, '*');
  });
}
