// The worker protocol through its client (web/shared/analysis-client.js) in Chromium: init reports the
// build, frames are analysed and dropped while one is in flight, photos give every face or a typed
// error, and a crashed worker is reported and restarted.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, serveDist } from './support/browser.mjs';
import { dataDir } from '../node/support/paths.mjs';

const PAIR = path.join(dataDir, 'photos/face_recognition_examples_two_people.jpg');

async function openClientPage() {
  const server = await serveDist();
  const browser = await launchBrowser({ camera: 'allow' });
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // A blank page of the app's origin (the app's own page would start a camera and a worker).
  await page.goto(`${server.url}app/style.css`);
  await page.evaluate(async () => {
    const { AnalysisClient } = await import('/shared/analysis-client.js');
    window.crashes = [];
    window.progress = [];
    window.client = new AnalysisClient({
      onCrash: (error) => window.crashes.push({ code: error.code, message: error.message }),
      onProgress: (event) => window.progress.push(event),
    });
  });
  return { page, errors, close: async () => { await browser.close(); await server.close(); } };
}

test('init, frames with backpressure, stats and reset through the worker', async () => {
  const { page, errors, close } = await openClientPage();
  try {
    const answer = await page.evaluate(() => window.client.init({ range: 'short', smoothing: 0.3 }));
    assert.equal(answer.build.variant, 'mt');
    assert.equal(answer.build.simd, true);
    assert.equal(answer.options.smoothing, 0.3);
    const progress = await page.evaluate(() => window.progress.filter((event) => event.done).map((event) => event.url));
    for (const file of ['emolens_mt.wasm', 'face_detection_short_range.bin', 'expression.bin']) {
      assert.ok(progress.some((url) => url.endsWith(file)), `no progress reported for ${file}: ${progress}`);
    }

    const frames = await page.evaluate(async () => {
      const frame = () => {
        const data = new Uint8Array(320 * 240 * 4).fill(90);
        return { data: data.buffer, width: 320, height: 240 };
      };
      const first = window.client.submitFrame(frame(), 0);
      const second = window.client.submitFrame(frame(), 33);      // dropped: the first is in flight
      const result = await first;
      const third = await window.client.submitFrame(frame(), 66);  // accepted again
      const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(64 * 48 * 4).fill(200), 64, 48));
      const fromBitmap = await window.client.submitFrame(bitmap, 99);
      return { secondDropped: second === null, dropped: window.client.dropped, result, third, fromBitmap };
    });
    assert.equal(frames.secondDropped, true);
    assert.equal(frames.dropped, 1);
    assert.deepEqual([frames.result.width, frames.result.height, frames.result.faces], [320, 240, []]);
    assert.ok(frames.result.stats, 'the first frame carries statistics');
    assert.equal(typeof frames.result.timings.readMs, 'number');
    assert.equal(frames.third.timestampMs, 66);
    assert.deepEqual([frames.fromBitmap.width, frames.fromBitmap.height], [64, 48]);

    const stats = await page.evaluate(() => window.client.stats());
    assert.deepEqual(stats.labels, ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']);
    assert.deepEqual(await page.evaluate(() => window.client.reset()), {});
    const bad = await page.evaluate(() => window.client.setOptions({ smoothing: 7 }).catch((e) => ({ code: e.code, message: e.message })));
    assert.equal(bad.code, 'invalid_argument');
    assert.match(bad.message, /smoothing/);
    // Frames through the full-range detector: the worker loads its model before answering.
    const full = await page.evaluate(async () => {
      const { options } = await window.client.setOptions({ range: 'full' });
      const data = new Uint8Array(320 * 240 * 4).fill(90);
      const result = await window.client.submitFrame({ data: data.buffer, width: 320, height: 240 }, 1000);
      return { range: options.range, smoothing: options.smoothing, faces: result.faces.length };
    });
    assert.deepEqual(full, { range: 'full', smoothing: 0.3, faces: 0 });
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('photos: every face of a group photo, typed errors for other files', { skip: !fs.existsSync(PAIR) && `${PAIR} is absent` }, async () => {
  const { page, errors, close } = await openClientPage();
  try {
    const bytes = [...fs.readFileSync(PAIR)];
    const answer = await page.evaluate(async (bytes) => {
      await window.client.init({});
      const photo = await window.client.analyzeImage(new Uint8Array(bytes).buffer);
      const text = await window.client.analyzeImage(new TextEncoder().encode('not an image').buffer)
        .catch((e) => ({ name: e.name, code: e.code, message: e.message }));
      const corrupt = await window.client.analyzeImage(new Uint8Array(bytes.slice(0, 2000)).buffer)
        .catch((e) => ({ code: e.code, message: e.message }));
      return { faces: photo.faces.length, labels: photo.faces.map((face) => face.label), text, corrupt };
    }, bytes);
    assert.equal(answer.faces, 2);
    assert.deepEqual(answer.text, { name: 'AnalysisError', code: 'unsupported_format', message: 'not a JPEG or PNG image' });
    assert.equal(answer.corrupt.code, 'corrupt_image');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('a crashed worker is reported once, fails its requests, and restarts', async () => {
  const { page, errors, close } = await openClientPage();
  try {
    await page.evaluate(() => window.client.init({}));
    const [worker] = page.workers().filter((w) => w.url().endsWith('analysis-worker.js'));
    const pending = page.evaluate(() => window.client.stats().then(() => 'answered', (e) => e.code));
    await worker.evaluate(() => setTimeout(() => { throw new Error('test: simulated crash'); }));
    await page.waitForFunction(() => window.crashes.length === 1);
    const crash = await page.evaluate(() => window.crashes[0]);
    assert.equal(crash.code, 'worker_crashed');
    assert.match(crash.message, /simulated crash/);
    assert.ok(['answered', 'worker_crashed'].includes(await pending));
    const refused = await page.evaluate(() => window.client.stats().catch((e) => e.code));
    assert.equal(refused, 'worker_crashed');
    const restarted = await page.evaluate(() => window.client.restart());
    assert.equal(restarted.build.variant, 'mt');
    const stats = await page.evaluate(() => window.client.stats());
    assert.equal(stats.tracks.length, 0);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
