// Bad video files dropped on the page, one after another in one page: each gets a clear message (or
// an empty result, said so), and afterwards a next video (pasted, without a type: sniffed), the camera
// and photos still work. Clips are made here by ffmpeg (lavfi) and from the talking head.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openAppPage } from './support/browser.mjs';
import { centre, clickAt, dataset, dropFiles, videoEnded } from './support/page-input.mjs';
import { plainPng, tempDir } from '../node/support/cli.mjs';
import { CLIPS, convertClip, ffmpeg, patternClip } from '../node/support/video-clips.mjs';
import { hasFfmpeg } from '../node/support/video-frames.mjs';

const skip = (!hasFfmpeg() && 'ffmpeg/ffprobe not found (scripts/install.sh installs them)') ||
  (!fs.existsSync(CLIPS.talkingHead.file) && `${CLIPS.talkingHead.file} is absent (no ../shared/data)`);

/** The clips: each a path, made in `dir`. */
function makeClips(dir) {
  const at = (name) => path.join(dir, name);
  // Noise keeps the frames large, so half the file holds about half the frames (moov first: readable).
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30', '-vf', 'noise=alls=40:allf=t', '-frames:v', '60',
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', at('whole.mp4')]);
  const whole = fs.readFileSync(at('whole.mp4'));
  fs.writeFileSync(at('truncated.mp4'), whole.subarray(0, whole.length >> 1));
  ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac', at('audio.mp4')]);
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30', '-frames:v', '0', '-c:v', 'libx264', at('zero.mp4')]);
  fs.writeFileSync(at('random.mp4'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
  fs.writeFileSync(at('photo.png'), plainPng(64, 48));
  return {
    truncated: at('truncated.mp4'), audio: at('audio.mp4'), zero: at('zero.mp4'), random: at('random.mp4'), photo: at('photo.png'),
    noFace: patternClip(dir, 'no-face', { frames: 30 }),
    eightK: patternClip(dir, 'eight-k', { width: 7680, height: 4320, frames: 2 }),
    oneFrame: convertClip(CLIPS.talkingHead, dir, 'one-frame', 'mp4', ['-frames:v', '1']),
  };
}

test('bad videos get clear messages; the camera, photos and a next video still work', { skip, timeout: 120_000 }, async (t) => {
  const clips = makeClips(tempDir(t));
  const app = await openAppPage({ camera: 'allow' });  // Chromium's fake camera: its test pattern
  const { page, errors } = app;
  let dropped = 0;
  const drop = async (file, options) => {
    await dropFiles(page, [file], options);
    const data = await videoEnded(page, ++dropped);
    return { data, status: await page.textContent('#emolens-status') };
  };
  try {
    await page.waitForSelector('body[data-analysis="ready"]', { state: 'attached', timeout: 60000 });

    // Cut in half: the frames before the damage are analysed and shown, and the message says so.
    let { data, status } = await drop(clips.truncated);
    assert.equal(data.videoError, 'corrupt_video');
    const analysed = Number(data.videoFrames);
    assert.ok(analysed > 10 && analysed < 60, `${analysed} of 60 frames before the damage`);
    assert.equal(data.videoState, 'done', 'the frames before the damage are shown');
    assert.match(status, new RegExp(`"truncated\\.mp4" could not be read to the end: the file is damaged or incomplete .*The ${analysed} frames before the damage were analysed`));

    ({ data, status } = await drop(clips.audio));
    assert.deepEqual([data.videoState, data.videoError, data.videoFrames], ['error', 'no_video_stream', '0']);
    assert.match(status, /"audio\.mp4" has sound only: there is no picture to analyse/);

    // A zero-length video: Chromium's <video> finds no video stream it can play in it, so it is named
    // as sound only or as undecodable, depending on the decoding path (the CLI, reading the container
    // with ffprobe, says no_frames).
    ({ data, status } = await drop(clips.zero));
    assert.equal(data.videoState, 'error');
    assert.ok(['no_frames', 'no_video_stream', 'unsupported_format'].includes(data.videoError), data.videoError);
    assert.match(status, /"zero\.mp4" (has no frames to analyse|has sound only|is not a video this browser can decode)/);

    ({ data, status } = await drop(clips.random));
    assert.deepEqual([data.videoState, data.videoError], ['error', 'unsupported_format']);
    assert.match(status, /"random\.mp4" is not a video this browser can decode/);

    ({ data, status } = await drop(clips.noFace));
    assert.deepEqual([data.videoState, data.videoFrames, data.videoTracks, data.videoError], ['done', '30', '', undefined]);
    assert.match(status, /No face was found in "no-face\.mp4" \(30 frames analysed\)/);

    // 8K: analysed scaled down to 3840x2160, said so.
    ({ data, status } = await drop(clips.eightK));
    assert.deepEqual([data.videoState, data.videoFrames], ['done', '2']);
    assert.match(status, /This 7680x4320 video was analysed scaled down to 3840x2160; boxes are in its own pixels/);

    // One frame with a face, pasted without a type (sniffed): a result of one frame, one track.
    ({ data, status } = await drop(clips.oneFrame, { how: 'paste', type: '' }));
    assert.deepEqual([data.videoState, data.videoFrames, data.videoTracks], ['done', '1', '1']);
    assert.match(status, /one-frame\.mp4: 1 frame analysed in [\d.]+ s \([\d.]+ fps\), 1 face tracked/);

    // Still usable: back to the camera, whose frames are analysed again; then a photo.
    const before = Number((await dataset(page)).analysed ?? 0);
    await clickAt(page, ...Object.values(centre(data.videoBackButton)));
    await page.waitForFunction(() => document.body.dataset.videoState === undefined, null, { timeout: 10000 });
    await page.waitForFunction((n) => Number(document.body.dataset.analysed) > n + 5, before, { timeout: 30000 });
    await dropFiles(page, [clips.photo]);
    await page.waitForFunction(() => Number(document.body.dataset.photos) >= 1, null, { timeout: 30000 });
    assert.match(await page.textContent('#emolens-status'), /photo\.png: no face/);
    assert.deepEqual(errors, []);
  } finally {
    await app.close();
  }
});
