// Frames per second of the camera page (web/app) in Chromium with a fake camera playing the
// talking-head clip: frames analysed, camera frames presented and frames drawn per second, and the
// main thread's busy time, over a window after the analysis has warmed up; median of --runs fresh
// browsers. A benchmark, not a test: it prints figures and bounds nothing.
// Usage: node bench/page-fps/run.mjs [--dist DIR] [--runs 3] [--seconds 10] [--plain] [--json]
// (--dist: another assembled app, e.g. a copy of dist/ from before a change; --plain: no COOP/COEP,
// so the page runs the st build).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createServer } from '../../scripts/serve.mjs';
import { launchBrowser, TALKING_HEAD } from '../../tests/e2e/support/browser.mjs';
import { repoRoot } from '../../tests/node/support/paths.mjs';

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: path.join(repoRoot, 'dist') },
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    plain: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const runs = Number(args.runs);
const seconds = Number(args.seconds);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number >= 1, got ${args.runs}`);
if (!(seconds > 0)) throw new Error(`--seconds must be positive, got ${args.seconds}`);
if (!fs.existsSync(path.join(args.dist, 'index.html'))) throw new Error(`${args.dist} holds no assembled app (index.html)`);
if (!fs.existsSync(TALKING_HEAD)) throw new Error(`${TALKING_HEAD} is absent (../shared/data or EMOLENS_DATA)`);

/** The clip as y4m, which Chromium's fake camera plays in a loop (made once by ffmpeg). */
function cameraClip() {
  const clip = path.join(os.tmpdir(), 'emolens-page-fps-talking-head.y4m');
  if (!fs.existsSync(clip)) {
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', TALKING_HEAD, '-t', '10', '-pix_fmt', 'yuv420p', `${clip}.part.y4m`]);
    fs.renameSync(`${clip}.part.y4m`, clip);
  }
  return clip;
}

// The page's own counters (body data-*): analysed and offered frames (offered: presented while the
// analysis was ready), drawn frames.
const pageCounters = () => ({
  now: performance.now(), analysed: Number(document.body.dataset.analysed),
  offered: Number(document.body.dataset.offered), drawn: Number(document.body.dataset.drawn),
});

async function measureOnce(clip) {
  const server = createServer(args.dist, { isolated: !args.plain });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchBrowser({ clip });
  try {
    const page = await browser.context.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForSelector('body[data-analysis="ready"][data-state="running"]', { state: 'attached', timeout: 90000 });
    await page.waitForFunction(() => Number(document.body.dataset.analysed) >= 10, null, { timeout: 90000 });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const mainThread = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
    const [task0, start] = [await mainThread(), await page.evaluate(pageCounters)];
    await page.waitForTimeout(seconds * 1000);
    const [task1, end] = [await mainThread(), await page.evaluate(pageCounters)];
    const elapsed = (end.now - start.now) / 1000;
    const rate = (key) => (end[key] - start[key]) / elapsed;
    return {
      variant: await page.evaluate(() => document.body.dataset.variant),
      analysedFps: rate('analysed'), presentedFps: rate('offered'), drawnFps: rate('drawn'),
      mainThreadBusy: (task1 - task0) / elapsed,
    };
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const clip = cameraClip();
const samples = [];
for (let i = 0; i < runs; i++) {
  samples.push(await measureOnce(clip));
  process.stderr.write(`run ${i + 1}/${runs}: ${JSON.stringify(samples.at(-1), (k, v) => (typeof v === 'number' ? Number(v.toFixed(2)) : v))}\n`);
}
const summary = {
  dist: args.dist, variant: samples[0].variant, runs, seconds,
  machine: `${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
};
for (const key of ['analysedFps', 'presentedFps', 'drawnFps', 'mainThreadBusy']) {
  summary[key] = Number(median(samples.map((s) => s[key])).toFixed(2));
}
if (args.json) console.log(JSON.stringify(summary, null, 2));
else {
  console.log(`page fps (${summary.variant}, median of ${runs} x ${seconds} s; ${summary.machine}): ` +
    `analysed ${summary.analysedFps}, camera ${summary.presentedFps}, drawn ${summary.drawnFps}; ` +
    `main thread busy ${(100 * summary.mainThreadBusy).toFixed(0)}%`);
}
