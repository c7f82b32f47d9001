// Where the widget's analysis worker is started from. A page may only start workers from its own
// origin, and a host page that loads the widget from another origin (a CDN, emolens' server) is not
// that origin: the widget then starts a same-origin blob: module that imports the real worker. The
// worker's own imports (wasm, models) resolve against its real URL and are fetched with CORS.

const WORKER = new URL('../worker/analysis-worker.js', import.meta.url);

/** True when the worker script can be started directly by this page. */
export function workerIsSameOrigin() {
  return WORKER.origin === globalThis.location.origin;
}

/** A URL for `new Worker(url, {type: 'module'})`; `release()` frees a blob: URL when done. */
export function analysisWorkerUrl() {
  if (workerIsSameOrigin()) return { url: WORKER, release() {} };
  // A static import, not import(): the worker's message handler is then registered before the
  // page's first message is delivered.
  const source = `import ${JSON.stringify(WORKER.href)};\n`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return { url, release: () => URL.revokeObjectURL(url) };
}
