// What the page tells its tests: body data-* attributes (data-state, data-analysis, data-analysed,
// data-face-box, …) that the e2e tests wait on and read. People read the status and summary lines,
// not these; nothing in the page reads them back.
const data = () => document.body.dataset;

/** Sets attributes by name (camelCase, as in dataset); a value of null removes one. */
export function probeSet(values) {
  for (const [name, value] of Object.entries(values)) {
    if (value === null) delete data()[name];
    else if (data()[name] !== String(value)) data()[name] = String(value);
  }
}

/** Adds one to a counting attribute (data-analysed, data-drawn, data-restarts). */
export function probeCount(name) {
  data()[name] = String((Number(data()[name]) || 0) + 1);
}

/** Where the first face's box was drawn (CSS pixels) and its label: data-face-box="x,y,w,h,label". */
export function probeFirstBox(boxes) {
  const first = boxes?.[0];
  probeSet({ faceBox: first ? `${first.x.toFixed(0)},${first.y.toFixed(0)},${first.width.toFixed(0)},${first.height.toFixed(0)},${first.label}` : '' });
}

/** Where the last ImGui item (a button, a plot) was drawn (CSS pixels), for tests to click: data-<name>="x,y,w,h". */
export function probeRect(name, { x, y, width, height }) {
  probeSet({ [name]: [x, y, width, height].map((v) => v.toFixed(0)).join(',') });
}
