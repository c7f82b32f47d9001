// `emolens bench`: the full-pipeline benchmark (bench/pipeline): median ms per 640x480 frame with
// one face and per group photo, for emolens st and mt and the peers Human and face-api, in one
// process. --json prints exactly one JSON object on stdout; progress goes to stderr.
import { parseCommandArgs, UsageError } from '../command-table.mjs';
import { runPipelineBench } from '../../bench/pipeline/run-bench.mjs';
import { METHOD_NAMES } from '../../bench/pipeline/methods.mjs';

export const summary = 'full-pipeline speed (detect + expression) of emolens st/mt against Human and face-api';

const HELP = `usage: emolens bench [--json] [--runs N] [--warmup N] [--methods a,b] [--threads N]
                     [--one-face PHOTO] [--group PHOTO] [--group-range full|short]

Median milliseconds per 640x480 frame (photos letterboxed) with one face and per group photo,
every method timed round-robin in this one process.
  --json              one JSON object on stdout: {"results": [{"name", "one_face_ms", "group_ms", ...}], ...}
  --runs N            timed iterations (default 20)
  --warmup N          untimed iterations first (default 3)
  --methods LIST      comma-separated subset of ${METHOD_NAMES.join(', ')} (default: all)
  --threads N         emolens-mt thread pool size (default: cores, at most 4)
  --one-face PHOTO    one-face photo: a name under <data>/photos or a path (default deepface_img2.jpg)
  --group PHOTO       group photo with >= 5 faces (default faceapijs_test_images_faces.jpg)
  --group-range R     emolens' detector on the group photo: full (default; the photo path, tiled
                      for faces down to 20 px) or short (the camera path: one 128x128 pass)
Data: $EMOLENS_DATA, else ../shared/data beside the repository.`;

function positiveInt(value, option, min) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${option} needs an integer >= ${min}, got '${value}'`);
  return n;
}

function table(report) {
  const rows = report.results.map((r) => [
    r.name, r.one_face_ms.toFixed(1), r.one_face_p90_ms.toFixed(1), fmtRatio(r.one_face_speedup_vs_fastest_peer),
    r.group_ms.toFixed(1), r.group_p90_ms.toFixed(1), fmtRatio(r.group_speedup_vs_fastest_peer),
    `${r.one_face_faces.join('/')} / ${r.group_faces.join('/')}`, r.runtime]);
  const head = ['method', 'one face ms', 'p90', 'vs peer', 'group ms', 'p90', 'vs peer', 'faces 1/group', 'runtime'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  const m = report.machine;
  return [
    `one face: ${report.frames.one_face.file}`,
    `group:    ${report.frames.group.file} (emolens detector range: ${report.group_range})`,
    `medians over ${report.runs} round-robin runs after ${report.warmup} warm-up; "vs peer" = fastest peer's median / this median (>1: faster)`,
    '',
    line(head),
    ...rows.map(line),
    '',
    ...report.results.filter((r) => r.one_face_detect_ms !== undefined).map((r) =>
      `${r.name} stages (medians): one face detect ${r.one_face_detect_ms.toFixed(1)} + classify ${r.one_face_classify_ms.toFixed(1)} ms; ` +
      `group detect ${r.group_detect_ms.toFixed(1)} + classify ${r.group_classify_ms.toFixed(1)} ms`),
    `machine: ${m.cpu}, ${m.cores} cores, ${m.platform}, Node ${m.node}; load average ${m.load_average_before.join(' ')} before, ${m.load_average.join(' ')} after`,
    ...report.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}

const fmtRatio = (x) => (x === null ? '-' : `${x.toFixed(2)}x`);

export async function run(args) {
  const { values } = parseCommandArgs(args, {
    json: { type: 'boolean' }, runs: { type: 'string' }, warmup: { type: 'string' }, methods: { type: 'string' },
    threads: { type: 'string' }, 'one-face': { type: 'string' }, group: { type: 'string' }, 'group-range': { type: 'string' },
  });
  const groupRange = values['group-range'] ?? 'full';
  if (!['full', 'short'].includes(groupRange)) throw new UsageError(`--group-range is full or short, got '${groupRange}'`);
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const methods = values.methods ? values.methods.split(',').map((s) => s.trim()) : METHOD_NAMES;
  for (const name of methods) {
    if (!METHOD_NAMES.includes(name)) throw new UsageError(`unknown method '${name}' (known: ${METHOD_NAMES.join(', ')})`);
  }
  const options = {
    runs: values.runs === undefined ? 20 : positiveInt(values.runs, '--runs', 1),
    warmup: values.warmup === undefined ? 3 : positiveInt(values.warmup, '--warmup', 0),
    threads: values.threads === undefined ? undefined : positiveInt(values.threads, '--threads', 1),
    methods,
    oneFace: values['one-face'],
    group: values.group,
    groupRange,
    log: (line) => process.stderr.write(`bench: ${line}\n`),
  };
  let report;
  try {
    report = await runPipelineBench(options);
  } catch (error) {
    if (error.name === 'EmolensError') throw error;
    process.stderr.write(`emolens bench: ${error.message}\n`);
    return 1;
  }
  process.stdout.write(values.json ? JSON.stringify(report) + '\n' : table(report) + '\n');
  for (const warning of report.warnings) if (values.json) process.stderr.write(`bench: warning: ${warning}\n`);
  return 0;
}
