// The colour description (matrix, range, primaries, transfer) to give VideoDecoder for a demuxed
// track. Chromium's VideoDecoder labels H.264 and VP8 frames BT.709 whatever the stream says, so a
// BT.601 video (most encoders' default below HD, and what ffmpeg assumes when it converts for the
// CLI) turns to RGB with the wrong matrix, a few levels off in every pixel; the config's colorSpace
// overrides that label. Read from the H.264 sequence parameter set (in avcC), else the container's
// colour fields (WebM's Colour element), else VP8's own (RFC 6386: BT.601). Pure: no browser API.

// ITU-T H.273 code points → WebCodecs' VideoColorSpaceInit enums (only those: another name is a TypeError).
const PRIMARIES = { 1: 'bt709', 5: 'bt470bg', 6: 'smpte170m', 9: 'bt2020', 12: 'smpte432' };
const TRANSFER = { 1: 'bt709', 6: 'smpte170m', 8: 'linear', 13: 'iec61966-2-1', 16: 'pq', 18: 'hlg' };
const MATRIX = { 0: 'rgb', 1: 'bt709', 5: 'bt470bg', 6: 'smpte170m', 9: 'bt2020-ncl' };
// Profiles whose SPS carries chroma format, bit depths and scaling matrices.
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/** Reads bits MSB first from an RBSP (emulation-prevention bytes already removed). */
class BitReader {
  constructor(bytes) {
    this.bytes = bytes;
    this.bit = 0;
  }

  u(n) {
    let value = 0;
    for (let k = 0; k < n; k++, this.bit++) {
      const byte = this.bytes[this.bit >> 3];
      if (byte === undefined) throw new RangeError('the SPS ends early');
      value = value * 2 + ((byte >> (7 - (this.bit & 7))) & 1);
    }
    return value;
  }

  ue() {
    let zeros = 0;
    while (this.u(1) === 0) zeros++;
    return 2 ** zeros - 1 + this.u(zeros);
  }

  se() {
    const code = this.ue();
    return code & 1 ? (code + 1) / 2 : -code / 2;
  }
}

/** A NAL unit's payload without its emulation-prevention bytes (00 00 03 → 00 00). */
function rbsp(nal) {
  const out = [];
  for (let k = 0; k < nal.length; k++) {
    if (k >= 2 && nal[k] === 3 && nal[k - 1] === 0 && nal[k - 2] === 0) continue;
    out.push(nal[k]);
  }
  return Uint8Array.from(out);
}

function skipScalingList(bits, size) {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size && next !== 0; j++) {
    next = (last + bits.se() + 256) % 256;
    last = next || last;
  }
}

/** H.273 code points {primaries, transfer, matrix} and fullRange → a VideoColorSpaceInit with the fields WebCodecs names. */
function colorSpaceOf({ primaries, transfer, matrix, fullRange }) {
  const colorSpace = { primaries: PRIMARIES[primaries], transfer: TRANSFER[transfer], matrix: MATRIX[matrix], fullRange };
  return Object.fromEntries(Object.entries(colorSpace).filter(([, value]) => value !== undefined));
}

/**
 * avcC bytes → a VideoColorSpaceInit ({primaries, transfer, matrix, fullRange}, only the fields the
 * first SPS states) or null when it states none (no VUI colour description) or cannot be read.
 */
function avcColorSpace(avcC) {
  try {
    // avcC: version, profile, compatibility, level, lengthSize, then numOfSPS (low 5 bits) and each SPS with a 16-bit length.
    if (avcC.length < 8 || (avcC[5] & 0x1f) === 0) return null;
    const length = (avcC[6] << 8) | avcC[7];
    const bits = new BitReader(rbsp(avcC.subarray(9, 8 + length)));  // after the 1-byte NAL header
    const profile = bits.u(8);
    bits.u(16);  // constraint flags, level
    bits.ue();  // seq_parameter_set_id
    if (HIGH_PROFILES.has(profile)) {
      const chromaFormat = bits.ue();
      if (chromaFormat === 3) bits.u(1);  // separate_colour_plane_flag
      bits.ue();  // bit_depth_luma_minus8
      bits.ue();  // bit_depth_chroma_minus8
      bits.u(1);  // qpprime_y_zero_transform_bypass_flag
      if (bits.u(1)) {  // seq_scaling_matrix_present_flag
        for (let i = 0; i < (chromaFormat === 3 ? 12 : 8); i++) if (bits.u(1)) skipScalingList(bits, i < 6 ? 16 : 64);
      }
    }
    bits.ue();  // log2_max_frame_num_minus4
    const pocType = bits.ue();
    if (pocType === 0) bits.ue();
    else if (pocType === 1) {
      bits.u(1);
      bits.se();
      bits.se();
      for (let n = bits.ue(); n > 0; n--) bits.se();
    }
    bits.ue();  // max_num_ref_frames
    bits.u(1);  // gaps_in_frame_num_value_allowed_flag
    bits.ue();  // pic_width_in_mbs_minus1
    bits.ue();  // pic_height_in_map_units_minus1
    if (!bits.u(1)) bits.u(1);  // frame_mbs_only_flag, else mb_adaptive_frame_field_flag
    bits.u(1);  // direct_8x8_inference_flag
    if (bits.u(1)) for (let k = 0; k < 4; k++) bits.ue();  // frame cropping offsets
    if (!bits.u(1)) return null;  // vui_parameters_present_flag
    if (bits.u(1) && bits.u(8) === 255) bits.u(32);  // aspect ratio (255: explicit sar_width, sar_height)
    if (bits.u(1)) bits.u(1);  // overscan
    if (!bits.u(1)) return null;  // video_signal_type_present_flag
    bits.u(3);  // video_format
    const fullRange = bits.u(1) === 1;
    if (!bits.u(1)) return { fullRange };  // colour_description_present_flag
    return colorSpaceOf({ primaries: bits.u(8), transfer: bits.u(8), matrix: bits.u(8), fullRange });
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

// VP8 is BT.601, limited range (RFC 6386, 9.2), whatever a container says or leaves out.
const VP8_COLOR_SPACE = { primaries: 'smpte170m', transfer: 'smpte170m', matrix: 'smpte170m', fullRange: false };

/**
 * A demuxed track ({codec, description, colour: container's H.273 code points or null}, as
 * video-demux-*.js give it) → the VideoColorSpaceInit for VideoDecoder's config, or null to leave
 * the decoder's own.
 */
export function trackColorSpace({ codec, description, colour }) {
  if (codec.startsWith('avc1') && description) return avcColorSpace(description) ?? (colour && colorSpaceOf(colour));
  if (codec === 'vp8') return VP8_COLOR_SPACE;
  return colour ? colorSpaceOf(colour) : null;
}
