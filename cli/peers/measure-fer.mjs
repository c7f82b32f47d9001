// Accuracy of each peer's classifyCrop on FER valid: FER2013 labels, FER+ majority, per-class recall.
// Usage: node cli/peers/measure-fer.mjs [--limit N] [--seed S] [--peers face-api,human]
// --limit takes a fixed seeded random subset (same images for every peer).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeImageFile } from '../image-decode-js.mjs';
import { argmaxEmotion, EMOTIONS } from './emotions.mjs';
import { readFerLabels } from './fer-labels.mjs';
import { createPeer, PEER_NAMES } from './index.mjs';

const { values: args } = parseArgs({ options: {
  limit: { type: 'string' }, seed: { type: 'string', default: '1' }, peers: { type: 'string', default: PEER_NAMES.join(',') },
} });
const dataDir = process.env.EMOLENS_DATA ?? path.join(import.meta.dirname, '..', '..', '..', 'shared', 'data');

// mulberry32: tiny deterministic PRNG so a subset is reproducible.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(rows, limit, seed) {
  if (!limit || limit >= rows.length) return rows;
  const rnd = random(seed);
  const shuffled = [...rows];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled.slice(0, limit);
}

// → { accuracy, n, recall: { label: [correct, total] } } over rows with a truth label.
function score(predictions, truths) {
  const recall = Object.fromEntries(EMOTIONS.map((e) => [e, [0, 0]]));
  let correct = 0, n = 0;
  predictions.forEach((p, i) => {
    const truth = truths[i];
    if (!truth) return;
    n++; recall[truth][1]++;
    if (p === truth) { correct++; recall[truth][0]++; }
  });
  return { accuracy: correct / n, n, recall };
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const recallLine = (recall) => EMOTIONS.map((e) => `${e} ${recall[e][1] ? pct(recall[e][0] / recall[e][1]) : '-'}`).join('  ');

const rows = pick(readFerLabels(path.join(dataDir, 'fer', 'valid')), Number(args.limit) || 0, Number(args.seed));
const images = rows.map((r) => decodeImageFile(r.path)); // pngjs expands the grey PNGs to RGBA
console.log(`FER valid: ${rows.length} images${args.limit ? ` (seeded subset, seed ${args.seed})` : ''}`);

for (const name of args.peers.split(',')) {
  const peer = await createPeer(name);
  const start = performance.now();
  const predictions = [];
  for (const image of images) predictions.push(argmaxEmotion(await peer.classifyCrop(image)));
  const ms = (performance.now() - start) / images.length;
  peer.dispose();
  const fer = score(predictions, rows.map((r) => r.fer2013));
  const plus = score(predictions, rows.map((r) => r.ferplus));
  console.log(`\n${name} (${peer.runtime.backend}, ${peer.runtime.wasmFile}, ${peer.runtime.threads} thread) ${ms.toFixed(2)} ms/crop`);
  console.log(`  FER2013 labels: ${pct(fer.accuracy)} of ${fer.n}\n    recall: ${recallLine(fer.recall)}`);
  console.log(`  FER+ majority:  ${pct(plus.accuracy)} of ${plus.n}\n    recall: ${recallLine(plus.recall)}`);
}
