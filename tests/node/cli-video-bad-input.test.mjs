// `emolens analyze` on bad video input: each a clear per-file error or an empty result, and the run
// goes on with the next file. Every clip is generated here by ffmpeg (lavfi), so no data is needed.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { plainPng, runCli, tempDir } from './support/cli.mjs';
import { ffmpeg, patternClip } from './support/video-clips.mjs';
import { hasFfmpeg } from './support/video-frames.mjs';

const skip = !hasFfmpeg() && 'skipped: ffmpeg/ffprobe not found (scripts/install.sh installs them)';

const analyzeJson = (args, options) => {
  const run = runCli(['analyze', ...args, '--json'], { timeout: 300_000, ...options });
  return { ...run, byName: Object.fromEntries(JSON.parse(run.stdout).files.map((f) => [path.basename(f.file), f])) };
};

test('unreadable videos: empty, zero frames, random bytes, audio only, not a video at all', { skip }, (t) => {
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'empty.mp4'), '');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30', '-frames:v', '0', '-c:v', 'libx264', path.join(dir, 'zero.mp4')]);
  fs.writeFileSync(path.join(dir, 'random.mp4'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
  ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac', path.join(dir, 'audio.mp4')]);
  const other = path.join(dir, 'data.bin');
  fs.writeFileSync(other, 'neither an image nor a video\n');
  patternClip(dir, 'one-frame', { frames: 1 });
  const { code, byName, stderr } = analyzeJson([dir, other]);
  assert.equal(code, 1);
  const errors = Object.fromEntries(Object.entries(byName).map(([name, f]) => [name, f.error?.code ?? null]));
  assert.deepEqual(errors, {
    'audio.mp4': 'no_video_stream', 'empty.mp4': 'corrupt_video', 'one-frame.mp4': null, 'random.mp4': 'corrupt_video',
    'zero.mp4': 'no_frames', 'data.bin': 'unsupported_format',
  });
  assert.match(byName['audio.mp4'].error.message, /audio only/);
  assert.match(byName['empty.mp4'].error.message, /empty file/);
  for (const name of ['audio.mp4', 'empty.mp4', 'random.mp4', 'zero.mp4', 'data.bin']) assert.match(stderr, new RegExp(`${name}: ${errors[name]}: `));
  // One frame, no face: an empty result, not an error.
  assert.deepEqual([byName['one-frame.mp4'].frames, byName['one-frame.mp4'].records, byName['one-frame.mp4'].tracks], [1, [], []]);
});

test('a truncated video: the frames before the damage are analysed, then corrupt_video; the next file still runs', { skip }, (t) => {
  const dir = tempDir(t);
  // Noise keeps the frames large, so half the file is about half the frames (moov first: readable).
  const whole = path.join(dir, 'whole.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30', '-vf', 'noise=alls=40:allf=t', '-frames:v', '60',
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', whole]);
  const bytes = fs.readFileSync(whole);
  const truncated = path.join(dir, 'a-truncated.mp4');
  fs.writeFileSync(truncated, bytes.subarray(0, bytes.length >> 1));
  const after = path.join(dir, 'b-after.png');
  fs.writeFileSync(after, plainPng(32, 32));
  const { code, byName, stderr } = analyzeJson([truncated, after]);
  assert.equal(code, 1);
  const video = byName['a-truncated.mp4'];
  assert.equal(video.error.code, 'corrupt_video');
  assert.match(video.error.message, new RegExp(`damaged or truncated: ${video.frames} frames decoded, then `));
  assert.ok(video.frames > 10 && video.frames < 60, `${video.frames} frames decoded of 60`);
  assert.deepEqual(byName['b-after.png'].faces, []);
  assert.match(stderr, /a-truncated\.mp4: corrupt_video: damaged or truncated/);
});

test('an 8K video is analysed scaled down to 3840x2160, reported at its own size', { skip }, (t) => {
  const file = patternClip(tempDir(t), 'eight-k', { width: 7680, height: 4320, frames: 2 });
  const { code, byName, stderr } = analyzeJson([file]);
  assert.equal(code, 0, stderr);
  const video = byName['eight-k.mp4'];
  assert.deepEqual([video.width, video.height, video.analysed_size, video.frames], [7680, 4320, { width: 3840, height: 2160 }, 2]);
});

test('without ffmpeg: videos fail naming the Debian package, photos in the same run are still analysed', { skip }, (t) => {
  const dir = tempDir(t);
  patternClip(dir, 'clip', { frames: 2 });
  fs.writeFileSync(path.join(dir, 'photo.png'), plainPng(40, 30));
  const emptyPath = tempDir(t, 'emolens-no-path-');
  const { code, byName, stderr } = analyzeJson([dir], { env: { ...process.env, PATH: emptyPath } });
  assert.equal(code, 1);
  assert.equal(byName['clip.mp4'].error.code, 'ffmpeg_missing');
  assert.match(byName['clip.mp4'].error.message, /Debian's 'ffmpeg' package \(apt-get install ffmpeg/);
  assert.match(stderr, /clip\.mp4: ffmpeg_missing: ffmpeg and ffprobe not found/);
  assert.deepEqual([byName['photo.png'].width, byName['photo.png'].faces], [40, []]);
});

test('usage errors for the video options exit 2 with one line', () => {
  for (const [args, message] of [
    [['x.mp4', '--fps', '0'], /--fps takes a number/],
    [['x.mp4', '--fps', 'ten'], /--fps takes a number/],
    [['x.mp4', '--range', 'far'], /--range is short or full/],
    [['x.mp4', 'y.mp4', '--annotate', 'out.mp4'], /names one video file/],
  ]) {
    const { code, stderr } = runCli(['analyze', ...args]);
    assert.equal(code, 2, args.join(' '));
    assert.match(stderr, message);
    assert.equal(stderr.trim().split('\n').length, 1);
  }
});
