// The camera page in Debian's Chromium: the fake camera's video is drawn (our image shader, under
// Dear ImGui), the worker runs the wasm build the page can have, and camera failures are explained
// with a Retry that works.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launchBrowser, regionStats, serveDist, TALKING_HEAD } from './support/browser.mjs';

const clip = fs.existsSync(TALKING_HEAD) ? TALKING_HEAD : null;
if (!clip) console.log(`# ${TALKING_HEAD} is absent (no ../shared/data): using Chromium's built-in fake camera`);

// The left 600 px of the 1000x700 viewport show the video (letterboxed, y 181..519); the panel and
// the statistics fill the right 400 px.
const VIDEO_REGION = { x: 30, y: 200, width: 540, height: 300 };
// A real clip fills the region with hundreds of colours; Chromium's own fake camera draws a flat
// green test pattern with a moving disc (25 colours measured), still more than a blank region's 1.
const MIN_COLOURS = clip ? 200 : 16;

async function openPage({ camera, isolated = true, initScript = null }) {
  const server = await serveDist({ isolated });
  const browser = await launchBrowser({ camera, clip });
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  if (initScript) await page.addInitScript(initScript);
  await page.goto(server.url);
  return {
    page, errors,
    close: async () => { await browser.close(); await server.close(); },
  };
}

test('camera feed is drawn by the image shader and the worker runs mt with SIMD', async () => {
  const { page, errors, close } = await openPage({ camera: 'allow' });
  try {
    await page.waitForSelector('body[data-state="running"]', { state: 'attached', timeout: 60000 });
    await page.waitForSelector('body[data-simd]', { state: 'attached', timeout: 60000 });
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    const { state, variant, simd, threads, renderer } = await page.evaluate(() => ({ ...document.body.dataset }));
    assert.deepEqual({ state, variant, simd, threads }, { state: 'running', variant: 'mt', simd: 'true', threads: 'true' });
    assert.equal(renderer, 'shaders/image', 'the picture is not drawn by our image shader');
    assert.equal(await page.isHidden('#emolens-loading'), true, 'the loading screen is still shown');

    await page.waitForTimeout(1000);
    const first = await regionStats(page, await page.screenshot(), VIDEO_REGION);
    await page.waitForTimeout(700);
    const second = await regionStats(page, await page.screenshot(), VIDEO_REGION);
    assert.ok(first.stddev > 12, `video region looks flat: ${JSON.stringify(first)}`);
    assert.ok(first.colours > MIN_COLOURS, `video region has too few colours: ${JSON.stringify(first)}`);
    assert.notDeepEqual(first, second, 'the video region did not change: frames are not being drawn');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('a denied camera shows a message and a retry, without an uncaught exception', async () => {
  const { page, errors, close } = await openPage({ camera: 'deny' });
  try {
    await page.waitForSelector('body[data-state="camera-error"]', { state: 'attached', timeout: 60000 });
    assert.match(await page.textContent('#emolens-status'), /Camera access was denied.*Retry/);
    assert.equal(await page.isVisible('#emolens-retry'), true);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('after a denial, allowing the camera and pressing Retry starts it', async () => {
  const { page, errors, close } = await openPage({
    camera: 'allow',
    // The person says no at first, then allows the camera (the next prompt passes).
    initScript: `{
      const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      let calls = 0;
      navigator.mediaDevices.getUserMedia = (constraints) => ++calls === 1
        ? Promise.reject(new DOMException('test: denied', 'NotAllowedError')) : getUserMedia(constraints);
    }`,
  });
  try {
    await page.waitForSelector('body[data-state="camera-error"]', { state: 'attached', timeout: 60000 });
    assert.match(await page.textContent('#emolens-status'), /Camera access was denied/);
    await page.click('#emolens-retry');
    await page.waitForSelector('body[data-state="running"]', { state: 'attached', timeout: 10000 });
    assert.equal(await page.isHidden('#emolens-retry'), true);
    await page.waitForFunction(() => Number(document.body.dataset.analysed) >= 1, null, { timeout: 30000 });
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('without cross-origin isolation the page runs the single-threaded SIMD build', async () => {
  const { page, errors, close } = await openPage({ camera: 'allow', isolated: false });
  try {
    await page.waitForSelector('body[data-simd]', { state: 'attached', timeout: 60000 });
    assert.equal(await page.evaluate(() => crossOriginIsolated), false);
    const { variant, simd, threads } = await page.evaluate(() => ({ ...document.body.dataset }));
    assert.deepEqual({ variant, simd, threads }, { variant: 'st', simd: 'true', threads: 'false' });
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

for (const [name, expected] of [
  ['NotFoundError', /No camera was found.*Retry/],
  ['NotReadableError', /in use by another application.*Retry/],
]) {
  test(`getUserMedia failing with ${name} is explained`, async () => {
    const { page, errors, close } = await openPage({
      camera: 'allow',
      initScript: `navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('test: ${name}', '${name}'));`,
    });
    try {
      await page.waitForSelector('body[data-state="camera-error"]', { state: 'attached', timeout: 60000 });
      assert.match(await page.textContent('#emolens-status'), expected);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
}

test('a camera unplugged mid-stream shows a message, and Retry brings it back', async () => {
  const { page, errors, close } = await openPage({
    camera: 'allow',
    // Keep the page's stream reachable so the test can end its track as an unplug would.
    initScript: `{
      const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) =>
        (window.testCameraStream = await getUserMedia(constraints));
    }`,
  });
  try {
    await page.waitForSelector('body[data-state="running"]', { state: 'attached', timeout: 60000 });
    await page.waitForSelector('body[data-analysis="ready"]', { state: 'attached', timeout: 60000 });
    await page.evaluate(() => window.testCameraStream.getVideoTracks()[0].dispatchEvent(new Event('ended')));
    await page.waitForSelector('body[data-state="camera-error"]', { state: 'attached', timeout: 5000 });
    assert.match(await page.textContent('#emolens-status'), /camera stopped.*Retry/);
    await page.waitForTimeout(500);  // frames keep being drawn with no camera: no exception
    await page.click('#emolens-retry');
    await page.waitForSelector('body[data-state="running"]', { state: 'attached', timeout: 10000 });
    const analysed = await page.evaluate(() => Number(document.body.dataset.analysed ?? 0));
    await page.waitForFunction((n) => Number(document.body.dataset.analysed ?? 0) > n, analysed, { timeout: 30000 });
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
