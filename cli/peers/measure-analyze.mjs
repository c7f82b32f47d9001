// Time of each peer's analyze() (detect + expressions) per 640x480 frame: median over --runs after
// --warmup runs, on a one-face photo and a group photo, both resized to 640x480.
// Usage: node cli/peers/measure-analyze.mjs [--runs 20] [--warmup 3] [--peers face-api,human]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeImageFile } from '../image-decode-js.mjs';
import { resizeImage } from './image.mjs';
import { createPeer, PEER_NAMES } from './index.mjs';

const { values: args } = parseArgs({ options: {
  runs: { type: 'string', default: '20' }, warmup: { type: 'string', default: '3' }, peers: { type: 'string', default: PEER_NAMES.join(',') },
} });
const dataDir = process.env.EMOLENS_DATA ?? path.join(import.meta.dirname, '..', '..', '..', 'shared', 'data');

// deepface_img2: one face, 1536x1152 (already 4:3). faceapijs_test_images_faces: six faces.
const FRAMES = { 'one face': 'deepface_img2.jpg', group: 'faceapijs_test_images_faces.jpg' };
const frames = Object.entries(FRAMES).map(([label, file]) =>
  ({ label, file, image: resizeImage(decodeImageFile(path.join(dataDir, 'photos', file)), 640, 480) }));

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

for (const name of args.peers.split(',')) {
  const peer = await createPeer(name);
  console.log(`${name} (${peer.runtime.backend}, ${peer.runtime.wasmFile}, ${peer.runtime.threads} thread)`);
  for (const { label, file, image } of frames) {
    let faces = 0;
    for (let i = 0; i < Number(args.warmup); i++) faces = (await peer.analyze(image)).length;
    const times = [];
    for (let i = 0; i < Number(args.runs); i++) {
      const start = performance.now();
      await peer.analyze(image);
      times.push(performance.now() - start);
    }
    console.log(`  ${label} (${file}, ${faces} faces): median ${median(times).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms over ${times.length} runs`);
  }
  peer.dispose();
}
