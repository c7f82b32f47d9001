// The benchmark's HTTP server on 127.0.0.1: the bench pages, the built emolens (dist/), the peers'
// browser files straight from node_modules (only the packages below, read-only: GET and HEAD), and
// the frames every method gets. `isolated` sends COOP/COEP (the values scripts/serve.mjs sends), so
// one run measures the threaded builds and a second, without them, what a page that is not
// cross-origin isolated gets. No Content-Security-Policy: the peers' loaders are not ours to vet.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { SECURITY_HEADERS } from '../../scripts/serve.mjs';

const repoRoot = path.join(import.meta.dirname, '..', '..');
const nodeModules = path.join(repoRoot, 'node_modules');

// URL prefix → folder. Nothing else on disk is reachable.
const MOUNTS = [
  ['/bench/', path.join(import.meta.dirname, 'page')],
  ['/dist/', path.join(repoRoot, 'dist')],
  ['/peers/', path.join(repoRoot, 'peers')],
  ['/npm/@mediapipe/face_detection/', path.join(nodeModules, '@mediapipe', 'face_detection')],
  ['/npm/@vladmandic/human/', path.join(nodeModules, '@vladmandic', 'human')],
  ['/npm/@vladmandic/face-api/', path.join(nodeModules, '@vladmandic', 'face-api')],
  ['/npm/@tensorflow/tfjs-backend-wasm/dist/', path.join(nodeModules, '@tensorflow', 'tfjs-backend-wasm', 'dist')],
];

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The file a URL path names inside one of the mounts, or null. */
function mountedFile(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const normal = path.posix.normalize(decoded);
  for (const [prefix, folder] of MOUNTS) {
    if (!normal.startsWith(prefix)) continue;
    const file = path.join(folder, normal.slice(prefix.length));
    if (!file.startsWith(folder + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
    return file;
  }
  return null;
}

/**
 * Starts the server on a free loopback port. frames: { meta (JSON-able), bytes (Buffer) } served
 * as /frames.json and /frames.bin. Resolves to { url, close }.
 */
export async function serveBench({ isolated, frames }) {
  const isolationHeaders = isolated
    ? Object.fromEntries(Object.entries(SECURITY_HEADERS).filter(([name]) => name.startsWith('Cross-Origin-'))) : {};
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const { pathname } = new URL(request.url, 'http://bench');
    const headers = { ...isolationHeaders, 'Cache-Control': 'no-cache' };
    let body = null;
    if (pathname === '/frames.json') body = [Buffer.from(JSON.stringify(frames.meta)), MIME_TYPES['.json']];
    else if (pathname === '/frames.bin') body = [frames.bytes, 'application/octet-stream'];
    if (body) {
      response.writeHead(200, { ...headers, 'Content-Type': body[1], 'Content-Length': body[0].length });
      response.end(request.method === 'HEAD' ? undefined : body[0]);
      return;
    }
    const file = mountedFile(pathname);
    if (!file) {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    const type = MIME_TYPES[path.extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': fs.statSync(file).size });
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
