// Human 3.3.6 (its dist ESM, TF.js bundled) with the configuration peers/human.mjs uses in Node:
// BlazeFace short range + mini-Xception emotion, everything else off, no result cache, up to 100
// faces. detect(i): emotion off, box scale 1; full(i): emotion on, box scale 1.4 (Human's default).
import { Human } from '/npm/@vladmandic/human/dist/human.esm.js';
import { describeRuntime, WASM_PATH } from './tfjs-wasm.js';

const CONFIG = {
  backend: 'wasm', wasmPath: WASM_PATH, modelBasePath: '/npm/@vladmandic/human/models/', debug: false,
  warmup: 'none', cacheSensitivity: 0, filter: { enabled: false },
  gesture: { enabled: false }, body: { enabled: false }, hand: { enabled: false },
  object: { enabled: false }, segmentation: { enabled: false },
  face: {
    enabled: true,
    detector: { rotation: false, maxDetected: 100, minConfidence: 0.2, iouThreshold: 0.1, scale: 1.4 },
    mesh: { enabled: false }, iris: { enabled: false }, attention: { enabled: false },
    description: { enabled: false }, antispoof: { enabled: false }, liveness: { enabled: false },
    emotion: { enabled: true, minConfidence: 0 },
  },
};
const DETECT_ONLY = { face: { detector: { scale: 1 }, emotion: { enabled: false } } };
const DETECT_AND_EMOTION = { face: { detector: { scale: 1.4 }, emotion: { enabled: true } } };

export async function createMethod(frames) {
  const human = new Human(CONFIG);
  await human.load();
  await human.init();
  const faces = async (i, config) => {
    const result = await human.detect(frames[i], config);
    if (result.error) throw new Error(`human: ${result.error}`);
    return result.face.length;
  };
  return {
    runtime: `Human ${human.version}, ${await describeRuntime(human.tf)}`,
    detect: (i) => faces(i, DETECT_ONLY),
    full: async (i) => ({ faces: await faces(i, DETECT_AND_EMOTION) }),
  };
}
