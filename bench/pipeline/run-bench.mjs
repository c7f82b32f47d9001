// The full-pipeline benchmark: every method on the same two 640x480 frames in one process, timed
// round-robin (each iteration times every method once per frame, starting with a different method
// each time) so machine noise and GC pauses fall on all of them alike.
import os from 'node:os';
import { benchFrame, DEFAULT_PHOTOS } from './frames.mjs';
import { createMethod, METHOD_NAMES } from './methods.mjs';

const KINDS = ['oneFace', 'group'];
const MIN_GROUP_FACES = 5;

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (pos - lo);
}

const round = (ms) => Number(ms.toFixed(2));

export function machineInfo() {
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
    for (const r of results) r[`${kind}_speedup_vs_fastest_peer`] = fastest === null ? null : round(fastest / r[key]);
  }
}

/**
 * Runs the benchmark. options: runs, warmup, methods (names), threads (emolens-mt pool),
 * groupRange (emolens' detector for the group photo: 'full', default, or 'short'),
 * oneFace / group (photo names under <data>/photos or paths), log (progress lines, e.g. to stderr).
 * → { results: [{ name, runtime, one_face_ms, group_ms, one_face_p90_ms, group_p90_ms,
 *      one_face_faces, group_faces, one_face_speedup_vs_fastest_peer, group_speedup_vs_fastest_peer,
 *      and for emolens {one_face,group}_{detect,classify}_ms }], frames, group_range, runs, warmup, machine, warnings }
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
      methods.push(await createMethod(name, { threads: options.threads, groupRange: options.groupRange }));
    }
    const times = methods.map(() => ({ oneFace: [], group: [] }));
    const stages = methods.map(() => ({ oneFace: { detectMs: [], classifyMs: [] }, group: { detectMs: [], classifyMs: [] } }));
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
          faces[m][kind].add(found.faces);
          if (iteration < warmup) continue;
          times[m][kind].push(elapsed);
          if (found.stages) for (const stage of ['detectMs', 'classifyMs']) stages[m][kind][stage].push(found.stages[stage]);
        }
      }
    }

    const results = methods.map((method, m) => {
      const summary = (kind) => ({ median: quantile(times[m][kind], 0.5), p90: quantile(times[m][kind], 0.9) });
      const one = summary('oneFace');
      const group = summary('group');
      // emolens' own stage timings (medians), to see where a frame's time goes.
      const stageFields = stages[m].oneFace.detectMs.length === 0 ? {} : {
        one_face_detect_ms: round(quantile(stages[m].oneFace.detectMs, 0.5)),
        one_face_classify_ms: round(quantile(stages[m].oneFace.classifyMs, 0.5)),
        group_detect_ms: round(quantile(stages[m].group.detectMs, 0.5)),
        group_classify_ms: round(quantile(stages[m].group.classifyMs, 0.5)),
      };
      return {
        name: method.name,
        runtime: method.runtime,
        one_face_ms: round(one.median),
        group_ms: round(group.median),
        one_face_p90_ms: round(one.p90),
        group_p90_ms: round(group.p90),
        one_face_faces: [...faces[m].oneFace].sort((a, b) => a - b),
        group_faces: [...faces[m].group].sort((a, b) => a - b),
        ...stageFields,
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
      group_range: options.groupRange ?? 'full',
      runs,
      warmup,
      machine: { ...machineInfo(), load_average_before: loadBefore },
      warnings,
    };
  } finally {
    for (const method of methods) method.dispose();
  }
}
