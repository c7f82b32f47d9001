// A peer's expression probabilities over 48x48 grey crops, for softlabels.py --peer: reads the crops
// as raw uint8 [N,48,48] (written by Python in data.load()'s order, so rows line up by construction)
// and writes float32 [N,7] in our label order, each row the mean of the crop's and its mirror's
// softmax. The peer sees each crop exactly as `emolens eval --mode crops --peers` hands it one
// (grey as RGBA, 48x48; the peer resizes), so the teacher is the one measured there.
//   node training/peer_probs.mjs --peer face-api --images crops.u8 --out probs.f32
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { EMOTIONS } from '../peers/emotions.mjs';
import { rgbaFromGrey } from '../peers/image.mjs';
import { createPeer } from '../peers/index.mjs';

const SIDE = 48;
const { values } = parseArgs({ options: { peer: { type: 'string' }, images: { type: 'string' }, out: { type: 'string' } } });
if (!values.peer || !values.images || !values.out) throw new Error('usage: peer_probs.mjs --peer NAME --images crops.u8 --out probs.f32');

const pixels = fs.readFileSync(values.images);
if (pixels.length % (SIDE * SIDE)) throw new Error(`${values.images}: ${pixels.length} bytes is not a whole number of ${SIDE}x${SIDE} crops`);
const count = pixels.length / (SIDE * SIDE);
const mirror = (crop) => {
  const out = new Uint8Array(crop.length);
  for (let y = 0; y < SIDE; y++) for (let x = 0; x < SIDE; x++) out[y * SIDE + x] = crop[y * SIDE + SIDE - 1 - x];
  return out;
};

const peer = await createPeer(values.peer);
const probabilities = new Float32Array(count * EMOTIONS.length);
const started = performance.now();
for (let i = 0; i < count; i++) {
  const crop = pixels.subarray(i * SIDE * SIDE, (i + 1) * SIDE * SIDE);
  for (const view of [crop, mirror(crop)]) {
    const p = await peer.classifyCrop(rgbaFromGrey(view, SIDE, SIDE));
    EMOTIONS.forEach((e, k) => { probabilities[i * EMOTIONS.length + k] += p[e] / 2; });
  }
  if ((i + 1) % 1000 === 0) process.stderr.write(`${values.peer}: ${i + 1}/${count} crops, ${((performance.now() - started) / (i + 1)).toFixed(1)} ms each\n`);
}
peer.dispose();
fs.writeFileSync(values.out, Buffer.from(probabilities.buffer));
process.stderr.write(`${values.peer}: ${count} crops in ${((performance.now() - started) / 1000).toFixed(0)} s wall, ${(process.cpuUsage().user / 1e6).toFixed(0)} s CPU\n`);
