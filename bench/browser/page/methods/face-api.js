// face-api 1.7.15 (its dist ESM, TF.js bundled) as peers/face-api.mjs runs it in Node:
// TinyFaceDetector (input 416, score 0.5) + FaceExpressionNet. The frame becomes a tensor with
// tf.browser.fromPixels inside the timing, as emolens' copy into wasm memory is inside ours.
import * as faceapi from '/npm/@vladmandic/face-api/dist/face-api.esm.js';
import { describeRuntime, WASM_PATH } from './tfjs-wasm.js';

const MODELS = '/npm/@vladmandic/face-api/model/';

export async function createMethod(frames) {
  const { tf } = faceapi;
  tf.setWasmPaths(WASM_PATH);
  await tf.setBackend('wasm');
  await tf.ready();
  await faceapi.nets.tinyFaceDetector.loadFromUri(MODELS);
  await faceapi.nets.faceExpressionNet.loadFromUri(MODELS);
  const options = new faceapi.TinyFaceDetectorOptions();
  const withTensor = async (i, fn) => {
    const tensor = tf.browser.fromPixels(frames[i]);
    try { return await fn(tensor); } finally { tensor.dispose(); }
  };
  return {
    runtime: `face-api ${faceapi.version}, ${await describeRuntime(tf)}`,
    detect: (i) => withTensor(i, async (t) => (await faceapi.detectAllFaces(t, options)).length),
    full: (i) => withTensor(i, async (t) => ({ faces: (await faceapi.detectAllFaces(t, options).withFaceExpressions()).length })),
  };
}
