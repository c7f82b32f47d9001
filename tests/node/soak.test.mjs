// Soak: 20,000 frames through one analyzer, st and mt, each in its own Node process (this file run
// with EMOLENS_SOAK_CHILD=<variant>): the wasm heap does not grow after warm-up, the mt worker pool
// keeps its size, and the process exits by itself after dispose() (no thread left behind). Also:
// analyzers created and disposed leave nothing behind, and the CLI over 1,000 files keeps its memory.
// Frames: the talking-head clip of ../shared/data/video (a real face), downscaled to 160x90 and
// played forwards and backwards; without the data, a synthetic frame (no face: the detector alone).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir, hasData, importEmolens, repoRoot } from './support/paths.mjs';

const FRAMES = Number(process.env.EMOLENS_SOAK_FRAMES ?? 20000);
const SAMPLE_EVERY = 1000;  // frames; the first sample ends the warm-up
const CLIP = path.join(dataDir, 'video/sihanwang_talking_head_640x360.mjpeg');
const SCALE = 4;            // 640x360 -> 160x90

/** The JPEG frames of a Motion-JPEG file (each starts with SOI FF D8 FF). */
function mjpegFrames(bytes) {
  const starts = [];
  for (let i = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff])); i >= 0; i = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]), i + 3)) starts.push(i);
  return starts.map((start, k) => bytes.subarray(start, starts[k + 1] ?? bytes.length));
}

/** Box-filter downscale of an RGBA image by an integer factor. */
function downscale({ data, width, height }, factor) {
  const w = Math.floor(width / factor), h = Math.floor(height / factor);
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; ++y) {
    for (let x = 0; x < w; ++x) {
      for (let c = 0; c < 4; ++c) {
        let sum = 0;
        for (let dy = 0; dy < factor; ++dy) {
          for (let dx = 0; dx < factor; ++dx) sum += data[((y * factor + dy) * width + x * factor + dx) * 4 + c];
        }
        out[(y * w + x) * 4 + c] = Math.round(sum / (factor * factor));
      }
    }
  }
  return { data: out, width: w, height: h };
}

function clipFrames(analyzer) {
  if (!hasData) {
    const data = new Uint8Array(160 * 90 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7) % 251));
    return [{ data, width: 160, height: 90 }];
  }
  const frames = mjpegFrames(fs.readFileSync(CLIP)).map((jpeg) => downscale(analyzer.decodeImage(jpeg), SCALE));
  return [...frames, ...frames.slice(1, -1).reverse()];  // forwards and back: the face never jumps
}

/** Bytes of wasm memory (mt: read from the shared memory itself, views may be stale after growth). */
const heapBytes = (module) => (module.wasmMemory ?? module.HEAPU8).buffer.byteLength;
const poolSize = (module) => (module.PThread ? module.PThread.runningWorkers.length + module.PThread.unusedWorkers.length : 0);

/** The child: runs the soak and prints one JSON line. Must exit by itself: nothing calls process.exit. */
async function soak(variant) {
  const { createAnalyzer } = await importEmolens();
  const analyzer = await createAnalyzer({ variant, threads: 2 });
  const frames = clipFrames(analyzer);
  const samples = [];
  let faces = 0;
  const start = performance.now();
  for (let i = 0; i < FRAMES; ++i) {
    faces += analyzer.analyze(frames[i % frames.length], (i * 1000) / 30).faces.length;
    if ((i + 1) % SAMPLE_EVERY === 0) {
      samples.push({ frame: i + 1, heap: heapBytes(analyzer.module), workers: poolSize(analyzer.module), tracks: analyzer.stats().tracks.length });
    }
  }
  const ms = performance.now() - start;
  const module = analyzer.module;
  analyzer.dispose();
  process.stdout.write(JSON.stringify({
    variant, frames: FRAMES, size: `${frames[0].width}x${frames[0].height}`, clipFrames: frames.length, faces,
    msPerFrame: ms / FRAMES, samples, runningAfterDispose: module.PThread ? module.PThread.runningWorkers.length : 0,
  }) + '\n');
}

/** Runs the soak of one variant in its own Node process; resolves with its exit and output. */
function soakChild(variant) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, EMOLENS_SOAK_CHILD: variant }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 20 * 60_000,
    });
    let stdout = '', stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

if (process.env.EMOLENS_SOAK_CHILD) {
  await soak(process.env.EMOLENS_SOAK_CHILD);
} else {
  // st and mt soak at the same time, each in its own process: half the wall time on two cores.
  const children = { st: soakChild('st'), mt: soakChild('mt') };
  for (const variant of ['st', 'mt']) {
    test(`${variant}: ${FRAMES} frames: the heap stays flat after warm-up, the pool keeps its size, the process exits after dispose`, async (t) => {
      if (!hasData) t.diagnostic(`${CLIP} absent: a synthetic frame without a face (the detector path only)`);
      const child = await children[variant];
      assert.equal(child.signal, null, `the soak process did not exit by itself (killed: ${child.signal})\n${child.stderr}`);
      assert.equal(child.status, 0, child.stderr);
      const report = JSON.parse(child.stdout.trim().split('\n').at(-1));
      const [warm, ...later] = report.samples;
      t.diagnostic(`${report.size} frames, ${report.msPerFrame.toFixed(2)} ms/frame, ${report.faces} faces in ${report.frames} frames; ` +
        `heap ${warm.heap} bytes after ${warm.frame} frames, ${report.samples.at(-1).heap} after ${report.samples.at(-1).frame}; ` +
        `workers ${warm.workers}; tracks in the statistics ${report.samples.map((s) => s.tracks).join(',')}`);
      for (const sample of later) {
        assert.equal(sample.heap, warm.heap, `the wasm heap grew after warm-up: ${JSON.stringify(sample)}`);
        assert.equal(sample.workers, warm.workers, `the worker pool changed: ${JSON.stringify(sample)}`);
      }
      if (variant === 'mt') assert.ok(warm.workers > 0, 'mt has its worker pool');
      assert.equal(report.runningAfterDispose, 0, 'dispose stops every worker');
      if (hasData) assert.ok(report.faces > report.frames * 0.8, `the face is found in most frames (${report.faces})`);
    });
  }

  test('analyzers created and disposed leave no process listeners (and so no module) behind', async () => {
    const { createAnalyzer } = await importEmolens();
    const listeners = () => process.listenerCount('uncaughtException') + process.listenerCount('unhandledRejection');
    const before = listeners();
    for (let i = 0; i < 6; ++i) {
      const analyzer = await createAnalyzer({ variant: i % 2 ? 'mt' : 'st', threads: 2 });
      analyzer.analyze({ data: new Uint8Array(64 * 48 * 4), width: 64, height: 48 }, 1);
      analyzer.dispose();
    }
    // Each of Emscripten's listeners held its whole module (about 7 MB) after dispose().
    assert.equal(listeners(), before);
  });

  test('the CLI over 1,000 files keeps its memory: peak RSS within a bound of its peak over 100', { timeout: 30 * 60_000 }, (t) => {
    const jpeg = hasData ? mjpegFrames(fs.readFileSync(CLIP))[0]
      : fs.readFileSync(path.join(repoRoot, 'tests/fuzz/corpus/image_decode/jpeg_16x12_420.jpg'));
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'emolens-soak-cli-'));
    // Prints the process's peak RSS at exit, however the CLI exits.
    const hook = 'data:text/javascript,process.on("exit",()=>process.stderr.write(`\\nmaxRSS=${process.resourceUsage().maxRSS}\\n`))';
    const run = (count) => {
      const dir = path.join(root, String(count));
      fs.mkdirSync(dir);
      for (let i = 0; i < count; ++i) fs.writeFileSync(path.join(dir, `frame${String(i).padStart(4, '0')}.jpg`), jpeg);
      const started = Date.now();
      const cli = spawnSync(process.execPath, ['--import', hook, path.join(repoRoot, 'cli/emolens.mjs'), 'analyze', dir, '--json'],
        { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 25 * 60_000 });
      assert.equal(cli.status, 0, cli.stderr.slice(-2000));
      const result = JSON.parse(cli.stdout);
      assert.equal(result.summary.files, count);
      if (hasData) assert.equal(result.summary.faces, count, 'one face per file');
      return { kb: Number(/maxRSS=(\d+)/.exec(cli.stderr)[1]), seconds: (Date.now() - started) / 1000 };
    };
    try {
      const hundred = run(100), thousand = run(1000);
      t.diagnostic(`peak RSS: ${hundred.kb} kB over 100 files (${hundred.seconds} s), ${thousand.kb} kB over 1000 (${thousand.seconds} s)`);
      // What may grow with the file count is the JSON kept for the output (well under 1 kB a file).
      assert.ok(thousand.kb <= hundred.kb * 1.1 + 8192, `peak RSS grew from ${hundred.kb} kB to ${thousand.kb} kB`);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
}
