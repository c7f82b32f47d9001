// Video analysis speed in Node: frames per second through analyzer.analyzeVideo (tracking and
// smoothing on, the short-range detector as `emolens analyze` uses by default), st and mt, for the
// talking-head clip of ../shared/data/video at 640x360 and scaled to 1280x720 (one face), plus the
// whole `emolens analyze clip.mp4` command (ffmpeg decode in its own process + analysis + output).
//   node bench/video/run-bench.mjs [--passes 3] [--json]
// Frames are decoded once into memory first, so the analysis figures exclude decoding.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { importEmolens } from '../../peers/emolens-dist.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = process.env.EMOLENS_DATA ?? path.join(root, '../shared/data');
const SOURCE = path.join(dataDir, 'video/sihanwang_talking_head_640x360.mjpeg');
const FPS = 30;
const SIZES = [{ width: 640, height: 360, frames: 135 }, { width: 1280, height: 720, frames: 90 }];

const { values } = parseArgs({ options: { passes: { type: 'string', default: '3' }, json: { type: 'boolean' } } });
const passes = Number(values.passes);
if (!fs.existsSync(SOURCE)) {
  process.stderr.write(`bench/video: ${SOURCE} absent (../shared/data or EMOLENS_DATA)\n`);
  process.exit(1);
}

function ffmpeg(args, options = {}) {
  const run = spawnSync('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], { maxBuffer: 1 << 30, ...options });
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr}`);
  return run.stdout;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emolens-video-bench-'));
const { createAnalyzer } = await importEmolens();
const results = [];
try {
  for (const size of SIZES) {
    const clip = path.join(dir, `talking-${size.width}x${size.height}.mp4`);
    ffmpeg(['-r', String(FPS), '-i', SOURCE, '-vf', `scale=${size.width}:${size.height}`, '-frames:v', String(size.frames),
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', clip]);
    const raw = ffmpeg(['-i', clip, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
    const bytes = size.width * size.height * 4;
    const frames = Array.from({ length: raw.length / bytes }, (_, k) => ({
      data: raw.subarray(k * bytes, (k + 1) * bytes), width: size.width, height: size.height, timestampMs: (k * 1000) / FPS }));
    const row = { size: `${size.width}x${size.height}`, frames: frames.length };
    const analyzers = { st: await createAnalyzer({ variant: 'st' }), mt: await createAnalyzer({ variant: 'mt' }) };
    try {
      const fps = { st: [], mt: [] };
      const faces = { st: 0, mt: 0 };
      // st and mt alternate, so load from the other users of the machine falls on both alike.
      for (let pass = 0; pass <= passes; pass++) {
        for (const variant of ['st', 'mt']) {
          let found = 0;
          const start = performance.now();
          for await (const result of analyzers[variant].analyzeVideo(frames)) found += result.faces.length;
          const seconds = (performance.now() - start) / 1000;
          if (pass > 0) fps[variant].push(frames.length / seconds);  // pass 0 warms up
          faces[variant] = found;
        }
      }
      for (const variant of ['st', 'mt']) {
        row[`${variant}_fps`] = Number(median(fps[variant]).toFixed(1));
        row[`${variant}_faces`] = faces[variant];
      }
      row.threads = analyzers.mt.buildInfo().hardwareThreads;
    } finally {
      analyzers.st.dispose();
      analyzers.mt.dispose();
    }
    const start = performance.now();
    const cli = spawnSync(process.execPath, [path.join(root, 'cli/emolens.mjs'), 'analyze', clip, '--json', '--out', '/dev/null'], { encoding: 'utf8' });
    if (cli.status !== 0) throw new Error(`emolens analyze failed: ${cli.stderr}`);
    row.cli_fps = Number((frames.length / ((performance.now() - start) / 1000)).toFixed(1));
    results.push(row);
    process.stderr.write(`${JSON.stringify(row)}\n`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, load: os.loadavg().map((l) => l.toFixed(1)).join(' '), node: process.version };
if (values.json) process.stdout.write(JSON.stringify({ results, passes, machine }, null, 2) + '\n');
else {
  process.stdout.write(`size        frames  st fps  mt fps  emolens analyze (mt, whole command) fps\n`);
  for (const r of results) {
    process.stdout.write(`${r.size.padEnd(10)}  ${String(r.frames).padStart(6)}  ${String(r.st_fps).padStart(6)}  ${String(r.mt_fps).padStart(6)}  ${String(r.cli_fps).padStart(6)}\n`);
  }
  process.stdout.write(`machine: ${machine.cpus} cores (${machine.model}), load ${machine.load}, Node ${machine.node}\n`);
}
