// The server's security headers, its refusal to serve anything outside its root, and a scan of our
// own JavaScript for string-to-code evaluation (eval, new Function).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createServer } from '../../scripts/serve.mjs';
import { repoRoot } from './support/paths.mjs';

const SECRET = 'emolens-test-secret: this file lies outside the served root';

/** A served root with one page, and a secret file beside it (outside the root). */
function makeSite() {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'emolens-serve-'));
  const root = path.join(base, 'site');
  fs.mkdirSync(path.join(root, 'app'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>site</title>');
  fs.writeFileSync(path.join(root, 'app', 'index.html'), '<!doctype html><title>not the camera page</title>');
  fs.writeFileSync(path.join(root, 'embed.html'), '<!doctype html><title>embed</title>');
  fs.writeFileSync(path.join(root, 'app', 'main.js'), 'export const x = 1;\n');
  fs.writeFileSync(path.join(base, 'secret.txt'), SECRET);
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link.txt'));
  fs.symlinkSync(base, path.join(root, 'up'));
  return { base, root };
}

async function listen(server) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server.address().port;
}

/** A raw request: the path goes on the wire exactly as given (fetch() would normalise `..`). */
function get(port, rawPath, method = 'GET') {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: rawPath, method }, (response) => {
      let body = '';
      response.setEncoding('latin1');
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

const site = makeSite();
const isolatedServer = createServer(site.root);
const plainServer = createServer(site.root, { isolated: false });
const isolatedPort = await listen(isolatedServer);
const plainPort = await listen(plainServer);
test.after(() => {
  isolatedServer.close();
  plainServer.close();
  fs.rmSync(site.base, { recursive: true, force: true });
});

/** The CSP as a map from directive to its sources. */
function parseCsp(header) {
  return new Map(header.split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0])
    .map(([name, ...sources]) => [name, sources]));
}

test('pages and scripts carry COOP/COEP/CORP, nosniff, CORS and a strict CSP', async () => {
  for (const file of ['/', '/index.html', '/app/main.js']) {
    const { status, headers } = await get(isolatedPort, file);
    assert.equal(status, 200, file);
    assert.equal(headers['cross-origin-opener-policy'], 'same-origin', file);
    assert.equal(headers['cross-origin-embedder-policy'], 'require-corp', file);
    assert.equal(headers['cross-origin-resource-policy'], 'cross-origin', file);
    assert.equal(headers['x-content-type-options'], 'nosniff', file);
    assert.equal(headers['access-control-allow-origin'], '*', file);

    const csp = parseCsp(headers['content-security-policy']);
    assert.deepEqual(csp.get('default-src'), ["'self'"]);
    assert.deepEqual(csp.get('connect-src'), ["'self'"], 'no request may leave the origin');
    assert.deepEqual(csp.get('object-src'), ["'none'"]);
    assert.deepEqual(csp.get('base-uri'), ["'none'"]);
    const scripts = csp.get('script-src');
    assert.deepEqual(scripts.slice(0, 2), ["'self'", "'wasm-unsafe-eval'"], scripts.join(' '));
    assert.ok(!scripts.includes("'unsafe-inline'"), 'inline scripts must stay blocked');
    assert.ok(!scripts.some((source) => source === '*' || /^(https?:|data:|blob:)$/.test(source)),
      `script-src must not allow other origins: ${scripts.join(' ')}`);
    assert.deepEqual(csp.get('worker-src'), ["'self'", 'blob:'], 'the widget starts its worker from a blob: URL');
  }
});

test("only the camera page allows 'unsafe-eval' (jsimgui's loader); scripts, workers and other pages do not", async () => {
  const scriptSources = async (file) => parseCsp((await get(isolatedPort, file)).headers['content-security-policy']).get('script-src');
  for (const page of ['/', '/index.html']) assert.ok((await scriptSources(page)).includes("'unsafe-eval'"), page);
  for (const file of ['/app/main.js', '/embed.html', '/app/', '/app/index.html', '/missing.js']) {
    assert.ok(!(await scriptSources(file)).includes("'unsafe-eval'"), file);
  }
});

test('scripts and wasm are served with their own MIME types (nosniff makes them matter)', async () => {
  assert.match((await get(isolatedPort, '/app/main.js')).headers['content-type'], /^text\/javascript/);
  assert.match((await get(isolatedPort, '/index.html')).headers['content-type'], /^text\/html/);
});

test('without isolation the server drops only COOP/COEP and keeps CORP, nosniff and the CSP', async () => {
  const { status, headers } = await get(plainPort, '/');
  assert.equal(status, 200);
  assert.equal(headers['cross-origin-opener-policy'], undefined);
  assert.equal(headers['cross-origin-embedder-policy'], undefined);
  assert.equal(headers['cross-origin-resource-policy'], 'cross-origin');
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.ok(headers['content-security-policy'].includes("default-src 'self'"));
});

test('paths that climb out of the root are refused, plain, encoded or through a link', async () => {
  const attempts = [
    '/../secret.txt', '/app/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt', '/app/%2e%2e%2f%2e%2e%2fsecret.txt', '/%252e%252e/secret.txt',
    '/..%5csecret.txt', '/..\\secret.txt', '//..//secret.txt', '/secret.txt%00.html',
    '/link.txt', '/up/secret.txt', '/%E0%A4%A', `/${'../'.repeat(12)}etc/passwd`,
  ];
  for (const attempt of attempts) {
    const { status, body } = await get(isolatedPort, attempt);
    assert.ok(status === 404 || status === 400, `${attempt} answered ${status}`);
    assert.ok(!body.includes(SECRET) && !body.includes('root:'), `${attempt} leaked a file`);
  }
});

test('only GET and HEAD are served', async () => {
  for (const method of ['POST', 'PUT', 'DELETE']) {
    const { status, headers } = await get(isolatedPort, '/index.html', method);
    assert.equal(status, 405, method);
    assert.equal(headers.allow, 'GET, HEAD');
  }
  const head = await get(isolatedPort, '/index.html', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
});

// ---- no string-to-code evaluation in our own JavaScript ----------------------------------------

// Our sources only: Emscripten's output (build/, dist/) and vendored packages are not scanned.
const SCANNED = ['web', 'cli', 'scripts', 'bench', 'wasm/emolens.mjs', 'wasm/node_shim.js'];
const EVAL_PATTERN = /\beval\s*\(|\bnew\s+Function\b|(?<![\w.$])Function\s*\(|\bset(?:Timeout|Interval)\s*\(\s*['"`]/;

/** The code of a JS file with comments removed (strings are kept: a `//` in a URL ends a line early, which only hides text). */
function stripComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');
}

function* javascriptFiles(entry) {
  const full = path.join(repoRoot, entry);
  if (!fs.existsSync(full)) return;
  if (fs.statSync(full).isFile()) {
    yield full;
    return;
  }
  for (const item of fs.readdirSync(full, { withFileTypes: true })) {
    if (item.name === 'node_modules') continue;
    const child = path.join(entry, item.name);
    if (item.isDirectory()) yield* javascriptFiles(child);
    else if (/\.(m?js|html)$/.test(item.name)) yield path.join(repoRoot, child);
  }
}

test('the eval scan catches what it looks for', () => {
  for (const bad of ['eval(text)', 'const f = new Function("a", body);', 'x = Function("return this")();',
    "setTimeout('alert(1)', 0)", 'window.eval (code)']) {
    assert.match(stripComments(bad), EVAL_PATTERN, bad);
  }
  for (const fine of ['// new Function in a comment', '/* eval(x) */ run()', 'retrieval(x)', 'isFunction(x)',
    'setTimeout(() => tick(), 0)', "typeof x === 'function'"]) {
    assert.doesNotMatch(stripComments(fine), EVAL_PATTERN, fine);
  }
});

test('our JavaScript never evaluates strings as code', () => {
  const files = SCANNED.flatMap((entry) => [...javascriptFiles(entry)]);
  assert.ok(files.length > 10, `scanned only ${files.length} files`);
  const offences = [];
  for (const file of files) {
    stripComments(fs.readFileSync(file, 'utf8')).split('\n').forEach((line, index) => {
      if (EVAL_PATTERN.test(line)) offences.push(`${path.relative(repoRoot, file)}:${index + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(offences, []);
});
