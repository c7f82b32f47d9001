// Video decoding speed in Chromium (web/shared/video-frames.js): frames per second of decoding alone
// (every frame taken and closed) and of decoding + analysis (every frame through the analysis worker,
// mt, tracking and smoothing on), for the WebCodecs path (videoFileFrames: our demuxer + VideoDecoder)
// and the seeking path it replaces (videoFileFramesBySeeking), alternating in the same browser, on
// the talking-head clip as mp4 (H.264) and webm (VP8) at 640x360 and 1280x720; medians of --passes.
//   node bench/video/browser-decode.mjs [--passes 3] [--json]
// Each run has a fresh page (its own worker). A run that takes longer than STALL_S is counted as
// stalled and left out of the median: the seeking path has stalled now and then (a seek after which
// nothing more happened), which the figures must show rather than hang on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, serveDist, TALKING_HEAD } from '../../tests/e2e/support/browser.mjs';
import { ffmpeg } from '../../tests/node/support/video-clips.mjs';

const { values } = parseArgs({ options: { passes: { type: 'string', default: '3' }, json: { type: 'boolean' } } });
const passes = Number(values.passes);
if (!Number.isInteger(passes) || passes < 1) throw new Error(`--passes must be a whole number >= 1, got ${values.passes}`);
if (!fs.existsSync(TALKING_HEAD)) throw new Error(`${TALKING_HEAD} is absent (../shared/data or EMOLENS_DATA)`);

const SIZES = [{ width: 640, height: 360, frames: 135 }, { width: 1280, height: 720, frames: 90 }];
const FORMATS = {
  mp4: { type: 'video/mp4', codec: ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'] },
  webm: { type: 'video/webm', codec: ['-c:v', 'libvpx', '-b:v', '2M', '-deadline', 'realtime', '-cpu-used', '8'] },
};
const PATHS = { webcodecs: 'videoFileFrames', seeking: 'videoFileFramesBySeeking' };
const STALL_S = 120;
const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);

/** In the page: every frame of `url` through `generator`, alone or into the page's worker → {frames, seconds}. */
function runInPage({ url, type, generator, analyse }) {
  return (async () => {
    const frames = await import('/shared/video-frames.js');
    const blob = new Blob([await (await fetch(url)).arrayBuffer()], { type });
    if (analyse) await window.benchClient.reset();
    let count = 0;
    const start = performance.now();
    for await (const frame of frames[generator](blob)) {
      if (analyse) await window.benchClient.submitFrame(frame.bitmap, frame.timestampMs);
      else frame.bitmap.close();
      count++;
    }
    return { frames: count, seconds: (performance.now() - start) / 1000 };
  })();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emolens-browser-decode-'));
const server = await serveDist();
const browser = await launchBrowser({ camera: 'deny' });
const rows = [];
let build = null;

/** One run in a fresh page (a blank page of the app's origin, with an initialised worker) → {frames, seconds}, or null when it stalled. */
async function measure(file, type, generator, analyse) {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${server.url}app/style.css`);
    await page.route('**/clip', (route) => route.fulfill({ body: fs.readFileSync(file), contentType: type, headers: { 'Cache-Control': 'no-store' } }));
    build = await page.evaluate(async () => {
      const { AnalysisClient } = await import('/shared/analysis-client.js');
      window.benchClient = new AnalysisClient();
      return (await window.benchClient.init({ range: 'short' })).build;
    });
    let timer;
    const stalled = new Promise((resolve) => { timer = setTimeout(() => resolve(null), STALL_S * 1000); });
    const run = await Promise.race([page.evaluate(runInPage, { url: '/clip', type, generator, analyse }), stalled]);
    clearTimeout(timer);
    return run;
  } finally {
    await page.close();
  }
}

try {
  for (const size of SIZES) {
    for (const [ext, format] of Object.entries(FORMATS)) {
      const file = path.join(dir, `talking-${size.width}x${size.height}.${ext}`);
      ffmpeg(['-r', '30', '-i', TALKING_HEAD, '-vf', `scale=${size.width}:${size.height}`, '-frames:v', String(size.frames), ...format.codec, file]);
      for (const analyse of [false, true]) {
        const fps = { webcodecs: [], seeking: [] };
        const stalls = { webcodecs: 0, seeking: 0 };
        for (let pass = 0; pass < passes; pass++) {
          for (const [name, generator] of Object.entries(PATHS)) {
            const run = await measure(file, format.type, generator, analyse);
            const what = `${path.basename(file)} ${analyse ? 'decode+analysis' : 'decode'} ${name}`;
            if (!run) {
              stalls[name]++;
              process.stderr.write(`  ${what}: stalled (over ${STALL_S} s)\n`);
              continue;
            }
            if (run.frames !== size.frames) throw new Error(`${name} gave ${run.frames} of ${size.frames} frames (${file})`);
            process.stderr.write(`  ${what}: ${(run.frames / run.seconds).toFixed(1)} fps\n`);
            fps[name].push(run.frames / run.seconds);
          }
        }
        const fixed = (value) => (value === null ? null : Number(value.toFixed(1)));
        const row = {
          size: `${size.width}x${size.height}`, format: ext, frames: size.frames, work: analyse ? 'decode+analysis' : 'decode',
          seeking_fps: fixed(median(fps.seeking)), webcodecs_fps: fixed(median(fps.webcodecs)),
          seeking_stalls: stalls.seeking, webcodecs_stalls: stalls.webcodecs,
        };
        rows.push(row);
        process.stderr.write(`${JSON.stringify(row)}\n`);
      }
    }
  }
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, load: os.loadavg().map((l) => l.toFixed(1)).join(' '), variant: build.variant };
  if (values.json) process.stdout.write(JSON.stringify({ rows, passes, machine }, null, 2) + '\n');
  else {
    process.stdout.write('size       format  work             frames  seeking fps  webcodecs fps  speed-up  stalled runs (seeking, webcodecs)\n');
    for (const r of rows) {
      process.stdout.write(`${r.size.padEnd(9)}  ${r.format.padEnd(6)}  ${r.work.padEnd(15)}  ${String(r.frames).padStart(6)}  ` +
        `${String(r.seeking_fps).padStart(11)}  ${String(r.webcodecs_fps).padStart(13)}  ${(r.webcodecs_fps / r.seeking_fps).toFixed(1).padStart(7)}x  ` +
        `${r.seeking_stalls}, ${r.webcodecs_stalls}\n`);
    }
    process.stdout.write(`machine: ${machine.cpus} cores (${machine.model}), load ${machine.load}, analysis build ${machine.variant}\n`);
  }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
