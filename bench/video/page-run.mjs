// The page's video mode in Chromium: frames per second from drop to results (web/app: decoding by
// web/shared/video-frames.js, the analysis worker, records, the page drawing meanwhile), st (no
// cross-origin isolation) and mt, for the talking head at 640x360 and 1280x720 (one face), and
// `emolens analyze` on the same files in the same run (whole command, as run-bench.mjs times it).
//   node bench/video/page-run.mjs [--passes 3] [--json]
// Each pass drops the clip on the page again; the page's own wall time of the analysis
// (data-video-seconds: from the file to the last result, pauses excluded) gives its fps. A
// warm-up drop per page comes first.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openAppPage, TALKING_HEAD } from '../../tests/e2e/support/browser.mjs';
import { dropFiles, videoEnded } from '../../tests/e2e/support/page-input.mjs';
import { ffmpeg } from '../../tests/node/support/video-clips.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({ options: { passes: { type: 'string', default: '3' }, json: { type: 'boolean' } } });
const passes = Number(values.passes);
if (!Number.isInteger(passes) || passes < 1) throw new Error(`--passes must be a whole number >= 1, got ${values.passes}`);
if (!fs.existsSync(TALKING_HEAD)) throw new Error(`${TALKING_HEAD} is absent (../shared/data or EMOLENS_DATA)`);

const SIZES = [{ width: 640, height: 360, frames: 135 }, { width: 1280, height: 720, frames: 90 }];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Drops `clip` on a fresh page (st or mt) passes + 1 times → the page's fps per timed pass. */
async function pageFps(clip, frames, variant) {
  const app = await openAppPage({ camera: 'deny', isolated: variant === 'mt' });
  try {
    const { page } = app;
    await page.waitForSelector('body[data-analysis="ready"]', { state: 'attached', timeout: 120000 });
    const built = await page.evaluate(() => document.body.dataset.variant);
    if (built !== variant) throw new Error(`the page runs ${built}, not ${variant}`);
    const fps = [];
    for (let pass = 0; pass <= passes; pass++) {
      await dropFiles(page, [clip]);
      const data = await videoEnded(page, pass + 1, 300000);
      if (data.videoState !== 'done' || Number(data.videoFrames) !== frames) {
        throw new Error(`${clip} in the page (${variant}): ${data.videoState}, ${data.videoFrames} of ${frames} frames`);
      }
      if (pass > 0) fps.push(frames / Number(data.videoSeconds));
    }
    return fps;
  } finally {
    await app.close();
  }
}

function cliFps(clip, frames) {
  const start = performance.now();
  const cli = spawnSync(process.execPath, [path.join(root, 'cli/emolens.mjs'), 'analyze', clip, '--json', '--out', '/dev/null'], { encoding: 'utf8' });
  if (cli.status !== 0) throw new Error(`emolens analyze failed: ${cli.stderr}`);
  return frames / ((performance.now() - start) / 1000);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emolens-page-video-'));
const results = [];
try {
  for (const size of SIZES) {
    const clip = path.join(dir, `talking-${size.width}x${size.height}.mp4`);
    ffmpeg(['-r', '30', '-i', TALKING_HEAD, '-vf', `scale=${size.width}:${size.height}`, '-frames:v', String(size.frames),
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', clip]);
    const row = { size: `${size.width}x${size.height}`, frames: size.frames };
    for (const variant of ['st', 'mt']) row[`page_${variant}_fps`] = Number(median(await pageFps(clip, size.frames, variant)).toFixed(1));
    row.cli_fps = Number(median(Array.from({ length: passes }, () => cliFps(clip, size.frames))).toFixed(1));
    results.push(row);
    process.stderr.write(`${JSON.stringify(row)}\n`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, load: os.loadavg().map((l) => l.toFixed(1)).join(' ') };
if (values.json) process.stdout.write(JSON.stringify({ results, passes, machine }, null, 2) + '\n');
else {
  process.stdout.write('size        frames  page st fps  page mt fps  emolens analyze (whole command) fps\n');
  for (const r of results) {
    process.stdout.write(`${r.size.padEnd(10)}  ${String(r.frames).padStart(6)}  ${String(r.page_st_fps).padStart(11)}  ${String(r.page_mt_fps).padStart(11)}  ${String(r.cli_fps).padStart(6)}\n`);
  }
  process.stdout.write(`machine: ${machine.cpus} cores (${machine.model}), load ${machine.load}\n`);
}
