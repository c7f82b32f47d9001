// The detectors eval-detect compares, behind one interface:
//   { name, settings, detect(imagePath) → { detections: [{ box, score }], ms } , dispose() }
// `ms` is the detector's own time on the decoded image (file decoding is not counted).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { importEmolens } from '../../peers/emolens-dist.mjs';
import { DatasetError } from './wider-gt.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

// emolens in photo mode. AP ranks every box by score, so the list has to reach low scores: 0.1
// instead of the analyzer's default 0.5 (on ../shared/data/wider, AP@0.5 78.2% at 0.1, 76.8% at
// 0.25, 70.6% at 0.5, before the face-box change). minFaceSize 16 matches the smallest faces the
// evaluation counts; maxFaces is the API's maximum.
export const EMOLENS_DETECT_OPTIONS = { range: 'full', minDetectionScore: 0.1, minFaceSize: 16, maxFaces: 256, smoothing: 0, threads: 1 };

export async function createEmolensDetector(options = EMOLENS_DETECT_OPTIONS) {
  const { createAnalyzer } = await importEmolens();
  const analyzer = await createAnalyzer(options);
  return {
    name: 'emolens',
    settings: { ...options, variant: analyzer.variant },
    async detect(imagePath) {
      const result = await analyzer.analyzeImage(fs.readFileSync(imagePath));
      return { detections: result.faces.map((f) => ({ box: f.box, score: f.score })), ms: result.timings.detectMs };
    },
    dispose: () => analyzer.dispose(),
  };
}

// face-api's TinyFaceDetector through peers/ (its defaults: inputSize 416, scoreThreshold 0.5).
export async function createFaceApiDetector() {
  const [{ createPeer }, { decodeImageFile }, { FACE_API_DETECTOR }] = await Promise.all([
    import('../../peers/index.mjs'), import('../../peers/decode-image.mjs'), import('../../peers/face-api.mjs')]);
  const peer = await createPeer('face-api');
  return {
    name: 'face-api-tiny',
    settings: { ...FACE_API_DETECTOR },
    async detect(imagePath) {
      const image = decodeImageFile(imagePath);
      const start = performance.now();
      const detections = await peer.detectFaces(image);
      return { detections, ms: performance.now() - start };
    },
    dispose: () => peer.dispose(),
  };
}

export function haarToolPath() {
  return process.env.EMOLENS_HAAR_DETECT ?? path.join(repoRoot, 'build/native/tools/haar_detect/haar_detect');
}

// OpenCV's Haar cascade in the native tools/haar_detect, one process for the whole run: paths go
// in on stdin, one JSON line per image comes back.
export async function createHaarDetector() {
  const tool = haarToolPath();
  if (!fs.existsSync(tool)) {
    throw new DatasetError(`${tool} is missing: build the native tools (scripts/build.sh, needs libopencv-dev and opencv-data)`);
  }
  const child = spawn(tool, [], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.on('close', resolve));
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    name: 'haar',
    settings: { cascade: 'haarcascade_frontalface_default.xml', scaleFactor: 1.1, minNeighbors: 3, equalizeHist: true },
    async detect(imagePath) {
      child.stdin.write(imagePath + '\n');
      const { value, done } = await lines.next();
      if (done) throw new DatasetError(`haar_detect stopped: ${stderr.trim().split('\n').pop() ?? 'no output'}`);
      const result = JSON.parse(value);
      if (result.error) throw new DatasetError(`haar_detect: ${imagePath}: ${result.error}`);
      return { detections: result.faces.map(({ score, ...box }) => ({ box, score })), ms: result.ms };
    },
    async dispose() {
      child.stdin.end();
      await exited;
    },
  };
}
