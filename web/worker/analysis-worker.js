// The analysis worker: owns one emolens analyzer (wasm mt when the page is cross-origin isolated,
// else st) and answers the page's requests. web/shared/analysis-client.js is its only caller.
//
// Protocol (page → worker: {id, type, ...fields}; worker → page: {id, result} or
// {id, error: {code, message}}; error codes are the analyzer's, see wasm/emolens.d.ts, plus
// bad_request and not_ready):
//   init      {options}           → {build, options}   creates the analyzer; options are
//                                                        createAnalyzer's (range, maxFaces,
//                                                        minFaceSize, detectEvery, smoothing,
//                                                        minDetectionScore, maxPixels, variant,
//                                                        threads) plus statsEveryMs (default 250)
//   setOptions {options}          → {build, options}   merges analysis options and makes a new
//                                                        analyzer: the session starts again
//   frame     {frame, timestamp}  → FrameResult (+ .stats at most every statsEveryMs)
//                                   frame: VideoFrame | ImageBitmap | {data: ArrayBuffer, width,
//                                   height} (RGBA), transferred; boxes come back in its pixels;
//                                   timings gain readMs (pixels out of the frame)
//   image     {bytes}             → FrameResult of a JPEG/PNG file (photo: every face, full range,
//                                   session statistics untouched)
//   stats                         → Stats
//   reset                         → {}                  forgets tracks, smoothing and statistics
// While init runs, the worker posts {type: 'progress', url, loaded, total, done} for each file
// it downloads (wasm, models), so the page can show a progress bar.
// A wasm trap (RuntimeError) is rethrown outside the handler: the page sees the worker's error
// event and restarts it, since the module's state is unknown after a trap.
import { createAnalyzer } from '../wasm/emolens.mjs';

const WORKER_OPTIONS = ['statsEveryMs'];
const DEFAULT_STATS_EVERY_MS = 250;

let analyzer = null;
let options = {};
let lastStatsAt = -Infinity;
let canvas = null;  // reused to read pixels out of ImageBitmaps (and VideoFrames copyTo cannot take)
let spare = null;   // the RGBA buffer VideoFrames are copied into, reused from frame to frame

// A frame's pixels go to a buffer taken here and given back after analyze() has copied them into
// wasm memory: the camera path then allocates no pixel buffer per frame. A second frame read while
// the buffer is out (the client sends one at a time, so only by another caller) gets its own.
function takeBuffer(size) {
  const buffer = spare?.length === size ? spare : new Uint8Array(size);
  spare = null;
  return buffer;
}

// Counts the bytes of every download so the page can draw a progress bar while wasm and models load.
const plainFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const response = await plainFetch(input, init);
  if (!response.ok || !response.body) return response;
  const url = response.url || String(input);
  const total = Number(response.headers.get('Content-Length')) || 0;
  let loaded = 0;
  const counter = new TransformStream({
    transform(chunk, controller) {
      loaded += chunk.byteLength;
      self.postMessage({ type: 'progress', url, loaded, total, done: false });
      controller.enqueue(chunk);
    },
    flush() {
      self.postMessage({ type: 'progress', url, loaded, total, done: true });
    },
  });
  return new Response(response.body.pipeThrough(counter), {
    status: response.status, statusText: response.statusText, headers: response.headers,
  });
};

function requestError(code, message) {
  return Object.assign(new Error(message), { code });
}

function analysisOptions(all) {
  return Object.fromEntries(Object.entries(all).filter(([key]) => !WORKER_OPTIONS.includes(key)));
}

/** A tiny PNG: analysing it once makes the analyzer load its full-range detector (public API only). */
async function blankPng() {
  const blank = new OffscreenCanvas(8, 8);
  blank.getContext('2d');  // convertToBlob needs a context
  const blob = await blank.convertToBlob({ type: 'image/png' });
  return new Uint8Array(await blob.arrayBuffer());
}

async function makeAnalyzer(next) {
  const created = await createAnalyzer(analysisOptions(next));
  try {
    // Frames with range "full" need the full-range model, which createAnalyzer loads only for photos.
    if (next.range === 'full') await created.analyzeImage(await blankPng());
  } catch (error) {
    created.dispose();
    throw error;
  }
  analyzer?.dispose();
  analyzer = created;
  options = next;
  lastStatsAt = -Infinity;
  return { build: analyzer.buildInfo(), options };
}

function ready() {
  if (!analyzer) throw requestError('not_ready', 'the analyzer is not initialised (send init first)');
  return analyzer;
}

/**
 * RGBA pixels of a transferred frame, and its size; closes VideoFrames and ImageBitmaps.
 * VideoFrames are converted by copyTo (WebCodecs, no canvas: in the page it measured 1.8 ms for a
 * 640x360 frame against 2.8 ms through a canvas, which also waits for the GPU process while the
 * page renders) into a reused buffer (takeBuffer; `reused` says to give it back); ImageBitmaps go
 * through a reused 2D canvas, whose getImageData makes a new buffer each time.
 */
async function readPixels(frame) {
  if (frame?.data instanceof ArrayBuffer) {
    return { data: new Uint8Array(frame.data), width: frame.width, height: frame.height };
  }
  const isVideoFrame = typeof VideoFrame !== 'undefined' && frame instanceof VideoFrame;
  if (!isVideoFrame && !(frame instanceof ImageBitmap)) {
    throw requestError('invalid_argument', 'a frame is a VideoFrame, an ImageBitmap or {data: ArrayBuffer, width, height}');
  }
  try {
    const width = isVideoFrame ? frame.displayWidth : frame.width;
    const height = isVideoFrame ? frame.displayHeight : frame.height;
    if (!width || !height) throw requestError('invalid_argument', 'the frame is empty (closed or 0x0)');
    if (isVideoFrame && frame.visibleRect?.width === width && frame.visibleRect?.height === height) {
      const data = takeBuffer(width * height * 4);
      await frame.copyTo(data, { format: 'RGBA' });
      return { data, width, height, reused: true };
    }
    if (!canvas || canvas.width !== width || canvas.height !== height) {
      canvas = new OffscreenCanvas(width, height);
      canvas.context = canvas.getContext('2d', { willReadFrequently: true });
    }
    canvas.context.drawImage(frame, 0, 0, width, height);
    return { data: canvas.context.getImageData(0, 0, width, height).data, width, height };
  } finally {
    frame.close();
  }
}

const handlers = {
  init: ({ options: next = {} }) => makeAnalyzer(next),
  setOptions: ({ options: changes = {} }) => makeAnalyzer({ ...options, ...changes }),

  async frame({ frame, timestamp }) {
    ready();
    const started = performance.now();
    const pixels = await readPixels(frame);
    const readMs = performance.now() - started;
    const current = ready();  // setOptions may have replaced the analyzer meanwhile
    let result;
    try {
      result = current.analyze(pixels, timestamp);
    } finally {
      if (pixels.reused) spare = pixels.data;
    }
    result.timings.readMs = readMs;
    const every = options.statsEveryMs ?? DEFAULT_STATS_EVERY_MS;
    if (performance.now() - lastStatsAt >= every) {
      lastStatsAt = performance.now();
      result.stats = current.stats();
    }
    return result;
  },

  async image({ bytes }) {
    if (!(bytes instanceof ArrayBuffer) && !(bytes instanceof Uint8Array)) {
      throw requestError('invalid_argument', 'image takes the bytes of a JPEG or PNG file');
    }
    return ready().analyzeImage(bytes);
  },

  stats: () => ready().stats(),

  reset() {
    ready().reset();
    lastStatsAt = -Infinity;
    return {};
  },
};

self.addEventListener('message', async ({ data }) => {
  const handler = handlers[data?.type];
  try {
    if (!handler) throw requestError('bad_request', `unknown request "${data?.type}"`);
    self.postMessage({ id: data.id, result: await handler(data) });
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      setTimeout(() => { throw error; });
      return;
    }
    if (data?.frame?.close) data.frame.close();
    self.postMessage({ id: data?.id, error: { code: error.code ?? 'internal', message: String(error.message ?? error) } });
  }
});
