// Where faces sit in ImageFolder crops, as emolens' own detector sees them: eye-line height, eye
// midpoint, inter-ocular and eye-to-mouth distances (fractions of the crop side) and roll, median
// and 10th-90th percentiles per label. Compares a dataset's framing with FER's and with the live
// crop convention (src/align/face_align.h), which the classifier's training crops must share.
//
//   node training/crop_framing.mjs ../shared/data/ckplus ../shared/data/fer/valid --limit 1000
//
// Each crop is upsampled 4x (bilinear) onto the middle of a 384x384 canvas of its mean grey, so the
// detector sees a whole face with margin; analyze() runs with the full-range model and a reset per
// crop (no tracking across crops); keypoints are mapped back to crop pixels.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { readImageFolder, sampleItems } from '../cli/eval/dataset.mjs';
import { importEmolens } from '../peers/emolens-dist.mjs';

const UP = 4;
const CANVAS = 384;
const MIN_SCORE = 0.7;

function canvasOf(grey, side) {
  const off = (CANVAS - side * UP) / 2;
  const mean = grey.reduce((a, b) => a + b, 0) / grey.length;
  const data = new Uint8ClampedArray(CANVAS * CANVAS * 4).fill(255);
  const at = (x, y) => grey[Math.min(side - 1, Math.max(0, y)) * side + Math.min(side - 1, Math.max(0, x))];
  for (let y = 0; y < CANVAS; y++) {
    for (let x = 0; x < CANVAS; x++) {
      let v = mean;
      if (x >= off && x < off + side * UP && y >= off && y < off + side * UP) {
        const u = (x - off + 0.5) / UP - 0.5, w = (y - off + 0.5) / UP - 0.5;
        const x0 = Math.floor(u), y0 = Math.floor(w), fx = u - x0, fy = w - y0;
        v = (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
      }
      const o = (y * CANVAS + x) * 4;
      data[o] = data[o + 1] = data[o + 2] = v;
    }
  }
  return { frame: { data, width: CANVAS, height: CANVAS }, off };
}

/** One crop's framing, or null when no face scores MIN_SCORE. */
function framing(analyzer, image) {
  if (image.width !== image.height) throw new Error(`crops must be square, got ${image.width}x${image.height}`);
  const side = image.width;
  const grey = new Float32Array(side * side).map((_, p) => image.data[p * 4]);
  const { frame, off } = canvasOf(grey, side);
  analyzer.reset();
  const face = analyzer.analyze(frame, 0).faces.sort((a, b) => b.score - a.score)[0];
  if (!face || face.score < MIN_SCORE) return null;
  const [re, le, , mouth] = face.keypoints.map((k) => ({ x: (k.x - off) / UP / side, y: (k.y - off) / UP / side }));
  const mid = { x: (re.x + le.x) / 2, y: (re.y + le.y) / 2 };
  return {
    eye_y: mid.y, eye_x: mid.x, eye_distance: Math.hypot(le.x - re.x, le.y - re.y),
    eye_to_mouth: Math.hypot(mouth.x - mid.x, mouth.y - mid.y), roll_deg: Math.atan2(le.y - re.y, le.x - re.x) * 180 / Math.PI,
  };
}

function quantile(sorted, q) {
  const i = (sorted.length - 1) * q, lo = Math.floor(i);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (i - lo);
}

function describe(rows) {
  return Object.fromEntries(Object.keys(rows[0]).map((key) => {
    const v = rows.map((r) => r[key]).sort((a, b) => a - b);
    return [key, [0.5, 0.1, 0.9].map((q) => Number(quantile(v, q).toFixed(3)))];
  }));
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { limit: { type: 'string' }, json: { type: 'string' } } });
if (!positionals.length) {
  process.stderr.write('usage: node training/crop_framing.mjs <ImageFolder>... [--limit N] [--json out.json]\n');
  process.exit(2);
}
const { createAnalyzer } = await importEmolens();
const analyzer = await createAnalyzer({ range: 'full' });
const report = {};
for (const dir of positionals) {
  const items = sampleItems(readImageFolder(dir).items, Number(values.limit ?? 0));
  const byLabel = {};
  let missed = 0;
  for (const item of items) {
    const f = framing(analyzer, analyzer.decodeImage(fs.readFileSync(item.file)));
    if (f) (byLabel[item.label] ??= []).push(f);
    else missed++;
  }
  const all = Object.values(byLabel).flat();
  report[dir] = { crops: items.length, no_face: missed, all: describe(all),
    ...Object.fromEntries(Object.entries(byLabel).map(([label, rows]) => [label, { n: rows.length, ...describe(rows) }])) };
  console.log(`${dir}: ${items.length} crops, ${missed} without a face scoring ${MIN_SCORE}`);
  console.log('  [median, p10, p90]');
  for (const [label, d] of Object.entries(report[dir]).filter(([k]) => !['crops', 'no_face'].includes(k))) {
    console.log(`  ${label.padEnd(9)} ${Object.entries(d).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join('  ')}`);
  }
}
if (values.json) fs.writeFileSync(values.json, JSON.stringify(report, null, 1));
analyzer.dispose();
