// The page's video analysis can be paused, resumed and cancelled from its buttons: paused, no frame
// is analysed; cancelled, the frames analysed so far are the results, and the message says so.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openAppPage } from './support/browser.mjs';
import { centre, clickAt, dataset, dropFiles, videoEnded } from './support/page-input.mjs';
import { tempDir } from '../node/support/cli.mjs';
import { CLIPS, ffmpeg } from '../node/support/video-clips.mjs';
import { hasFfmpeg } from '../node/support/video-frames.mjs';

const skip = (!fs.existsSync(CLIPS.talkingHead.file) && `${CLIPS.talkingHead.file} is absent (no ../shared/data)`) ||
  (!hasFfmpeg() && 'ffmpeg/ffprobe not found (scripts/install.sh installs them)');
const LOOPS = 4;  // long enough to click while it runs: 540 frames

const frames = async (page) => Number((await dataset(page)).videoFrames);

test('pause stops the analysis, resume goes on, cancel keeps the frames analysed so far', { skip, timeout: 120_000 }, async (t) => {
  const clip = path.join(tempDir(t), 'long.mp4');
  ffmpeg(['-stream_loop', String(LOOPS - 1), '-r', String(CLIPS.talkingHead.fps), '-i', CLIPS.talkingHead.file,
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', clip]);
  const total = LOOPS * CLIPS.talkingHead.frames;
  const app = await openAppPage({ camera: 'deny' });
  const { page, errors } = app;
  try {
    await page.waitForSelector('body[data-analysis="ready"]', { state: 'attached', timeout: 60000 });
    await dropFiles(page, [clip]);
    await page.waitForFunction(() => Number(document.body.dataset.videoFrames) >= 10 && document.body.dataset.videoPauseButton, null, { timeout: 30000 });
    const button = (name) => dataset(page).then((data) => centre(data[name]));

    await clickAt(page, ...Object.values(await button('videoPauseButton')));
    await page.waitForFunction(() => document.body.dataset.videoState === 'paused', null, { timeout: 10000 });
    await page.waitForTimeout(500);  // the frame in flight when paused is still analysed
    const paused = await frames(page);
    await page.waitForTimeout(1500);
    assert.equal(await frames(page), paused, 'no frame analysed while paused');
    assert.ok(paused < total, `paused after ${paused} of ${total} frames`);

    await clickAt(page, ...Object.values(await button('videoPauseButton')));  // now "Resume"
    await page.waitForFunction((n) => Number(document.body.dataset.videoFrames) > n, paused, { timeout: 10000 });
    assert.equal((await dataset(page)).videoState, 'analysing');

    await clickAt(page, ...Object.values(await button('videoCancelButton')));
    const data = await videoEnded(page, 1);
    const kept = Number(data.videoFrames);
    assert.equal(data.videoState, 'cancelled');
    assert.ok(kept > paused && kept < total, `cancelled after ${kept} of ${total} frames`);
    assert.equal(data.videoTracks, '1', 'the frames analysed so far are the results');
    assert.match(await page.textContent('#emolens-status'), new RegExp(`^Cancelled after ${kept} frames \\([\\d.]+ s\\)\\.`));
    assert.deepEqual(errors, []);
  } finally {
    await app.close();
  }
});
