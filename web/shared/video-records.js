// A video's analysis results in the page (and the widget): every analysed frame's faces, kept in
// typed-array chunks rather than an object per face, so a long video costs bytes per face, not a
// JavaScript object graph. Read back per frame by time (the scrub bar), per track as a bounded
// series (the timeline) and summary, and written out as the CLI writes a video (`emolens analyze`:
// cli/analyze-output.mjs, cli/video/analyze-video.mjs): the same CSV columns, JSON fields and
// rounding, so page and CLI exports of one file can be compared line by line.
//
//   const records = new VideoRecords({ file: 'clip.mp4', width: 1920, height: 1080 });
//   records.add(frameResult, { index, timestampMs, scale });   // per analysed frame
//   records.facesAt(records.frameAt(timeMs));                  // [{id, box, label, confidence, probabilities}]
//   records.series(trackId, 400); records.tracks(); records.csv(); records.json();
//
// Memory: 53 bytes per face record (track id 4, box 4x4, confidence 4, 7 probabilities 4 each, label
// 1) and 16 bytes per frame (time 8, index in the video 4, first face 4), allocated in chunks of
// 65,536 rows, so at most one chunk of each is unused. A 3-hour 30 fps video with one face: 324,000
// frames = 17.2 MB of face records + 5.2 MB of frames, about 22 MB. Past MAX_FACES face records (2^21: 111 MB, e.g. 19 hours
// of one face or 3.9 hours of five) or MAX_FRAMES frames, per-frame records are no longer kept
// (`truncated` is set and `keptUntilMs` says how far they go); the per-track summary still counts
// every frame, since it grows with tracks, not frames. The CLI has no such bound (it streams).
import { EMOTIONS } from './emotions.js';

const CHUNK = 1 << 16;
export const MAX_FACES = 1 << 21;
export const MAX_FRAMES = 1 << 21;
export const BYTES_PER_FACE = 4 + 16 + 4 + 4 * EMOTIONS.length + 1;
export const BYTES_PER_FRAME = 8 + 4 + 4;
const FLOATS = 5 + EMOTIONS.length;  // x, y, width, height, confidence, then the probabilities

const round = (value, digits) => Number(value.toFixed(digits));

/** Growable storage of fixed-size rows in chunks of CHUNK rows (no copy when it grows). */
class Chunked {
  constructor(Type, stride) {
    this.Type = Type;
    this.stride = stride;
    this.chunks = [];
  }

  /** The chunk and the offset of row `index` in it, allocating the chunk on first use. */
  at(index) {
    const chunk = index >>> 16;
    if (chunk === this.chunks.length) this.chunks.push(new this.Type(CHUNK * this.stride));
    return [this.chunks[chunk], (index & (CHUNK - 1)) * this.stride];
  }

  get bytes() {
    return this.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  }
}

function csvField(value) {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** items mapped by `text` and joined by `separator`, as pieces of up to 4,096 items (for a Blob). */
function inPieces(items, text, separator) {
  const pieces = [];
  let batch = [];
  for (const item of items) {
    batch.push(text(item));
    if (batch.length === 4096) {
      pieces.push((pieces.length ? separator : '') + batch.join(separator));
      batch = [];
    }
  }
  if (batch.length) pieces.push((pieces.length ? separator : '') + batch.join(separator));
  return pieces;
}

export class VideoRecords {
  /**
   * file: its name (the exports' `file`); width, height: the video's own size (boxes are in it);
   * maxFaces, maxFrames: the bound on kept records (tests lower it).
   */
  constructor({ file = 'video', width = 0, height = 0, maxFaces = MAX_FACES, maxFrames = MAX_FRAMES } = {}) {
    this.file = file;
    this.maxFaces = maxFaces;
    this.maxFrames = maxFrames;
    this.width = width;
    this.height = height;
    this.analysedSize = null;      // {width, height} when frames were analysed scaled down
    this.frameTimes = new Chunked(Float64Array, 1);
    this.frameFirst = new Chunked(Uint32Array, 1);
    this.frameIndex = new Chunked(Uint32Array, 1);
    this.faceTracks = new Chunked(Int32Array, 1);
    this.faceFloats = new Chunked(Float32Array, FLOATS);
    this.faceLabels = new Chunked(Uint8Array, 1);
    this.frames = 0;               // frames kept
    this.faces = 0;                // face records kept
    this.framesSeen = 0;           // every frame added, kept or not
    this.truncated = false;
    this.summaries = new Map();    // track id → {frames, firstMs, lastMs, counts[7], sums[7]}
    this.version = 0;              // changes with every add (caches key on it)
    this.seriesCache = new Map();
  }

  /**
   * One analysed frame: result is the analyzer's FrameResult (faces with id, box, label,
   * confidence, probabilities); frame: {index (in the video), timestampMs, scale (source pixels
   * per analysed pixel)}. Times must increase.
   */
  add(result, { index, timestampMs, scale = 1 }) {
    this.framesSeen++;
    this.version++;
    for (const face of result.faces) this.summarise(face, timestampMs);
    if (this.truncated || this.frames >= this.maxFrames || this.faces + result.faces.length > this.maxFaces) {
      this.truncated = true;
      return;
    }
    const [times, t] = this.frameTimes.at(this.frames);
    const [firsts, f] = this.frameFirst.at(this.frames);
    times[t] = timestampMs;
    firsts[f] = this.faces;
    const [indices, i] = this.frameIndex.at(this.frames);
    indices[i] = index;
    this.frames++;
    for (const face of result.faces) {
      const [tracks, k] = this.faceTracks.at(this.faces);
      const [floats, o] = this.faceFloats.at(this.faces);
      const [labels, l] = this.faceLabels.at(this.faces);
      tracks[k] = face.id;
      floats.set([face.box.x * scale, face.box.y * scale, face.box.width * scale, face.box.height * scale, face.confidence,
        ...EMOTIONS.map((e) => face.probabilities[e])], o);
      labels[l] = EMOTIONS.indexOf(face.label);
      this.faces++;
    }
  }

  summarise(face, timestampMs) {
    let track = this.summaries.get(face.id);
    if (!track) {
      track = { frames: 0, firstMs: timestampMs, lastMs: timestampMs, counts: new Uint32Array(EMOTIONS.length), sums: new Float64Array(EMOTIONS.length) };
      this.summaries.set(face.id, track);
    }
    track.frames++;
    track.lastMs = timestampMs;
    track.counts[EMOTIONS.indexOf(face.label)]++;
    EMOTIONS.forEach((e, k) => { track.sums[k] += face.probabilities[e]; });
  }

  /** Bytes held by the records' arrays (whole chunks). */
  get bytes() {
    return [this.frameTimes, this.frameFirst, this.frameIndex, this.faceTracks, this.faceFloats, this.faceLabels]
      .reduce((sum, store) => sum + store.bytes, 0);
  }

  /** The time of kept frame `k` (ms). */
  timeOf(k) {
    const [times, t] = this.frameTimes.at(k);
    return times[t];
  }

  /** How far the per-frame records go (ms): the last kept frame's time, or null before any. */
  get keptUntilMs() {
    return this.frames ? this.timeOf(this.frames - 1) : null;
  }

  /** The kept frame shown at `timeMs`: the last one at or before it (the first when before all); -1 when none. */
  frameAt(timeMs) {
    if (!this.frames) return -1;
    let low = 0;
    let high = this.frames - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.timeOf(middle) <= timeMs) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  faceRange(k) {
    const [firsts, f] = this.frameFirst.at(k);
    const end = k + 1 < this.frames ? this.frameFirst.at(k + 1) : null;
    return [firsts[f], end ? end[0][end[1]] : this.faces];
  }

  face(n) {
    const [tracks, k] = this.faceTracks.at(n);
    const [floats, o] = this.faceFloats.at(n);
    const [labels, l] = this.faceLabels.at(n);
    return {
      id: tracks[k],
      box: { x: floats[o], y: floats[o + 1], width: floats[o + 2], height: floats[o + 3] },
      label: EMOTIONS[labels[l]],
      confidence: floats[o + 4],
      probabilities: Object.fromEntries(EMOTIONS.map((e, i) => [e, floats[o + 5 + i]])),
    };
  }

  /** Kept frame k → {index (in the video), timeMs, faces: [{id, box (source pixels), label, confidence, probabilities}]}. */
  frame(k) {
    const [indices, i] = this.frameIndex.at(k);
    const [first, end] = this.faceRange(k);
    const faces = [];
    for (let n = first; n < end; n++) faces.push(this.face(n));
    return { index: indices[i], timeMs: this.timeOf(k), faces };
  }

  /** The faces of kept frame k (none for -1). */
  facesAt(k) {
    return k < 0 ? [] : this.frame(k).faces;
  }

  /** Track ids, ascending. */
  trackIds() {
    return [...this.summaries.keys()].sort((a, b) => a - b);
  }

  /**
   * Per track, as the CLI's `tracks`: {track, frames, first, last (s), label (of most frames; ties:
   * the first in EMOTIONS order), counts, probabilities (means)}, by id.
   */
  tracks() {
    return this.trackIds().map((id) => {
      const t = this.summaries.get(id);
      const best = t.counts.reduce((top, count, k) => (count > t.counts[top] ? k : top), 0);
      return {
        track: id, frames: t.frames, first: round(t.firstMs / 1000, 4), last: round(t.lastMs / 1000, 4), label: EMOTIONS[best],
        counts: Object.fromEntries(EMOTIONS.map((e, k) => [e, t.counts[k]])),
        probabilities: Object.fromEntries(EMOTIONS.map((e, k) => [e, round(t.sums[k] / t.frames, 4)])),
      };
    });
  }

  /**
   * A track's probabilities over [0, endMs] (default: the last kept frame) as at most `points`
   * values at times 0, stepMs, 2 stepMs, …: each the mean over the track's frames nearest that time,
   * 0 where the track was not seen. The step is never under the mean frame interval, so a face seen
   * in every frame leaves no empty value between. {stepMs, count, values: {emotion:
   * Float32Array(count)}, seen: Uint8Array(count)}, cached until the next add.
   */
  series(trackId, points, endMs = this.keptUntilMs ?? 0) {
    const key = `${trackId}:${points}:${endMs}`;
    const cached = this.seriesCache.get(key);
    if (cached?.version === this.version) return cached.series;
    const span = this.frames > 1 ? this.timeOf(this.frames - 1) - this.timeOf(0) : 0;
    const stepMs = Math.max(endMs / Math.max(1, points - 1), span / Math.max(1, this.frames - 1)) || 1;
    const count = Math.min(points, Math.round(endMs / stepMs) + 1);
    const sums = EMOTIONS.map(() => new Float64Array(count));
    const seen = new Uint32Array(count);
    for (let k = 0; k < this.frames; k++) {
      const bin = Math.min(count - 1, Math.round(this.timeOf(k) / stepMs));
      const [first, end] = this.faceRange(k);
      for (let n = first; n < end; n++) {
        const [tracks, i] = this.faceTracks.at(n);
        if (tracks[i] !== trackId) continue;
        const [floats, o] = this.faceFloats.at(n);
        seen[bin]++;
        for (let e = 0; e < EMOTIONS.length; e++) sums[e][bin] += floats[o + 5 + e];
      }
    }
    const values = Object.fromEntries(EMOTIONS.map((e, k) => [e, Float32Array.from(sums[k], (sum, bin) => (seen[bin] ? sum / seen[bin] : 0))]));
    const series = { stepMs, count, values, seen: Uint8Array.from(seen, (n) => (n ? 1 : 0)) };
    if (this.seriesCache.size > 64) this.seriesCache.clear();
    this.seriesCache.set(key, { version: this.version, series });
    return series;
  }

  /** The per-frame record of face n of kept frame k, as the CLI's (`time` in s, rounded as it rounds). */
  record(k, n) {
    const { id, box, label, confidence, probabilities } = this.face(n);
    const [indices, i] = this.frameIndex.at(k);
    return {
      frame: indices[i], time: round(this.timeOf(k) / 1000, 4), track: id,
      box: { x: round(box.x, 1), y: round(box.y, 1), width: round(box.width, 1), height: round(box.height, 1) },
      label, confidence: round(confidence, 4), probabilities: Object.fromEntries(EMOTIONS.map((e) => [e, round(probabilities[e], 4)])),
    };
  }

  *records() {
    for (let k = 0; k < this.frames; k++) {
      const [first, end] = this.faceRange(k);
      for (let n = first; n < end; n++) yield this.record(k, n);
    }
  }

  /**
   * The CLI's CSV for a video (`emolens analyze clip --csv`): `file, frame, time, face, x, y, width,
   * height, label, confidence, angry … neutral`, one row per kept frame and face, as an array of
   * text pieces (for a Blob: no single huge string).
   */
  csv() {
    const header = ['file', 'frame', 'time', 'face', 'x', 'y', 'width', 'height', 'label', 'confidence', ...EMOTIONS].join(',');
    const file = csvField(this.file);
    const rows = inPieces(this.records(), (r) => [file, r.frame, r.time, r.track, r.box.x, r.box.y, r.box.width, r.box.height,
      r.label, r.confidence, ...EMOTIONS.map((e) => r.probabilities[e])].join(',') + '\n', '');
    return [`${header}\n`, ...rows];
  }

  /**
   * The CLI's JSON document for one video (`emolens analyze clip --json`): {files: [{file, type,
   * width, height, fps, duration, [analysed_size], records, frames, tracks, [error]}], summary,
   * variant}, as text pieces. meta: fps, duration (s), error ({code, message}) when the analysis
   * stopped early, variant (the wasm build).
   */
  json({ fps = null, duration = null, error = null, variant = null } = {}) {
    const head = { file: this.file, type: 'video', width: this.width, height: this.height, fps, duration,
      ...(this.analysedSize ? { analysed_size: this.analysedSize } : {}) };
    const records = inPieces(this.records(), (record) => `\n${JSON.stringify(record)}`, ',');
    const tail = JSON.stringify({ frames: this.framesSeen, tracks: this.tracks(), ...(error ? { error } : {}) });
    const summary = { files: 1, failed: error ? 1 : 0, faces: this.faces, videos: 1, frames: this.framesSeen };
    return [`{"files": [\n${JSON.stringify(head).slice(0, -1)}, "records": [`, ...records,
      `], ${tail.slice(1)}\n], "summary": ${JSON.stringify(summary)}, "variant": ${JSON.stringify(variant)}}\n`];
  }

  /** Per-track summary as CSV: track, frames, first, last, label, frames per label, mean probabilities. */
  tracksCsv() {
    const rows = [['file', 'track', 'frames', 'first', 'last', 'label', ...EMOTIONS.map((e) => `${e}_frames`), ...EMOTIONS].join(',')];
    for (const t of this.tracks()) {
      rows.push([csvField(this.file), t.track, t.frames, t.first, t.last, t.label, ...EMOTIONS.map((e) => t.counts[e]),
        ...EMOTIONS.map((e) => t.probabilities[e])].join(','));
    }
    return rows.join('\n') + '\n';
  }
}
