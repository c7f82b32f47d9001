// Video files made for a test by ffmpeg: the real clips of ../shared/data/video converted to mp4 or
// webm (their .mjpeg carries no timing, so the frame rate is given), and generated ones (lavfi).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { dataDir } from './paths.mjs';

export const CLIPS = {
  talkingHead: { file: path.join(dataDir, 'video/sihanwang_talking_head_640x360.mjpeg'), fps: 30, frames: 135 },
  crowd: { file: path.join(dataDir, 'video/facenet_pytorch_crowd_960x540.mjpeg'), fps: 25, frames: 105 },
};

const CODECS = {
  mp4: ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'],
  webm: ['-c:v', 'libvpx', '-b:v', '2M', '-deadline', 'realtime', '-cpu-used', '8'],
};

/** Runs ffmpeg with `args` (after the common flags); throws with its stderr when it fails. */
export function ffmpeg(args) {
  const run = spawnSync('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${run.stderr}`);
}

/** A clip of CLIPS converted to `<dir>/<name>.<ext>` (mp4: H.264, webm: VP8) → the path. */
export function convertClip(clip, dir, name, ext, extra = []) {
  const out = path.join(dir, `${name}.${ext}`);
  ffmpeg(['-r', String(clip.fps), '-i', clip.file, ...CODECS[ext], ...extra, out]);
  return out;
}

/** A generated clip (ffmpeg's testsrc pattern, no face) of `frames` frames → the path. */
export function patternClip(dir, name, { width = 320, height = 240, fps = 30, frames = 30, ext = 'mp4' } = {}) {
  const out = path.join(dir, `${name}.${ext}`);
  ffmpeg(['-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=${fps}`, '-frames:v', String(frames), ...CODECS[ext], out]);
  return out;
}

/** ffprobe's count of decoded frames in a file's first video stream. */
export function countFrames(file) {
  const probe = spawnSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0',
    '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  return Number(probe.stdout.trim());
}
