// The embeddable widget in Debian's Chromium, on host pages served from another origin without
// COOP/COEP (dist/examples/ through serveHost; emolens' own files from its server): camera, photo and
// video modes emit `emotion` events with faces from the st build, the hostile page changes nothing,
// and the iframe embed sends its results to the embedding page.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, regionStats, serveDist, serveHost, TALKING_HEAD } from './support/browser.mjs';
import { tempDir } from '../node/support/cli.mjs';
import { dataDir } from '../node/support/paths.mjs';
import { CLIPS, convertClip } from '../node/support/video-clips.mjs';
import { hasFfmpeg } from '../node/support/video-frames.mjs';
import { EMOTIONS } from '../../web/shared/emotions.js';

const GROUP = path.join(dataDir, 'photos/faceapijs_test_images_faces.jpg');  // six faces
const clip = fs.existsSync(TALKING_HEAD) ? TALKING_HEAD : null;
const noClip = !clip && `${TALKING_HEAD} is absent (../shared/data or EMOLENS_DATA): no face to find`;
const noPhoto = !fs.existsSync(GROUP) && `${GROUP} is absent (../shared/data or EMOLENS_DATA)`;
const noVideo = noClip || (!hasFfmpeg() && 'ffmpeg/ffprobe not found (scripts/install.sh installs them): no video to make');

// Runs in the page before its scripts: records the widget's events, the messages of an embedded
// frame, and which globals the page had to begin with.
const RECORDER = () => {
  window.testGlobalsAtStart = [...Object.keys(window), 'testGlobalsAtStart', 'testEvents'];
  window.testEvents = [];
  for (const type of ['ready', 'emotion', 'videoend', 'error']) {
    document.addEventListener(type, (event) => {
      if (event.target.localName === 'emo-lens') window.testEvents.push({ type, detail: event.detail });
    }, true);
  }
  window.addEventListener('message', (event) => {
    if (event.data?.source === 'emolens') window.testEvents.push({ type: event.data.type, detail: event.data.detail, origin: event.origin });
  });
};

/** Opens an example page: from a host origin (default) or from emolens' own server (sameOrigin). */
async function openExample(name, { sameOrigin = false, hostHeaders = () => ({}), camera = 'allow' } = {}) {
  const assets = await serveDist();
  const host = sameOrigin ? null : await serveHost(assets.url, { headers: hostHeaders(new URL(assets.url).origin) });
  const browser = await launchBrowser({ camera, clip });
  const page = await browser.context.newPage();
  const errors = [];
  const requests = [];
  const consoleErrors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  browser.context.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(RECORDER);
  await page.goto(`${(host ?? assets).url}examples/${name}`);
  return {
    page, errors, requests, consoleErrors, assetsOrigin: new URL(assets.url).origin,
    close: async () => {
      await browser.close();
      await host?.close();
      await assets.close();
    },
  };
}

/** Waits for the first recorded event of `type` with at least minFaces faces (or with error code `code`). */
async function waitForEvent(page, type, { minFaces = 0, code = null, timeout = 30000 } = {}) {
  const handle = await page.waitForFunction(([type, minFaces, code]) => window.testEvents.find((event) =>
    event.type === type && (event.detail.faces?.length ?? 0) >= minFaces && (code === null || event.detail.code === code)) ?? null,
  [type, minFaces, code], { timeout, polling: 100 });
  return (await handle.jsonValue()).detail;
}

function assertFace(face) {
  assert.equal(typeof face.id, 'number');
  for (const key of ['x', 'y', 'width', 'height']) assert.ok(Number.isFinite(face.box[key]), `box.${key}`);
  assert.ok(face.box.width > 20 && face.box.height > 20, JSON.stringify(face.box));
  assert.ok(EMOTIONS.includes(face.label), face.label);
  assert.deepEqual(Object.keys(face.probabilities).sort(), [...EMOTIONS].sort());
  const total = EMOTIONS.reduce((sum, emotion) => sum + face.probabilities[emotion], 0);
  assert.ok(Math.abs(total - 1) < 1e-3, `probabilities sum to ${total}`);
}

/** The widget's picture (its shadow .stage) in page coordinates. */
async function stageRegion(page, frameSelector = null) {
  const scope = frameSelector ? page.frameLocator(frameSelector) : page;
  const box = await scope.locator('emo-lens .stage').boundingBox();
  assert.ok(box, 'the widget has no visible picture');
  return { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) };
}

async function assertPictureDrawn(page, region, name) {
  const shot = await page.screenshot();
  fs.writeFileSync(path.join(os.tmpdir(), `emolens-widget-${name}.png`), shot);
  const stats = await regionStats(page, shot, region);
  assert.ok(stats.stddev > 12 && stats.colours > 200, `the widget's picture looks empty: ${JSON.stringify(stats)}`);
}

const fetched = (requests, origin, file) => requests.some((url) => url.startsWith(origin) && url.includes(file));

test('camera mode on another origin without isolation: st build, emotion events with faces', { skip: noClip }, async () => {
  const { page, errors, requests, assetsOrigin, close } = await openExample('widget.html');
  try {
    const ready = await waitForEvent(page, 'ready');
    assert.equal(await page.evaluate(() => crossOriginIsolated), false);
    assert.notEqual(new URL(page.url()).origin, assetsOrigin, 'the host page and emolens must be on different origins');
    assert.equal(ready.variant, 'st');
    assert.equal(ready.simd, true);
    assert.equal(ready.threads, false);

    const result = await waitForEvent(page, 'emotion', { minFaces: 1 });
    assert.equal(result.faces.length, 1);
    assertFace(result.faces[0]);
    assert.ok(result.width > 0 && result.height > 0);

    await assertPictureDrawn(page, await stageRegion(page), 'camera');
    assert.ok(fetched(requests, assetsOrigin, 'emolens_st.wasm'), 'the st wasm came from emolens\' origin');
    assert.ok(requests.some((url) => url.startsWith('blob:')), 'the worker was started through a blob: module');
    const hostOrigin = new URL(page.url()).origin;
    const elsewhere = requests.filter((url) => ![hostOrigin, assetsOrigin, 'blob:'].some((prefix) => url.startsWith(prefix)));
    assert.deepEqual(elsewhere, [], 'no request leaves the host and emolens origins');
    assert.ok(!fetched(requests, assetsOrigin, 'emolens_mt'), 'only one wasm variant is fetched');
    assert.ok(!fetched(requests, assetsOrigin, 'face_detection_full_range'), 'the camera does not load the photo detector');
    assert.ok(!fetched(requests, assetsOrigin, 'video-'), 'the camera does not load the video modules');
    // The widget adds no globals to the host page: its results leave only through events.
    const added = await page.evaluate(() => Object.keys(window).filter((key) => !window.testGlobalsAtStart.includes(key)));
    assert.deepEqual(added, []);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('photo mode on another origin: every face of a group photo (picked, dropped, pasted), a clear error for a text file', { skip: noPhoto }, async () => {
  const { page, errors, requests, assetsOrigin, close } = await openExample('photo.html');
  try {
    assert.equal((await waitForEvent(page, 'ready')).variant, 'st');
    const textFile = path.join(os.tmpdir(), `emolens-widget-${process.pid}.txt`);
    fs.writeFileSync(textFile, 'not a photo\n');
    try {
      await page.locator('emo-lens input[type="file"]').setInputFiles(textFile);
      const error = await waitForEvent(page, 'error', { code: 'unsupported_format' });
      assert.match(error.message, /not a JPEG or PNG/);
      assert.match(await page.locator('emo-lens .message').textContent(), /not a JPEG or PNG image/);
    } finally {
      fs.rmSync(textFile, { force: true });
    }

    await page.locator('emo-lens input[type="file"]').setInputFiles(GROUP);
    const result = await waitForEvent(page, 'emotion', { minFaces: 1, timeout: 60000 });
    assert.ok(result.faces.length >= 6, `found ${result.faces.length} of the six faces`);
    result.faces.forEach(assertFace);
    assert.deepEqual(result.faces.map((face) => face.id), result.faces.map((_, index) => index + 1));
    assert.ok(fetched(requests, assetsOrigin, 'face_detection_full_range'), 'a photo loads the full-range detector');
    await assertPictureDrawn(page, await stageRegion(page), 'photo');

    // The same photo dropped on the widget, then pasted into it: one more result each.
    const bytes = [...fs.readFileSync(GROUP)];
    for (const gesture of ['drop', 'paste']) {
      await page.evaluate(() => { window.testEvents.length = 0; });
      await page.locator('emo-lens .stage').evaluate((stage, [gesture, bytes]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], 'group.jpg', { type: 'image/jpeg' }));
        const event = gesture === 'drop'
          ? new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true })
          : new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true, composed: true });
        stage.dispatchEvent(event);
      }, [gesture, bytes]);
      const again = await waitForEvent(page, 'emotion', { minFaces: 1, timeout: 60000 });
      assert.equal(again.faces.length, result.faces.length, gesture);
    }
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('a hostile host page (conflicting globals, aggressive CSS) changes nothing and is never read', { skip: noClip }, async () => {
  const { page, errors, close } = await openExample('hostile.html');
  try {
    assert.equal((await waitForEvent(page, 'ready')).variant, 'st');
    assertFace((await waitForEvent(page, 'emotion', { minFaces: 1 })).faces[0]);

    // The page's CSS neither hides nor restyles the widget: its size, font and picture are its own.
    const region = await stageRegion(page);
    assert.deepEqual([region.width, region.height], [480, 360]);
    const style = await page.locator('emo-lens .widget').evaluate((widget) => {
      const computed = getComputedStyle(widget);
      return { font: computed.fontFamily, visibility: computed.visibility, size: computed.fontSize, writing: computed.writingMode };
    });
    assert.doesNotMatch(style.font, /Comic Sans/);
    assert.deepEqual([style.visibility, style.size, style.writing], ['visible', '13px', 'horizontal-tb']);
    assert.equal(await page.locator('emo-lens canvas').evaluate((canvas) => getComputedStyle(canvas).display), 'block');
    await assertPictureDrawn(page, region, 'hostile');

    // No read of the host document comes from emolens' code (the page's own reads are recorded too).
    const reads = await page.evaluate(() => window.hostDomReads.filter(
      (read) => /emolens-widget|\/widget\/|\/app\/|\/worker\//.test(read.stack)).map((read) => read.name));
    assert.deepEqual(reads, []);
    assert.ok(await page.evaluate(() => window.hostDomReads.length > 0), 'the page\'s own reads were not recorded: the trap is broken');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('the iframe embed runs st in the frame and posts its results to the embedding page', { skip: noClip }, async () => {
  const { page, errors, assetsOrigin, close } = await openExample('iframe.html');
  try {
    const ready = await waitForEvent(page, 'ready');
    assert.equal(ready.variant, 'st');
    const result = await waitForEvent(page, 'emotion', { minFaces: 1 });
    assertFace(result.faces[0]);
    const origins = await page.evaluate(() => [...new Set(window.testEvents.map((event) => event.origin))]);
    assert.deepEqual(origins, [assetsOrigin], 'the results come from the frame on emolens\' origin');
    await assertPictureDrawn(page, await stageRegion(page, 'iframe'), 'iframe');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test("a host page with a strict CSP (no 'unsafe-eval', no inline script) that allows what web/examples/README.md lists runs the widget", { skip: noClip }, async () => {
  const csp = (emolens) => ({
    'Content-Security-Policy': [
      "default-src 'none'", "style-src 'self'", "img-src 'self'",
      `script-src 'self' ${emolens} 'wasm-unsafe-eval'`, `worker-src blob: ${emolens}`, `connect-src ${emolens}`,
    ].join('; '),
  });
  const { page, errors, consoleErrors, close } = await openExample('widget.html', { hostHeaders: csp });
  try {
    assert.equal((await waitForEvent(page, 'ready')).variant, 'st');
    assertFace((await waitForEvent(page, 'emotion', { minFaces: 1 })).faces[0]);
    // (The browser's own favicon request, redirected to emolens' origin by serveHost, is refused by img-src.)
    assert.deepEqual(consoleErrors.filter((text) => /Content Security Policy/i.test(text) && !/favicon/.test(text)), []);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('a denied camera is explained with Retry; switching to photo mode and hiding the histogram work', async () => {
  const { page, errors, close } = await openExample('widget.html', { camera: 'deny' });
  try {
    assert.equal((await waitForEvent(page, 'ready')).variant, 'st');
    const error = await waitForEvent(page, 'error', { code: 'camera' });
    assert.match(error.message, /Camera access was denied/);
    assert.match(await page.locator('emo-lens .message').textContent(), /Camera access was denied/);
    assert.ok(await page.locator('emo-lens button', { hasText: 'Retry' }).isVisible());

    await page.locator('emo-lens').evaluate((lens) => {
      lens.setAttribute('mode', 'photo');
      lens.setAttribute('histogram', 'off');
      lens.setAttribute('size', '320');
    });
    await page.locator('emo-lens .widget[data-state="empty"]').waitFor();
    assert.match(await page.locator('emo-lens .message').textContent(), /Drop a photo/);
    assert.ok(await page.locator('emo-lens .status button', { hasText: 'Choose a photo' }).isVisible());
    assert.equal(await page.locator('emo-lens .histogram').isVisible(), false);
    const region = await stageRegion(page);
    assert.deepEqual([region.width, region.height], [320, 240]);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('a crashed worker gives one error event and a message; Retry brings the analysis back', async () => {
  const { page, errors, close } = await openExample('widget.html');
  try {
    await waitForEvent(page, 'emotion');
    const worker = page.workers().find((candidate) => candidate.url().startsWith('blob:'));
    assert.ok(worker, 'the widget\'s blob: worker is not running');
    await worker.evaluate(() => setTimeout(() => { throw new Error('test: simulated crash'); }));
    await waitForEvent(page, 'error', { code: 'worker_crashed' });
    assert.match(await page.locator('emo-lens .message').textContent(), /stopped unexpectedly.*Retry/);
    await page.waitForTimeout(500);
    const crashes = await page.evaluate(() => window.testEvents.filter((event) => event.type === 'error').length);
    assert.equal(crashes, 1, 'one crash, one error event');

    await page.evaluate(() => { window.testEvents.length = 0; });
    await page.locator('emo-lens button', { hasText: 'Retry' }).click();
    assert.equal((await waitForEvent(page, 'ready')).variant, 'st');
    await waitForEvent(page, 'emotion');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('served by emolens itself (cross-origin isolated), the widget starts its worker directly and runs mt', { skip: noClip }, async () => {
  const { page, errors, requests, assetsOrigin, close } = await openExample('widget.html', { sameOrigin: true });
  try {
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    const ready = await waitForEvent(page, 'ready');
    assert.deepEqual([ready.variant, ready.threads], ['mt', true]);
    assertFace((await waitForEvent(page, 'emotion', { minFaces: 1 })).faces[0]);
    assert.ok(!fetched(requests, assetsOrigin, 'emolens_st.wasm'), 'only one wasm variant is fetched');
    assert.ok(!requests.some((url) => url.startsWith('blob:')), 'no blob: worker is needed on the same origin');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('video mode on another origin: an mp4 picked, every frame an event on one track, then a truncated file\'s error, a drop and a cancel', { skip: noVideo, timeout: 300_000 }, async (t) => {
  const dir = tempDir(t);
  const mp4 = convertClip(CLIPS.talkingHead, dir, 'talking', 'mp4', ['-movflags', '+faststart']);
  const whole = fs.readFileSync(mp4);
  const truncated = path.join(dir, 'truncated.mp4');
  fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
  const { page, errors, close } = await openExample('video.html', { camera: 'deny' });
  const input = page.locator('emo-lens input[type="file"]');
  const emotions = () => page.evaluate(() => window.testEvents.filter((event) => event.type === 'emotion').map((event) => event.detail));
  try {
    assert.equal((await waitForEvent(page, 'ready')).variant, 'st');
    assert.match(await page.locator('emo-lens .message').textContent(), /Drop a video/);
    assert.equal(await input.getAttribute('accept'), 'video/*');

    await input.setInputFiles(mp4);
    const end = await waitForEvent(page, 'videoend', { timeout: 240_000 });
    const results = await emotions();
    assert.equal(results.length, CLIPS.talkingHead.frames, 'one emotion event per frame');
    results.forEach((result, k) => {
      assert.ok(Math.abs(result.timestampMs - (k * 1000) / CLIPS.talkingHead.fps) < 1, `frame ${k} at ${result.timestampMs} ms`);
      assert.deepEqual(result.faces.map((face) => face.id), [1], `frame ${k}: the talker, track 1`);
    });
    assertFace(results[0].faces[0]);
    assert.equal(end.state, 'done');
    assert.equal(end.frames, CLIPS.talkingHead.frames);
    assert.deepEqual(end.tracks.map((track) => [track.track, track.frames]), [[1, CLIPS.talkingHead.frames]]);
    await assertPictureDrawn(page, await stageRegion(page), 'video');
    assert.ok(await page.locator('emo-lens .scrub').isVisible(), 'a scrub bar over the analysed frames');

    // A file cut in half: the frames before the cut are analysed, then a clear error; the widget takes another file.
    await page.evaluate(() => { window.testEvents.length = 0; });
    await input.setInputFiles(truncated);
    const error = await waitForEvent(page, 'error', { code: 'corrupt_video', timeout: 120_000 });
    assert.match(error.message, /truncated\.mp4.*damaged or incomplete/);
    const before = (await emotions()).length;
    assert.ok(before > 20 && before < CLIPS.talkingHead.frames, `${before} frames analysed before the cut`);
    assert.match(await page.locator('emo-lens .message').textContent(), /damaged or incomplete.*Try another/);
    assert.ok(await page.locator('emo-lens .status button', { hasText: 'Choose a video' }).isVisible());

    // Dropped on the stage, and cancelled (its Cancel button) as the 5th frame's event arrives: it stops there and says so.
    await page.evaluate(() => {
      window.testEvents.length = 0;
      const lens = document.querySelector('emo-lens');
      let seen = 0;
      lens.addEventListener('emotion', () => {
        if (++seen === 5) lens.shadowRoot.querySelector('.video-line button').click();
      });
    });
    await page.locator('emo-lens .stage').evaluate((stage, bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'talking.mp4', { type: 'video/mp4' }));
      stage.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
    }, [...whole]);
    const cancelled = await waitForEvent(page, 'videoend', { timeout: 60_000 });
    assert.deepEqual({ state: cancelled.state, frames: cancelled.frames }, { state: 'cancelled', frames: 5 });
    assert.equal((await emotions()).length, cancelled.frames);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
