// The app's whole camera path in Chromium: dist/ served by scripts/serve.mjs (isolated: the mt
// build; not: st), a fake camera playing the talking-head clip (a y4m ffmpeg makes once), and over
// a window of seconds: frames the analysis worker returned per second (body data-analysed), frames
// the camera presented (requestVideoFrameCallback) and the page drew (data-drawn) per second, and
// the page's main-thread time (CDP Performance.getMetrics TaskDuration) per analysed and per drawn
// frame.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, serveDist } from '../../tests/e2e/support/browser.mjs';
import { TALKING_HEAD } from './frames.mjs';
import { blockExternal } from './page-run.mjs';

const Y4M = path.join(os.tmpdir(), 'emolens-bench-talking-head.y4m');
const CLIP_FRAMES = 300;

function fakeCameraClip() {
  if (!fs.existsSync(Y4M)) {
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', TALKING_HEAD, '-frames:v', String(CLIP_FRAMES), '-pix_fmt', 'yuv420p', `${Y4M}.tmp.y4m`]);
    fs.renameSync(`${Y4M}.tmp.y4m`, Y4M);
  }
  return Y4M;
}

// Counts the frames the camera's video presents, from before the page's own scripts run (the app
// never puts its <video> in the document, so it is caught when it starts playing).
const PRESENTED_COUNTER = () => {
  window.benchPresented = 0;
  const watched = new WeakSet();
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function playAndCount(...args) {
    if (this instanceof HTMLVideoElement && !watched.has(this)) {
      watched.add(this);
      const count = () => { window.benchPresented++; this.requestVideoFrameCallback(count); };
      this.requestVideoFrameCallback(count);
    }
    return play.apply(this, args);
  };
};

/** options: { isolated, seconds (default 10), log }. */
export async function measureCameraPath({ isolated, seconds = 10, log }) {
  const clip = fakeCameraClip();
  const server = await serveDist({ isolated });
  const browser = await launchBrowser({ clip });
  try {
    const blocked = await blockExternal(browser.context);
    const page = await browser.context.newPage();
    await page.addInitScript(PRESENTED_COUNTER);
    await page.goto(server.url);
    await page.waitForSelector('body[data-analysis="ready"][data-state="running"]', { state: 'attached', timeout: 60000 });
    await page.waitForFunction(() => Number(document.body.dataset.analysed) >= 5, null, { timeout: 60000 });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const sample = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const task = metrics.find((m) => m.name === 'TaskDuration').value;
      const page_ = await page.evaluate(() => ({
        analysed: Number(document.body.dataset.analysed), drawn: Number(document.body.dataset.drawn),
        presented: window.benchPresented, now: performance.now(),
      }));
      return { task, ...page_ };
    };
    const before = await sample();
    await page.waitForTimeout(seconds * 1000);
    const after = await sample();
    const elapsed = (after.now - before.now) / 1000;
    const analysed = after.analysed - before.analysed;
    const mainMs = (after.task - before.task) * 1000;
    const variant = await page.evaluate(() => (globalThis.crossOriginIsolated ? 'mt' : 'st'));
    log(`camera path (${isolated ? 'isolated' : 'not isolated'}): ${analysed} frames analysed in ${elapsed.toFixed(1)} s`);
    return {
      variant,
      analysed_fps: Number((analysed / elapsed).toFixed(1)),
      presented_fps: Number(((after.presented - before.presented) / elapsed).toFixed(1)),
      main_thread_ms_per_analysed: analysed ? Number((mainMs / analysed).toFixed(2)) : null,
      drawn_fps: Number(((after.drawn - before.drawn) / elapsed).toFixed(1)),
      main_thread_ms_per_drawn: after.drawn > before.drawn ? Number((mainMs / (after.drawn - before.drawn)).toFixed(2)) : null,
      main_thread_busy_percent: Number((mainMs / (elapsed * 10)).toFixed(1)),
      seconds: Number(elapsed.toFixed(1)),
      external_requests: blocked.length,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
