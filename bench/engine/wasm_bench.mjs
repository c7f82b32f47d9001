// Times our engine's wasm builds in Node on the BlazeFace models: prints one JSON object
// {"<model>": {"wasm_st_ms": .., "wasm_mt_ms": ..}} for bench_engine to merge.
//   node bench/engine/wasm_bench.mjs <bench module dir> <models dir> [runs] [mt threads]
// The bench module dir is where the wasm build wrote engine_bench_st.mjs and engine_bench_mt.mjs
// (build/wasm/bench/engine).
//
// Both variants load into this one process and take turns, a few runs each (a fresh engine, 3
// warm-ups, then the median of 5 runs), so load on a shared machine falls on st and mt alike; each
// figure is the median of those turns' medians. wasm_st_cpu_ms is st's CPU time per run (this
// process's CPU time over 25 runs less over 5, divided by 20): on a loaded machine, where elapsed
// time mostly measures waiting for a core, it is the figure to set against native CPU time
// (bench_engine --cpu-clock).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [wasmDir, modelsDir, runsArg = '100', threadsArg = '2'] = process.argv.slice(2);
if (!wasmDir || !modelsDir) {
  console.error('usage: node wasm_bench.mjs <bench module dir (build/wasm/bench/engine)> <models dir> [runs] [mt threads]');
  process.exit(2);
}
const runsPerTurn = 5;
const turns = Math.max(1, Math.ceil(Number(runsArg) / runsPerTurn));
const threads = Number(threadsArg);
const dir = path.resolve(wasmDir) + '/';
const models = ['face_detection_short_range', 'face_detection_full_range'];
const variants = ['st', 'mt'];

async function load(variant) {
  const { default: create } = await import(pathToFileURL(dir + `engine_bench_${variant}.mjs`).href);
  return create({ locateFile: (p) => dir + p, emolensThreads: threads });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const modules = {};
for (const variant of variants) modules[variant] = await load(variant);
const results = {};
for (const name of models) {
  const manifest = readFileSync(path.join(modelsDir, name + '.json'), 'utf8');
  const weights = new Uint8Array(readFileSync(path.join(modelsDir, name + '.bin')));
  const ms = { st: [], mt: [], st_cpu: [] };
  const cpuMs = (runs) => {
    const start = process.cpuUsage();
    modules.st.engineBenchmark(manifest, weights, runs, 1);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  for (let turn = 0; turn < turns; ++turn) {
    for (const variant of turn % 2 ? [...variants].reverse() : variants) {
      const r = modules[variant].engineBenchmark(manifest, weights, runsPerTurn, variant === 'mt' ? threads : 1);
      if (!r.ok) throw new Error(`${variant} ${name}: ${r.error}`);
      ms[variant].push(r.medianMs);
    }
    ms.st_cpu.push((cpuMs(25) - cpuMs(5)) / 20);
  }
  results[name] = { wasm_st_ms: median(ms.st), wasm_mt_ms: median(ms.mt), wasm_st_cpu_ms: median(ms.st_cpu) };
}
for (const variant of variants) if (modules[variant].PThread) modules[variant].PThread.terminateAllThreads();
console.log(JSON.stringify(results));
