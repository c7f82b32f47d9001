// The TF.js runtime a peer bundles, on its wasm backend (XNNPACK, SIMD; threads where the page is
// cross-origin isolated), with the backend's .wasm files from node_modules.
export const WASM_PATH = '/npm/@tensorflow/tfjs-backend-wasm/dist/';

/** "TF.js 4.22.0 wasm, SIMD on, 2 threads" for a bundled tf namespace whose backend is ready. */
export async function describeRuntime(tf) {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `TF.js ${tf.version_core} ${tf.getBackend()}, SIMD ${simd ? 'on' : 'off'}, threads ${threads ? 'on' : 'off'}`;
}
