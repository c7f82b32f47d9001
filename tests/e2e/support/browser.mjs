// Debian's Chromium driven by playwright-core, with a fake camera, against dist/ served locally.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createServer } from '../../../scripts/serve.mjs';
import { dataDir, repoRoot } from '../../node/support/paths.mjs';

const CHROMIUM = process.env.EMOLENS_CHROMIUM ?? '/usr/bin/chromium';
export const TALKING_HEAD = path.join(dataDir, 'video/sihanwang_talking_head_640x360.mjpeg');

/** Serves dist/ on a free loopback port; resolves to { url, close }. */
export async function serveDist(options) {
  const server = createServer(path.join(repoRoot, 'dist'), options);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/**
 * Launches Chromium. camera: 'allow' (fake camera playing `clip`, or Chromium's own test pattern
 * when clip is null) or 'deny' (every permission prompt is refused); deviceScaleFactor: the
 * screen's device pixel ratio.
 */
export async function launchBrowser({ camera = 'allow', clip = null, deviceScaleFactor = 1 } = {}) {
  const args = [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required',
  ];
  if (camera === 'allow') args.push('--use-fake-ui-for-media-stream');
  else args.push('--deny-permission-prompts');
  if (clip) args.push(`--use-file-for-fake-video-capture=${clip}`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emolens-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, args, viewport: { width: 1000, height: 700 }, deviceScaleFactor,
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Pixel statistics of a PNG region, computed in the page (no image library in Node). */
export async function regionStats(page, png, region) {
  return page.evaluate(async ({ base64, region }) => {
    // An <img> (img-src allows data:), not fetch: the page's CSP keeps connect-src to 'self'.
    const bitmap = new Image();
    bitmap.src = `data:image/png;base64,${base64}`;
    await bitmap.decode();
    const canvas = new OffscreenCanvas(region.width, region.height);
    const context = canvas.getContext('2d');
    context.drawImage(bitmap, -region.x, -region.y);
    const { data } = context.getImageData(0, 0, region.width, region.height);
    let sum = 0, sumSquares = 0;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4) {
      const grey = (data[i] + data[i + 1] + data[i + 2]) / 3;
      sum += grey;
      sumSquares += grey * grey;
      colours.add((data[i] >> 3) << 10 | (data[i + 1] >> 3) << 5 | (data[i + 2] >> 3));
    }
    const n = data.length / 4;
    const mean = sum / n;
    return { mean, stddev: Math.sqrt(Math.max(0, sumSquares / n - mean * mean)), colours: colours.size };
  }, { base64: png.toString('base64'), region });
}

/**
 * A host page's server on its own origin, as a site that embeds emolens would have: it serves
 * dist/examples/ (no COOP/COEP, no CSP) and answers every other path with a redirect to emolens'
 * server at `assetsUrl`, so the examples' relative links (../emolens-widget.js, ../embed.html)
 * load emolens from another origin, as from a CDN. headers: extra response headers of the pages
 * (e.g. the host's own Content-Security-Policy). Resolves to { url, close }.
 */
export async function serveHost(assetsUrl, { headers = {} } = {}) {
  const pages = path.join(repoRoot, 'dist', 'examples');
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://host');
    const file = path.join(pages, path.basename(pathname));
    if (pathname.startsWith('/examples/') && fs.existsSync(file)) {
      response.writeHead(200, { ...headers, 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(response);
    } else {
      response.writeHead(302, { Location: new URL(request.url.slice(1), assetsUrl).href }).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/**
 * The app (dist/index.html) in a fresh Chromium: resolves to {page, url, errors (uncaught page
 * errors), requests (every request URL, in order), close}. Options as serveDist and launchBrowser,
 * plus initScript (run before the page's own scripts).
 */
export async function openAppPage({ camera = 'allow', clip = null, isolated = true, initScript = null, deviceScaleFactor = 1 } = {}) {
  const server = await serveDist({ isolated });
  const browser = await launchBrowser({ camera, clip, deviceScaleFactor });
  const page = await browser.context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (error) => errors.push(error.message));
  browser.context.on('request', (request) => requests.push(request.url()));
  if (initScript) await page.addInitScript(initScript);
  await page.goto(server.url);
  return {
    page, url: server.url, errors, requests,
    close: async () => { await browser.close(); await server.close(); },
  };
}

/** RGB of a PNG at the given points ([{x, y}] in CSS pixels of a 1x screenshot), read in the page. */
export async function pixelsAt(page, png, points) {
  return page.evaluate(async ({ base64, points }) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    return points.map(({ x, y }) => [...context.getImageData(Math.round(x), Math.round(y), 1, 1).data.slice(0, 3)]);
  }, { base64: png.toString('base64'), points });
}

/** Clicks at (x, y) and resolves to the download it starts: {name, bytes}. */
export async function downloadByClick(page, x, y) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.mouse.click(x, y)]);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
}
