// The four methods the pipeline benchmark times, behind one shape:
//   { name, runtime, analyze(kind, frame) → Promise<faces found>, dispose() }
// kind is 'oneFace' (a camera frame) or 'group' (a group photo); frames are 640x480 RGBA.
//
// Fairness: every call does the whole job from pixels to expressions, detector included.
//  - emolens: analyze(frame) on an analyzer with detectEvery 1, reset() before each call (untimed),
//    so no tracker state is carried and the detector runs on every frame (checked: detectorRan).
//    One-face frames use the camera path (range auto = BlazeFace short range, 128x128); group
//    photos an analyzer with range 'full' (BlazeFace full range, 192x192), the model analyzeImage
//    uses, but fed the same RGBA as the peers so no JPEG decoding is timed for anyone.
//    The RGBA copy into wasm memory is inside the timing, as for any caller.
//  - peers (cli/peers): analyze(frame) = detect + expression on TF.js's wasm backend (one thread,
//    SIMD); the RGBA → tensor conversion is inside their timing too.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './frames.mjs';

export const METHOD_NAMES = ['emolens-st', 'emolens-mt', 'human', 'face-api'];

const FRAME_INTERVAL_MS = 1000 / 30;

async function importEmolens() {
  const file = path.join(process.env.EMOLENS_DIST ?? path.join(repoRoot, 'dist'), 'wasm', 'emolens.mjs');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build it with 'bash scripts/build.sh'`);
  return import(pathToFileURL(file).href);
}

async function createEmolens(variant, threads) {
  const { createAnalyzer, defaultThreadCount } = await importEmolens();
  const poolThreads = variant === 'mt' ? threads ?? (await defaultThreadCount()) : 1;
  const load = { variant, threads: poolThreads };
  const analyzers = {
    oneFace: await createAnalyzer({ ...load, detectEvery: 1 }),
    group: await createAnalyzer({ ...load, detectEvery: 1, range: 'full' }),
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
      return result.faces.length;
    },
    dispose() {
      analyzers.oneFace.dispose();
      analyzers.group.dispose();
    },
  };
}

async function createPeerMethod(name) {
  const { createPeer } = await import('../../cli/peers/index.mjs');
  const peer = await createPeer(name);
  const { backend, simd, threads } = peer.runtime;
  return {
    name,
    runtime: `TF.js ${backend}, SIMD ${simd ? 'on' : 'off'}, ${threads} thread${threads === 1 ? '' : 's'}`,
    prepare() {},
    analyze: async (kind, frame) => (await peer.analyze(frame)).length,
    dispose: () => peer.dispose(),
  };
}

/** Creates one method by name; options.threads sets emolens-mt's pool (default: emolens' own). */
export function createMethod(name, options = {}) {
  switch (name) {
    case 'emolens-st': return createEmolens('st');
    case 'emolens-mt': return createEmolens('mt', options.threads);
    case 'human':
    case 'face-api': return createPeerMethod(name);
    default: throw new Error(`unknown method '${name}' (known: ${METHOD_NAMES.join(', ')})`);
  }
}
