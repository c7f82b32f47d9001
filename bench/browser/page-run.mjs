// One run of the bench page in a fresh Chromium: serves the frames and the methods (isolated or
// not), fails every request that would leave 127.0.0.1 and counts it, and resolves to the page's
// raw samples plus { external_requests, chromium }.
import { launchBrowser } from '../../tests/e2e/support/browser.mjs';
import { serveBench } from './server.mjs';

/** Routes every request of the context: local ones go through, the others fail and are listed. */
export async function blockExternal(context) {
  const blocked = [];
  await context.route('**/*', (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    if (hostname === '127.0.0.1' || protocol === 'data:' || protocol === 'blob:') return route.continue();
    blocked.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  return blocked;
}

/** options: { isolated, frames, methods, runs, warmup, log, timeoutMs }. */
export async function runBenchPage({ isolated, frames, methods, runs, warmup, log, timeoutMs }) {
  const server = await serveBench({ isolated, frames });
  const browser = await launchBrowser();
  try {
    const blocked = await blockExternal(browser.context);
    const page = await browser.context.newPage();
    page.on('console', (message) => log(`  [page] ${message.text()}`));
    page.on('pageerror', (error) => log(`  [page error] ${error.message}`));
    const query = new URLSearchParams({ methods: methods.join(','), runs, warmup });
    await page.goto(`${server.url}bench/index.html?${query}`);
    const outcome = await page.waitForFunction(() => window.benchResult ?? (window.benchError && { error: window.benchError }),
      null, { timeout: timeoutMs, polling: 500 });
    const result = await outcome.jsonValue();
    if (result.error) throw new Error(`the bench page failed: ${result.error}`);
    // The user agent says 156.0.0.0 (reduced); the browser's own product string has the build.
    const { product } = await (await browser.context.newCDPSession(page)).send('Browser.getVersion');
    const chromium = product.replace(/^\D*/, '');
    return { ...result, external_requests: blocked, chromium };
  } finally {
    await browser.close();
    await server.close();
  }
}
