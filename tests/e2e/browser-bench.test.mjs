// bench/browser/run.mjs on a tiny run (the two photos and one clip frame, no camera path): its
// --json shape, every method's face counts, and no request leaving the machine. No timing is checked.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { dataDir, repoRoot } from '../node/support/paths.mjs';

const skip = !fs.existsSync(path.join(dataDir, 'video')) && `${dataDir} is absent (no ../shared/data)`;

test('the browser bench prints every method with its figures and the faces it found', { skip }, async () => {
  const { stdout } = await promisify(execFile)('node',
    ['bench/browser/run.mjs', '--json', '--runs', '1', '--warmup', '0', '--clip-frames', '1', '--no-camera'],
    { cwd: repoRoot, maxBuffer: 1 << 20, timeout: 300000 });
  const out = JSON.parse(stdout);
  assert.equal(out.isolated, true);
  assert.equal(out.not_isolated.isolated, false);
  assert.match(out.chromium, /^\d+\.\d+\.\d+\.\d+$/);
  for (const [run, names] of [[out, ['emolens-mt', 'emolens-st', 'mediapipe', 'human', 'face-api']],
    [out.not_isolated, ['emolens-st', 'mediapipe', 'human', 'face-api']]]) {
    assert.equal(run.external_requests, 0);
    assert.deepEqual(run.results.map((r) => r.name), names);
    for (const r of run.results) {
      assert.ok(r.detect_ms > 0, `${r.name} has no detection time`);
      if (r.name === 'mediapipe') assert.equal(r.full_ms, null);
      else assert.ok(r.full_ms > 0, `${r.name} has no detect + expression time`);
      assert.deepEqual(r.faces, { one_face: { 1: 1 }, group: { 6: 1 }, clip: { 1: 1 } }, `${r.name}'s face counts`);
      assert.deepEqual(r.face_count_problems, []);
    }
  }
});
