// The camera page in Debian's Chromium: the fake camera's video is drawn through Dear ImGui, the
// worker runs the wasm build the page can have, and a denied camera is explained with a retry.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launchBrowser, regionStats, serveDist, TALKING_HEAD } from './support/browser.mjs';

const clip = fs.existsSync(TALKING_HEAD) ? TALKING_HEAD : null;
if (!clip) console.log(`# ${TALKING_HEAD} is absent (no ../shared/data): using Chromium's built-in fake camera`);

// Right half of the 1000x700 viewport: inside the letterboxed video, clear of the panel.
const VIDEO_REGION = { x: 520, y: 160, width: 420, height: 400 };

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

test('camera feed is drawn through Dear ImGui and the worker runs mt with SIMD', async () => {
  const { page, errors, close } = await openPage({ camera: 'allow' });
  try {
    await page.waitForSelector('body[data-state="running"]', { timeout: 30000 });
    await page.waitForSelector('body[data-simd]', { timeout: 30000 });
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    assert.deepEqual(await page.evaluate(() => ({ ...document.body.dataset })),
      { state: 'running', variant: 'mt', simd: 'true', threads: 'true' });

    await page.waitForTimeout(1000);
    const first = await regionStats(page, await page.screenshot(), VIDEO_REGION);
    await page.waitForTimeout(700);
    const second = await regionStats(page, await page.screenshot(), VIDEO_REGION);
    assert.ok(first.stddev > 12, `video region looks flat: ${JSON.stringify(first)}`);
    assert.ok(first.colours > 200, `video region has too few colours: ${JSON.stringify(first)}`);
    assert.notDeepEqual(first, second, 'the video region did not change: frames are not being drawn');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('a denied camera shows a message and a retry, without an uncaught exception', async () => {
  const { page, errors, close } = await openPage({ camera: 'deny' });
  try {
    await page.waitForSelector('body[data-state="camera-error"]', { timeout: 30000 });
    assert.match(await page.textContent('#emolens-status'), /Camera access was denied.*Retry/);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('without cross-origin isolation the page runs the single-threaded SIMD build', async () => {
  const { page, errors, close } = await openPage({ camera: 'allow', isolated: false });
  try {
    await page.waitForSelector('body[data-simd]', { timeout: 30000 });
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
      await page.waitForSelector('body[data-state="camera-error"]', { timeout: 30000 });
      assert.match(await page.textContent('#emolens-status'), expected);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
}

test('a camera unplugged mid-stream shows a message and a retry', async () => {
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
    await page.waitForSelector('body[data-state="running"]', { timeout: 30000 });
    await page.evaluate(() => window.testCameraStream.getVideoTracks()[0].dispatchEvent(new Event('ended')));
    await page.waitForSelector('body[data-state="camera-error"]', { timeout: 5000 });
    assert.match(await page.textContent('#emolens-status'), /camera stopped.*Retry/);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
