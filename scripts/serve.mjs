// Serves the built app (dist/) on 127.0.0.1 with the headers emolens needs:
// cross-origin isolation (COOP/COEP) so the threaded wasm build can use SharedArrayBuffer,
// CORP so host pages on other origins can load the widget, and a strict CSP.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.glsl': 'text/plain; charset=utf-8',
};

// 'wasm-unsafe-eval' compiles our wasm. Neither our code nor our wasm glue (linked with
// -sDYNAMIC_EXECUTION=0) evaluates strings, so every response gets a policy without 'unsafe-eval'
// (a same-origin worker takes its policy from its script's response) except the camera page:
// jsimgui's embind loader builds functions with `new Function`.
const contentSecurityPolicy = ({ allowEval }) => [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval'${allowEval ? " 'unsafe-eval'" : ''}`,
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');
const APP_PAGE_CONTENT_SECURITY_POLICY = contentSecurityPolicy({ allowEval: true });

export const SECURITY_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': contentSecurityPolicy({ allowEval: false }),
};

/** Maps a URL path to a file under root, or null if it escapes root or does not exist. */
function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  const candidate = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
  const file = fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()
    ? path.join(candidate, 'index.html') : candidate;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
  // A symbolic link inside root must not lead out of it.
  const real = fs.realpathSync(file);
  return real.startsWith(fs.realpathSync(root) + path.sep) ? real : null;
}

/**
 * Creates the HTTP server for a dist folder; `listen` is the caller's.
 * options.isolated (default true): send COOP/COEP. Without them the page runs the st build, as it
 * would embedded in a host page that is not cross-origin isolated.
 */
export function createServer(root, { isolated = true } = {}) {
  const absoluteRoot = path.resolve(root);
  return http.createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (isolated || !name.startsWith('Cross-Origin-E') && !name.startsWith('Cross-Origin-O')) response.setHeader(name, value);
    }
    response.setHeader('Access-Control-Allow-Origin', '*');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveFile(absoluteRoot, request.url ?? '/');
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    if (file === path.join(fs.realpathSync(absoluteRoot), 'index.html')) {
      response.setHeader('Content-Security-Policy', APP_PAGE_CONTENT_SECURITY_POLICY);
    }
    const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    response.writeHead(200, {
      'Content-Type': type,
      'Content-Length': fs.statSync(file).size,
      'Cache-Control': 'no-cache',
    });
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(file).pipe(response);
  });
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = process.env.EMOLENS_DIST ?? fileURLToPath(new URL('../dist/', import.meta.url));
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`emolens: ${root} has no built app; run "bash scripts/install.sh" (or "npm run build") first`);
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  createServer(root).listen(port, host, () => {
    console.log(`emolens is served at http://${host}:${port}/ (cross-origin isolated; Ctrl+C stops)`);
  });
}
