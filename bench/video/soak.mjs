// Soak: a long video through `emolens analyze --json` (records streamed to the output), watching the
// CLI process's resident memory (/proc/<pid>/status VmRSS, every second). Growth = the highest RSS
// in the second half of the video over the highest in 10-50% (the CLI's own progress lines say
// where the tenths are). The video is the talking-head clip of ../shared/data/video looped and scaled (a real face
// all along), or ffmpeg's testsrc pattern without the data.
//   node bench/video/soak.mjs [--minutes 60] [--size 320x240]     → one JSON line
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = process.env.EMOLENS_DATA ?? path.join(root, '../shared/data');
const FACE_CLIP = path.join(dataDir, 'video/sihanwang_talking_head_640x360.mjpeg');
const FPS = 30;

/** Makes a `minutes`-long width x height H.264 clip at 30 fps in `dir` → { file, source }. */
export function makeLongClip(dir, { minutes, width, height }) {
  const file = path.join(dir, `soak-${minutes}min-${width}x${height}.mp4`);
  const face = fs.existsSync(FACE_CLIP);
  const input = face ? ['-stream_loop', '-1', '-r', String(FPS), '-i', FACE_CLIP] : ['-f', 'lavfi', '-i', `testsrc=rate=${FPS}`];
  const run = spawnSync('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...input, '-t', String(minutes * 60),
    '-vf', `scale=${width}:${height}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr}`);
  return { file, source: face ? 'talking head, looped' : 'testsrc (no face)' };
}

const rssKb = (pid) => {
  try {
    return Number(/VmRSS:\s*(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return NaN;  // the process has just exited
  }
};

/**
 * Runs the CLI on `file` and samples its RSS every second, grouped by tenth of the video (the CLI's
 * progress lines, one per 10%) → { frames, faces, seconds, rss_max_by_tenth_mb, growth }: growth is
 * the highest RSS in the second half of the video over the highest in 10-50% (after warm-up). Peaks
 * against peaks over long windows: the pipe's freed chunks make RSS swing by up to ~10 MB with the
 * garbage collector's timing (the JS and wasm heaps stay flat), so a single sample is no baseline.
 */
export async function soakCli(file) {
  const started = performance.now();
  const cli = spawn(process.execPath, [path.join(root, 'cli/emolens.mjs'), 'analyze', file, '--json', '--out', '/dev/null'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let tenth = 0;
  const maxByTenth = Array(10).fill(0);
  let summary = '';
  readline.createInterface({ input: cli.stderr }).on('line', (line) => {
    const progress = /\((\d+)%/.exec(line);
    if (line.startsWith('[') && progress) tenth = Math.min(9, Math.floor(Number(progress[1]) / 10));
    else if (line.startsWith('emolens analyze:')) summary = line;
    else process.stderr.write(`${line}\n`);
  });
  const timer = setInterval(() => {
    const rss = rssKb(cli.pid);
    if (rss > maxByTenth[tenth]) maxByTenth[tenth] = rss;
  }, 1000);
  const code = await new Promise((resolve) => cli.on('close', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`emolens analyze exited ${code}: ${summary}`);
  if (!maxByTenth[1] || !maxByTenth[9]) throw new Error('no RSS samples in the second or the last tenth: the video is too short for the soak (at least 30 s)');
  const [, frames, faces] = /(\d+) frames\), (\d+) faces/.exec(summary) ?? [];
  return {
    frames: Number(frames), faces: Number(faces), seconds: Number(((performance.now() - started) / 1000).toFixed(0)),
    rss_max_by_tenth_mb: maxByTenth.map((kb) => Number((kb / 1024).toFixed(1))),
    growth: Number((Math.max(...maxByTenth.slice(5)) / Math.max(...maxByTenth.slice(1, 5)) - 1).toFixed(4)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '60' }, size: { type: 'string', default: '320x240' } } });
  const [width, height] = values.size.split('x').map(Number);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emolens-soak-'));
  try {
    const clip = makeLongClip(dir, { minutes: Number(values.minutes), width, height });
    const result = await soakCli(clip.file);
    process.stdout.write(JSON.stringify({ minutes: Number(values.minutes), size: values.size, source: clip.source, ...result,
      machine: { cpus: os.cpus().length, load: os.loadavg()[0].toFixed(1) } }) + '\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
