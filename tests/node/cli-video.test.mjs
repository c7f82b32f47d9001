// `emolens analyze` on video files: per-frame records (time, track, box, label, probabilities) in
// JSON and CSV, the per-track summary, --fps, --annotate out.mp4, folders mixing photos and videos,
// and tracking on the real clips of ../shared/data/video (converted to mp4/webm here by ffmpeg).
import test, { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { plainPng, runCli, tempDir } from './support/cli.mjs';
import { idKeepingPairs } from './support/clip-metrics.mjs';
import { hasData } from './support/paths.mjs';
import { CLIPS, convertClip, countFrames, patternClip } from './support/video-clips.mjs';
import { hasFfmpeg } from './support/video-frames.mjs';

const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
const noFfmpeg = !hasFfmpeg() && 'skipped: ffmpeg/ffprobe not found (scripts/install.sh installs them)';
const noClip = (clip) => noFfmpeg || (!hasData && 'skipped: ../shared/data absent (set EMOLENS_DATA)') ||
  (!fs.existsSync(clip.file) && `skipped: ${clip.file} absent`);

const analyzeJson = (args) => {
  const run = runCli(['analyze', ...args, '--json'], { timeout: 300_000 });
  return { ...run, report: run.stdout ? JSON.parse(run.stdout) : null };
};

/** A video's records grouped as frame results ({faces: [{id, box}]}) in frame order, frames without faces included. */
function frameResults(video) {
  const results = Array.from({ length: video.frames }, () => ({ faces: [] }));
  for (const r of video.records) results[r.frame].faces.push({ id: r.track, box: r.box });
  return results;
}

describe('talking head (mp4 and webm)', { skip: noClip(CLIPS.talkingHead) }, () => {
  let dir;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emolens-video-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const ext of ['mp4', 'webm']) {
    test(`${ext}: every frame analysed at its own time, one track through the clip, records complete`, () => {
      const file = convertClip(CLIPS.talkingHead, dir, 'talking', ext);
      const { code, report, stderr } = analyzeJson([file]);
      assert.equal(code, 0, stderr);
      const [video] = report.files;
      assert.equal(video.type, 'video');
      assert.deepEqual([video.width, video.height, video.frames], [640, 360, CLIPS.talkingHead.frames]);
      assert.equal(video.records.length, video.frames, 'one face in every frame');
      assert.deepEqual([...new Set(video.records.map((r) => r.track))], [1], 'one track id');
      video.records.forEach((r, k) => {
        assert.equal(r.frame, k);
        assert.ok(Math.abs(r.time - k / CLIPS.talkingHead.fps) < 0.002, `frame ${k} at ${r.time} s`);
        assert.ok(EMOTIONS.includes(r.label));
        assert.deepEqual(Object.keys(r.probabilities), EMOTIONS);
        assert.ok(Math.abs(Object.values(r.probabilities).reduce((a, b) => a + b, 0) - 1) < 2e-3);
        assert.ok(r.box.width > 50 && r.box.x >= 0 && r.box.x + r.box.width <= 640, JSON.stringify(r.box));
      });
      assert.equal(video.tracks.length, 1);
      const [track] = video.tracks;
      assert.equal(track.frames, video.frames);
      assert.equal(track.first, 0);
      assert.equal(track.last, video.records.at(-1).time);
      assert.equal(track.counts[track.label], Math.max(...Object.values(track.counts)));
      assert.deepEqual(report.summary, { files: 1, failed: 0, faces: video.frames, videos: 1, frames: video.frames });
    });
  }

  test('--fps 10 samples the clip at 0.1 s steps; the table has the per-track summary', () => {
    const file = convertClip(CLIPS.talkingHead, dir, 'talking-fps', 'mp4');
    const { report } = analyzeJson([file, '--fps', '10']);
    const [video] = report.files;
    assert.equal(video.frames, 45, '4.5 s at 10 fps');
    video.records.forEach((r, k) => assert.ok(Math.abs(r.time - k / 10) < 1e-3, `frame ${k} at ${r.time}`));
    const table = runCli(['analyze', file, '--fps', '10']);
    assert.equal(table.code, 0);
    assert.match(table.stdout, /video 640x360, 4\.50 s, 45 frames analysed at 10 fps, 1 track/);
    assert.match(table.stdout, new RegExp(`\\n\\s+1\\s+45\\s+0\\.00\\s+4\\.40\\s+(${EMOTIONS.join('|')})\\s+\\d+%`));
  });

  test('--csv: one row per analysed frame and face, with frame and time; --annotate out.mp4 has every frame', (t) => {
    const file = convertClip(CLIPS.talkingHead, dir, 'talking-csv', 'mp4');
    const out = path.join(tempDir(t), 'annotated.mp4');
    const { code, stdout, stderr } = runCli(['analyze', file, '--csv', '--annotate', out], { timeout: 300_000 });
    assert.equal(code, 0, stderr);
    const [header, ...rows] = stdout.trimEnd().split('\n').map((line) => line.split(','));
    assert.deepEqual(header, ['file', 'frame', 'time', 'face', 'x', 'y', 'width', 'height', 'label', 'confidence', ...EMOTIONS]);
    assert.equal(rows.length, CLIPS.talkingHead.frames);
    assert.deepEqual(rows.map((r) => Number(r[1])), [...Array(CLIPS.talkingHead.frames).keys()]);
    for (const r of rows) assert.equal(Number(r[9]), Math.max(...r.slice(10).map(Number)));
    assert.equal(countFrames(out), CLIPS.talkingHead.frames);
  });
});

// As tests/node/tracking-clips.test.mjs measures the camera path (IoU > 0.5 pairs between
// consecutive analysed frames, >= 95% on their id), here through the CLI with the full-range detector.
test('crowd clip (mp4, --range full): >= 95% of face pairs keep their id', { skip: noClip(CLIPS.crowd) }, (t) => {
  const file = convertClip(CLIPS.crowd, tempDir(t), 'crowd', 'mp4');
  const { code, report, stderr } = analyzeJson([file, '--range', 'full']);
  assert.equal(code, 0, stderr);
  const [video] = report.files;
  assert.equal(video.frames, CLIPS.crowd.frames);
  const { pairs, kept } = idKeepingPairs(frameResults(video), 0.5);
  t.diagnostic(`${video.frames} frames, ${video.records.length} faces, ${video.tracks.length} tracks; pairs ${pairs}, same id ${kept} (${((100 * kept) / pairs).toFixed(1)}%)`);
  assert.ok(pairs >= 2 * video.frames, `only ${pairs} overlapping pairs: the crowd's faces were not found`);
  assert.ok(kept >= 0.95 * pairs, `${kept} of ${pairs} pairs kept their id`);
});

test('a folder mixing photos and videos: both analysed in name order, in one JSON document and one table', { skip: noFfmpeg }, (t) => {
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'a-blank.png'), plainPng(64, 48));
  patternClip(dir, 'b-pattern', { frames: 12 });
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'skipped when walking the folder\n');
  const { code, report, stderr } = analyzeJson([dir]);
  assert.equal(code, 0, stderr);
  assert.deepEqual(report.files.map((f) => path.basename(f.file)), ['a-blank.png', 'b-pattern.mp4']);
  assert.deepEqual(report.files[0].faces, []);
  const video = report.files[1];
  assert.deepEqual([video.type, video.width, video.height, video.frames, video.records, video.tracks], ['video', 320, 240, 12, [], []]);
  assert.deepEqual(report.summary, { files: 2, failed: 0, faces: 0, videos: 1, frames: 12 });
  const table = runCli(['analyze', dir]);
  assert.match(table.stdout, /a-blank\.png\s+no face found \(64x48\)/);
  assert.match(table.stdout, /b-pattern\.mp4: video 320x240, 0\.40 s, 12 frames analysed at 30 fps, 0 tracks \(no face found\)/);
});
