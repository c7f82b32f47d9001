// Human's configuration as emolens measures it, in Node (human.mjs) and in the browser bench
// (bench/browser/page/methods/human.js): Human's defaults (src/config.ts) except everything but
// face detection + emotion off, no warm-up, cacheSensitivity 0 (else a repeated frame reuses cached
// boxes and emotions, which fakes timings), and maxDetected 100 instead of 1 so group photos count.
// The caller adds where the backend's files and the models are.

const BOX_SCALE = 1.4;  // Human's default: the enlarged crop it feeds the emotion net

/** → Human's config, on the wasm backend with its files at wasmPath and the models at modelBasePath. */
export function humanConfig({ wasmPath, modelBasePath }) {
  return {
    backend: 'wasm', wasmPath, modelBasePath, debug: false,
    warmup: 'none', cacheSensitivity: 0, filter: { enabled: false },
    gesture: { enabled: false }, body: { enabled: false }, hand: { enabled: false },
    object: { enabled: false }, segmentation: { enabled: false },
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 100, minConfidence: 0.2, iouThreshold: 0.1, scale: BOX_SCALE },
      mesh: { enabled: false }, iris: { enabled: false }, attention: { enabled: false },
      description: { enabled: false }, antispoof: { enabled: false }, liveness: { enabled: false },
      emotion: { enabled: true, minConfidence: 0 },
    },
  };
}

// Per-call overrides (Human merges them into its config, so each call states both).
// Detection alone: BlazeFace's own box (scale 1, only squared), not the 1.4x crop Human feeds emotion.
export const DETECT_ONLY = { face: { detector: { scale: 1 }, emotion: { enabled: false } } };
export const DETECT_AND_EMOTION = { face: { detector: { scale: BOX_SCALE }, emotion: { enabled: true } } };
