// Sizes of what a page downloads, gzipped (zlib level 9, as a static host would pre-compress):
// emolens' own files by part, jsimgui apart, and the peers' equivalents (script bundle + wasm
// backend + face detector + expression model) from their npm packages.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** { bytes, gzip } of one file. */
export function fileSize(file) {
  const data = fs.readFileSync(file);
  return { bytes: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length };
}

/** Which part of emolens a dist/ path belongs to. */
export function partOf(distPath) {
  if (distPath.startsWith('vendor/jsimgui/')) return 'jsimgui';
  if (distPath.startsWith('models/')) return 'models';
  if (distPath.startsWith('wasm/')) return 'engine';
  return 'page';
}

/** Sizes of dist/ paths, each with its part, and totals per part and for emolens' own files. */
export function summarise(distDir, distPaths) {
  const files = [...new Set(distPaths)].sort().map((distPath) => ({
    path: distPath, part: partOf(distPath), ...fileSize(path.join(distDir, distPath)),
  }));
  const totals = {};
  for (const file of files) {
    totals[file.part] ??= { bytes: 0, gzip: 0 };
    totals[file.part].bytes += file.bytes;
    totals[file.part].gzip += file.gzip;
  }
  const own = files.filter((file) => file.part !== 'jsimgui');
  totals.own = { bytes: own.reduce((sum, file) => sum + file.bytes, 0), gzip: own.reduce((sum, file) => sum + file.gzip, 0) };
  return { files, totals };
}

// What each peer needs for camera emotion analysis in a browser, on TF.js' SIMD wasm backend.
const TFJS_SIMD_WASM = '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm';
export const PEERS = {
  'face-api': [
    '@vladmandic/face-api/dist/face-api.esm.js',
    '@vladmandic/face-api/model/tiny_face_detector_model-weights_manifest.json',
    '@vladmandic/face-api/model/tiny_face_detector_model.bin',
    '@vladmandic/face-api/model/face_expression_model-weights_manifest.json',
    '@vladmandic/face-api/model/face_expression_model.bin',
    TFJS_SIMD_WASM,
  ],
  human: [
    '@vladmandic/human/dist/human.esm.js',
    '@vladmandic/human/models/blazeface.json',
    '@vladmandic/human/models/blazeface.bin',
    '@vladmandic/human/models/emotion.json',
    '@vladmandic/human/models/emotion.bin',
    TFJS_SIMD_WASM,
  ],
};

/** { name: { files, gzip } } for the peers, read from node_modules. */
export function peerSizes(nodeModules) {
  return Object.fromEntries(Object.entries(PEERS).map(([name, files]) => {
    const sized = files.map((file) => ({ path: file, ...fileSize(path.join(nodeModules, file)) }));
    return [name, { files: sized, gzip: sized.reduce((sum, file) => sum + file.gzip, 0) }];
  }));
}
