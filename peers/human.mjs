// Peer: @vladmandic/human 3.3.6 (BlazeFace + oarriaga mini-Xception emotion) on the shared wasm backend.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { toOurEmotions } from './emotions.mjs';
import { DETECT_AND_EMOTION, DETECT_ONLY, humanConfig } from './human-config.mjs';
import { initWasmBackend, require, tf, wasmDir, withRgbTensor } from './tfjs-wasm.mjs';

// The package's "exports" map spells its subpaths without "./", so Node refuses
// '@vladmandic/human/dist/human.node-wasm.js'; reach the file next to the resolvable main build.
const distDir = path.dirname(require.resolve('@vladmandic/human'));
const { Human } = require(path.join(distDir, 'human.node-wasm.js'));
const modelBase = pathToFileURL(path.join(distDir, '..', 'models') + path.sep).href;

// Output order of the greyscale emotion model (src/gear/emotion.ts); already ours.
const LABELS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
const GREY_WEIGHTS = [0.2989, 0.5870, 0.1140]; // Human's constants.rgb

const CONFIG = humanConfig({ wasmPath: wasmDir, modelBasePath: modelBase });

const toBox = ([x, y, width, height]) => ({ x, y, width, height });

export async function createHuman() {
  const runtime = await initWasmBackend();
  const human = new Human(CONFIG);
  await human.load();
  const emotionModel = human.models.models.emotion;
  const inputSize = emotionModel.inputs[0].shape[2]; // 64
  return {
    name: 'human',
    runtime,
    detectFaces: (image) => withRgbTensor(image, async (t) =>
      (await human.detect(t, DETECT_ONLY)).face.map((f) => ({ box: toBox(f.box), score: f.boxScore }))),
    // Human's emotion preprocessing (src/gear/emotion.ts), run on the model directly to keep all
    // seven untruncated probabilities: RGB/255, bilinear to 64x64, grey = 0.2989R + 0.5870G + 0.1140B,
    // then (grey - 0.5) * 2; the model ends in softmax.
    classifyCrop: (image) => withRgbTensor(image, async (t) => {
      const out = tf.tidy(() => {
        const rgb = tf.image.resizeBilinear(tf.div(tf.expandDims(t, 0), 255), [inputSize, inputSize], false);
        const grey = tf.sum(tf.mul(rgb, GREY_WEIGHTS), 3, true);
        return emotionModel.execute(tf.mul(tf.sub(grey, 0.5), 2));
      });
      const values = await out.data();
      out.dispose();
      return toOurEmotions(values, LABELS);
    }),
    // Human's face pipeline: BlazeFace box enlarged 1.4x and squared, cropped to 128x128, emotion.
    // Its emotion scores come truncated to 2 decimals and capped at 0.99; toOurEmotions renormalises.
    analyze: (image) => withRgbTensor(image, async (t) =>
      (await human.detect(t, DETECT_AND_EMOTION)).face.map((f) => {
        const scores = Object.fromEntries(f.emotion.map((e) => [e.emotion, e.score]));
        return { box: toBox(f.box), score: f.boxScore, probabilities: toOurEmotions(LABELS.map((l) => scores[l] ?? 0), LABELS) };
      })),
    dispose: () => {
      for (const model of Object.values(human.models.models)) model?.dispose?.();
    },
  };
}
