// An MP4 (ISO BMFF, QuickTime) file's bytes → its first video track's coded samples, for WebCodecs'
// VideoDecoder (shared/video-frames.js): where each sample lies, its presentation time (edit list
// applied, as ffmpeg and the browser's <video> give it) and whether it is a key frame. Pure: bytes
// in, a plain object out; nothing is decoded here. Fragmented MP4 (moof) is not read: its moov
// lists no samples, so the caller falls back to the browser's own player.

/** True when the bytes start like an MP4 / QuickTime file (a box named ftyp, or moov/mdat/free first). */
export function isMp4(bytes) {
  if (bytes.length < 8) return false;
  const type = String.fromCharCode(...bytes.subarray(4, 8));
  return ['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip'].includes(type);
}

/** The boxes directly inside bytes[start, end) → [{type, start (of its body), end}]; a box running past `end` is cut at it. */
function boxes(view, start, end) {
  const found = [];
  let at = start;
  while (at + 8 <= end) {
    let size = view.getUint32(at);
    const type = String.fromCharCode(view.getUint8(at + 4), view.getUint8(at + 5), view.getUint8(at + 6), view.getUint8(at + 7));
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) break;
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < header) throw new Error(`box '${type}' at byte ${at} has an impossible size ${size}`);
    found.push({ type, start: at + header, end: Math.min(at + size, end), cut: at + size > end });
    at += size;
  }
  return found;
}

function child(view, parent, type) {
  return boxes(view, parent.start, parent.end).find((box) => box.type === type) ?? null;
}

function path(view, parent, types) {
  let box = parent;
  for (const type of types) box = box && child(view, box, type);
  return box;
}

const hex2 = (n) => n.toString(16).padStart(2, '0');
const dec2 = (n) => String(n).padStart(2, '0');

/**
 * The sample entry of stsd → {fourcc, codec (WebCodecs string, null when not one we map),
 * description, codedWidth, codedHeight, colour (H.273 code points from colr nclx or vpcC, or null)}.
 */
function sampleEntry(view, bytes, stsd) {
  // stsd: version+flags (4), entry count (4), then sample entries; a visual entry's fixed part is 78 bytes.
  const [entry] = boxes(view, stsd.start + 8, stsd.end);
  if (!entry) throw new Error('the video track has no sample description');
  const codedWidth = view.getUint16(entry.start + 24);
  const codedHeight = view.getUint16(entry.start + 26);
  const inner = { start: entry.start + 78, end: entry.end };
  const track = { fourcc: entry.type, codec: null, description: null, codedWidth, codedHeight, colour: null };
  const colr = child(view, inner, 'colr');
  if (colr && String.fromCharCode(...bytes.subarray(colr.start, colr.start + 4)) === 'nclx') {
    track.colour = { primaries: view.getUint16(colr.start + 4), transfer: view.getUint16(colr.start + 6),
      matrix: view.getUint16(colr.start + 8), fullRange: (bytes[colr.start + 10] & 0x80) !== 0 };
  }
  if (entry.type === 'avc1' || entry.type === 'avc3') {
    const avcC = child(view, inner, 'avcC');
    if (!avcC) throw new Error(`the ${entry.type} sample entry has no avcC`);
    // avcC: configurationVersion, AVCProfileIndication, profile_compatibility, AVCLevelIndication, ...
    track.codec = `avc1.${hex2(bytes[avcC.start + 1])}${hex2(bytes[avcC.start + 2])}${hex2(bytes[avcC.start + 3])}`;
    track.description = bytes.slice(avcC.start, avcC.end);
  } else if (entry.type === 'vp09') {
    const vpcC = child(view, inner, 'vpcC');
    if (!vpcC) throw new Error('the vp09 sample entry has no vpcC');
    // vpcC (version 1): version+flags (4), profile, level, bitDepth (4 bits) | chroma (3) | range (1),
    // primaries, transfer, matrix, ...
    const at = vpcC.start + 4;
    track.codec = `vp09.${dec2(bytes[at])}.${dec2(bytes[at + 1])}.${dec2(bytes[at + 2] >> 4)}`;
    track.colour ??= { primaries: bytes[at + 3], transfer: bytes[at + 4], matrix: bytes[at + 5], fullRange: (bytes[at + 2] & 1) === 1 };
  }
  return track;
}

/** Presentation time shift from the edit list: [delay from empty edits, media time where the first real edit starts] (track timescale). */
function editShift(view, trak, movieTimescale, timescale) {
  const elst = path(view, trak, ['edts', 'elst']);
  let delay = 0;
  if (!elst) return { delay, start: 0 };
  const version = view.getUint8(elst.start);
  const count = view.getUint32(elst.start + 4);
  const entrySize = version === 1 ? 20 : 12;
  for (let k = 0, at = elst.start + 8; k < count && at + entrySize <= elst.end; k++, at += entrySize) {
    const duration = version === 1 ? Number(view.getBigUint64(at)) : view.getUint32(at);
    const mediaTime = version === 1 ? Number(view.getBigInt64(at + 8)) : view.getInt32(at + 4);
    if (mediaTime === -1) delay += (duration * timescale) / movieTimescale;
    else return { delay, start: mediaTime };
  }
  return { delay, start: 0 };
}

/** stts/ctts-style run-length tables → a value per sample. */
function expandRuns(view, box, samples, signedSecond) {
  const values = new Array(samples).fill(0);
  if (!box) return values;
  const count = view.getUint32(box.start + 4);
  let k = 0;
  for (let e = 0, at = box.start + 8; e < count && at + 8 <= box.end; e++, at += 8) {
    const run = view.getUint32(at);
    const value = signedSecond ? view.getInt32(at + 4) : view.getUint32(at + 4);
    for (let r = 0; r < run && k < samples; r++) values[k++] = value;
  }
  return values;
}

/** Each sample's byte offset in the file, from stsc (samples per chunk, by runs), stco/co64 (chunk offsets) and the sizes. */
function sampleOffsets(view, stbl, sizes) {
  const stco = child(view, stbl, 'stco');
  const co64 = child(view, stbl, 'co64');
  const chunkBox = stco ?? co64;
  if (!chunkBox) throw new Error('the video track has no chunk offsets (stco/co64)');
  const chunkCount = view.getUint32(chunkBox.start + 4);
  const chunkOffset = (c) => (stco ? view.getUint32(stco.start + 8 + 4 * c) : Number(view.getBigUint64(co64.start + 8 + 8 * c)));
  if (chunkBox.start + 8 + chunkCount * (stco ? 4 : 8) > chunkBox.end) throw new Error('the chunk offset table is cut short');
  const stsc = child(view, stbl, 'stsc');
  if (!stsc) throw new Error('the video track has no sample-to-chunk table (stsc)');
  const runs = [];
  const runCount = view.getUint32(stsc.start + 4);
  for (let e = 0, at = stsc.start + 8; e < runCount && at + 12 <= stsc.end; e++, at += 12) {
    runs.push({ firstChunk: view.getUint32(at) - 1, perChunk: view.getUint32(at + 4) });
  }
  const offsets = [];
  for (let r = 0; r < runs.length && offsets.length < sizes.length; r++) {
    const lastChunk = r + 1 < runs.length ? runs[r + 1].firstChunk : chunkCount;
    for (let c = runs[r].firstChunk; c < lastChunk && offsets.length < sizes.length; c++) {
      let at = chunkOffset(c);
      for (let s = 0; s < runs[r].perChunk && offsets.length < sizes.length; s++) {
        offsets.push(at);
        at += sizes[offsets.length - 1];
      }
    }
  }
  return offsets;
}

/** The samples of one video trak, in decode order. */
function trackSamples(view, bytes, trak, movieTimescale) {
  const mdhd = path(view, trak, ['mdia', 'mdhd']);
  const stbl = path(view, trak, ['mdia', 'minf', 'stbl']);
  const stsd = stbl && child(view, stbl, 'stsd');
  if (!mdhd || !stsd) throw new Error('the video track has no media header or sample table');
  const timescale = view.getUint8(mdhd.start) === 1 ? view.getUint32(mdhd.start + 20) : view.getUint32(mdhd.start + 12);
  if (!timescale) throw new Error('the video track has a time scale of 0');
  const track = sampleEntry(view, bytes, stsd);

  const stsz = child(view, stbl, 'stsz');
  if (!stsz) throw new Error('the video track has no sample sizes (stsz)');
  const fixedSize = view.getUint32(stsz.start + 4);
  const count = view.getUint32(stsz.start + 8);
  if (!fixedSize && stsz.start + 12 + 4 * count > stsz.end) throw new Error('the sample size table is cut short');
  const sizes = Array.from({ length: count }, (_, k) => fixedSize || view.getUint32(stsz.start + 12 + 4 * k));
  const offsets = sampleOffsets(view, stbl, sizes);
  const durations = expandRuns(view, child(view, stbl, 'stts'), count, false);
  const ctsOffsets = expandRuns(view, child(view, stbl, 'ctts'), count, true);
  const stss = child(view, stbl, 'stss');
  const keys = stss ? new Set() : null;  // no stss: every sample is a key frame
  if (stss) {
    const n = view.getUint32(stss.start + 4);
    for (let k = 0, at = stss.start + 8; k < n && at + 4 <= stss.end; k++, at += 4) keys.add(view.getUint32(at) - 1);
  }
  const { delay, start } = editShift(view, trak, movieTimescale, timescale);
  const usPerTick = 1e6 / timescale;
  const samples = [];
  let dts = 0;
  for (let k = 0; k < offsets.length; k++) {
    samples.push({
      offset: offsets[k], size: sizes[k], key: keys ? keys.has(k) : true,
      timestampUs: Math.round((dts + ctsOffsets[k] - start + delay) * usPerTick), durationUs: Math.round(durations[k] * usPerTick),
    });
    dts += durations[k];
  }
  if (offsets.length < count) track.damage = `the sample table lists ${count} samples but places only ${offsets.length}`;
  return { ...track, samples };
}

/**
 * MP4 bytes → null when they are not an MP4 file; else {video, damage}. video: null (no video
 * track) or {fourcc, codec (WebCodecs codec string; null for a sample entry not mapped here),
 * description (avcC bytes for H.264, else null), codedWidth, codedHeight, colour ({primaries,
 * transfer, matrix: H.273 code points, fullRange} or null), samples: [{offset, size,
 * key, timestampUs (presentation time), durationUs}] in decode order, only those wholly inside the
 * bytes}. damage: null, or what is wrong (a moov that cannot be read, samples past the end of a
 * truncated file), after which nothing more can be decoded.
 */
export function mp4Demux(bytes) {
  if (!isMp4(bytes)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const moov = boxes(view, 0, bytes.length).find((box) => box.type === 'moov');
    if (!moov) return { video: null, damage: 'the file has no movie header (moov): it is cut short or damaged' };
    const mvhd = child(view, moov, 'mvhd');
    const movieTimescale = mvhd ? (view.getUint8(mvhd.start) === 1 ? view.getUint32(mvhd.start + 20) : view.getUint32(mvhd.start + 12)) : 1000;
    const trak = boxes(view, moov.start, moov.end).find((box) => {
      const hdlr = box.type === 'trak' && path(view, box, ['mdia', 'hdlr']);
      return hdlr && String.fromCharCode(...bytes.subarray(hdlr.start + 8, hdlr.start + 12)) === 'vide';
    });
    if (!trak) return { video: null, damage: moov.cut ? 'the movie header (moov) is cut short' : null };
    const { damage = null, ...video } = trackSamples(view, bytes, trak, movieTimescale);
    const whole = video.samples.findIndex((sample) => sample.offset + sample.size > bytes.length);
    if (whole >= 0) {
      const listed = video.samples.length;
      video.samples.length = whole;
      return { video, damage: `the file ends inside frame ${whole} of ${listed}: it is cut short` };
    }
    return { video, damage: damage ?? (moov.cut ? 'the movie header (moov) is cut short' : null) };
  } catch (error) {  // a size or count that points outside the bytes (RangeError) or a missing table
    return { video: null, damage: `the MP4 structure is damaged (${error.message})` };
  }
}
