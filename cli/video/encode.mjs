// Annotated video out: RGBA frames piped into an ffmpeg child process that encodes them (H.264 in
// .mp4/.mkv/.mov, VP8 in .webm). Writes wait for the pipe to drain, so frames never pile up in memory.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { VideoError } from './ffmpeg.mjs';

const CODECS = {
  '.mp4': ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'],
  '.mkv': ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'],
  '.mov': ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'],
  '.webm': ['-c:v', 'libvpx', '-b:v', '2M', '-deadline', 'realtime', '-cpu-used', '8', '-pix_fmt', 'yuv420p'],
};

/** True when `file` names a container the annotated video can be written as. */
export const isVideoOutput = (file) => Object.hasOwn(CODECS, path.extname(file).toLowerCase());

/**
 * Starts encoding width x height RGBA frames at `fps` into `file` → { write(rgba) (a promise),
 * close() (resolves when the file is complete) }. Errors are VideoError encode_failed.
 */
export function createVideoWriter(file, { width, height, fps }) {
  const ffmpeg = spawn('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgba',
    '-s', `${width}x${height}`, '-framerate', String(fps), '-i', '-',
    // H.264 and yuv420p need even sides: pad an odd one by a pixel.
    '-vf', 'pad=ceil(iw/2)*2:ceil(ih/2)*2', ...CODECS[path.extname(file).toLowerCase()], file],
  { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  ffmpeg.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-2000); });
  const exited = new Promise((resolve) => ffmpeg.on('close', resolve));
  let broken = null;
  ffmpeg.stdin.on('error', (error) => { broken = error; });
  const failure = () => new VideoError('encode_failed', `cannot write ${file}: ${stderr.trim() || broken?.message}`);
  return {
    async write(rgba) {
      if (broken || ffmpeg.exitCode !== null) throw failure();
      // The pipe keeps a reference to rgba until written: callers pass a fresh buffer each frame.
      if (!ffmpeg.stdin.write(rgba)) await Promise.race([new Promise((resolve) => ffmpeg.stdin.once('drain', resolve)), exited]);
    },
    async close() {
      ffmpeg.stdin.end();
      if ((await exited) !== 0) throw failure();
    },
  };
}
