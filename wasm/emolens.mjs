// emolens' JS entry point, the same in browsers, workers and Node 20.
// Loads one of the two wasm variants that sit beside this file:
//   mt: SIMD128 + pthreads, needs SharedArrayBuffer (cross-origin isolated pages, Node)
//   st: SIMD128 only, for pages without COOP/COEP (e.g. the embeddable widget)
const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

/** The variant this environment can run: mt where shared memory is available, else st. */
export function pickVariant() {
  if (isNode) return 'mt';
  return globalThis.crossOriginIsolated === true ? 'mt' : 'st';
}

/** Threads per inference in the mt variant: the machine's cores, at most 4 (more rarely pays off on these small networks). */
export async function defaultThreadCount() {
  if (isNode) {
    const os = await import('node:os');
    return Math.min(4, os.availableParallelism ? os.availableParallelism() : os.cpus().length);
  }
  return Math.min(4, globalThis.navigator?.hardwareConcurrency || 2);
}

// An analyzer runs up to three engines (camera detector, photo detector, classifier), each keeping
// threads - 1 workers of the pthread pool.
const ENGINES_PER_ANALYZER = 3;

/**
 * Loads the wasm module. options.variant: 'auto' | 'st' | 'mt'; options.threads: mt pool size.
 * Resolves to the Emscripten module, with `variant` set, and `dispose()` that stops its threads.
 */
export async function loadModule(options = {}) {
  checkLoadOptions(options);
  const variant = options.variant && options.variant !== 'auto' ? options.variant : pickVariant();
  const here = new URL('./', import.meta.url);
  const { default: factory } = await import(new URL(`emolens_${variant}.mjs`, here).href);
  const config = {};
  if (isNode) {
    // Emscripten 3.1.6 would hand fs a file: URL; give it a path.
    const { fileURLToPath } = await import('node:url');
    config.locateFile = (file) => fileURLToPath(new URL(file, here));
  }
  const threads = variant === 'mt' ? options.threads ?? (await defaultThreadCount()) : 1;
  if (variant === 'mt') config.emolensThreads = ENGINES_PER_ANALYZER * Math.max(1, threads - 1) + 1;
  // Emscripten's Node glue adds process-wide 'uncaughtException' and 'unhandledRejection' handlers
  // for every module and never removes them, so each disposed module stayed reachable (about 7 MB
  // per analyzer created and disposed). It adds them synchronously inside factory(): diff there.
  const before = nodeProcessListeners();
  const ready = factory(config);
  const added = nodeProcessListeners().filter((entry) => !before.some((old) => old[0] === entry[0] && old[1] === entry[1]));
  const module = await ready;
  module.variant = variant;
  module.threads = threads;
  module.dispose = () => {
    if (module.PThread) module.PThread.terminateAllThreads();
    for (const [event, listener] of added.splice(0)) process.removeListener(event, listener);
  };
  return module;
}

/** [event, listener] pairs of the process events Emscripten's glue listens to (none outside Node). */
function nodeProcessListeners() {
  if (!isNode) return [];
  return ['uncaughtException', 'unhandledRejection'].flatMap((event) => process.listeners(event).map((listener) => [event, listener]));
}

const MAX_THREADS = 16;  // as the native options check (src/analyzer/analyzer_options.cpp)

// Checked before anything loads: the mt pool is sized from `threads` (NaN left createAnalyzer
// pending forever, 100 started ~300 workers before the native check refused it).
function checkLoadOptions(options) {
  if (options === null || typeof options !== 'object') {
    throw new EmolensError('invalid_argument', `options must be an object such as {variant: 'st'}, got ${options}`);
  }
  const { variant, threads } = options;
  if (variant != null && !['auto', 'st', 'mt'].includes(variant)) {
    throw new EmolensError('invalid_argument', `unknown variant "${variant}" (st, mt or auto)`);
  }
  if (threads != null && !(Number.isInteger(threads) && threads >= 1 && threads <= MAX_THREADS)) {
    throw new EmolensError('invalid_argument', `option threads must be a whole number from 1 to ${MAX_THREADS}, got ${threads}`);
  }
}

/** An error from emolens: `code` is a stable word (see emolens.d.ts), `message` is for people. */
export class EmolensError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'EmolensError';
    this.code = code;
  }
}

/** Parses a result from the wasm side, throwing its error as an EmolensError. */
function unwrap(text) {
  const value = JSON.parse(text);
  if (value.error) throw new EmolensError(value.error.code, value.error.message);
  return value;
}

async function readResource(url) {
  if (isNode && url.protocol === 'file:') {
    const fs = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    return new Uint8Array(await fs.readFile(fileURLToPath(url)));
  }
  const response = await fetch(url);
  if (!response.ok) throw new EmolensError('model_missing', `could not load ${url.href} (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

/** A model's manifest text and weights, from `<base><name>.json` and `.bin`. */
async function readModel(base, name) {
  try {
    const [json, bin] = await Promise.all([
      readResource(new URL(`${name}.json`, base)), readResource(new URL(`${name}.bin`, base))]);
    return { json: new TextDecoder().decode(json), bin };
  } catch (error) {
    if (error instanceof EmolensError) throw error;
    throw new EmolensError('model_missing', `could not load the ${name} model from ${base.href}: ${error.message}`);
  }
}

function checkFrame(frame) {
  const valid = frame && Number.isInteger(frame.width) && Number.isInteger(frame.height) &&
    frame.width > 0 && frame.height > 0 && ArrayBuffer.isView(frame.data);
  if (!valid) {
    throw new EmolensError('invalid_argument', 'a frame is {data, width, height} with RGBA bytes and a positive integer size');
  }
  if (frame.data.byteLength < frame.width * frame.height * 4) {
    throw new EmolensError('invalid_argument',
      `the frame's data has ${frame.data.byteLength} bytes; ${frame.width}x${frame.height} RGBA needs ${frame.width * frame.height * 4}`);
  }
}

const DEFAULT_MAX_PIXELS = 64 * 1024 * 1024;
// No image has more pixels than this (sides are at most 32767): a larger maxPixels means "no limit"
// and must not reach the wasm side, where 1e300 became a negative int64 that refused every photo.
const MAX_PIXELS_CAP = 32767 * 32767;

function checkFileBytes(bytes, method) {
  if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer)) {
    throw new EmolensError('invalid_argument', `${method} takes the bytes of a JPEG or PNG file (Uint8Array or ArrayBuffer)`);
  }
  return new Uint8Array(bytes);
}

/** Decodes a JPEG/PNG file's bytes to RGBA with the module's decoder (the one analyzeImage uses). */
function decodeWith(module, bytes, maxPixels) {
  const out = module.decodeImage(checkFileBytes(bytes, 'decodeImage'), maxPixels);
  if (out.error) throw new EmolensError(out.error.code, out.error.message);
  return out;
}

class Analyzer {
  constructor(module, native, modelBase, options) {
    this.module = module;
    this.native = native;
    this.modelBase = modelBase;
    this.maxPixels = Math.min(options.maxPixels ?? DEFAULT_MAX_PIXELS, MAX_PIXELS_CAP);  // checked by native init
    this.buffer = 0;
    this.bufferSize = 0;
    this.started = performance.now();
  }

  get variant() { return this.module.variant; }
  buildInfo() { return { ...this.module.buildInfo(), variant: this.module.variant }; }

  /** Analyses one RGBA frame of a stream ({data, width, height}); timestampMs defaults to now. */
  analyze(frame, timestampMs = performance.now() - this.started) {
    this.checkUsable();
    checkFrame(frame);
    if (frame.width * frame.height > this.maxPixels) {
      throw new EmolensError('image_too_large', `${frame.width}x${frame.height} pixels is above the limit of ${this.maxPixels} pixels`);
    }
    const size = frame.width * frame.height * 4;
    if (size > this.bufferSize) {
      if (this.buffer) this.module._free(this.buffer);
      this.buffer = this.module._malloc(size);
      this.bufferSize = this.buffer ? size : 0;
      if (!this.buffer) throw new EmolensError('out_of_memory', `no memory for a ${frame.width}x${frame.height} frame`);
    }
    const bytes = new Uint8Array(frame.data.buffer, frame.data.byteOffset, size);
    this.module.HEAPU8.set(bytes, this.buffer);
    return unwrap(this.native.analyze(this.buffer, frame.width, frame.height, timestampMs));
  }

  /** Finds and analyses every face in a JPEG or PNG file's bytes. */
  async analyzeImage(bytes) {
    this.checkUsable();
    const data = checkFileBytes(bytes, 'analyzeImage');
    if (!this.native.hasFullRange()) {
      const model = await readModel(this.modelBase, 'face_detection_full_range');
      unwrap(this.native.addFullRangeModel(model.json, model.bin));
    }
    return unwrap(this.native.analyzeImage(data, this.maxPixels));
  }

  /** Decodes a JPEG or PNG file's bytes to an RGBA frame exactly as analyzeImage does (e.g. to draw on it). */
  decodeImage(bytes) {
    this.checkUsable();
    return decodeWith(this.module, bytes, this.maxPixels);
  }

  /**
   * Analyses a decoded video: forgets earlier tracks (reset), then yields analyze()'s FrameResult
   * for each frame of `frames` (an iterable or async iterable of {data, width, height, timestampMs})
   * at the frame's own timestamp, which must increase from frame to frame (the video's clock, not
   * the wall clock: tracking and smoothing follow it).
   */
  async *analyzeVideo(frames) {
    this.reset();
    let previous = -Infinity;
    for await (const frame of frames) {
      const time = frame?.timestampMs;
      if (!(Number.isFinite(time) && time > previous)) {
        throw new EmolensError('invalid_argument', `video frame timestamps must increase: got ${time} after ${previous}`);
      }
      previous = time;
      yield this.analyze(frame, time);
    }
  }

  /** Per-track and session histograms of the smoothed label, and the last minute's timeline. */
  stats() {
    this.checkUsable();
    return unwrap(this.native.stats());
  }

  /** Forgets tracks, smoothing and statistics (a new session). */
  reset() {
    this.checkUsable();
    this.native.reset();
  }

  /** Frees the analyzer and its wasm module; it cannot be used afterwards. */
  dispose() {
    if (!this.native) return;
    if (this.buffer) this.module._free(this.buffer);
    this.native.delete();
    this.native = null;
    this.module.dispose();
  }

  checkUsable() {
    if (!this.native) throw new EmolensError('disposed', 'this analyzer was disposed');
  }
}

function modelBaseUrl(models) {
  const base = new URL(models ?? '../models/', import.meta.url);
  if (!base.href.endsWith('/')) base.href += '/';
  return base;
}

// {logits: [[7]], probabilities: [[7]]} from the wasm side → [{logits, probabilities: {label: p}}],
// labels in the model's output order (its manifest's "labels").
function classifierResults(labels, { logits, probabilities }) {
  return logits.map((values, i) => ({
    logits: values, probabilities: Object.fromEntries(labels.map((label, k) => [label, probabilities[i][k]])),
  }));
}

/**
 * Creates the expression classifier alone, for face crops that are already aligned (e.g. FER's
 * 48x48 crops). Options: variant, threads, models, maxPixels. classify(crops) takes one or more grey
 * size x size crops back to back and returns [{logits, probabilities}] in crop order;
 * classifyImage(bytes) takes a JPEG/PNG face crop of any size (decoded, made grey and resized to
 * size x size in wasm) and returns one {logits, probabilities}.
 */
export async function createClassifier(options = {}) {
  checkLoadOptions(options);
  const base = modelBaseUrl(options.models);
  const [module, model] = await Promise.all([
    loadModule({ variant: options.variant, threads: options.threads }), readModel(base, 'expression')]);
  const native = new module.NativeClassifier();
  try {
    unwrap(native.init(model.json, model.bin, module.threads));
  } catch (error) {
    native.delete();
    module.dispose();
    throw error;
  }
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const labels = JSON.parse(model.json).labels; // init has validated the manifest
  return {
    variant: module.variant,
    labels,
    size: native.inputSize(),
    classify(crops) {
      if (!(crops instanceof Uint8Array)) throw new EmolensError('invalid_argument', 'crops are grey bytes in a Uint8Array');
      return classifierResults(labels, unwrap(native.classify(crops)));
    },
    classifyImage(bytes) {
      return classifierResults(labels, unwrap(native.classifyImage(checkFileBytes(bytes, 'classifyImage'), maxPixels)))[0];
    },
    decodeImage: (bytes) => decodeWith(module, bytes, maxPixels),
    dispose() {
      native.delete();
      module.dispose();
    },
  };
}

/**
 * Creates an analyzer. Options: variant ('auto' | 'st' | 'mt'), threads, models (base URL of the
 * model files; default: the models/ folder beside this file's folder), and the analysis options
 * range, maxFaces, minFaceSize, detectEvery, smoothing, minDetectionScore, maxPixels.
 */
export async function createAnalyzer(options = {}) {
  checkLoadOptions(options);
  const { variant, threads, models, ...analysis } = options;
  const modelBase = modelBaseUrl(models);
  const [module, detector, expression, fullRange] = await Promise.all([
    loadModule({ variant, threads }),
    readModel(modelBase, 'face_detection_short_range'),
    readModel(modelBase, 'expression'),
    // range 'full' runs the full-range detector on frames too, so it cannot wait for a first photo.
    analysis.range === 'full' ? readModel(modelBase, 'face_detection_full_range') : null,
  ]);
  const native = new module.NativeAnalyzer();
  try {
    unwrap(native.init(JSON.stringify({ threads: module.threads, ...analysis }),
      detector.json, detector.bin, expression.json, expression.bin));
    if (fullRange) unwrap(native.addFullRangeModel(fullRange.json, fullRange.bin));
  } catch (error) {
    native.delete();
    module.dispose();
    throw error;
  }
  return new Analyzer(module, native, modelBase, analysis);
}

/**
 * Per-track summary of a video's results: add(frameResult) for each analysed frame, then tracks() →
 * [{id, frames, firstMs, lastMs, label, counts, probabilities}] by id: frames the track was seen
 * in, its first and last timestamps, the smoothed label of most frames, how many frames had each
 * label, and the mean smoothed probabilities. Memory grows with the number of tracks, not frames.
 */
export function createTrackSummary() {
  const byId = new Map();
  return {
    add(result) {
      for (const face of result.faces) {
        let track = byId.get(face.id);
        if (!track) {
          const labels = Object.keys(face.probabilities); // the analyzer's label order
          track = { id: face.id, frames: 0, firstMs: result.timestampMs, lastMs: result.timestampMs,
            counts: Object.fromEntries(labels.map((e) => [e, 0])), sums: Object.fromEntries(labels.map((e) => [e, 0])) };
          byId.set(face.id, track);
        }
        track.frames++;
        track.lastMs = result.timestampMs;
        track.counts[face.label]++;
        for (const e in track.sums) track.sums[e] += face.probabilities[e];
      }
    },
    tracks() {
      return [...byId.values()].sort((a, b) => a.id - b.id).map(({ sums, ...track }) => ({
        ...track,
        label: Object.keys(track.counts).reduce((best, e) => (track.counts[e] > track.counts[best] ? e : best)),
        probabilities: Object.fromEntries(Object.keys(sums).map((e) => [e, sums[e] / track.frames])),
      }));
    },
  };
}
