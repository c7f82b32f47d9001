// Bad input through the JS API and the CLI, beyond tests/node/analyzer.test.mjs and
// cli-analyze.test.mjs: broken JPEG/PNG bytes of every length and many corruptions, 0x0/1x1 images,
// huge headers refused before allocating (wasm heap measured), a configurable pixel limit, absurd
// options refused before anything loads, bad model files. Every failure is an EmolensError with a
// code and a sentence, and the analyzer keeps working afterwards.
// The images are the fuzzers' synthetic seeds (tests/fuzz/corpus/image_decode, ffmpeg's test pattern).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { distDir, importEmolens, repoRoot } from './support/paths.mjs';
import { jpegClaiming, pngClaiming } from './support/claimed-size.mjs';

const { createAnalyzer, createClassifier, EmolensError } = await importEmolens();

const seeds = path.join(repoRoot, 'tests/fuzz/corpus/image_decode');
const seed = (name) => fs.readFileSync(path.join(seeds, name));
const JPEG = seed('jpeg_16x12_420.jpg');
const PNG = seed('png_16x12_rgb.png');
const IMAGE_ERRORS = ['corrupt_image', 'unsupported_format', 'image_too_large'];


function frame(width, height, value = 120) {
  return { data: new Uint8Array(width * height * 4).fill(value), width, height };
}

/** Bytes of the module's wasm memory (the heap grows, never shrinks). */
function heapBytes(analyzer) {
  return analyzer.module.HEAPU8.buffer.byteLength;
}

function assertTyped(error, codes) {
  assert.ok(error instanceof EmolensError, `expected an EmolensError, got ${error?.stack ?? error}`);
  assert.ok(codes.includes(error.code), `code ${error.code} (${error.message}) not in ${codes}`);
  assert.ok(error.message.split(/\s+/).length >= 3, `the message explains: ${error.message}`);
  assert.match(error.message, /^[\x20-\x7e]+$/, 'printable: a person reads it');
}

async function rejectsWith(promise, code, named) {
  await assert.rejects(promise, (error) => {
    assertTyped(error, [code]);
    if (named) assert.match(error.message, named);
    return true;
  });
}

/** The analyzer still works: a frame and a photo after whatever went before. */
async function stillWorks(analyzer, timestampMs) {
  assert.deepEqual(analyzer.analyze(frame(64, 48), timestampMs).faces, []);
  assert.equal((await analyzer.analyzeImage(PNG)).width, 16);
}

/** A deterministic stream of numbers in [0, 1) (mulberry32), so a failure can be replayed. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

for (const variant of ['st', 'mt']) {
  test(`${variant}: every prefix and 150 corruptions of a JPEG and a PNG decode or fail typed; the analyzer keeps working`, async () => {
    const analyzer = await createAnalyzer({ variant, threads: 2 });
    try {
      const next = random(7);
      let failures = 0;
      for (const image of [JPEG, PNG]) {
        const variants = [];
        for (let length = 0; length < image.length; length += 5) variants.push(image.subarray(0, length));
        for (let k = 0; k < 150; ++k) {
          const broken = Buffer.from(image);
          for (let flips = 1 + Math.floor(next() * 4); flips > 0; --flips) {
            broken[Math.floor(next() * broken.length)] = Math.floor(next() * 256);
          }
          variants.push(broken);
        }
        for (const bytes of variants) {
          try {
            const result = await analyzer.analyzeImage(bytes);
            assert.ok(result.width >= 1 && result.height >= 1 && Array.isArray(result.faces));
          } catch (error) {
            assertTyped(error, IMAGE_ERRORS);
            ++failures;
          }
        }
      }
      assert.ok(failures > 100, `most broken files are refused (${failures})`);
      await stillWorks(analyzer, 10);
    } finally {
      analyzer.dispose();
    }
  });
}

test('0x0, 0xN, 1x1 and empty images', async () => {
  const analyzer = await createAnalyzer({ variant: 'st' });
  try {
    await rejectsWith(analyzer.analyzeImage(pngClaiming(PNG, 0, 0)), 'corrupt_image', /PNG/);
    await rejectsWith(analyzer.analyzeImage(pngClaiming(PNG, 0, 12)), 'corrupt_image', /PNG/);
    await rejectsWith(analyzer.analyzeImage(jpegClaiming(JPEG, 0, 0)), 'corrupt_image', /JPEG/);
    await rejectsWith(analyzer.analyzeImage(new ArrayBuffer(0)), 'unsupported_format', /empty/);
    for (const name of ['jpeg_1x1.jpg', 'png_1x1_rgba.png']) {
      const result = await analyzer.analyzeImage(seed(name));
      assert.deepEqual([result.width, result.height, result.faces], [1, 1, []], name);
    }
    assert.deepEqual(analyzer.analyze(frame(1, 1), 1).faces, []);
    await stillWorks(analyzer, 2);
  } finally {
    analyzer.dispose();
  }
});

test('20000x20000 headers are refused before anything is allocated: the wasm heap does not grow', async () => {
  const analyzer = await createAnalyzer({ variant: 'st' });
  try {
    await analyzer.analyzeImage(PNG);  // the full-range detector is loaded: later growth would be the image
    const before = heapBytes(analyzer);
    for (const bytes of [pngClaiming(PNG, 20000, 20000), jpegClaiming(JPEG, 20000, 20000), pngClaiming(PNG, 0xffffffff, 0xffffffff)]) {
      await rejectsWith(analyzer.analyzeImage(bytes), 'image_too_large', /above the limit of 67108864 pixels/);
    }
    // 20000x20000 RGBA is 1.6 GB: decoding it would have grown the heap (or failed for memory).
    assert.equal(heapBytes(analyzer), before, 'the heap did not grow');
    // A frame of that size is refused by its byte count before it is copied into the heap.
    assert.throws(() => analyzer.analyze({ data: new Uint8Array(16), width: 20000, height: 20000 }, 1),
      (error) => error.code === 'invalid_argument' && /1600000000/.test(error.message));
    assert.equal(heapBytes(analyzer), before);
    await stillWorks(analyzer, 2);
  } finally {
    analyzer.dispose();
  }
});

test('maxPixels is configurable, checked, and bounds photos and frames alike', async () => {
  const analyzer = await createAnalyzer({ variant: 'st', maxPixels: 100 });
  try {
    await rejectsWith(analyzer.analyzeImage(PNG), 'image_too_large', /16x12 pixels is above the limit of 100 pixels/);
    await rejectsWith(analyzer.analyzeImage(JPEG), 'image_too_large', /16x12/);
    assert.throws(() => analyzer.analyze(frame(16, 12), 1), (error) => error.code === 'image_too_large');
    assert.deepEqual(analyzer.analyze(frame(10, 10), 2).faces, []);  // exactly at the limit
    assert.equal((await analyzer.analyzeImage(seed('png_1x1_rgba.png'))).width, 1);
  } finally {
    analyzer.dispose();
  }
  for (const maxPixels of [0, -1, NaN, Infinity, '64M', 2.5]) {
    await rejectsWith(createAnalyzer({ variant: 'st', maxPixels }), 'invalid_argument', /maxPixels/);
  }
  // An absurdly large limit means no limit; it used to reach wasm as a negative int64 and refuse every photo.
  const unlimited = await createAnalyzer({ variant: 'st', maxPixels: 1e300 });
  try {
    assert.equal((await unlimited.analyzeImage(PNG)).width, 16);
    await rejectsWith(unlimited.analyzeImage(pngClaiming(PNG, 40000, 40000)), 'image_too_large');  // more than any 32767-sided image
  } finally {
    unlimited.dispose();
  }
});

test('absurd options are refused with the option named, before any module or model loads', async () => {
  // A models folder that does not exist: an option error proves nothing was loaded first (for
  // threads that matters: the mt pool is sized from it).
  const models = 'file:///nonexistent-emolens-models/';
  for (const [options, named] of [
    [{ threads: NaN }, /threads/], [{ threads: 0 }, /threads/], [{ threads: 17 }, /threads/], [{ threads: 100 }, /threads/],
    [{ threads: 2.5 }, /threads/], [{ threads: '4' }, /threads/], [{ variant: 'gpu' }, /unknown variant "gpu"/],
  ]) {
    for (const variant of ['mt', undefined]) {
      await rejectsWith(createAnalyzer({ variant, ...options, models }), 'invalid_argument', named);
    }
    await rejectsWith(createClassifier({ ...options, models }), 'invalid_argument', named);
  }
  for (const options of [null, 42, 'st']) {
    await rejectsWith(createAnalyzer(options), 'invalid_argument', /options must be an object/);
  }
  // Analysis options are checked natively (the module loads, the models do not matter yet).
  for (const [options, named] of [
    [{ minDetectionScore: 0 }, /minDetectionScore/], [{ minDetectionScore: 1 }, /minDetectionScore/],
    [{ minDetectionScore: NaN }, /minDetectionScore/], [{ smoothing: 2 }, /smoothing/], [{ smoothing: -0.1 }, /smoothing/],
    [{ detectEvery: 0 }, /detectEvery/], [{ detectEvery: 31 }, /detectEvery/], [{ minFaceSize: 3 }, /minFaceSize/],
    [{ minFaceSize: 'big' }, /minFaceSize/], [{ maxFaces: 0 }, /maxFaces/], [{ maxFaces: 257 }, /maxFaces/],
    [{ range: 7 }, /range/],
  ]) {
    await rejectsWith(createAnalyzer({ variant: 'st', ...options }), 'invalid_argument', named);
  }
});

test('bad frames and timestamps are typed errors and the stream goes on', async () => {
  const analyzer = await createAnalyzer({ variant: 'st' });
  try {
    analyzer.analyze(frame(64, 48), 100);
    for (const [bad, timestamp] of [
      [{ ...frame(64, 48), width: 2.5 }, 200], [{ ...frame(64, 48), width: -64 }, 200], [{ ...frame(64, 48), data: 'rgba' }, 200],
      [{ ...frame(64, 48), data: [1, 2, 3] }, 200], [frame(64, 48), NaN], [frame(64, 48), Infinity], [frame(64, 48), 50],
    ]) {
      assert.throws(() => analyzer.analyze(bad, timestamp), (error) => {
        assertTyped(error, ['invalid_argument']);
        return true;
      }, JSON.stringify({ width: bad.width, timestamp }));
    }
    await stillWorks(analyzer, 300);  // timestamps still have to follow 100 ms, and do
  } finally {
    analyzer.dispose();
  }
});

test('model files of another version, truncated or not JSON are refused by name; the analyzer keeps working', async () => {
  const models = fs.mkdtempSync(path.join(os.tmpdir(), 'emolens-bad-models-'));
  const copyModels = () => {
    for (const file of fs.readdirSync(path.join(distDir, 'models'))) {
      fs.copyFileSync(path.join(distDir, 'models', file), path.join(models, file));
    }
  };
  const url = `file://${models}/`;
  const edit = (name, change) => {
    const file = path.join(models, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(change(JSON.parse(fs.readFileSync(file, 'utf8')))));
  };
  try {
    copyModels();
    edit('face_detection_short_range', (m) => ({ ...m, version: 2 }));
    await rejectsWith(createAnalyzer({ variant: 'st', models: url }), 'invalid_model', /face detector.*version: 2 is not supported/);
    copyModels();
    fs.writeFileSync(path.join(models, 'expression.json'), '{"format": "emolens-model", "version": 1, ');
    await rejectsWith(createAnalyzer({ variant: 'mt', threads: 2, models: url }), 'invalid_model', /expression model.*not valid JSON/);
    copyModels();
    edit('expression', (m) => ({ ...m, format: 'onnx' }));
    await rejectsWith(createAnalyzer({ variant: 'st', models: url }), 'invalid_model', /expression model.*format/);

    // The full-range detector loads with the first photo: bad, it fails that photo only.
    copyModels();
    fs.truncateSync(path.join(models, 'face_detection_full_range.bin'), 4096);
    const analyzer = await createAnalyzer({ variant: 'st', models: url });
    try {
      await rejectsWith(analyzer.analyzeImage(PNG), 'invalid_model', /full-range face detector.*outside the \.bin file/);
      assert.deepEqual(analyzer.analyze(frame(64, 48), 1).faces, []);  // frames use the short-range model
      copyModels();  // repaired: the next photo loads it again
      assert.equal((await analyzer.analyzeImage(PNG)).width, 16);
    } finally {
      analyzer.dispose();
    }
  } finally {
    fs.rmSync(models, { recursive: true, force: true });
  }
});

test('the CLI reports each bad file with its code, goes on, and exits 1', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emolens-cli-bad-'));
  try {
    const files = {
      'good.png': PNG, 'good-1x1.jpg': seed('jpeg_1x1.jpg'), 'empty.png': Buffer.alloc(0),
      'truncated.jpg': JPEG.subarray(0, 200), 'zero.png': pngClaiming(PNG, 0, 0), 'huge.jpg': jpegClaiming(JPEG, 20000, 20000),
      'bad-huffman.jpg': seed('crash_jpeg_dht_over_256_codes.jpg'), 'png-named.jpg': PNG,
    };
    for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), bytes);
    const cli = spawnSync(process.execPath, [path.join(repoRoot, 'cli/emolens.mjs'), 'analyze', dir, '--json'],
      { encoding: 'utf8', timeout: 120_000 });
    assert.equal(cli.status, 1, cli.stderr);
    const byName = Object.fromEntries(JSON.parse(cli.stdout).files.map((r) => [path.basename(r.file), r]));
    assert.deepEqual(Object.keys(byName).sort(), Object.keys(files).sort());
    const expected = {
      'empty.png': 'unsupported_format', 'truncated.jpg': 'corrupt_image', 'zero.png': 'corrupt_image',
      'huge.jpg': 'image_too_large', 'bad-huffman.jpg': 'corrupt_image',
    };
    for (const [name, code] of Object.entries(expected)) {
      assert.equal(byName[name].error?.code, code, `${name}: ${JSON.stringify(byName[name])}`);
      assert.match(cli.stderr, new RegExp(`${name}: ${code}: \\w+`), 'reported on stderr with its message');
    }
    for (const name of ['good.png', 'good-1x1.jpg', 'png-named.jpg']) {
      assert.deepEqual(byName[name].faces, [], `${name} was analysed: ${JSON.stringify(byName[name])}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
