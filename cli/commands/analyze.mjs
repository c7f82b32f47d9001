// emolens analyze: every face in image files through the wasm analyzer (photo mode), as a table,
// one JSON document or CSV. A file that cannot be analysed is reported and the run goes on; the
// exit code is 1 if any file failed.
import fs from 'node:fs';
import path from 'node:path';
import { writeAnnotatedPng } from '../annotate.mjs';
import { parseCommandArgs, UsageError } from '../command-table.mjs';
import { EMOTIONS } from '../../peers/emotions.mjs';
import { createProgress } from '../progress.mjs';
import { importEmolens } from '../../peers/emolens-dist.mjs';

export const summary = 'emotions of every face in image files or folders (table, --json or --csv; --annotate <dir>)';

const HELP = `usage: emolens analyze <files or folders> [--json | --csv] [--out file] [--annotate dir]

  Folders are searched recursively for .jpg, .jpeg and .png files; files named directly are tried
  whatever their name. Each image goes through createAnalyzer().analyzeImage (decoded in wasm,
  photo mode: the full-range detector, no smoothing across files).

  --json          one JSON document: {"files": [{file, width, height, faces: [...]} | {file, error}], ...}
  --csv           one row per face: file, face, x, y, width, height, label, confidence, then the
                  seven probabilities (angry disgust fear happy sad surprise neutral)
  --out <file>    write the output there instead of stdout
  --annotate <dir> write <dir>/<image name>.png with each face's box, label and confidence

  A file that cannot be read or decoded (corrupt, not an image, too large) is reported on stderr
  with its error code; the others are still analysed. Exit code 1 if any file failed.`;

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png']);
// Files above this are refused before reading: no photo is this big, and reading one into
// memory to find out is the failure this guards against.
const MAX_FILE_BYTES = 256 * 1024 * 1024;

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(full);
      return entry.isFile() && IMAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase()) ? [full] : [];
    });
}

// Inputs → files in order; a path that does not exist stays in the list and fails when read.
function listFiles(inputs) {
  return inputs.flatMap((input) => (fs.statSync(input, { throwIfNoEntry: false })?.isDirectory() ? walk(input) : [input]));
}

function readImageFile(file) {
  let size;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    throw Object.assign(new Error(`cannot read: ${error.code ?? error.message}`), { code: 'read_error' });
  }
  if (size > MAX_FILE_BYTES) {
    throw Object.assign(new Error(`${size} bytes, above the ${MAX_FILE_BYTES}-byte limit for an image file`),
      { code: 'image_too_large' });
  }
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw Object.assign(new Error(`cannot read: ${error.code ?? error.message}`), { code: 'read_error' });
  }
}

// A unique <dir>/<name>.png per input, even when two folders hold files of the same name.
function annotationNamer(dir) {
  const used = new Set();
  return (file) => {
    const base = path.basename(file, path.extname(file));
    let name = `${base}.png`;
    for (let k = 2; used.has(name); k++) name = `${base}-${k}.png`;
    used.add(name);
    return path.join(dir, name);
  };
}

const round = (value, digits = 4) => Number(value.toFixed(digits));

function faceRecord(face) {
  return {
    id: face.id,
    box: { x: round(face.box.x, 1), y: round(face.box.y, 1), width: round(face.box.width, 1), height: round(face.box.height, 1) },
    score: round(face.score),
    label: face.label,
    confidence: round(face.confidence),
    probabilities: Object.fromEntries(EMOTIONS.map((e) => [e, round(face.probabilities[e])])),
  };
}

function csvField(value) {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function formatCsv(records) {
  const header = ['file', 'face', 'x', 'y', 'width', 'height', 'label', 'confidence', ...EMOTIONS];
  const rows = records.flatMap((r) => (r.faces ?? []).map((f) => [
    r.file, f.id, f.box.x, f.box.y, f.box.width, f.box.height, f.label, f.confidence, ...EMOTIONS.map((e) => f.probabilities[e]),
  ]));
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

function formatTable(records) {
  const width = Math.min(60, Math.max(4, ...records.map((r) => r.file.length)));
  const lines = [`${'file'.padEnd(width)}  face  label     conf  box (x, y, width, height)`];
  for (const r of records) {
    const name = r.file.padEnd(width);
    if (r.error) lines.push(`${name}  error ${r.error.code}: ${r.error.message}`);
    else if (!r.faces.length) lines.push(`${name}  no face found (${r.width}x${r.height})`);
    for (const f of r.faces ?? []) {
      const box = [f.box.x, f.box.y, f.box.width, f.box.height].map((v) => Math.round(v)).join(', ');
      lines.push(`${name}  ${String(f.id).padStart(4)}  ${f.label.padEnd(8)} ${(100 * f.confidence).toFixed(0).padStart(4)}%  ${box}`);
    }
  }
  return lines.join('\n') + '\n';
}

export async function run(args) {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean' }, csv: { type: 'boolean' }, out: { type: 'string' }, annotate: { type: 'string' },
  }, { allowPositionals: true });
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (values.json && values.csv) throw new UsageError('--json and --csv exclude each other');
  if (!positionals.length) throw new UsageError('analyze needs at least one image file or folder');
  const files = listFiles(positionals);
  if (!files.length) throw new UsageError(`no .jpg, .jpeg or .png files in ${positionals.join(', ')}`);
  if (values.annotate) fs.mkdirSync(values.annotate, { recursive: true });

  const { createAnalyzer } = await importEmolens();
  const analyzer = await createAnalyzer();
  const variant = analyzer.variant;
  const annotationPath = values.annotate ? annotationNamer(values.annotate) : null;
  const progress = createProgress(files.length, { label: 'images' });
  const records = [];
  try {
    for (const file of files) {
      try {
        const bytes = readImageFile(file);
        const result = await analyzer.analyzeImage(bytes);
        const faces = result.faces.map(faceRecord);
        records.push({ file, width: result.width, height: result.height, faces });
        if (annotationPath) writeAnnotatedPng(annotationPath(file), analyzer.decodeImage(bytes), faces);
      } catch (error) {
        if (!error.code) throw error; // a bug, not a bad file
        records.push({ file, error: { code: error.code, message: error.message } });
        process.stderr.write(`${progress.clearLine()}emolens: ${file}: ${error.code}: ${error.message}\n`);
      }
      progress.tick();
    }
  } finally {
    progress.done();
    analyzer.dispose();
  }

  const failed = records.filter((r) => r.error).length;
  const faces = records.reduce((n, r) => n + (r.faces?.length ?? 0), 0);
  const output = values.json
    ? JSON.stringify({ files: records, summary: { files: records.length, failed, faces }, variant }, null, 2) + '\n'
    : values.csv ? formatCsv(records) : formatTable(records);
  if (values.out) fs.writeFileSync(values.out, output);
  else process.stdout.write(output);
  process.stderr.write(`emolens analyze: ${records.length} files, ${faces} faces, ${failed} failed\n`);
  return failed ? 1 : 0;
}
