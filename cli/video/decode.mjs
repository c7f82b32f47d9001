// A video file → its frames as RGBA, one at a time, with each frame's own timestamp: ffmpeg runs as a
// child process writing raw frames to a pipe (`-f rawvideo -pix_fmt rgba`), and its showinfo filter
// logs every frame's presentation time on stderr. Only one frame is held, so memory does not grow
// with the length of the video.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { VideoError } from './ffmpeg.mjs';

// showinfo's per-frame line: "... [info] n:  12 pts:   6144 pts_time:0.4 ..."
const FRAME_LINE = /\bn:\s*\d+\s+pts:\s*\S+\s+pts_time:(\S+)/;
const ERROR_LINE = /\[(error|fatal|panic)\]\s*(.*)/;
const MAX_ERRORS_KEPT = 4;

/**
 * The size frames are decoded at: the video's own, or scaled down (aspect kept, even sides) to at
 * most maxPixels. → { width, height, scale } where scale = source / decoded (1 when not scaled).
 */
export function decodedSize(width, height, maxPixels) {
  if (width * height <= maxPixels) return { width, height, scale: 1 };
  const factor = Math.sqrt(maxPixels / (width * height));
  const w = 2 * Math.floor((width * factor) / 2);
  const h = 2 * Math.floor((height * factor) / 2);
  return { width: w, height: h, scale: width / w };
}

/**
 * Yields { index, timestampMs, data, width, height } for every frame in presentation order; with `fps`,
 * frames resampled to that rate by ffmpeg's fps filter. `data` is reused: it is valid until the next
 * frame is asked for. timestampMs is the frame's presentation time; a frame without one (or one not after
 * the previous frame's) gets the previous time plus a frame interval (1/probe.fps, else 1/30 s), so
 * times always increase. After the last frame, ffmpeg errors (a truncated or damaged file) are thrown
 * as VideoError corrupt_video naming how many frames were decoded before them.
 */
export async function* decodeVideo(file, { probe, size, fps = null }) {
  const filters = [
    ...(fps ? [`fps=${fps}`] : []),
    ...(size.scale !== 1 ? [`scale=${size.width}:${size.height}`] : []),
    'showinfo',
  ];
  const ffmpeg = spawn('ffmpeg', ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'level+info', '-i', file,
    '-map', '0:v:0', '-an', '-sn', '-dn', '-vf', filters.join(','), '-fps_mode', 'passthrough',
    '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => ffmpeg.on('close', (code) => resolve(code)));

  // Timestamps arrive on stderr, frames on stdout: a frame waits for its line.
  const times = [];
  const errors = [];
  let stderrDone = false;
  let wake = null;
  const lines = readline.createInterface({ input: ffmpeg.stderr, crlfDelay: Infinity });
  lines.on('line', (line) => {
    const frame = FRAME_LINE.exec(line);
    if (frame) times.push(Number(frame[1]) * 1000);
    else {
      const error = ERROR_LINE.exec(line);
      if (error && errors.length < MAX_ERRORS_KEPT) errors.push(error[2].trim());
    }
    wake?.();
  });
  lines.on('close', () => { stderrDone = true; wake?.(); });
  const nextTime = async () => {
    while (!times.length && !stderrDone) await new Promise((resolve) => { wake = resolve; });
    wake = null;
    return times.length ? times.shift() : NaN;
  };

  const interval = 1000 / (fps ?? probe.fps ?? 30);
  const frameBytes = size.width * size.height * 4;
  const data = new Uint8Array(frameBytes);
  let filled = 0;
  let index = 0;
  let previous = -Infinity;
  try {
    for await (const chunk of ffmpeg.stdout) {
      let offset = 0;
      while (offset < chunk.length) {
        const n = Math.min(frameBytes - filled, chunk.length - offset);
        data.set(chunk.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled < frameBytes) continue;
        const stamped = await nextTime();
        const timeMs = stamped > previous ? stamped : (Number.isFinite(previous) ? previous + interval : 0);
        previous = timeMs;
        yield { index: index++, timestampMs: timeMs, data, width: size.width, height: size.height };
        filled = 0;
      }
    }
    const code = await exited;
    await new Promise((resolve) => (stderrDone ? resolve() : lines.once('close', resolve)));
    if (code !== 0 || errors.length || filled !== 0) {
      const what = errors.length ? errors.join('; ') : filled ? `a partial last frame (${filled} of ${frameBytes} bytes)` : `ffmpeg exit ${code}`;
      throw new VideoError('corrupt_video', `damaged or truncated: ${index} frames decoded, then ${what}`);
    }
  } finally {
    if (ffmpeg.exitCode === null) ffmpeg.kill();
  }
}
