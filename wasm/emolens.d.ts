// Types for wasm/emolens.mjs, emolens' JS entry point (browsers, workers, Node 20).

export type Variant = 'st' | 'mt';

export interface BuildInfo {
  version: string;          // emolens version
  simd: boolean;            // built with wasm SIMD128 kernels
  threads: boolean;         // built with pthreads (mt variant)
  hardwareThreads: number;  // threads the runtime reports (1 in st)
  target: 'wasm' | 'native';
}

export interface LoadOptions {
  variant?: Variant | 'auto';  // default 'auto': mt when cross-origin isolated (always in Node), else st
  threads?: number;            // mt worker pool size; default: cores, at most 8
}

export interface EmolensModule {
  variant: Variant;            // the variant that was loaded
  buildInfo(): BuildInfo;      // what this module was built with
  dispose(): void;             // stops the mt worker threads (lets Node exit)
}

export function pickVariant(): Variant;                                 // mt if shared memory is usable
export function defaultThreadCount(): Promise<number>;                  // pool size used when not given
export function loadModule(options?: LoadOptions): Promise<EmolensModule>;  // load and instantiate
