// One cold first load in Chromium (fresh profile, fake camera): which files the page fetched from
// emolens' server, and the times from navigation start to "analysis ready" and to the first
// analysed frame with a face.
import { launchBrowser, serveDist, serveHost } from '../../tests/e2e/support/browser.mjs';

// Runs in the page before its scripts: the widget reports through its events, the app through its
// performance marks (web/app/main.js: emolens-analysis-ready, emolens-first-face).
const RECORDER = () => {
  window.benchTimes = {};
  document.addEventListener('ready', () => { window.benchTimes.ready ??= performance.now(); }, true);
  document.addEventListener('emotion', (event) => {
    if (event.detail.faces.length > 0) window.benchTimes.firstFace ??= performance.now();
  }, true);
};

function readTimes() {
  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime;
  const ready = window.benchTimes.ready ?? mark('emolens-analysis-ready');
  const firstFace = window.benchTimes.firstFace ?? mark('emolens-first-face');
  return firstFace === undefined ? null : { ready, firstFace };
}

/**
 * scenario: 'widget' (dist/examples/widget.html on another origin, no isolation: st) or 'app'
 * (the camera page, cross-origin isolated: mt). Resolves to { paths, readyMs, firstFaceMs }.
 */
export async function firstLoad(scenario, { clip, timeoutMs = 60000 }) {
  const assets = await serveDist();
  const host = scenario === 'widget' ? await serveHost(assets.url) : null;
  const browser = await launchBrowser({ clip });
  const origin = new URL(assets.url).origin;
  const paths = [];
  try {
    browser.context.on('requestfinished', (request) => {
      const url = new URL(request.url());
      if (url.origin === origin) paths.push(decodeURIComponent(url.pathname.slice(1)) || 'index.html');
    });
    const page = await browser.context.newPage();
    await page.addInitScript(RECORDER);
    await page.goto(scenario === 'widget' ? `${host.url}examples/widget.html` : assets.url);
    const times = await (await page.waitForFunction(readTimes, null, { timeout: timeoutMs, polling: 20 })).jsonValue();
    return { paths: [...paths], readyMs: times.ready, firstFaceMs: times.firstFace };
  } finally {
    await browser.close();
    await host?.close();
    await assets.close();
  }
}
