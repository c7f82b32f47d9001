// The full-pipeline benchmark: every method on the same two 640x480 frames in one process, timed
// round-robin (each iteration times every method once per frame, starting with a different method
// each time) so machine noise and GC pauses fall on all of them alike.
import os from 'node:os';
import { benchFrame, DEFAULT_PHOTOS } from './frames.mjs';
import { createMethod, METHOD_NAMES } from './methods.mjs';

export const KINDS = ['oneFace', 'group'];
export const MIN_GROUP_FACES = 5;

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (pos - lo);
}

function machineInfo() {
  const [load1, load5, load15] = os.loadavg();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    load_average: [load1, load5, load15].map((v) => Number(v.toFixed(2))),
  };
}

const PEERS = ['human', 'face-api'];

// Each result's speed-up against the fastest peer of this run (fastest peer median / its median):
// > 1 is faster than that peer. Null when no peer was measured.
function addSpeedups(results) {
  for (const [kind, key] of [['one_face', 'one_face_ms'], ['group', 'group_ms']]) {
    const peers = results.filter((r) => PEERS.includes(r.name));
    const fastest = peers.length ? Math.min(...peers.map((r) => r[key])) : null;
    for (const r of results) r[`${kind}_speedup_vs_fastest_peer`] = fastest === null ? null : Number((fastest / r[key]).toFixed(2));
  }
}

/**
 * Runs the benchmark. options: runs, warmup, methods (names), threads (emolens-mt pool),
 * oneFace / group (photo names under <data>/photos or paths), log (progress lines, e.g. to stderr).
 * → { results: [{ name, runtime, one_face_ms, group_ms, one_face_p90_ms, group_p90_ms,
 *      one_face_faces, group_faces, one_face_speedup_vs_fastest_peer, group_speedup_vs_fastest_peer }], frames, runs, warmup, machine, warnings }
 */
export async function runPipelineBench(options = {}) {
  const runs = options.runs ?? 20;
  const warmup = options.warmup ?? 3;
  const names = options.methods ?? METHOD_NAMES;
  const log = options.log ?? (() => {});
  const frames = {
    oneFace: benchFrame(options.oneFace ?? DEFAULT_PHOTOS.oneFace),
    group: benchFrame(options.group ?? DEFAULT_PHOTOS.group),
  };
  const loadBefore = machineInfo().load_average;

  const methods = [];
  try {
    for (const name of names) {
      log(`loading ${name}`);
      methods.push(await createMethod(name, { threads: options.threads }));
    }
    const times = methods.map(() => ({ oneFace: [], group: [] }));
    const faces = methods.map(() => ({ oneFace: new Set(), group: new Set() }));
    for (let iteration = 0; iteration < warmup + runs; iteration++) {
      if (iteration % 5 === 0) log(`iteration ${iteration + 1}/${warmup + runs}${iteration < warmup ? ' (warm-up)' : ''}`);
      for (const kind of KINDS) {
        for (let k = 0; k < methods.length; k++) {
          const m = (iteration + k) % methods.length;
          methods[m].prepare(kind);
          const start = performance.now();
          const found = await methods[m].analyze(kind, frames[kind].image);
          const elapsed = performance.now() - start;
          faces[m][kind].add(found);
          if (iteration >= warmup) times[m][kind].push(elapsed);
        }
      }
    }

    const results = methods.map((method, m) => {
      const summary = (kind) => ({ median: quantile(times[m][kind], 0.5), p90: quantile(times[m][kind], 0.9) });
      const one = summary('oneFace');
      const group = summary('group');
      return {
        name: method.name,
        runtime: method.runtime,
        one_face_ms: Number(one.median.toFixed(2)),
        group_ms: Number(group.median.toFixed(2)),
        one_face_p90_ms: Number(one.p90.toFixed(2)),
        group_p90_ms: Number(group.p90.toFixed(2)),
        one_face_faces: [...faces[m].oneFace].sort((a, b) => a - b),
        group_faces: [...faces[m].group].sort((a, b) => a - b),
      };
    });
    addSpeedups(results);
    const warnings = [];
    for (const r of results) {
      if (r.one_face_faces.some((n) => n !== 1)) warnings.push(`${r.name} found ${r.one_face_faces.join('/')} faces in the one-face frame (expected 1)`);
      if (r.group_faces.some((n) => n < MIN_GROUP_FACES)) warnings.push(`${r.name} found ${r.group_faces.join('/')} faces in the group frame (expected >= ${MIN_GROUP_FACES})`);
    }
    return {
      results,
      frames: Object.fromEntries(KINDS.map((kind) => [kind === 'oneFace' ? 'one_face' : 'group', { file: frames[kind].file, width: frames[kind].image.width, height: frames[kind].image.height }])),
      runs,
      warmup,
      machine: { ...machineInfo(), load_average_before: loadBefore },
      warnings,
    };
  } finally {
    for (const method of methods) method.dispose();
  }
}
