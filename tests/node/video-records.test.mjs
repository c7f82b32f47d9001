// web/shared/video-records.js (the page's and the widget's store of a video's results) and the plain
// parts of web/shared/video-analysis.js, under Node. The records are the analyzer's real results on
// the talking head (decoded by ffmpeg as the CLI decodes it), so the exports can be compared with
// `emolens analyze` on the same file: same CSV bytes, same JSON records and per-track summary.
import test, { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EMOTIONS } from '../../web/shared/emotions.js';
import { BYTES_PER_FACE, BYTES_PER_FRAME, VideoRecords } from '../../web/shared/video-records.js';
import { analysedSize, describeVideoError } from '../../web/shared/video-analysis.js';
import { isVideoFile } from '../../web/shared/video-file-kind.js';
import { decodeVideo } from '../../cli/video/decode.mjs';
import { probeVideo } from '../../cli/video/ffmpeg.mjs';
import { plainPng, runCli, tempDir } from './support/cli.mjs';
import { hasData, importEmolens } from './support/paths.mjs';
import { CLIPS, convertClip } from './support/video-clips.mjs';
import { hasFfmpeg } from './support/video-frames.mjs';

const skip = (!hasFfmpeg() && 'skipped: ffmpeg/ffprobe not found (scripts/install.sh installs them)') ||
  (!hasData && 'skipped: ../shared/data absent (set EMOLENS_DATA)');

test('analysedSize keeps 4K and smaller, scales 8K down to 4K UHD pixels with even sides', () => {
  assert.deepEqual(analysedSize(640, 360), { width: 640, height: 360, scale: 1 });
  assert.deepEqual(analysedSize(3840, 2160), { width: 3840, height: 2160, scale: 1 });
  const eight = analysedSize(7680, 4320);
  assert.deepEqual([eight.width, eight.height, eight.scale], [3840, 2160, 2]);
  const odd = analysedSize(7001, 5001);
  assert.ok(odd.width % 2 === 0 && odd.height % 2 === 0 && odd.width * odd.height <= 3840 * 2160, JSON.stringify(odd));
});

test('describeVideoError names the file and the failure, and counts frames analysed before damage', () => {
  assert.match(describeVideoError('a.mp3', { code: 'no_video_stream', message: 'audio only' }), /"a\.mp3" has sound only/);
  assert.match(describeVideoError('b.mp4', { code: 'no_frames', message: '' }), /no frames/);
  assert.match(describeVideoError('c.mp4', { code: 'corrupt_video', message: 'decoding stopped' }, 40), /damaged.*The 40 frames before the damage were analysed/);
  assert.match(describeVideoError('d.txt', { code: 'unsupported_format', message: 'x' }), /not a video this browser can decode/);
});

describe('on the talking head, against emolens analyze', { skip }, () => {
  let file;
  let records;
  let results;
  let dir;
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emolens-records-'));
    file = convertClip(CLIPS.talkingHead, dir, 'talking', 'mp4');
    const { createAnalyzer } = await importEmolens();
    const analyzer = await createAnalyzer();  // as the CLI: default options
    const probe = probeVideo(file);
    records = new VideoRecords({ file, width: probe.width, height: probe.height });
    results = [];
    const frames = [];
    const decoded = (async function* () {
      for await (const frame of decodeVideo(file, { probe, size: { width: probe.width, height: probe.height, scale: 1 } })) {
        frames.push({ index: frame.index, timestampMs: frame.timestampMs });
        yield frame;
      }
    })();
    try {
      for await (const result of analyzer.analyzeVideo(decoded)) {
        records.add(result, frames.at(-1));
        results.push({ ...frames.at(-1), faces: result.faces });
      }
    } finally {
      analyzer.dispose();
    }
  });

  test('CSV and JSON are the CLI\'s for the same frames: same columns, fields, order and rounding', () => {
    const csv = runCli(['analyze', file, '--csv'], { timeout: 300_000 });
    assert.equal(csv.code, 0, csv.stderr);
    assert.equal(records.csv().join(''), csv.stdout);
    const json = runCli(['analyze', file, '--json'], { timeout: 300_000 });
    assert.equal(json.code, 0, json.stderr);
    const cli = JSON.parse(json.stdout);
    const ours = JSON.parse(records.json({ fps: cli.files[0].fps, duration: cli.files[0].duration, variant: cli.variant }).join(''));
    assert.deepEqual(ours, cli);
    assert.equal(ours.files[0].records.length, CLIPS.talkingHead.frames);
  });

  test('the frame at a time is the last one at or before it; its faces are the analyzer\'s', () => {
    assert.equal(records.frames, CLIPS.talkingHead.frames);
    for (const k of [0, 1, 67, 134]) {
      const time = results[k].timestampMs;
      assert.equal(records.frameAt(time), k);
      assert.equal(records.frameAt(time + 1), k);  // frames are 33 ms apart
      if (k > 0) assert.equal(records.frameAt(time - 1), k - 1);
      const [face] = records.facesAt(k);
      const truth = results[k].faces[0];
      assert.equal(face.id, truth.id);
      assert.equal(face.label, truth.label);
      for (const side of ['x', 'y', 'width', 'height']) assert.ok(Math.abs(face.box[side] - truth.box[side]) < 1e-3);
      for (const e of EMOTIONS) assert.ok(Math.abs(face.probabilities[e] - truth.probabilities[e]) < 1e-6);
    }
    assert.equal(records.frameAt(-50), 0);
    assert.equal(records.frameAt(1e9), 134);
    assert.deepEqual(records.trackIds(), [1]);
  });

  test('a track\'s series has at most the points asked for, each the mean of the frames nearest its time', () => {
    const last = results.at(-1).timestampMs;
    const series = records.series(1, 10);
    assert.equal(series.count, 10);
    assert.ok(Math.abs(series.stepMs * 9 - last) < 1e-6);
    const inBin = results.filter((r) => Math.round(r.timestampMs / series.stepMs) === 3);
    assert.ok(inBin.length >= 14, `${inBin.length} frames near value 3`);
    for (const e of EMOTIONS) {
      const mean = inBin.reduce((sum, r) => sum + r.faces[0].probabilities[e], 0) / inBin.length;
      assert.ok(Math.abs(series.values[e][3] - mean) < 1e-5, `${e}: ${series.values[e][3]} vs ${mean}`);
    }
    assert.ok(series.seen.every((s) => s === 1));
    // More points than frames: one value per frame, none empty (the step is the frame interval).
    const full = records.series(1, 1000);
    assert.equal(full.count, CLIPS.talkingHead.frames);
    assert.ok(full.seen.every((s) => s === 1), 'a face in every frame leaves no gap');
    for (const k of [0, 50, 134]) assert.ok(Math.abs(full.values.happy[k] - results[k].faces[0].probabilities.happy) < 1e-6);
    assert.ok(records.series(2, 10).seen.every((s) => s === 0), 'an unknown track is never seen');
  });

  test('memory: whole chunks of BYTES_PER_FACE and BYTES_PER_FRAME; past the bound records stop, the summary goes on', () => {
    const bounded = new VideoRecords({ file: 'long.mp4', maxFaces: 100_000, maxFrames: 100_000 });
    const frames = 70_000;
    for (let k = 0; k < frames; k++) bounded.add(results[k % results.length], { index: k, timestampMs: k * 33.4 });
    assert.equal(bounded.bytes, 2 * 65536 * (BYTES_PER_FACE + BYTES_PER_FRAME), 'two chunks of each array');
    assert.equal(BYTES_PER_FACE, 53);
    for (let k = frames; k < 110_000; k++) bounded.add(results[k % results.length], { index: k, timestampMs: k * 33.4 });
    assert.equal(bounded.truncated, true);
    assert.equal(bounded.frames, 100_000);
    assert.equal(bounded.faces, 100_000);
    assert.equal(bounded.framesSeen, 110_000);
    assert.equal(bounded.keptUntilMs, 99_999 * 33.4);
    assert.equal(bounded.tracks()[0].frames, 110_000, 'the summary counts every frame');
    assert.equal(bounded.bytes, 2 * 65536 * (BYTES_PER_FACE + BYTES_PER_FRAME), 'nothing more allocated past the bound');
  });
});

test('isVideoFile: by a video or image type, else by name, else by the first bytes (mp4 ftyp, webm EBML)', { skip }, async (t) => {
  const dir = tempDir(t);
  const mp4 = fs.readFileSync(convertClip(CLIPS.talkingHead, dir, 'sniff', 'mp4', ['-frames:v', '2']));
  const webm = fs.readFileSync(convertClip(CLIPS.talkingHead, dir, 'sniff', 'webm', ['-frames:v', '2']));
  assert.equal(await isVideoFile(new File([mp4], 'clip', { type: '' })), true);
  assert.equal(await isVideoFile(new File([webm], 'clip', { type: '' })), true);
  assert.equal(await isVideoFile(new File([mp4], 'clip.bin', { type: 'video/mp4' })), true);
  assert.equal(await isVideoFile(new File(['text'], 'notes.webm', { type: '' })), true, 'the name says video: its decoder names the error');
  assert.equal(await isVideoFile(new File([plainPng(8, 8)], 'photo', { type: '' })), false);
  assert.equal(await isVideoFile(new File([plainPng(8, 8)], 'photo.png', { type: 'image/png' })), false);
  assert.equal(await isVideoFile(new File(['plain text'], 'notes', { type: '' })), false);
  assert.equal(await isVideoFile(new File([webm], 'clip.mkv', { type: 'application/octet-stream' })), true, 'a generic type: by name');
  assert.equal(await isVideoFile(new File([mp4], 'download', { type: 'application/octet-stream' })), true, 'a generic type: by bytes');
  assert.equal(await isVideoFile(new File(['plain text'], 'notes.txt', { type: 'text/plain' })), false);
});
