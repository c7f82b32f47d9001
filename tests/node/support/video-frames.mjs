// Decodes a video file into RGBA frames with ffmpeg (`-f rawvideo -pix_fmt rgba`), one at a time,
// so a long clip never sits in memory whole.
import { spawn, spawnSync } from 'node:child_process';

/** True when ffmpeg and ffprobe can be run. */
export function hasFfmpeg() {
  return ['ffmpeg', 'ffprobe'].every((tool) => spawnSync(tool, ['-version'], { stdio: 'ignore' }).status === 0);
}

/** { width, height } of the file's first video stream. */
export function videoSize(file) {
  const probe = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height',
    '-of', 'csv=p=0:s=x', file], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`ffprobe could not read ${file}: ${probe.stderr.trim()}`);
  const [width, height] = probe.stdout.trim().split('x').map(Number);
  if (!(width > 0 && height > 0)) throw new Error(`ffprobe gave no frame size for ${file}: '${probe.stdout.trim()}'`);
  return { width, height };
}

/**
 * Yields { index, data: Uint8Array (RGBA), width, height } for every frame of the file in order
 * (index counts from 0 over all decoded frames). The yielded data is the caller's to keep.
 */
export async function* videoFrames(file) {
  const { width, height } = videoSize(file);
  const frameBytes = width * height * 4;
  const ffmpeg = spawn('ffmpeg', ['-v', 'error', '-nostdin', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  ffmpeg.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => ffmpeg.on('close', (code) => resolve(code)));
  let frame = new Uint8Array(frameBytes);
  let filled = 0;
  let index = 0;
  try {
    for await (const chunk of ffmpeg.stdout) {
      let offset = 0;
      while (offset < chunk.length) {
        const n = Math.min(frameBytes - filled, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === frameBytes) {
          yield { index: index++, data: frame, width, height };
          frame = new Uint8Array(frameBytes);
          filled = 0;
        }
      }
    }
    const code = await exited;
    if (code !== 0) throw new Error(`ffmpeg failed on ${file} (exit ${code}): ${stderr.trim()}`);
    if (filled !== 0) throw new Error(`ffmpeg left a partial frame (${filled} of ${frameBytes} bytes) for ${file}`);
  } finally {
    if (ffmpeg.exitCode === null) ffmpeg.kill();
  }
}
