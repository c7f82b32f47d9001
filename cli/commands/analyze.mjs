// emolens analyze: every face in image files (photo mode) and video files (every frame, tracking and
// smoothing on, decoded by ffmpeg) through the wasm analyzer, as a table, one JSON document or CSV,
// written as the run goes. A file that cannot be analysed is reported and the run goes on; the exit
// code is 1 if any file failed.
import fs from 'node:fs';
import path from 'node:path';
import { writeAnnotatedPng } from '../annotate.mjs';
import { createOutputWriter, createSink } from '../analyze-output.mjs';
import { parseCommandArgs, UsageError } from '../command-table.mjs';
import { EMOTIONS } from '../../peers/emotions.mjs';
import { createProgress } from '../progress.mjs';
import { analyzeVideoFile } from '../video/analyze-video.mjs';
import { isVideoOutput } from '../video/encode.mjs';
import { importEmolens } from '../../peers/emolens-dist.mjs';

export const summary = 'emotions of every face in image or video files or folders (table, --json or --csv; --annotate)';

const HELP = `usage: emolens analyze <files or folders> [--json | --csv] [--out file] [--annotate dir | out.mp4]
                       [--fps N] [--range short|full]

  Folders are searched recursively for images (.jpg .jpeg .png) and videos (.mp4 .webm .mkv .mov
  .avi .m4v .mjpeg ...); files named directly are tried whatever their name (JPEG/PNG by content,
  anything else as a video). Each image goes through createAnalyzer().analyzeImage (photo mode: the
  full-range detector, no smoothing across files). Each video is decoded by ffmpeg (Debian package
  'ffmpeg') and every frame goes through analyzer.analyzeVideo at the frame's own timestamp, with
  tracking and smoothing; videos above 3840x2160 are analysed scaled down (boxes in source pixels).

  --json          one JSON document: {"files": [{file, width, height, faces: [...]} | {file, error} |
                  {file, type: "video", ..., records: [{frame, time, track, box, label, confidence,
                  probabilities}], frames, tracks: [...]}], "summary": {...}, "variant"}
  --csv           one row per face: file, face, x, y, width, height, label, confidence, then the
                  seven probabilities (angry disgust fear happy sad surprise neutral); with videos
                  among the inputs, frame and time (s) follow file, and face is the track id
  (neither)       a table: a line per photo face, a per-track summary per video
  --out <file>    write the output there instead of stdout
  --annotate <p>  images: <p>/<image name>.png with each face's box, label and confidence; videos:
                  <p>/<video name>.mp4, or <p> itself when it ends in .mp4/.webm/.mkv/.mov (one video)
  --fps <N>       analyse N frames a second of each video (ffmpeg's fps filter) instead of every frame
  --range <r>     video detector: short (default; faces within ~2 m, fast) or full (small, distant faces)

  A file that cannot be read or decoded (corrupt, not an image, too large, audio only, truncated
  video) is reported on stderr with its error code; the others are still analysed (a truncated
  video keeps the frames before the damage). Exit code 1 if any file failed.`;

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png']);
const VIDEO_EXTENSIONS = new Set(['.mp4', '.m4v', '.webm', '.mkv', '.mov', '.avi', '.mjpeg', '.mjpg', '.ogv', '.mpg', '.mpeg', '.ts', '.gif']);
// Video frames above this are decoded scaled down (8K → 4K): the detectors see at most 192x192
// anyway, and a full 8K RGBA frame is 133 MB per copy.
const MAX_VIDEO_PIXELS = 3840 * 2160;
const MAX_FPS = 240;
// Files above this are refused before reading: no photo is this big, and reading one into
// memory to find out is the failure this guards against.
const MAX_FILE_BYTES = 256 * 1024 * 1024;

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(full);
      const ext = path.extname(entry.name).toLowerCase();
      return entry.isFile() && (IMAGE_EXTENSIONS.has(ext) || VIDEO_EXTENSIONS.has(ext)) ? [full] : [];
    });
}

// Inputs → files in order; a path that does not exist stays in the list and fails when read.
function listFiles(inputs) {
  return inputs.flatMap((input) => (fs.statSync(input, { throwIfNoEntry: false })?.isDirectory() ? walk(input) : [input]));
}

// JPEG (FF D8 FF) or PNG (89 'PNG') by content; a missing file, or a name saying image, goes the
// image way too (its error is the image reader's). Everything else is tried as a video.
function isVideo(file) {
  const ext = path.extname(file).toLowerCase();
  if (IMAGE_EXTENSIONS.has(ext)) return false;
  let head;
  try {
    const fd = fs.openSync(file, 'r');
    head = Buffer.alloc(4);
    fs.readSync(fd, head, 0, 4, 0);
    fs.closeSync(fd);
  } catch {
    return false;
  }
  const image = (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) || head.toString('latin1', 1, 4) === 'PNG';
  return !image;
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

// A unique <dir>/<name>.<ext> per input, even when two folders hold files of the same name.
function annotationNamer(dir) {
  const used = new Set();
  return (file, ext) => {
    const base = path.basename(file, path.extname(file));
    let name = `${base}.${ext}`;
    for (let k = 2; used.has(name); k++) name = `${base}-${k}.${ext}`;
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

function checkOptions(values, positionals) {
  if (values.json && values.csv) throw new UsageError('--json and --csv exclude each other');
  if (!positionals.length) throw new UsageError('analyze needs at least one image or video file or folder');
  if (values.fps !== undefined && !(Number(values.fps) > 0 && Number(values.fps) <= MAX_FPS)) {
    throw new UsageError(`--fps takes a number of frames per second above 0 and at most ${MAX_FPS}, got '${values.fps}'`);
  }
  if (values.range !== undefined && !['short', 'full'].includes(values.range)) {
    throw new UsageError(`--range is short or full, got '${values.range}'`);
  }
}

export async function run(args) {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean' }, csv: { type: 'boolean' }, out: { type: 'string' }, annotate: { type: 'string' },
    fps: { type: 'string' }, range: { type: 'string' },
  }, { allowPositionals: true });
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  checkOptions(values, positionals);
  const inputs = listFiles(positionals).map((file) => ({ file, video: isVideo(file) }));
  if (!inputs.length) throw new UsageError(`no image or video files in ${positionals.join(', ')}`);
  const videos = inputs.filter((input) => input.video).length;
  const annotateVideoFile = values.annotate && isVideoOutput(values.annotate);
  if (annotateVideoFile && (videos !== 1 || inputs.length !== 1)) {
    throw new UsageError(`--annotate ${values.annotate} names one video file: give exactly one video (or a folder for --annotate)`);
  }
  if (values.annotate && !annotateVideoFile) fs.mkdirSync(values.annotate, { recursive: true });

  const { createAnalyzer, createTrackSummary } = await importEmolens();
  const analyzer = await createAnalyzer(values.range === 'full' ? { range: 'full' } : {});
  const variant = analyzer.variant;
  const annotationPath = values.annotate && !annotateVideoFile ? annotationNamer(values.annotate) : null;
  const progress = createProgress(inputs.length, { label: 'files' });
  const sink = createSink(values.out ?? null);
  const output = createOutputWriter(values.json ? 'json' : values.csv ? 'csv' : 'table', sink,
    { variant, hasVideo: videos > 0, nameWidth: Math.max(...inputs.map((input) => input.file.length)) });
  const counts = { files: inputs.length, failed: 0, faces: 0, videos, frames: 0 };
  const report = (file, error) => {
    counts.failed++;
    process.stderr.write(`${progress.clearLine()}emolens: ${file}: ${error.code}: ${error.message}\n`);
  };
  try {
    for (const { file, video } of inputs) {
      if (video) {
        let started = false;
        try {
          const result = await analyzeVideoFile(analyzer, file, {
            fps: values.fps ? Number(values.fps) : null, maxPixels: MAX_VIDEO_PIXELS, createTrackSummary,
            annotate: annotateVideoFile ? values.annotate : annotationPath?.(file, 'mp4') ?? null,
            namedAsVideo: VIDEO_EXTENSIONS.has(path.extname(file).toLowerCase()),
            onStart: (meta) => { started = true; output.videoStart(file, meta); },
            onFrame: (records) => { counts.faces += records.length; output.videoFrame(records); },
          });
          counts.frames += result.frames;
          output.videoEnd(result);
          if (result.error) report(file, result.error);
        } catch (error) {
          if (!error.code || started) throw error; // a bug, not a bad file
          output.photo({ file, error: { code: error.code, message: error.message } });
          report(file, error);
        }
      } else {
        try {
          const bytes = readImageFile(file);
          const result = await analyzer.analyzeImage(bytes);
          const faces = result.faces.map(faceRecord);
          counts.faces += faces.length;
          output.photo({ file, width: result.width, height: result.height, faces });
          if (annotationPath) writeAnnotatedPng(annotationPath(file, 'png'), analyzer.decodeImage(bytes), faces);
        } catch (error) {
          if (!error.code) throw error; // a bug, not a bad file
          output.photo({ file, error: { code: error.code, message: error.message } });
          report(file, error);
        }
      }
      progress.tick();
    }
    output.end(counts);
  } finally {
    progress.done();
    sink.close();
    analyzer.dispose();
  }
  process.stderr.write(`emolens analyze: ${counts.files} files${videos ? ` (${videos} videos, ${counts.frames} frames)` : ''}, ` +
    `${counts.faces} faces, ${counts.failed} failed\n`);
  return counts.failed ? 1 : 0;
}
