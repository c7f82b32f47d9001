// The big view's picture goes through our GLSL ES 3.0 program (shaders/image.vert + image.frag,
// web/app/image-renderer.js): a known asymmetric camera frame appears mirrored, a photo does not,
// a changed shader file changes the picture, and a shader that does not compile or link is a
// clear message on the page.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppPage, pixelsAt } from './support/browser.mjs';

// 1000x700 viewport: a 16:9 picture is letterboxed to 600x338 at y 181 in the left 600 px.
const LEFT = { x: 150, y: 350 };
const RIGHT = { x: 450, y: 350 };
const SHADER_FILE = path.join(import.meta.dirname, '../../shaders/image.frag');

/**
 * A camera clip for Chromium's fake camera (YUV4MPEG2, 4:2:0): 64x36, left half red, right half
 * blue (BT.601 studio range), ten identical frames.
 */
function writeRedBlueClip(file) {
  const width = 64, height = 36;
  const luma = Buffer.alloc(width * height);
  const cb = Buffer.alloc((width / 2) * (height / 2));
  const cr = Buffer.alloc(cb.length);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) luma[y * width + x] = x < width / 2 ? 81 : 41;
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < width / 2; x++) {
      cb[y * (width / 2) + x] = x < width / 4 ? 90 : 240;
      cr[y * (width / 2) + x] = x < width / 4 ? 240 : 110;
    }
  }
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, cb, cr]);
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...Array(10).fill(frame)]));
}

const isRed = ([r, g, b]) => r > 150 && g < 90 && b < 90;
const isBlue = ([r, g, b]) => b > 150 && r < 90 && g < 90;

/** A screenshot in CSS pixels (pixelsAt's coordinates) whatever the device pixel ratio. */
const screenshot = (page, options = {}) => page.screenshot({ scale: 'css', ...options });

/** The colours at LEFT and RIGHT once the camera plays (a frame has been drawn by then). */
async function cameraSides(page) {
  await page.waitForSelector('body[data-state="running"]', { state: 'attached', timeout: 60000 });
  await page.waitForTimeout(700);
  return pixelsAt(page, await screenshot(page), [LEFT, RIGHT]);
}

function withClip(run) {
  return async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emolens-clip-'));
    const clip = path.join(dir, 'red-blue.y4m');
    writeRedBlueClip(clip);
    try {
      await run(clip);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

// At a device pixel ratio of 2, so a rectangle not scaled to device pixels would show.
test('the shader draws a front camera mirrored and a photo as it is (device pixel ratio 2)', withClip(async (clip) => {
  const app = await openAppPage({ clip, deviceScaleFactor: 2 });
  const { page, errors } = app;
  try {
    const [left, right] = await cameraSides(page);
    assert.deepEqual(await page.evaluate(() => [document.body.dataset.renderer, devicePixelRatio]), ['shaders/image', 2]);
    // The fake camera reports no facing mode: it counts as a front camera, shown as a mirror.
    assert.ok(isBlue(left) && isRed(right), `the camera frame is not drawn mirrored in its letterbox rectangle: left ${left}, right ${right}`);

    // A photo of the same pattern, dropped on the page: shown as it is.
    await page.waitForSelector('body[data-analysis="ready"]', { state: 'attached', timeout: 60000 });
    await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(320, 180);
      const context = canvas.getContext('2d');
      context.fillStyle = '#ff0000';
      context.fillRect(0, 0, 160, 180);
      context.fillStyle = '#0000ff';
      context.fillRect(160, 0, 160, 180);
      const transfer = new DataTransfer();
      transfer.items.add(new File([await canvas.convertToBlob({ type: 'image/png' })], 'red-blue.png', { type: 'image/png' }));
      const target = document.getElementById('emolens-canvas');
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.body.dataset.photos === '1', null, { timeout: 30000 });
    await page.waitForTimeout(500);
    const [photoLeft, photoRight] = await pixelsAt(page, await screenshot(page, { path: '/tmp/emolens-shader-photo.png' }), [LEFT, RIGHT]);
    assert.ok(isRed(photoLeft) && isBlue(photoRight), `the photo is not drawn as it is in its letterbox rectangle: left ${photoLeft}, right ${photoRight}`);
    assert.deepEqual(errors, []);
  } finally {
    await app.close();
  }
}));

test('the page draws with shaders/image.frag as served, and explains one that fails to compile or link', withClip(async (clip) => {
  const app = await openAppPage({ clip });
  const { page, errors } = app;
  const source = fs.readFileSync(SHADER_FILE, 'utf8');
  const serveFragment = (body) => page.route('**/shaders/image.frag', (route) => route.fulfill({ status: 200, contentType: 'text/plain', body }));
  try {
    await page.waitForSelector('body[data-renderer="shaders/image"]', { state: 'attached', timeout: 60000 });

    // The same file with red and blue swapped: the mirrored frame's left half turns from blue to red.
    assert.match(source, /texture\(u_image, v_uv\)\.rgb/);
    await serveFragment(source.replace('texture(u_image, v_uv).rgb', 'texture(u_image, v_uv).bgr'));
    await page.reload();
    const [left, right] = await cameraSides(page);
    assert.ok(isRed(left) && isBlue(right), `the served shader did not draw the picture: left ${left}, right ${right}`);

    await page.unrouteAll();
    await serveFragment(source.replace('outColour = ', 'outColour = undefinedThing + '));
    await page.reload();
    await page.waitForSelector('body[data-renderer="error"]', { state: 'attached', timeout: 60000 });
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'error');
    assert.match(await page.textContent('#emolens-status'), /^emolens cannot show the camera or photos: shaders\/image\.frag did not compile: .*undefinedThing/);
    assert.match(await page.textContent('#emolens-loading'), /shaders\/image\.frag did not compile/);

    // Compiles alone, but reads a varying the vertex shader does not write: a link error.
    await page.unrouteAll();
    await serveFragment(source.replace('in vec2 v_uv;', 'in vec2 v_uv;\nin vec2 v_missing;').replace('v_uv).rgb', 'v_uv + v_missing).rgb'));
    await page.reload();
    await page.waitForSelector('body[data-renderer="error"]', { state: 'attached', timeout: 60000 });
    assert.match(await page.textContent('#emolens-status'), /^emolens cannot show the camera or photos: shaders\/image\.vert and image\.frag did not link: .*v_missing/);

    await page.unrouteAll();
    await page.route('**/shaders/image.frag', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.reload();
    await page.waitForSelector('body[data-renderer="error"]', { state: 'attached', timeout: 60000 });
    assert.match(await page.textContent('#emolens-status'), /shaders\/image\.frag could not be loaded \(HTTP 404\)/);
    assert.deepEqual(errors, []);
  } finally {
    await app.close();
  }
}));
