// The page's video mode in Chromium: the talking head (../shared/data/video, converted here by
// ffmpeg) dropped as mp4 and then as webm is analysed frame by frame; the results view has one
// track id through the clip, a click or a drag in its timeline moves the scrub time and the boxes
// drawn are that frame's, and the CSV export has one row per analysed frame and face.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { downloadByClick, openAppPage } from './support/browser.mjs';
import { centre, clickAt, dataset, dropFiles, rect, videoEnded } from './support/page-input.mjs';
import { tempDir } from '../node/support/cli.mjs';
import { CLIPS, convertClip } from '../node/support/video-clips.mjs';
import { hasFfmpeg } from '../node/support/video-frames.mjs';

const skip = (!fs.existsSync(CLIPS.talkingHead.file) && `${CLIPS.talkingHead.file} is absent (no ../shared/data)`) ||
  (!hasFfmpeg() && 'ffmpeg/ffprobe not found (scripts/install.sh installs them)');
const FRAMES = CLIPS.talkingHead.frames;

// At the test's 1000x700 viewport the view is the left 600x700 (web/app/view.js layout): the
// 640x360 video is letterboxed at this scale and top.
const VIEW = { scale: 600 / 640, top: (700 - 360 * (600 / 640)) / 2 };

/** The CSV export's rows as objects (header names as keys). */
function parseCsv(text) {
  const [header, ...rows] = text.trim().split('\n').map((line) => line.split(','));
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

/** The first face box the page drew (data-face-box, CSS pixels) and where that CSV row's box lands on screen. */
async function drawnAndRecorded(page, rows) {
  const data = await dataset(page);
  const time = Number(data.videoTime);
  const row = rows.find((r) => Math.abs(Number(r.time) - time) < 1e-3);
  assert.ok(row, `a CSV row at the scrub time ${time} s`);
  const drawn = data.faceBox.split(',').slice(0, 4).map(Number);
  const recorded = [Number(row.x) * VIEW.scale, VIEW.top + Number(row.y) * VIEW.scale, Number(row.width) * VIEW.scale, Number(row.height) * VIEW.scale];
  return { time, drawn, recorded, label: data.faceBox.split(',')[4], row };
}

/** Waits until the scrub time has left `previous` (s) and the frame there is drawn → the new time. */
async function scrubbedFrom(page, previous) {
  await page.waitForFunction((s) => Number(document.body.dataset.videoTime) !== s, previous, { timeout: 10000 });
  await page.waitForTimeout(500);  // a drag's last position and its frame drawn
  return Number((await dataset(page)).videoTime);
}

test('a dropped talking head, mp4 then webm: one track, the timeline scrubs the boxes, CSV has a row per frame and face', { skip, timeout: 300_000 }, async (t) => {
  const dir = tempDir(t);
  const clips = { mp4: convertClip(CLIPS.talkingHead, dir, 'talking', 'mp4'), webm: convertClip(CLIPS.talkingHead, dir, 'talking', 'webm') };
  const app = await openAppPage({ camera: 'deny' });
  const { page, errors } = app;
  try {
    await page.waitForSelector('body[data-analysis="ready"]', { state: 'attached', timeout: 60000 });
    for (const [run, [ext, file]] of Object.entries(clips).entries()) {
      const started = Date.now();
      await dropFiles(page, [file]);
      // The bound is for the seeking decoder (video-frames.js without WebCodecs: ~5 fps for webm under load).
      const data = await videoEnded(page, run + 1, 120000);
      t.diagnostic(`${ext}: ${data.videoFrames} frames analysed in ${data.videoSeconds} s by the page (${data.variant}; ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s from the drop to the results)`);
      assert.equal(data.videoState, 'done', await page.textContent('#emolens-status'));
      assert.equal(Number(data.videoFrames), FRAMES);
      assert.equal(data.videoTracks, '1', 'one track id through the clip');
      assert.match(await page.textContent('#emolens-status'), new RegExp(`talking\\.${ext}: ${FRAMES} frames analysed in [\\d.]+ s \\([\\d.]+ fps\\), 1 face tracked`));

      const csv = await downloadByClick(page, ...Object.values(centre(data.videoCsvButton)));
      assert.equal(csv.name, 'talking-emolens.csv');
      const rows = parseCsv(csv.bytes.toString());
      assert.equal(rows.length, FRAMES, 'one row per analysed frame and face');
      assert.deepEqual(rows.map((r) => Number(r.frame)), [...Array(FRAMES).keys()]);
      assert.ok(rows.every((r) => r.face === '1' && r.file === `talking.${ext}`));

      // Scrubbing by the timeline: a click at 80% of its width, then a drag back to 20%.
      // The results open at the first frame.
      await page.waitForFunction(() => document.body.dataset.videoTime === '0.000', null, { timeout: 10000 });
      await page.waitForTimeout(300);
      const start = await drawnAndRecorded(page, rows);
      const plot = rect((await dataset(page)).videoTimeline);
      const at = (share) => ({ x: plot.x + plot.width * share, y: plot.y + plot.height / 2 });
      const duration = FRAMES / CLIPS.talkingHead.fps;  // the timeline's axis: the video's duration
      await clickAt(page, at(0.8).x, at(0.8).y);
      const clicked = await scrubbedFrom(page, start.time);
      assert.ok(Math.abs(clicked - 0.8 * duration) < 0.1, `clicked at 80% of ${duration} s: now at ${clicked} s`);
      const late = await drawnAndRecorded(page, rows);
      await page.mouse.down();
      for (const share of [0.6, 0.4, 0.2]) await page.mouse.move(at(share).x, at(share).y, { steps: 3 });
      await page.mouse.up();
      const dragged = await scrubbedFrom(page, clicked);
      assert.ok(Math.abs(dragged - 0.2 * duration) < 0.1, `dragged to 20% of ${duration} s: now at ${dragged} s`);
      const early = await drawnAndRecorded(page, rows);
      // The boxes drawn are the records of the frame at the scrub time, and they moved with it.
      for (const view of [start, late, early]) {
        view.drawn.forEach((v, i) => assert.ok(Math.abs(v - view.recorded[i]) <= 1.5, `${ext} at ${view.time} s: drawn ${view.drawn} vs recorded ${view.recorded}`));
        assert.equal(view.label, view.row.label);
      }
      const moved = (a, b) => Math.max(...a.drawn.map((v, i) => Math.abs(v - b.drawn[i])));
      assert.ok(moved(start, late) > 2 || moved(late, early) > 2, `the boxes move with the scrub time: ${start.drawn} / ${late.drawn} / ${early.drawn}`);
      await page.screenshot({ path: `/tmp/emolens-video-${ext}.png` });
    }
    assert.deepEqual(errors, []);
  } finally {
    await app.close();
  }
});
