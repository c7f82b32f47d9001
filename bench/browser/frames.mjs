// The frames every method gets, 640x480 RGBA: the pipeline bench's one-face and group photos, then
// the first frames of the talking-head clip (640x360) decoded by ffmpeg and centred on black bars,
// as bench/pipeline's letterbox() does for the photos. Packed into one buffer for the page.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { benchFrame, dataDir, DEFAULT_PHOTOS, FRAME_HEIGHT, FRAME_WIDTH } from '../pipeline/frames.mjs';

export const TALKING_HEAD = path.join(dataDir, 'video', 'sihanwang_talking_head_640x360.mjpeg');
const CLIP_HEIGHT = 360;

/** The clip's first `count` frames, letterboxed to 640x480, as one RGBA buffer. */
function clipFrames(count) {
  if (!fs.existsSync(TALKING_HEAD)) throw new Error(`${TALKING_HEAD} is absent (set EMOLENS_DATA to the shared data folder)`);
  const top = (FRAME_HEIGHT - CLIP_HEIGHT) / 2;
  const bytes = execFileSync('ffmpeg', [
    '-v', 'error', '-i', TALKING_HEAD, '-frames:v', String(count),
    '-vf', `pad=${FRAME_WIDTH}:${FRAME_HEIGHT}:0:${top}:black`, '-pix_fmt', 'rgba', '-f', 'rawvideo', 'pipe:1',
  ], { maxBuffer: (count + 1) * FRAME_WIDTH * FRAME_HEIGHT * 4 });
  const frameBytes = FRAME_WIDTH * FRAME_HEIGHT * 4;
  if (bytes.length !== count * frameBytes) throw new Error(`ffmpeg gave ${bytes.length / frameBytes} frames of the clip, not ${count}`);
  return bytes;
}

/**
 * → { meta: { width, height, frames: [{ set: 'one_face' | 'group' | 'clip', offset }] }, bytes }:
 * the two photos then `clipCount` clip frames, back to back in `bytes`.
 */
export function benchFrames(clipCount) {
  const photos = [['one_face', benchFrame(DEFAULT_PHOTOS.oneFace)], ['group', benchFrame(DEFAULT_PHOTOS.group)]];
  const parts = photos.map(([, frame]) => Buffer.from(frame.image.data.buffer, frame.image.data.byteOffset, frame.image.data.byteLength));
  if (clipCount > 0) parts.push(clipFrames(clipCount));
  const frameBytes = FRAME_WIDTH * FRAME_HEIGHT * 4;
  const sets = [...photos.map(([set]) => set), ...Array(clipCount).fill('clip')];
  return {
    meta: { width: FRAME_WIDTH, height: FRAME_HEIGHT, frames: sets.map((set, i) => ({ set, offset: i * frameBytes })) },
    bytes: Buffer.concat(parts),
  };
}
