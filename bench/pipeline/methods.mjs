// The four methods the pipeline benchmark times, behind one shape:
//   { name, runtime, prepare(kind), analyze(kind, frame) → Promise<{ faces, stages }>, dispose() }
// kind is 'oneFace' (a camera frame) or 'group' (a group photo); frames are 640x480 RGBA. faces:
// how many were found; stages: emolens' own { detectMs, classifyMs } (null for peers).
// prepare(kind) runs untimed before each timed analyze.
//
// Fairness: every call does the whole job from pixels to expressions, detector included.
//  - emolens: analyze(frame) on an analyzer with detectEvery 1, reset() before each call (untimed),
//    so no tracker state is carried and the detector runs on every frame (checked: detectorRan).
//    One-face frames use the camera path (range auto = BlazeFace short range, 128x128); group
//    photos an analyzer with range 'full' (BlazeFace full range, 192x192, tiled so faces down to
//    minFaceSize 20 px are found: what analyzeImage does), fed the same RGBA as the peers so no
//    JPEG decoding is timed for anyone. groupRange 'short' times the one-pass camera path instead.
//    The RGBA copy into wasm memory is inside the timing, as for any caller.
//  - peers (peers/): analyze(frame) = detect + expression on TF.js's wasm backend (one thread,
//    SIMD); the RGBA → tensor conversion is inside their timing too.
import { importEmolens } from '../../peers/emolens-dist.mjs';

export const METHOD_NAMES = ['emolens-st', 'emolens-mt', 'human', 'face-api'];

const FRAME_INTERVAL_MS = 1000 / 30;

async function createEmolens(variant, threads, groupRange) {
  const { createAnalyzer, defaultThreadCount } = await importEmolens();
  const poolThreads = variant === 'mt' ? threads ?? (await defaultThreadCount()) : 1;
  const load = { variant, threads: poolThreads };
  const analyzers = {
    oneFace: await createAnalyzer({ ...load, detectEvery: 1 }),
    group: await createAnalyzer({ ...load, detectEvery: 1, range: groupRange }),
  };
  const info = analyzers.oneFace.buildInfo();
  let timestamp = 0;
  return {
    name: `emolens-${variant}`,
    runtime: `wasm ${variant}, SIMD ${info.simd ? 'on' : 'off'}, ${poolThreads} thread${poolThreads === 1 ? '' : 's'}`,
    prepare(kind) {
      analyzers[kind].reset();
    },
    async analyze(kind, frame) {
      timestamp += FRAME_INTERVAL_MS;
      const result = analyzers[kind].analyze(frame, timestamp);
      if (!result.detectorRan) throw new Error(`emolens-${variant}: the detector did not run on a ${kind} frame`);
      return { faces: result.faces.length, stages: { detectMs: result.timings.detectMs, classifyMs: result.timings.classifyMs } };
    },
    dispose() {
      analyzers.oneFace.dispose();
      analyzers.group.dispose();
    },
  };
}

async function createPeerMethod(name) {
  const { createPeer } = await import('../../peers/index.mjs');
  const peer = await createPeer(name);
  const { backend, simd, threads } = peer.runtime;
  return {
    name,
    runtime: `TF.js ${backend}, SIMD ${simd ? 'on' : 'off'}, ${threads} thread${threads === 1 ? '' : 's'}`,
    prepare() {},
    analyze: async (kind, frame) => ({ faces: (await peer.analyze(frame)).length, stages: null }),
    dispose: () => peer.dispose(),
  };
}

/**
 * Creates one method by name. options.threads: emolens-mt's pool (default: emolens' own);
 * options.groupRange: emolens' detector range for the group photo ('full', default, or 'short').
 */
export function createMethod(name, options = {}) {
  switch (name) {
    case 'emolens-st': return createEmolens('st', 1, options.groupRange ?? 'full');
    case 'emolens-mt': return createEmolens('mt', options.threads, options.groupRange ?? 'full');
    case 'human':
    case 'face-api': return createPeerMethod(name);
    default: throw new Error(`unknown method '${name}' (known: ${METHOD_NAMES.join(', ')})`);
  }
}
