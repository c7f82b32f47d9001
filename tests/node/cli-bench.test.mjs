// `emolens bench`: the command line's contract (one JSON object with every method's medians and
// the faces each found; usage errors), and the letterboxing that makes its 640x480 frames. Speed
// itself is never asserted here: the figures are in bench/pipeline/README.md.
import test from 'node:test';
import assert from 'node:assert/strict';
import { letterbox } from '../../bench/pipeline/frames.mjs';
import { runCli } from './support/cli.mjs';
import { hasData } from './support/paths.mjs';

const METHODS = ['emolens-st', 'emolens-mt', 'human', 'face-api'];

test('bench --json: one object, every method with its medians and the faces it found', { skip: !hasData && 'skipped: ../shared/data absent' }, () => {
  const { code, stdout, stderr } = runCli(['bench', '--json', '--runs', '1', '--warmup', '0'], { timeout: 300_000 });
  assert.equal(code, 0, stderr);
  const report = JSON.parse(stdout);
  assert.deepEqual(report.results.map((r) => r.name), METHODS);
  for (const r of report.results) {
    assert.ok(r.one_face_ms > 0 && r.group_ms > 0, JSON.stringify(r));
    assert.deepEqual(r.one_face_faces, [1], `${r.name} finds the one face`);
    assert.ok(r.group_faces.every((n) => n >= 5), `${r.name} finds >= 5 faces in the group photo: ${r.group_faces}`);
    assert.equal(typeof r.one_face_speedup_vs_fastest_peer, 'number');
  }
  assert.ok(report.results[0].one_face_detect_ms > 0, 'emolens reports its stages');
  assert.equal(report.frames.one_face.width, 640);
  assert.equal(report.frames.group.height, 480);
  assert.ok(report.machine.cores >= 1 && report.machine.load_average.length === 3);
  assert.deepEqual(report.warnings, []);
});

test('bench: mistakes in the command line are one line and exit code 2; a missing photo exit code 1', () => {
  for (const args of [['--runs', '0'], ['--runs', 'x'], ['--methods', 'emolens-st,nope'], ['--group-range', 'auto'], ['--nope']]) {
    const { code, stdout, stderr } = runCli(['bench', ...args]);
    assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
    assert.equal(stdout, '');
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
  }
  // The one-face photo is read first: naming a missing one fails the same way with or without ../shared.
  const missing = runCli(['bench', '--methods', 'emolens-st', '--one-face', '/nonexistent/face.jpg']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /photo not found: \/nonexistent\/face\.jpg/);
});

test('letterbox keeps the aspect ratio and centres the picture on black', () => {
  // 4x2 white picture into 4x4: scaled 1x, rows 1-2 white, rows 0 and 3 black, alpha 255.
  const white = { data: new Uint8ClampedArray(4 * 2 * 4).fill(255), width: 4, height: 2 };
  const out = letterbox(white, 4, 4);
  const row = (y) => Array.from(out.data.subarray(y * 16, (y + 1) * 16));
  const black = [0, 0, 0, 255];
  assert.deepEqual(row(0), [...black, ...black, ...black, ...black]);
  assert.deepEqual(row(1), Array(16).fill(255));
  assert.deepEqual(row(2), Array(16).fill(255));
  assert.deepEqual(row(3), [...black, ...black, ...black, ...black]);
  // 2x4 into 4x4: columns 1-2.
  const tall = letterbox({ data: new Uint8ClampedArray(2 * 4 * 4).fill(255), width: 2, height: 4 }, 4, 4);
  assert.deepEqual(Array.from(tall.data.subarray(0, 16)), [...black, 255, 255, 255, 255, 255, 255, 255, 255, ...black]);
});
