// emolens eval-detect: the WIDER gt.txt parser, AP@0.5 / recall at 1 FP per image on hand-made
// detections with known answers, size buckets, and the command on real WIDER images.
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { evaluateDetections } from '../../cli/detect-eval/metrics.mjs';
import { haarToolPath } from '../../cli/detect-eval/detectors.mjs';
import { DatasetError, parseWiderGt } from '../../cli/detect-eval/wider-gt.mjs';
import { dataDir, dataSkip, distDir, repoRoot } from './support/paths.mjs';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'cli/emolens.mjs');
const wider = path.join(dataDir, 'wider');

// Runs the CLI and resolves with { code, stdout, stderr } whatever the exit code.
async function emolens(...args) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

describe('parseWiderGt', () => {
  const GT = [
    'a/one.jpg', '2',
    '10 20 30 40 1 0 0 0 0 0 ',
    '100 50 12 14 2 0 0 1 0 0 ',
    'b/empty.jpg', '0',
    '0 0 0 0 0 0 0 0 0 0 ',
    'c/three.jpg', '1',
    '5 6 70 80 0 1 0 0 2 1',
  ].join('\r\n');

  test('reads paths, boxes, attributes and the invalid flag; an empty image has no faces', () => {
    const images = parseWiderGt(GT);
    assert.deepEqual(images.map((im) => im.path), ['a/one.jpg', 'b/empty.jpg', 'c/three.jpg']);
    assert.deepEqual(images.map((im) => im.faces.length), [2, 0, 1]);
    assert.deepEqual(images[0].faces[0],
      { x: 10, y: 20, width: 30, height: 40, blur: 1, expression: 0, illumination: 0, invalid: false, occlusion: 0, pose: 0 });
    assert.equal(images[0].faces[1].invalid, true);
    assert.equal(images[2].faces[0].occlusion, 2);
  });

  test('a truncated or malformed file is a DatasetError naming the line', () => {
    assert.throws(() => parseWiderGt('a.jpg\n3\n1 2 3 4 0 0 0 0 0 0\n'), (e) => e instanceof DatasetError && /3 faces announced, only 1 listed/.test(e.message));
    assert.throws(() => parseWiderGt('a.jpg\nmany\n'), (e) => e instanceof DatasetError && /line 2/.test(e.message));
    assert.throws(() => parseWiderGt('a.jpg\n1\n1 2 x 4\n'), (e) => e instanceof DatasetError && /line 3/.test(e.message));
  });
});

describe('evaluateDetections', () => {
  const face = (x, y, height, extra = {}) => ({ x, y, width: Math.round(height * 0.8), height, invalid: false, ...extra });
  const hit = (f, score) => ({ box: { x: f.x + 1, y: f.y + 1, width: f.width, height: f.height }, score });
  const away = (height, score) => ({ box: { x: 900, y: 900, width: height, height }, score });
  const A = face(0, 0, 50), B = face(200, 0, 60);

  test('every face found, nothing else: AP 1, recall 1', () => {
    const r = evaluateDetections([{ faces: [A, B], detections: [hit(A, 0.9), hit(B, 0.8)] }]);
    assert.equal(r.ap50, 1);
    assert.equal(r.recall, 1);
    assert.equal(r.counts.false_positives, 0);
  });

  test('one of two faces missed: AP 0.5, recall 0.5', () => {
    const r = evaluateDetections([{ faces: [A, B], detections: [hit(A, 0.9)] }]);
    assert.equal(r.ap50, 0.5);
    assert.equal(r.recall, 0.5);
  });

  test('a false positive above both hits: the precision envelope gives AP 2/3', () => {
    const r = evaluateDetections([{ faces: [A, B], detections: [away(50, 0.95), hit(A, 0.9), hit(B, 0.8)] }]);
    assert.ok(Math.abs(r.ap50 - 2 / 3) < 1e-12, `ap50 ${r.ap50}`);
    assert.equal(r.recall, 1);  // one false positive on one image is still within budget
    assert.equal(r.counts.false_positives, 1);
  });

  test('recall at 1 FP per image stops before the second false positive', () => {
    const r = evaluateDetections([{ faces: [A, B], detections: [away(50, 0.99), away(60, 0.95), hit(A, 0.9), hit(B, 0.8)] }]);
    assert.equal(r.recall, 0);
    assert.equal(r.max_recall, 1);
    assert.equal(r.counts.threshold, 0.99);
  });

  test('a second box on a face already taken is a false positive', () => {
    const r = evaluateDetections([{ faces: [A], detections: [hit(A, 0.9), hit(A, 0.8)] }]);
    assert.equal(r.ap50, 1);
    assert.equal(r.counts.false_positives, 1);
  });

  test('a box drawn to another convention: a miss at IoU 0.5, a hit at a lower --iou', () => {
    // Twice as wide as the face, same height: IoU 0.5 exactly minus the 1 px offset of hit().
    const wide = { box: { x: A.x - A.width / 2 + 1, y: A.y + 1, width: 2 * A.width, height: A.height }, score: 0.9 };
    assert.equal(evaluateDetections([{ faces: [A], detections: [wide] }]).ap50, 0);
    assert.equal(evaluateDetections([{ faces: [A], detections: [wide] }], { iouThreshold: 0.4 }).ap50, 1);
  });

  test('size buckets count faces by height; tiny and invalid faces are ignored, not missed', () => {
    const small = face(0, 0, 20), medium = face(100, 0, 64), large = face(300, 0, 200);
    const tiny = face(600, 0, 10), invalid = face(700, 0, 40, { invalid: true });
    const image = { faces: [small, medium, large, tiny, invalid],
      detections: [hit(small, 0.9), hit(large, 0.7), hit(tiny, 0.6), hit(invalid, 0.5), away(150, 0.4)] };
    const r = evaluateDetections([image]);
    assert.equal(r.faces, 3);
    assert.deepEqual([r.by_size.small.faces, r.by_size.medium.faces, r.by_size.large.faces], [1, 1, 1]);
    assert.equal(r.by_size.small.ap50, 1);
    assert.equal(r.by_size.small.recall, 1);
    assert.equal(r.by_size.medium.ap50, 0);
    assert.equal(r.by_size.medium.recall, 0);
    // The unmatched 150 px box is a false positive only where its height belongs: the large bucket.
    assert.ok(Math.abs(r.by_size.large.ap50 - 1) < 1e-12);
    assert.equal(r.over_32.faces, 2);
    assert.equal(r.over_32.recall, 0.5);
    assert.equal(r.counts.false_positives, 1);
    assert.deepEqual(r.tiny, { faces: 1, recall: 1 });
    assert.equal(r.counts.invalid_faces, 1);
  });
});

describe('emolens eval-detect', () => {
  test('a dataset path that does not exist: exit code 1 and one line on stderr', async () => {
    const r = await emolens('eval-detect', '--dataset', path.join(repoRoot, 'no-such-dataset'), '--json');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^emolens: eval-detect: dataset folder .*no-such-dataset does not exist\n$/);
  });

  test('a bad --limit or no --dataset is a usage error (exit code 2)', async () => {
    assert.equal((await emolens('eval-detect', '--dataset', wider, '--limit', 'x')).code, 2);
    const half = await emolens('eval-detect', '--dataset', wider, '--half', 'third');
    assert.equal(half.code, 2);
    assert.match(half.stderr, /--half must be even or odd/);
    for (const iou of ['0', '1.5', 'x']) assert.equal((await emolens('eval-detect', '--dataset', wider, '--iou', iou)).code, 2, `--iou ${iou}`);
    const r = await emolens('eval-detect');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--dataset/);
  });

  const missing = dataSkip(path.join(wider, 'gt.txt'))
    || (!fs.existsSync(path.join(distDir, 'wasm', 'emolens.mjs')) ? 'skipped: dist/ not built (scripts/build.sh)'
      : !fs.existsSync(haarToolPath()) ? `skipped: ${haarToolPath()} not built` : false);

  test('--json --peers on 3 WIDER images: one JSON object, ours and both peers in the same shape', { skip: missing }, async () => {
    const r = await emolens('eval-detect', '--dataset', wider, '--limit', '3', '--json', '--peers');
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.counts.images, 3);
    assert.equal(report.half, 'all');
    assert.equal(report.iou_threshold, 0.5);
    const checkShape = (x, who) => {
      for (const key of ['ap50', 'recall']) assert.ok(x[key] >= 0 && x[key] <= 1, `${who}.${key} = ${x[key]}`);
      for (const size of ['small', 'medium', 'large']) {
        assert.ok('ap50' in x.by_size[size] && 'recall' in x.by_size[size], `${who}.by_size.${size}`);
        assert.equal(typeof x.by_size[size].faces, 'number');
      }
      assert.ok(x.timing.median_ms > 0, `${who} timing`);
    };
    checkShape(report, 'emolens');
    assert.deepEqual(Object.keys(report.peers).sort(), ['face-api-tiny', 'haar']);
    for (const [name, peer] of Object.entries(report.peers)) {
      checkShape(peer, name);
      assert.equal(peer.faces, report.faces);
    }
    // These three photos hold eight faces of 32 px and taller, all plainly visible: we find most.
    assert.ok(report.over_32.recall >= 0.75, `recall on faces >= 32 px: ${report.over_32.recall}`);
  });

  test('--half odd: the odd-numbered images of gt.txt, their faces counted', { skip: missing }, async () => {
    const r = await emolens('eval-detect', '--dataset', wider, '--half', 'odd', '--limit', '2', '--json');
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.half, 'odd');
    assert.equal(report.counts.images, 2);
    const gt = parseWiderGt(fs.readFileSync(path.join(wider, 'gt.txt'), 'utf8'));
    const counted = (image) => image.faces.filter((f) => !f.invalid && f.height >= 16).length;
    assert.equal(report.faces, counted(gt[1]) + counted(gt[3]));
  });
});
