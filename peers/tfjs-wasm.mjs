// The one TF.js runtime both peers share: the wasm backend (XNNPACK) pinned to one thread, plus a
// file:// model loader so weights come from node_modules on disk, never from the network.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// CommonJS require so the peers' node-wasm builds (which require() TF.js) see the same instances.
export const require = createRequire(import.meta.url);
export const tf = require('@tensorflow/tfjs-core');
const tfWasm = require('@tensorflow/tfjs-backend-wasm');

// Folder holding tfjs-backend-wasm{,-simd,-threaded-simd}.wasm.
export const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;

// Reads a TF.js model.json and its weight shards with fs (TF.js core has no file:// handler
// without tfjs-node, and Node's fetch refuses file://).
function fileHandler(url) {
  const jsonPath = fileURLToPath(url);
  return {
    load: async () => {
      const modelJson = JSON.parse(readFileSync(jsonPath, 'utf8'));
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const shards = manifest.flatMap((group) => group.paths.map((p) => readFileSync(path.join(path.dirname(jsonPath), p))));
        const weightData = tf.io.concatenateArrayBuffers(shards.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.length)));
        return [manifest.flatMap((group) => group.weights), weightData];
      });
    },
  };
}

let ready = null;

// Idempotent. → { backend, simd, threads, wasmFile } as actually in effect.
export function initWasmBackend() {
  ready ??= (async () => {
    tf.io.registerLoadRouter((url) => (typeof url === 'string' && url.startsWith('file://') ? fileHandler(url) : null));
    tfWasm.setWasmPaths(wasmDir);
    tfWasm.setThreadsCount(1);
    await tf.setBackend('wasm');
    await tf.ready();
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threaded = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'); // always false on Node in 4.22
    // Same choice tfjs-backend-wasm's getPathToWasmBinary() makes from these two flags.
    const wasmFile = simd && threaded ? 'tfjs-backend-wasm-threaded-simd.wasm' : simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm';
    return { backend: tf.getBackend(), simd, threads: tfWasm.getThreadsCount(), wasmFile };
  })();
  return ready;
}

// ImageData-like RGBA → int32 [h, w, 3] tensor (alpha dropped), the input both peers document.
function rgbTensor(image) {
  const { data, width, height } = image;
  const rgb = new Int32Array(width * height * 3);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgb[i] = data[j]; rgb[i + 1] = data[j + 1]; rgb[i + 2] = data[j + 2];
  }
  return tf.tensor3d(rgb, [height, width, 3], 'int32');
}

// Runs fn on the RGB tensor of image and frees the tensor afterwards.
export async function withRgbTensor(image, fn) {
  const t = rgbTensor(image);
  try { return await fn(t); } finally { t.dispose(); }
}
