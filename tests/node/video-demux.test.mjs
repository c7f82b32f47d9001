// The browser's MP4 and WebM demuxers (web/shared/video-demux-*.js, read by video-frames.js for
// WebCodecs) against ffmpeg's own demuxing of files it made here: every packet of the video stream
// in decode order with the same bytes (MD5), size, presentation time and key-frame flag (ffmpeg's
// framemd5 muxer with -c copy lists exactly that); then audio-only, truncated, damaged and
// not-a-video bytes; and the colour description given to the decoder (video-color.js) as ffmpeg
// wrote it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { trackColorSpace } from '../../web/shared/video-color.js';
import { mp4Demux } from '../../web/shared/video-demux-mp4.js';
import { webmDemux } from '../../web/shared/video-demux-webm.js';
import { tempDir } from './support/cli.mjs';
import { ffmpeg, patternClip } from './support/video-clips.mjs';
import { hasFfmpeg } from './support/video-frames.mjs';

const skip = !hasFfmpeg() && 'ffmpeg/ffprobe not found (scripts/install.sh installs them)';

/** ffmpeg's view of a file's video packets, in decode order → [{timestampUs, size, md5, key}]. */
function ffmpegPackets(file) {
  const run = spawnSync('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-i', file, '-map', '0:v:0', '-c', 'copy', '-f', 'framemd5', '-flags2', '+skip_manual', '-'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const [num, den] = /^#tb 0: (\d+)\/(\d+)/m.exec(run.stdout).slice(1).map(Number);
  // framemd5 has no key-frame column: ffprobe's packet flags give it.
  const probe = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=flags', '-of', 'json', file], { encoding: 'utf8' });
  const keys = JSON.parse(probe.stdout).packets.map((packet) => packet.flags.startsWith('K'));
  return run.stdout.split('\n').filter((line) => /^0,/.test(line)).map((line, k) => {
    const [, , pts, , size, md5] = line.split(',').map((field) => field.trim());
    return { timestampUs: Math.round((Number(pts) * num * 1e6) / den), size: Number(size), md5, key: keys[k] };
  });
}

/** What a demuxer found, in the same shape as ffmpegPackets. */
function ourPackets(bytes, video) {
  return video.samples.map(({ offset, size, key, timestampUs }) => ({
    timestampUs, size, md5: crypto.createHash('md5').update(bytes.subarray(offset, offset + size)).digest('hex'), key,
  }));
}

function checkAgainstFfmpeg(file, demux, expected) {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const { video, damage } = demux(bytes);
  assert.equal(damage, null);
  for (const [key, value] of Object.entries(expected)) assert.equal(video[key], value, key);
  const packets = ffmpegPackets(file);
  assert.ok(packets.length >= 20, `${packets.length} packets`);
  assert.deepEqual(ourPackets(bytes, video), packets);
  return { bytes, video };
}

const X264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'];
const lavfi = (size, frames) => ['-f', 'lavfi', '-i', `testsrc=size=${size}:rate=30`, '-frames:v', String(frames)];

test('MP4, H.264 with B-frames: packets, bytes, presentation times (edit list applied) and key frames as ffmpeg', { skip }, (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'b-frames.mp4');
  ffmpeg([...lavfi('320x240', 40), ...X264, '-bf', '3', '-g', '15', file]);
  const { video } = checkAgainstFfmpeg(file, mp4Demux, { fourcc: 'avc1', codedWidth: 320, codedHeight: 240 });
  assert.match(video.codec, /^avc1\.[0-9a-f]{6}$/);
  assert.equal(video.description[0], 1, 'avcC configurationVersion');
  const times = video.samples.map((s) => s.timestampUs);
  assert.notDeepEqual(times, [...times].sort((a, b) => a - b), 'decode order differs from presentation order (B-frames)');
  assert.equal(Math.min(...times), 0, 'the first presented frame at 0 (edit list)');
  assert.equal(video.samples.filter((s) => s.key).length, 3, 'a key frame every 15 of 40');
  // moov first (faststart) and moov last give the same samples, shifted by the moov's size.
  const fast = path.join(dir, 'faststart.mp4');
  ffmpeg(['-i', file, '-c', 'copy', '-movflags', '+faststart', fast]);
  const moved = mp4Demux(new Uint8Array(fs.readFileSync(fast))).video;
  assert.deepEqual(moved.samples.map(({ offset, ...rest }) => rest), video.samples.map(({ offset, ...rest }) => rest));
});

test('MP4: VP9 (vpcC), and 64-bit chunk offsets (co64)', { skip }, (t) => {
  const dir = tempDir(t);
  const vp9 = path.join(dir, 'vp9.mp4');
  ffmpeg([...lavfi('320x240', 30), '-c:v', 'libvpx-vp9', '-pix_fmt', 'yuv420p', '-deadline', 'realtime', '-cpu-used', '8', vp9]);
  const { video } = checkAgainstFfmpeg(vp9, mp4Demux, { fourcc: 'vp09', codedWidth: 320, codedHeight: 240, description: null });
  assert.match(video.codec, /^vp09\.00\.\d\d\.08$/);
  const co64 = path.join(dir, 'co64.mp4');
  ffmpeg([...lavfi('160x120', 30), ...X264, '-movflags', '+faststart', co64]);
  // ffmpeg writes co64 only past 4 GB: rewrite stco as co64 by hand (offsets + 4 for the wider table in a faststart file).
  const bytes = new Uint8Array(fs.readFileSync(co64));
  const rewritten = stcoToCo64(bytes);
  const before = mp4Demux(bytes).video.samples;
  const after = mp4Demux(rewritten).video.samples;
  assert.deepEqual(after.map(({ offset, ...rest }) => rest), before.map(({ offset, ...rest }) => rest));
  assert.deepEqual(after.map((s) => Buffer.from(rewritten.subarray(s.offset, s.offset + s.size)).toString('hex')),
    before.map((s) => Buffer.from(bytes.subarray(s.offset, s.offset + s.size)).toString('hex')));
});

/** A faststart MP4 with its stco table rewritten as co64: the moov grows, so every box around it and every offset shift. */
function stcoToCo64(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const find = (type, from = 0) => {
    for (let at = from; at + 8 <= bytes.length; at++) if (String.fromCharCode(...bytes.subarray(at + 4, at + 8)) === type) return at;
    return -1;
  };
  const stco = find('stco');
  const count = view.getUint32(stco + 12);
  const grow = 4 * count;
  const out = new Uint8Array(bytes.length + grow);
  const outView = new DataView(out.buffer);
  out.set(bytes.subarray(0, stco));
  outView.setUint32(stco, 16 + 8 * count);
  out.set([...'co64'].map((c) => c.charCodeAt(0)), stco + 4);
  outView.setUint32(stco + 8, 0);
  outView.setUint32(stco + 12, count);
  for (let k = 0; k < count; k++) outView.setBigUint64(stco + 16 + 8 * k, BigInt(view.getUint32(stco + 16 + 4 * k) + grow));
  out.set(bytes.subarray(stco + 16 + 4 * count), stco + 16 + 8 * count);
  // Every box enclosing stco (moov trak mdia minf stbl) grows by the same amount.
  for (const type of ['moov', 'trak', 'mdia', 'minf', 'stbl']) {
    const at = find(type);
    outView.setUint32(at, view.getUint32(at) + grow);
  }
  return out;
}

test('WebM, VP8 and VP9: blocks (simple and grouped), bytes, times and key frames as ffmpeg; unknown-size Segment and Clusters', { skip }, (t) => {
  const dir = tempDir(t);
  const vp8 = path.join(dir, 'vp8.webm');
  ffmpeg([...lavfi('320x240', 40), '-c:v', 'libvpx', '-b:v', '1M', '-g', '15', '-deadline', 'realtime', '-cpu-used', '8', vp8]);
  const { bytes } = checkAgainstFfmpeg(vp8, webmDemux, { codecId: 'V_VP8', codec: 'vp8', codedWidth: 320, codedHeight: 240 });
  const vp9 = path.join(dir, 'vp9.webm');
  ffmpeg([...lavfi('320x240', 30), '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', vp9]);
  // testsrc is RGB, so libvpx-vp9 encodes 4:4:4: profile 1, read from the first key frame's header.
  checkAgainstFfmpeg(vp9, webmDemux, { codecId: 'V_VP9', codec: 'vp09.01.10.08' });
  // MediaRecorder writes Segment and Cluster sizes as "unknown": the same bytes with those sizes
  // rewritten so (same vint lengths, so every offset stays) give the same samples.
  const unknown = withUnknownSizes(bytes);
  assert.notDeepEqual(unknown, bytes);
  assert.deepEqual(webmDemux(unknown), webmDemux(bytes));
  // VP8 with alpha: ffmpeg writes each frame as a BlockGroup (the alpha plane is a BlockAddition),
  // where a ReferenceBlock marks a frame that is not a key frame.
  const alpha = path.join(dir, 'alpha.webm');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30,format=yuva420p', '-frames:v', '30', '-c:v', 'libvpx', '-b:v', '1M', '-g', '10', '-auto-alt-ref', '0', alpha]);
  assert.ok(fs.readFileSync(alpha).includes(Buffer.from([0x75, 0xa1])), 'BlockAdditions, so BlockGroups, in the file');
  const { video: grouped } = checkAgainstFfmpeg(alpha, webmDemux, { codec: 'vp8' });
  assert.equal(grouped.samples.filter((s) => s.key).length, 3);
});

/** WebM bytes with the Segment's and every Cluster's size rewritten as unknown (all value bits 1). */
function withUnknownSizes(bytes) {
  const out = Uint8Array.from(bytes);
  const ids = [[0x18, 0x53, 0x80, 0x67], [0x1f, 0x43, 0xb6, 0x75]];
  for (let at = 0; at + 5 < out.length; at++) {
    if (!ids.some((id) => id.every((b, k) => out[at + k] === b))) continue;
    const length = Math.clz32(out[at + 4]) - 23;
    out[at + 4] = (0x100 >> length) | (0xff >> length);
    for (let k = 1; k < length; k++) out[at + 4 + k] = 0xff;
  }
  return out;
}

test('audio only: no video track, no damage (MP4 and WebM)', { skip }, (t) => {
  const dir = tempDir(t);
  for (const [ext, codec] of [['mp4', 'aac'], ['webm', 'libopus']]) {
    const file = path.join(dir, `tone.${ext}`);
    ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', codec, file]);
    const demux = ext === 'mp4' ? mp4Demux : webmDemux;
    assert.deepEqual(demux(new Uint8Array(fs.readFileSync(file))), { video: null, damage: null }, ext);
  }
});

test('truncated files: the samples wholly before the cut, and the damage named', { skip }, (t) => {
  const dir = tempDir(t);
  const cases = [
    ['mp4', mp4Demux, [...X264, '-movflags', '+faststart']],
    ['webm', webmDemux, ['-c:v', 'libvpx', '-b:v', '1M', '-deadline', 'realtime', '-cpu-used', '8']],
  ];
  for (const [ext, demux, codec] of cases) {
    const file = path.join(dir, `whole.${ext}`);
    ffmpeg([...lavfi('320x240', 60), ...codec, file]);
    const bytes = new Uint8Array(fs.readFileSync(file));
    const whole = demux(bytes).video.samples;
    const cut = bytes.subarray(0, Math.floor(bytes.length * 0.6));
    const { video, damage } = demux(cut);
    assert.match(damage, /cut short/, ext);
    assert.ok(video.samples.length > 10 && video.samples.length < whole.length, `${ext}: ${video.samples.length} of ${whole.length}`);
    assert.deepEqual(video.samples, whole.slice(0, video.samples.length), ext);
    assert.ok(video.samples.every((s) => s.offset + s.size <= cut.length), ext);
  }
  // moov at the end (ffmpeg's default): cut off, nothing can be read.
  const late = patternClip(dir, 'late', { frames: 30 });
  const cut = new Uint8Array(fs.readFileSync(late)).subarray(0, 4000);
  assert.deepEqual(mp4Demux(cut), { video: null, damage: 'the file has no movie header (moov): it is cut short or damaged' });
});

test('damaged structures give damage, never an exception; other bytes are not ours', { skip }, (t) => {
  const dir = tempDir(t);
  const mp4 = new Uint8Array(fs.readFileSync(patternClip(dir, 'clip', { frames: 30 })));
  const stsz = Buffer.from(mp4).indexOf('stsz');
  const badSizes = Uint8Array.from(mp4);
  new DataView(badSizes.buffer).setUint32(stsz + 8, 0x7fffffff);  // sample count far past the table
  assert.match(mp4Demux(badSizes).damage, /damaged|cut short/);
  const webm = new Uint8Array(fs.readFileSync(patternClip(dir, 'clip', { frames: 30, ext: 'webm' })));
  const tracks = Buffer.from(webm).lastIndexOf(Buffer.from([0x16, 0x54, 0xae, 0x6b]));  // the first is the SeekHead's pointer
  const badTracks = Uint8Array.from(webm);
  badTracks[tracks + 4] = 0x00;  // an invalid size header (a vint cannot start with a 0 byte)
  assert.match(webmDemux(badTracks).damage, /damaged/);
  for (const bytes of [new Uint8Array(0), new TextEncoder().encode('not a video at all'), new Uint8Array(1000).fill(7)]) {
    assert.equal(mp4Demux(bytes), null);
    assert.equal(webmDemux(bytes), null);
  }
});

test('the colour description for VideoDecoder: H.264 SPS, MP4 vpcC, WebM Colour, VP8 as BT.601', { skip }, (t) => {
  const dir = tempDir(t);
  const colourOf = (name, demux, args) => {
    const file = path.join(dir, name);
    ffmpeg([...lavfi('160x120', 3), ...args, file]);
    return trackColorSpace(demux(new Uint8Array(fs.readFileSync(file))).video);
  };
  const bt709 = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709'];
  assert.deepEqual(colourOf('601.mp4', mp4Demux, [...X264, '-colorspace', 'bt470bg']), { matrix: 'bt470bg', fullRange: false });
  assert.deepEqual(colourOf('709-full.mp4', mp4Demux, [...X264, ...bt709, '-color_range', 'pc']),
    { primaries: 'bt709', transfer: 'bt709', matrix: 'bt709', fullRange: true });
  assert.equal(colourOf('none.mp4', mp4Demux, X264), null, 'no VUI colour description: the decoder decides');
  const vp9 = ['-c:v', 'libvpx-vp9', '-pix_fmt', 'yuv420p', '-deadline', 'realtime', '-cpu-used', '8', ...bt709];
  assert.deepEqual(colourOf('709.webm', webmDemux, vp9), { primaries: 'bt709', transfer: 'bt709', matrix: 'bt709', fullRange: false });
  assert.deepEqual(colourOf('709-vp9.mp4', mp4Demux, vp9), { primaries: 'bt709', transfer: 'bt709', matrix: 'bt709', fullRange: false });
  assert.deepEqual(colourOf('vp8.webm', webmDemux, ['-c:v', 'libvpx', ...bt709]),
    { primaries: 'smpte170m', transfer: 'smpte170m', matrix: 'smpte170m', fullRange: false }, 'VP8 is BT.601 whatever the container says');
});
