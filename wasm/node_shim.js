// Prepended outside Emscripten's ES6 module factory (--extern-pre-js).
// Emscripten 3.1.6 emits an ES module whose Node branch still uses `require` and `__dirname`,
// and fetches the .wasm through `fetch(file://...)`, which Node's fetch refuses. In Node we
// provide CommonJS `require`/`__filename`/`__dirname` for this module; browsers skip all of it.
const emolensIsNode = typeof process === 'object' && typeof process.versions === 'object' &&
  typeof process.versions.node === 'string';
const emolensNodeModule = emolensIsNode ? await import('node:module') : null;
const emolensNodeUrl = emolensIsNode ? await import('node:url') : null;
var require = emolensIsNode ? emolensNodeModule.createRequire(import.meta.url) : undefined;
var __filename = emolensIsNode ? emolensNodeUrl.fileURLToPath(import.meta.url) : undefined;
var __dirname = emolensIsNode ? require('node:path').dirname(__filename) : undefined;
// Node's global fetch cannot read file: URLs; hidden here so the loader reads the .wasm with fs.
var fetch = emolensIsNode ? undefined : globalThis.fetch;
