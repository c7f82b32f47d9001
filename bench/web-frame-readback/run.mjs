// Camera frame → RGBA bytes in Chromium, two ways, medians of 60 frames of the talking-head clip:
//   canvas2d: VideoFrame drawn into an OffscreenCanvas 2D + getImageData (what web/worker does, off the main thread)
//   webgl:    the video uploaded to a WebGL2 texture, drawn into an RGBA8 framebuffer, readPixels
//             (a GPU preprocessing pass would run this on the main thread)
// Usage: node bench/web-frame-readback/run.mjs   (Debian chromium; software GL as in the tests)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from '../../scripts/serve.mjs';
import { launchBrowser, TALKING_HEAD } from '../../tests/e2e/support/browser.mjs';

const server = createServer(path.dirname(fileURLToPath(import.meta.url)));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await launchBrowser({ clip: TALKING_HEAD });
try {
  const page = await browser.context.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  await page.waitForFunction(() => window.result, null, { timeout: 120000 });
  console.log(JSON.stringify(await page.evaluate(() => window.result)));
} finally {
  await browser.close();
  server.close();
}
