// emolens' JS entry point, the same in browsers, workers and Node 20.
// Loads one of the two wasm variants that sit beside this file:
//   mt: SIMD128 + pthreads, needs SharedArrayBuffer (cross-origin isolated pages, Node)
//   st: SIMD128 only, for pages without COOP/COEP (e.g. the embeddable widget)
const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

/** The variant this environment can run: mt where shared memory is available, else st. */
export function pickVariant() {
  if (isNode) return 'mt';
  return globalThis.crossOriginIsolated === true ? 'mt' : 'st';
}

/** Worker threads for the mt variant: the machine's cores, at most 8 (more rarely pays off). */
export async function defaultThreadCount() {
  if (isNode) {
    const os = await import('node:os');
    return Math.min(8, os.availableParallelism ? os.availableParallelism() : os.cpus().length);
  }
  return Math.min(8, globalThis.navigator?.hardwareConcurrency || 2);
}

/**
 * Loads the wasm module. options.variant: 'auto' | 'st' | 'mt'; options.threads: mt pool size.
 * Resolves to the Emscripten module, with `variant` set, and `dispose()` that stops its threads.
 */
export async function loadModule(options = {}) {
  const variant = options.variant && options.variant !== 'auto' ? options.variant : pickVariant();
  if (variant !== 'st' && variant !== 'mt') throw new TypeError(`unknown variant "${variant}" (st, mt or auto)`);
  const here = new URL('./', import.meta.url);
  const { default: factory } = await import(new URL(`emolens_${variant}.mjs`, here).href);
  const config = {};
  if (isNode) {
    // Emscripten 3.1.6 would hand fs a file: URL; give it a path.
    const { fileURLToPath } = await import('node:url');
    config.locateFile = (file) => fileURLToPath(new URL(file, here));
  }
  if (variant === 'mt') config.emolensThreads = options.threads ?? (await defaultThreadCount());
  const module = await factory(config);
  module.variant = variant;
  module.dispose = () => {
    if (module.PThread) module.PThread.terminateAllThreads();
  };
  return module;
}
