// Video files in Chromium, frame by frame (web/shared/video-frames.js) through the analysis worker,
// against `emolens analyze` on the same file: the talking head converted here by ffmpeg to mp4 and
// webm. Every frame is reached at its own time, the talker keeps one track id, and the page's labels
// and boxes agree with the CLI's (figures printed as test diagnostics), on the WebCodecs path
// (our demuxers + VideoDecoder) and on the seeking path it falls back to; then a truncated file
// (the frames before the cut, then corrupt_video) and a file with sound only (no_video_stream).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launchBrowser, serveDist, TALKING_HEAD } from './support/browser.mjs';
import { runCli, tempDir } from '../node/support/cli.mjs';
import { iou } from '../node/support/clip-metrics.mjs';
import { CLIPS, convertClip, ffmpeg } from '../node/support/video-clips.mjs';
import { hasFfmpeg } from '../node/support/video-frames.mjs';

const skip = (!fs.existsSync(TALKING_HEAD) && `${TALKING_HEAD} is absent (no ../shared/data)`) ||
  (!hasFfmpeg() && 'ffmpeg/ffprobe not found (scripts/install.sh installs them)');
const MIN_LABEL_AGREEMENT = 0.9;  // decoders differ (ffmpeg vs Chromium's): a few borderline frames may flip
const MIN_MEAN_IOU = 0.9;
const NO_STORE = { 'Cache-Control': 'no-store' };  // /clip is another file in each run: never from the cache

/**
 * Every frame of /clip analysed in the page through `generator` (an export of video-frames.js) →
 * {frames: [{time (ms), faces: [{id, label, box}]}], seconds (wall), kinds (what the frames were)}.
 */
async function analyseInPage(page, type, generator) {
  return page.evaluate(async ({ type, generator }) => {
    const { [generator]: frameSource } = await import('/shared/video-frames.js');
    const { AnalysisClient } = await import('/shared/analysis-client.js');
    const client = new AnalysisClient();
    await client.init({ range: 'short' });
    await client.reset();
    const blob = new Blob([await (await fetch('/clip')).arrayBuffer()], { type });
    const frames = [];
    const kinds = new Set();
    const start = performance.now();
    for await (const frame of frameSource(blob)) {
      kinds.add(frame.bitmap.constructor.name);
      const result = await client.submitFrame(frame.bitmap, frame.timestampMs);
      frames.push({ time: frame.timestampMs, faces: result.faces.map((f) => ({ id: f.id, label: f.label, box: f.box })) });
    }
    client.terminate();
    return { frames, seconds: (performance.now() - start) / 1000, kinds: [...kinds] };
  }, { type, generator });
}

/** /clip's frames through videoFileFrames, each closed → {frames (count), times, error: {name, code} or null}. */
async function decodeInPage(page, type) {
  return page.evaluate(async (type) => {
    const { videoFileFrames } = await import('/shared/video-frames.js');
    const blob = new Blob([await (await fetch('/clip')).arrayBuffer()], { type });
    const times = [];
    try {
      for await (const frame of videoFileFrames(blob)) {
        times.push(frame.timestampMs);
        frame.bitmap.close();
      }
      return { times, error: null };
    } catch (error) {
      return { times, error: { name: error.name, code: error.code, message: error.message } };
    }
  }, type);
}

test('mp4 and webm in Chromium: every frame at its own time, one track, labels and boxes as the CLI', { skip, timeout: 600_000 }, async (t) => {
  const dir = tempDir(t);
  const server = await serveDist();
  const browser = await launchBrowser({ camera: 'deny' });
  try {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}app/style.css`);  // a blank page of the app's origin
    const runs = [['mp4', 'video/mp4', 'videoFileFrames', 'VideoFrame'], ['webm', 'video/webm', 'videoFileFrames', 'VideoFrame'],
      ['mp4', 'video/mp4', 'videoFileFramesBySeeking', 'ImageBitmap']];
    for (const [ext, type, generator, kind] of runs) {
      const file = convertClip(CLIPS.talkingHead, dir, 'talking', ext);
      const cli = runCli(['analyze', file, '--json'], { timeout: 300_000 });
      assert.equal(cli.code, 0, cli.stderr);
      const records = JSON.parse(cli.stdout).files[0].records;
      await page.route('**/clip', (route) => route.fulfill({ body: fs.readFileSync(file), contentType: type, headers: NO_STORE }));
      const { frames, seconds, kinds } = await analyseInPage(page, type, generator);
      await page.unroute('**/clip');

      const name = `${ext} (${generator})`;
      assert.deepEqual(kinds, [kind], `${name}: frames are ${kind}s`);
      assert.equal(frames.length, CLIPS.talkingHead.frames, `${name}: every frame`);
      frames.forEach((frame, k) => assert.ok(Math.abs(frame.time / 1000 - records[k].time) < 1e-3, `${name} frame ${k}: ${frame.time} ms vs ${records[k].time} s`));
      assert.ok(frames.every((f) => f.faces.length === 1 && f.faces[0].id === 1), `${name}: one face, track 1, in every frame`);
      const sameLabel = frames.filter((f, k) => f.faces[0].label === records[k].label).length / frames.length;
      const meanIou = frames.reduce((sum, f, k) => sum + iou(f.faces[0].box, records[k].box), 0) / frames.length;
      t.diagnostic(`${name}: ${frames.length} frames in ${seconds.toFixed(1)} s in Chromium (${(frames.length / seconds).toFixed(1)} fps, ` +
        `decode + worker); same smoothed label as the CLI in ${(100 * sameLabel).toFixed(1)}% of frames, mean box IoU ${meanIou.toFixed(3)}`);
      assert.ok(sameLabel >= MIN_LABEL_AGREEMENT, `${name}: labels agree in ${(100 * sameLabel).toFixed(1)}% of frames`);
      assert.ok(meanIou >= MIN_MEAN_IOU, `${name}: mean IoU ${meanIou.toFixed(3)}`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('a truncated mp4 and webm: the frames before the cut, then corrupt_video; sound only: no_video_stream', { skip, timeout: 300_000 }, async (t) => {
  const dir = tempDir(t);
  const server = await serveDist();
  const browser = await launchBrowser({ camera: 'deny' });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}app/style.css`);
    const serve = (body, contentType) => page.route('**/clip', (route) => route.fulfill({ body, contentType, headers: NO_STORE }));
    for (const [ext, type] of [['mp4', 'video/mp4'], ['webm', 'video/webm']]) {
      const whole = fs.readFileSync(convertClip(CLIPS.talkingHead, dir, 'talking', ext, ext === 'mp4' ? ['-movflags', '+faststart'] : []));
      await serve(whole.subarray(0, Math.floor(whole.length * 0.6)), type);
      const { times, error } = await decodeInPage(page, type);
      await page.unroute('**/clip');
      assert.equal(error?.code, 'corrupt_video', `${ext}: ${JSON.stringify(error)}`);
      assert.ok(times.length >= 40 && times.length < CLIPS.talkingHead.frames, `${ext}: ${times.length} frames before the cut`);
      // In presentation order, each at a frame's time (webm's to the ms; a B-frame whose data lay
      // past the cut may be missing at the end).
      const slots = times.map((time) => Math.round((time * CLIPS.talkingHead.fps) / 1000));
      assert.ok(times.every((time, k) => Math.abs(time - (slots[k] * 1000) / CLIPS.talkingHead.fps) < 1 && (k === 0 || slots[k] > slots[k - 1])), `${ext}: ${times}`);
      assert.deepEqual(slots.slice(0, 30), [...Array(30).keys()], ext);
    }
    const tone = `${dir}/tone.m4a`;
    ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac', tone]);
    await serve(fs.readFileSync(tone), 'audio/mp4');
    const { times, error } = await decodeInPage(page, 'audio/mp4');
    assert.deepEqual({ frames: times.length, code: error?.code }, { frames: 0, code: 'no_video_stream' });
  } finally {
    await browser.close();
    await server.close();
  }
});

test("a browser's own recording (MediaRecorder webm: unknown-size Segment and Clusters, no Cues) decodes through WebCodecs", { timeout: 120_000 }, async () => {
  const server = await serveDist();
  const browser = await launchBrowser({ camera: 'deny' });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}app/style.css`);
    const { recorded, kinds, times } = await page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 240;
      const context = canvas.getContext('2d');
      const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm;codecs=vp8' });
      const chunks = [];
      recorder.ondataavailable = (event) => chunks.push(event.data);
      const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
      recorder.start(100);
      const start = performance.now();
      while (performance.now() - start < 1500) {
        context.fillStyle = `hsl(${(performance.now() - start) / 4}, 80%, 50%)`;
        context.fillRect(0, 0, 320, 240);
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      recorder.stop();
      await stopped;
      const { videoFileFrames } = await import('/shared/video-frames.js');
      const kinds = new Set();
      const times = [];
      for await (const frame of videoFileFrames(new Blob(chunks, { type: 'video/webm' }))) {
        kinds.add(frame.bitmap.constructor.name);
        times.push(frame.timestampMs);
        frame.bitmap.close();
      }
      return { recorded: chunks.length, kinds: [...kinds], times };
    });
    assert.ok(recorded > 1, `${recorded} chunks recorded`);
    assert.deepEqual(kinds, ['VideoFrame'], 'the WebCodecs path read it');
    assert.ok(times.length >= 10, `${times.length} frames`);
    assert.ok(times.every((time, k) => k === 0 || time > times[k - 1]), `times increase: ${times}`);
  } finally {
    await browser.close();
    await server.close();
  }
});
