// Decodes a video file into RGBA frames with ffmpeg (`-f rawvideo -pix_fmt rgba`), one at a time,
// so a long clip never sits in memory whole.
import { spawnSync } from 'node:child_process';
import { decodeVideo } from '../../../cli/video/decode.mjs';

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
 * (index counts from 0 over all decoded frames), decoded as the CLI does (cli/video/decode.mjs).
 * The yielded data is the caller's to keep.
 */
export async function* videoFrames(file) {
  const { width, height } = videoSize(file);
  for await (const frame of decodeVideo(file, { probe: { fps: null }, size: { width, height, scale: 1 } })) {
    yield { index: frame.index, data: frame.data.slice(), width, height };
  }
}
