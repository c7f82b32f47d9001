// Times our engine's wasm builds in Node on the BlazeFace models: prints one JSON object
// {"<model>": {"wasm_st_ms": .., "wasm_mt_ms": ..}} for bench_engine to merge.
//   node bench/engine/wasm_bench.mjs <wasm output dir> <models dir> [runs] [mt threads]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [wasmDir, modelsDir, runsArg = '100', threadsArg = '2'] = process.argv.slice(2);
if (!wasmDir || !modelsDir) {
  console.error('usage: node wasm_bench.mjs <wasm output dir> <models dir> [runs] [mt threads]');
  process.exit(2);
}
const runs = Number(runsArg);
const threads = Number(threadsArg);
const dir = path.resolve(wasmDir) + '/';
const models = ['face_detection_short_range', 'face_detection_full_range'];

async function load(variant) {
  const { default: create } = await import(pathToFileURL(dir + `emolens_${variant}.mjs`).href);
  return create({ locateFile: (p) => dir + p, emolensThreads: threads });
}

const results = {};
for (const variant of ['st', 'mt']) {
  const module = await load(variant);
  for (const name of models) {
    const manifest = readFileSync(path.join(modelsDir, name + '.json'), 'utf8');
    const weights = new Uint8Array(readFileSync(path.join(modelsDir, name + '.bin')));
    const r = module.engineBenchmark(manifest, weights, runs, variant === 'mt' ? threads : 1);
    if (!r.ok) throw new Error(`${variant} ${name}: ${r.error}`);
    (results[name] ??= {})[`wasm_${variant}_ms`] = r.medianMs;
  }
  if (module.PThread) module.PThread.terminateAllThreads();
}
console.log(JSON.stringify(results));
