// A WebM (Matroska) file's bytes → its first video track's coded frames, for WebCodecs'
// VideoDecoder (shared/video-frames.js): SimpleBlocks and BlockGroups of that track with their
// times and key-frame flags. Pure: bytes in, a plain object out; nothing is decoded here. Elements
// of unknown size (as MediaRecorder writes a live Segment and its Clusters) end where an element of
// their parent's level begins. Laced blocks (several frames in one block) are left to the caller's
// fallback: video is never laced in practice.

const ID = {
  ebml: 0x1a45dfa3, segment: 0x18538067, info: 0x1549a966, timecodeScale: 0x2ad7b1, tracks: 0x1654ae6b,
  trackEntry: 0xae, trackNumber: 0xd7, trackType: 0x83, codecId: 0x86, codecPrivate: 0x63a2, video: 0xe0,
  pixelWidth: 0xb0, pixelHeight: 0xba, cluster: 0x1f43b675, timecode: 0xe7, simpleBlock: 0xa3,
  blockGroup: 0xa0, block: 0xa1, referenceBlock: 0xfb, colour: 0x55b0, matrixCoefficients: 0x55b1, range: 0x55b9,
  transferCharacteristics: 0x55ba, primaries: 0x55bb,
};
const RANGE_FULL = 2;
// The Segment's children: one of them starting inside a Cluster of unknown size ends that Cluster.
const SEGMENT_CHILDREN = new Set([0x114d9b74, ID.info, ID.tracks, ID.cluster, 0x1c53bb6b, 0x1043a770, 0x1941a469, 0x1254c367]);
const TRACK_VIDEO = 1;

/** True when the bytes start with an EBML header (WebM, Matroska). */
export function isWebm(bytes) {
  return bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3;
}

/** An EBML variable-length integer at `at` → {value, length}; value -1 for "unknown size" (all value bits 1). */
function vint(bytes, at, keepMarker) {
  const first = bytes[at];
  if (first === undefined) throw new RangeError(`the file ends at byte ${at}`);
  const length = Math.clz32(first) - 23;
  if (length > 8) throw new RangeError(`an invalid element header at byte ${at}`);
  if (at + length > bytes.length) throw new RangeError(`the file ends inside an element header at byte ${at}`);
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === (0xff >> length);
  for (let k = 1; k < length; k++) {
    value = value * 256 + bytes[at + k];
    allOnes &&= bytes[at + k] === 0xff;
  }
  return { value: !keepMarker && allOnes ? -1 : value, length };
}

/** The element header at `at` → {id, start (of its body), end (-1: unknown size)}. */
function element(bytes, at) {
  const id = vint(bytes, at, true);
  const size = vint(bytes, at + id.length, false);
  const start = at + id.length + size.length;
  return { id: id.value, start, end: size.value < 0 ? -1 : start + size.value };
}

/** The elements inside [start, end) → [{id, start, end}]; an element running past `end` is cut at it. */
function children(bytes, start, end) {
  const found = [];
  for (let at = start; at < end;) {
    const e = element(bytes, at);
    if (e.end < 0 || e.end > end) e.end = end;
    found.push(e);
    at = e.end;
  }
  return found;
}

function uint(bytes, e) {
  let value = 0;
  for (let k = e.start; k < e.end; k++) value = value * 256 + bytes[k];
  return value;
}

/** The unsigned value of the element `id` among `elements`, or `fallback` when it is absent. */
function uintField(bytes, elements, id, fallback) {
  const found = elements.find((e) => e.id === id);
  return found ? uint(bytes, found) : fallback;
}

function text(bytes, e) {
  return String.fromCharCode(...bytes.subarray(e.start, e.end)).replace(/\0+$/, '');
}

/** The WebCodecs codec string of a Matroska codec ID (with the first key frame's bytes for VP9's profile) → string or null. */
function codecString(codecId, privateData, firstKeyFrame) {
  if (codecId === 'V_VP8') return 'vp8';
  if (codecId === 'V_VP9') {
    // The uncompressed header's first byte: frame_marker (2 bits), profile_low_bit, profile_high_bit.
    const byte = firstKeyFrame?.[0] ?? 0;
    const profile = ((byte >> 5) & 1) | (((byte >> 4) & 1) << 1);
    return `vp09.0${profile}.10.${profile >= 2 ? '10' : '08'}`;
  }
  if (codecId === 'V_MPEG4/ISO/AVC' && privateData?.length >= 4) {
    const hex2 = (n) => n.toString(16).padStart(2, '0');
    return `avc1.${hex2(privateData[1])}${hex2(privateData[2])}${hex2(privateData[3])}`;
  }
  return null;
}

/** The first video TrackEntry of Tracks → {number, codecId, privateData, codedWidth, codedHeight, colour} or null. */
function videoTrack(bytes, tracks) {
  for (const entry of children(bytes, tracks.start, tracks.end)) {
    if (entry.id !== ID.trackEntry) continue;
    const fields = children(bytes, entry.start, entry.end);
    const field = (id) => fields.find((f) => f.id === id);
    if (uintField(bytes, fields, ID.trackType, 0) !== TRACK_VIDEO) continue;
    const video = field(ID.video) ? children(bytes, field(ID.video).start, field(ID.video).end) : [];
    const privateField = field(ID.codecPrivate);
    const colourField = video.find((f) => f.id === ID.colour);
    let colour = null;
    if (colourField) {
      const values = children(bytes, colourField.start, colourField.end);
      const value = (id) => uintField(bytes, values, id, 2);  // 2: unspecified
      colour = { primaries: value(ID.primaries), transfer: value(ID.transferCharacteristics), matrix: value(ID.matrixCoefficients),
        fullRange: value(ID.range) === RANGE_FULL };
    }
    return {
      colour,
      number: uintField(bytes, fields, ID.trackNumber, 1),
      codecId: field(ID.codecId) ? text(bytes, field(ID.codecId)) : '',
      privateData: privateField ? bytes.slice(privateField.start, privateField.end) : null,
      codedWidth: uintField(bytes, video, ID.pixelWidth, 0), codedHeight: uintField(bytes, video, ID.pixelHeight, 0),
    };
  }
  return null;
}

/**
 * WebM bytes → null when they are not EBML; else {video, damage}. video: null (no video track) or
 * {codecId (Matroska's), codec (WebCodecs codec string; null for a codec not mapped here),
 * description (avcC bytes for H.264, else null), codedWidth, codedHeight, colour ({primaries,
 * transfer, matrix: H.273 code points, fullRange} from the Colour element, or null), samples:
 * [{offset, size, key, timestampUs, durationUs (0: unknown)}] in file order}. damage: null, or what is wrong (a
 * truncated or damaged element), after which nothing more can be read.
 */
export function webmDemux(bytes) {
  if (!isWebm(bytes)) return null;
  let track = null;
  let usPerTick = 1000;  // TimecodeScale's default: 1 ms in ns
  const samples = [];
  let laced = false;
  let damage = null;

  const addBlock = (block, clusterTime, key) => {
    const number = vint(bytes, block.start, false);
    if (number.value !== track?.number) return;
    const head = block.start + number.length;
    if (head + 3 > block.end) throw new RangeError(`a block at byte ${block.start} is cut short`);
    const relative = (bytes[head] << 24 >> 16) | bytes[head + 1];  // signed 16 bits
    const flags = bytes[head + 2];
    if (flags & 0x06) laced = true;
    const offset = head + 3;
    samples.push({
      offset, size: block.end - offset,
      key: key ?? (flags & 0x80) !== 0,
      timestampUs: Math.round((clusterTime + relative) * usPerTick), durationUs: 0,
    });
  };

  try {
    const segment = element(bytes, element(bytes, 0).end);  // the Segment follows the EBML header
    if (segment.id !== ID.segment) throw new RangeError('no Segment follows the EBML header');
    const segmentEnd = segment.end < 0 || segment.end > bytes.length ? bytes.length : segment.end;
    for (let at = segment.start; at < segmentEnd;) {
      const e = element(bytes, at);
      const unknownSize = e.end < 0;
      if (e.end > bytes.length) damage = `the file ends inside an element at byte ${at}: it is cut short`;
      const end = unknownSize || e.end > segmentEnd ? segmentEnd : e.end;
      if (e.id === ID.info) {
        const scale = children(bytes, e.start, end).find((f) => f.id === ID.timecodeScale);
        if (scale) usPerTick = uint(bytes, scale) / 1000;
      } else if (e.id === ID.tracks && !track) {
        track = videoTrack(bytes, { start: e.start, end });
        if (!track) return { video: null, damage: null };
      } else if (e.id === ID.cluster) {
        let clusterTime = 0;
        let inner = e.start;
        while (inner < end) {
          const c = element(bytes, inner);
          if (unknownSize && SEGMENT_CHILDREN.has(c.id)) break;
          if (c.end < 0 || c.end > end) {
            damage = `the file ends inside a cluster element at byte ${inner}: it is cut short`;
            break;
          }
          if (c.id === ID.timecode) clusterTime = uint(bytes, c);
          else if (c.id === ID.simpleBlock) addBlock(c, clusterTime, null);
          else if (c.id === ID.blockGroup) {
            const parts = children(bytes, c.start, c.end);
            const block = parts.find((p) => p.id === ID.block);
            if (block) addBlock(block, clusterTime, !parts.some((p) => p.id === ID.referenceBlock));
          }
          inner = c.end;
        }
        if (damage) break;
        at = unknownSize ? inner : end;
        continue;
      }
      if (damage) break;
      at = end;
    }
  } catch (error) {  // a size or header that points outside the bytes
    damage = `the WebM structure is damaged (${error.message})`;
  }
  if (!track) return { video: null, damage: damage ?? 'the file has no track list' };
  const firstKey = samples.find((sample) => sample.key);
  const codec = laced ? null : codecString(track.codecId, track.privateData, firstKey && bytes.subarray(firstKey.offset, firstKey.offset + 1));
  const description = track.codecId === 'V_MPEG4/ISO/AVC' ? track.privateData : null;
  return {
    video: { codecId: track.codecId, codec, description, codedWidth: track.codedWidth, codedHeight: track.codedHeight, colour: track.colour, samples },
    damage,
  };
}
