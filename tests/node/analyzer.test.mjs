// The JS API in Node, both variants: createAnalyzer → analyze / analyzeImage / stats / reset /
// dispose, and bad input of every kind as a typed error that leaves the analyzer usable.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dataDir, distDir, hasData, importEmolens } from './support/paths.mjs';
import { pngClaiming } from './support/claimed-size.mjs';

const { createAnalyzer, EmolensError } = await importEmolens();
const LABELS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PORTRAIT = path.join(dataDir, 'photos/deepface_img2.jpg');


function greyFrame(width, height) {
  return { data: new Uint8ClampedArray(width * height * 4).fill(120), width, height };
}

async function rejectsWith(promiseOrFn, code) {
  await assert.rejects(async () => (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn), (error) => {
    assert.ok(error instanceof EmolensError, `expected an EmolensError, got ${error}`);
    assert.equal(error.code, code, error.message);
    assert.ok(error.message.length > 10, 'the message explains');
    return true;
  });
}

for (const variant of ['st', 'mt']) {
  test(`${variant}: a photo's faces come with seven probabilities and a label`, { skip: !hasData && 'skipped: ../shared/data absent' }, async () => {
    const analyzer = await createAnalyzer({ variant, threads: 2 });
    try {
      assert.equal(analyzer.variant, variant);
      const result = await analyzer.analyzeImage(fs.readFileSync(PORTRAIT));
      assert.ok(result.faces.length >= 1, 'the portrait has a face');
      const face = result.faces[0];
      assert.ok(face.box.width > 100 && face.score > 0.5, JSON.stringify(face.box));
      assert.deepEqual(Object.keys(face.probabilities).sort(), [...LABELS].sort());
      const sum = Object.values(face.probabilities).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 1) < 1e-4, `probabilities sum to ${sum}`);
      assert.ok(LABELS.includes(face.label));
      assert.equal(face.keypoints.length, 6);
    } finally {
      analyzer.dispose();
    }
  });

  test(`${variant}: frames, statistics and reset`, async () => {
    const analyzer = await createAnalyzer({ variant, threads: 2 });
    try {
      for (let i = 0; i < 3; ++i) {
        const result = analyzer.analyze(greyFrame(320, 240), i * 33);
        assert.deepEqual(result.faces, []);
        assert.equal(result.width, 320);
        assert.ok(result.timings.totalMs >= 0);
      }
      const stats = analyzer.stats();
      assert.deepEqual(stats.labels, LABELS);
      assert.equal(Object.values(stats.session.counts).reduce((a, b) => a + b, 0), 0);
      analyzer.reset();
      assert.deepEqual(analyzer.stats().tracks, []);
    } finally {
      analyzer.dispose();
    }
  });
}

test('bad images are typed errors and the analyzer keeps working', async () => {
  const analyzer = await createAnalyzer({ variant: 'st' });
  try {
    await rejectsWith(analyzer.analyzeImage(new TextEncoder().encode('this is a text file\n')), 'unsupported_format');
    await rejectsWith(analyzer.analyzeImage(new Uint8Array(0)), 'unsupported_format');
    await rejectsWith(analyzer.analyzeImage(ONE_PIXEL_PNG.subarray(0, 30)), 'corrupt_image');
    await rejectsWith(analyzer.analyzeImage(pngClaiming(ONE_PIXEL_PNG, 20000, 20000)), 'image_too_large');
    await rejectsWith(analyzer.analyzeImage('not bytes'), 'invalid_argument');
    if (hasData) {
      const jpeg = fs.readFileSync(PORTRAIT);
      await rejectsWith(analyzer.analyzeImage(jpeg.subarray(0, 100)), 'corrupt_image');
    }
    assert.deepEqual((await analyzer.analyzeImage(ONE_PIXEL_PNG)).faces, []);  // 1x1: nothing to find

    assert.throws(() => analyzer.analyze({ data: new Uint8Array(0), width: 0, height: 0 }), (e) => e.code === 'invalid_argument');
    assert.throws(() => analyzer.analyze({ data: new Uint8Array(10), width: 64, height: 64 }), /needs 16384/);
    assert.throws(() => analyzer.analyze({ width: 2, height: 2 }), (e) => e.code === 'invalid_argument');
    assert.deepEqual(analyzer.analyze({ data: new Uint8Array(4), width: 1, height: 1 }, 5).faces, []);
  } finally {
    const afterwards = analyzer.analyze(greyFrame(64, 48), 1000);
    assert.deepEqual(afterwards.faces, []);
    analyzer.dispose();
  }
});

test('NaN, negative, absurd and unknown options are refused with the option named', async () => {
  for (const [options, named] of [
    [{ smoothing: NaN }, /smoothing/], [{ maxFaces: -1 }, /maxFaces/], [{ detectEvery: 1e9 }, /detectEvery/],
    [{ minFaceSize: Infinity }, /minFaceSize/], [{ range: 'far' }, /range/], [{ colour: 'red' }, /unknown option "colour"/],
    [{ maxFaces: 2.5 }, /maxFaces/],
  ]) {
    await assert.rejects(createAnalyzer({ variant: 'st', ...options }), (error) => {
      assert.equal(error.code, 'invalid_argument', error.message);
      assert.match(error.message, named);
      return true;
    });
  }
});

test('a model file from another format version is refused by name', async () => {
  const models = fs.mkdtempSync(path.join(os.tmpdir(), 'emolens-models-'));
  try {
    for (const file of fs.readdirSync(path.join(distDir, 'models'))) {
      fs.copyFileSync(path.join(distDir, 'models', file), path.join(models, file));
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(models, 'expression.json'), 'utf8'));
    fs.writeFileSync(path.join(models, 'expression.json'), JSON.stringify({ ...manifest, version: 99 }));
    await rejectsWith(createAnalyzer({ variant: 'st', models: `file://${models}/` }), 'invalid_model');
    fs.writeFileSync(path.join(models, 'expression.json'), JSON.stringify(manifest));
    fs.truncateSync(path.join(models, 'expression.bin'), 1000);
    await rejectsWith(createAnalyzer({ variant: 'st', models: `file://${models}/` }), 'invalid_model');
    fs.rmSync(path.join(models, 'expression.bin'));
    await rejectsWith(createAnalyzer({ variant: 'st', models: `file://${models}/` }), 'model_missing');
  } finally {
    fs.rmSync(models, { recursive: true, force: true });
  }
});
