// Peer: @vladmandic/face-api 1.7.15 (TinyFaceDetector + FaceExpressionNet) on the shared wasm backend.
import path from 'node:path';
import { toOurEmotions } from './emotions.mjs';
import { initWasmBackend, require, withRgbTensor } from './tfjs-wasm.mjs';

// The node-wasm build require()s @tensorflow/tfjs + tfjs-backend-wasm instead of bundling tfjs-node.
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
const modelDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');

// FaceExpressions' own order (src/faceExpressionNet/FaceExpressions.ts).
const LABELS = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'];
const SYNONYMS = { fearful: 'fear', disgusted: 'disgust', surprised: 'surprise' };

// TinyFaceDetectorOptions' documented defaults, spelled out: inputSize 416, scoreThreshold 0.5.
export const FACE_API_DETECTOR = { inputSize: 416, scoreThreshold: 0.5 };

const toBox = (b) => ({ x: b.x, y: b.y, width: b.width, height: b.height });

export async function createFaceApi() {
  const runtime = await initWasmBackend();
  await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
  await faceapi.nets.faceExpressionNet.loadFromDisk(modelDir);
  const options = new faceapi.TinyFaceDetectorOptions(FACE_API_DETECTOR);
  const probabilities = (expressions) => toOurEmotions(LABELS.map((l) => expressions[l]), LABELS, SYNONYMS);
  return {
    name: 'face-api',
    runtime,
    detectFaces: (image) => withRgbTensor(image, async (t) =>
      (await faceapi.detectAllFaces(t, options)).map((d) => ({ box: toBox(d.box), score: d.score }))),
    // FaceExpressionNet's own preprocessing: pad to square (centred), bilinear to 112x112,
    // subtract mean RGB (122.782, 117.001, 104.298), divide by 255; softmax output.
    classifyCrop: (image) => withRgbTensor(image, async (t) => probabilities(await faceapi.nets.faceExpressionNet.predictExpressions(t))),
    // Detection box cropped straight from the frame, no landmark alignment (withFaceLandmarks not used).
    analyze: (image) => withRgbTensor(image, async (t) =>
      (await faceapi.detectAllFaces(t, options).withFaceExpressions()).map((r) => ({
        box: toBox(r.detection.box), score: r.detection.score, probabilities: probabilities(r.expressions),
      }))),
    dispose: () => {
      faceapi.nets.tinyFaceDetector.dispose();
      faceapi.nets.faceExpressionNet.dispose();
    },
  };
}

