// emolens against MediaPipe's own wasm, Human and face-api in one Chromium page (issue 19).
// Usage: node bench/browser/run.mjs [--json] [--runs N] [--warmup N] [--clip-frames N] [--no-camera]
// Two page runs: cross-origin isolated (emolens-mt and -st, the peers with threads where they have
// them) and not isolated (what a page without COOP/COEP gets: emolens-st, the peers single-threaded);
// then the app's whole camera path, isolated and not (camera-path.mjs). See README.md.
import { parseArgs } from 'node:util';
import { machineInfo, quantile } from '../pipeline/run-bench.mjs';
import { measureCameraPath } from './camera-path.mjs';
import { benchFrames } from './frames.mjs';
import { runBenchPage } from './page-run.mjs';

const METHODS = { isolated: ['emolens-mt', 'emolens-st', 'mediapipe', 'human', 'face-api'], plain: ['emolens-st', 'mediapipe', 'human', 'face-api'] };
// Faces each method should find: one in the one-face photo and in every clip frame, all six in the
// group photo (five accepted, as bench/pipeline does).
const EXPECTED = { one_face: [1, 1], clip: [1, 1], group: [5, 6] };

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    runs: { type: 'string', default: '1' },
    warmup: { type: 'string', default: '4' },
    'clip-frames': { type: 'string', default: '120' },
    'no-camera': { type: 'boolean', default: false },
  },
});
const count = (name, min) => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number >= ${min}, got ${args[name]}`);
  return value;
};
const runs = count('runs', 1);
const warmup = count('warmup', 0);
const clipFrames = count('clip-frames', 0);
const log = (line) => process.stderr.write(`${line}\n`);
const round = (ms) => (ms === null ? null : Number(ms.toFixed(2)));

/** A method's samples → medians, p90s and face counts per frame set (a histogram: count → frames). */
function summarise({ name, runtime, samples }) {
  const stat = (key) => {
    const values = samples.map((s) => s[key]).filter((v) => v !== null);
    return values.length ? { median: round(quantile(values, 0.5)), p90: round(quantile(values, 0.9)) } : { median: null, p90: null };
  };
  const faces = {};
  for (const s of samples) {
    const found = s.fullFaces ?? s.detectFaces;
    const histogram = (faces[s.set] ??= {});
    histogram[found] = (histogram[found] ?? 0) + 1;
  }
  const detect = stat('detectMs');
  const full = stat('fullMs');
  const outside = stat('outsideWasmMs');
  const wrong = Object.entries(faces).flatMap(([set, histogram]) => Object.keys(histogram).map(Number)
    .filter((n) => n < EXPECTED[set][0] || n > EXPECTED[set][1]).map((n) => `${histogram[n]} ${set} frame(s) with ${n} faces`));
  return {
    name, runtime, detect_ms: detect.median, detect_p90_ms: detect.p90, full_ms: full.median, full_p90_ms: full.p90,
    ...(outside.median === null ? {} : { outside_wasm_ms: outside.median }),
    faces, face_count_problems: wrong,
  };
}

async function pageRun(isolated, frames) {
  log(`page run, ${isolated ? 'cross-origin isolated' : 'not isolated'}: ${METHODS[isolated ? 'isolated' : 'plain'].join(', ')}`);
  const raw = await runBenchPage({
    isolated, frames, methods: METHODS[isolated ? 'isolated' : 'plain'], runs, warmup, log,
    timeoutMs: 60000 + 5000 * frames.meta.frames.length * runs,
  });
  if (raw.isolated !== isolated) throw new Error(`the page was ${raw.isolated ? '' : 'not '}cross-origin isolated, expected the opposite`);
  return {
    results: raw.methods.map(summarise), isolated, chromium: raw.chromium,
    hardware_concurrency: raw.hardwareConcurrency, external_requests: raw.external_requests.length,
  };
}

const ratio = (a, b) => (a && b ? Number((b / a).toFixed(2)) : null);

/** emolens against the acceptance of issue 19, from one page run. */
function acceptance(run) {
  const by = Object.fromEntries(run.results.map((r) => [r.name, r]));
  const emolens = by['emolens-mt'] ?? by['emolens-st'];
  return {
    emolens: emolens.name,
    detect_speedup_vs_mediapipe: ratio(emolens.detect_ms, by.mediapipe?.detect_ms),
    full_speedup_vs_human: ratio(emolens.full_ms, by.human?.full_ms),
    st_detect_speedup_vs_mediapipe: ratio(by['emolens-st']?.detect_ms, by.mediapipe?.detect_ms),
    st_full_speedup_vs_human: ratio(by['emolens-st']?.full_ms, by.human?.full_ms),
  };
}

function printTable(run) {
  console.log(`\n${run.isolated ? 'cross-origin isolated' : 'not isolated'} page, Chromium ${run.chromium}, ${run.external_requests} external requests`);
  console.log('| method | detect ms (p90) | detect + expression ms (p90) | faces (one face / group / clip) | runtime |');
  console.log('|---|---|---|---|---|');
  const cell = (m, p) => (m === null ? '—' : `${m} (${p})`);
  const hist = (h) => (h ? Object.entries(h).map(([n, k]) => (Object.keys(h).length === 1 ? n : `${n}×${k}`)).join(' ') : '—');
  for (const r of run.results) {
    console.log(`| ${r.name} | ${cell(r.detect_ms, r.detect_p90_ms)} | ${cell(r.full_ms, r.full_p90_ms)} | ${hist(r.faces.one_face)} / ${hist(r.faces.group)} / ${hist(r.faces.clip)} | ${r.runtime} |`);
  }
  const a = run.acceptance;
  console.log(`${a.emolens} detect vs MediaPipe: ${a.detect_speedup_vs_mediapipe}x (needs 1.5x); detect + expression vs Human: ${a.full_speedup_vs_human}x (needs 5x); st: ${a.st_detect_speedup_vs_mediapipe}x / ${a.st_full_speedup_vs_human}x`);
  for (const r of run.results.filter((x) => x.outside_wasm_ms !== undefined)) {
    console.log(`${r.name}: ${r.outside_wasm_ms} ms of each call outside wasm (the RGBA copy in, the result's JSON)`);
  }
  for (const r of run.results) for (const problem of r.face_count_problems) console.log(`warning: ${r.name}: ${problem}`);
}

const loadBefore = machineInfo().load_average;
const frames = benchFrames(clipFrames);
const isolatedRun = await pageRun(true, frames);
const plainRun = await pageRun(false, frames);
for (const run of [isolatedRun, plainRun]) run.acceptance = acceptance(run);
const camera = args['no-camera'] ? null : {
  isolated: await measureCameraPath({ isolated: true, log }),
  not_isolated: await measureCameraPath({ isolated: false, log }),
};
const machine = { ...machineInfo(), load_average_before: loadBefore };

if (args.json) {
  console.log(JSON.stringify({ ...isolatedRun, not_isolated: plainRun, camera, frames: frames.meta.frames.length, runs, warmup, machine }));
} else {
  printTable(isolatedRun);
  printTable(plainRun);
  for (const [label, c] of Object.entries(camera ?? {})) {
    console.log(`camera path (${label}, ${c.variant}): ${c.analysed_fps} frames analysed/s of ${c.presented_fps} presented; main thread ${c.main_thread_ms_per_analysed} ms per analysed frame (${c.main_thread_busy_percent}% busy); ${c.external_requests} external requests`);
  }
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, load ${machine.load_average_before.join(' ')} before, ${machine.load_average.join(' ')} after`);
}
if ([isolatedRun, plainRun].some((r) => r.external_requests > 0) || Object.values(camera ?? {}).some((c) => c.external_requests > 0)) {
  log('error: requests to outside the machine were made (and failed)');
  process.exitCode = 1;
}
