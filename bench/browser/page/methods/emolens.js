// emolens through its public JS API, as a page embeds it: analyze(frame) with the detector on every
// frame (detectEvery 1, BlazeFace short range). One call gives both figures: full = the call's wall
// time (the RGBA copy into wasm memory included), detect = that less the classifier's own time
// (align + expression network, timed in wasm), i.e. copy + detection + tracking + result. wasmMs:
// the analysis' own time in wasm, so the rest (the RGBA copy in, the result's JSON) shows apart.
import { createAnalyzer } from '/dist/wasm/emolens.mjs';

const FRAME_INTERVAL_MS = 1000 / 30;

export async function createMethod(frames, variant) {
  const analyzer = await createAnalyzer({ variant, detectEvery: 1, range: 'short' });
  const info = analyzer.buildInfo();
  let timestamp = 0;
  return {
    runtime: `emolens wasm ${info.variant}, SIMD ${info.simd ? 'on' : 'off'}, ${info.hardwareThreads} thread${info.hardwareThreads === 1 ? '' : 's'}`,
    full(i) {
      timestamp += FRAME_INTERVAL_MS;
      const result = analyzer.analyze(frames[i], timestamp);
      if (!result.detectorRan) throw new Error('emolens: the detector did not run');
      return { faces: result.faces.length, classifyMs: result.timings.classifyMs, wasmMs: result.timings.totalMs };
    },
  };
}
