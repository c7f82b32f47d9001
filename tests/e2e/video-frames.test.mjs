// Video files in Chromium, frame by frame (web/shared/video-frames.js) through the analysis worker,
// against `emolens analyze` on the same file: the talking head converted here by ffmpeg to mp4 and
// webm. Every frame is reached at its own time, the talker keeps one track id, and the page's labels
// and boxes agree with the CLI's (figures printed as test diagnostics). The page's video mode itself
// (drop, timeline, export) is not built yet: this checks the decoding path it is to use.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launchBrowser, serveDist, TALKING_HEAD } from './support/browser.mjs';
import { runCli, tempDir } from '../node/support/cli.mjs';
import { iou } from '../node/support/clip-metrics.mjs';
import { CLIPS, convertClip } from '../node/support/video-clips.mjs';
import { hasFfmpeg } from '../node/support/video-frames.mjs';

const skip = (!fs.existsSync(TALKING_HEAD) && `${TALKING_HEAD} is absent (no ../shared/data)`) ||
  (!hasFfmpeg() && 'ffmpeg/ffprobe not found (scripts/install.sh installs them)');
const MIN_LABEL_AGREEMENT = 0.9;  // decoders differ (ffmpeg vs Chromium's): a few borderline frames may flip
const MIN_MEAN_IOU = 0.9;

/** Every frame of `bytes` (served as /clip) analysed in the page → [{time (ms), faces: [{id, label, box}]}] and the wall time. */
async function analyseInPage(page, type) {
  return page.evaluate(async (type) => {
    const { videoFileFrames } = await import('/shared/video-frames.js');
    const { AnalysisClient } = await import('/shared/analysis-client.js');
    const client = new AnalysisClient();
    await client.init({ range: 'short' });
    await client.reset();
    const blob = new Blob([await (await fetch('/clip')).arrayBuffer()], { type });
    const frames = [];
    const start = performance.now();
    for await (const frame of videoFileFrames(blob)) {
      const result = await client.submitFrame(frame.bitmap, frame.timestampMs);
      frames.push({ time: frame.timestampMs, faces: result.faces.map((f) => ({ id: f.id, label: f.label, box: f.box })) });
    }
    return { frames, seconds: (performance.now() - start) / 1000 };
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
    for (const [ext, type] of [['mp4', 'video/mp4'], ['webm', 'video/webm']]) {
      const file = convertClip(CLIPS.talkingHead, dir, 'talking', ext);
      const cli = runCli(['analyze', file, '--json'], { timeout: 300_000 });
      assert.equal(cli.code, 0, cli.stderr);
      const records = JSON.parse(cli.stdout).files[0].records;
      await page.route('**/clip', (route) => route.fulfill({ body: fs.readFileSync(file), contentType: type }));
      const { frames, seconds } = await analyseInPage(page, type);
      await page.unroute('**/clip');

      assert.equal(frames.length, CLIPS.talkingHead.frames, `${ext}: every frame`);
      frames.forEach((frame, k) => assert.ok(Math.abs(frame.time / 1000 - records[k].time) < 1e-3, `${ext} frame ${k}: ${frame.time} ms vs ${records[k].time} s`));
      assert.ok(frames.every((f) => f.faces.length === 1 && f.faces[0].id === 1), `${ext}: one face, track 1, in every frame`);
      const sameLabel = frames.filter((f, k) => f.faces[0].label === records[k].label).length / frames.length;
      const meanIou = frames.reduce((sum, f, k) => sum + iou(f.faces[0].box, records[k].box), 0) / frames.length;
      t.diagnostic(`${ext}: ${frames.length} frames in ${seconds.toFixed(1)} s in Chromium (${(frames.length / seconds).toFixed(1)} fps, ` +
        `decode by seeking + worker); same smoothed label as the CLI in ${(100 * sameLabel).toFixed(1)}% of frames, mean box IoU ${meanIou.toFixed(3)}`);
      assert.ok(sameLabel >= MIN_LABEL_AGREEMENT, `${ext}: labels agree in ${(100 * sameLabel).toFixed(1)}% of frames`);
      assert.ok(meanIou >= MIN_MEAN_IOU, `${ext}: mean IoU ${meanIou.toFixed(3)}`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
