// Human 3.3.6 (its dist ESM, TF.js bundled) with the configuration peers/human.mjs uses in Node
// (peers/human-config.mjs): BlazeFace short range + mini-Xception emotion, everything else off, no
// result cache, up to 100 faces. detect(i): emotion off, box scale 1; full(i): emotion on, box
// scale 1.4 (Human's default).
import { Human } from '/npm/@vladmandic/human/dist/human.esm.js';
import { DETECT_AND_EMOTION, DETECT_ONLY, humanConfig } from '/peers/human-config.mjs';
import { describeRuntime, WASM_PATH } from './tfjs-wasm.js';

export async function createMethod(frames) {
  const human = new Human(humanConfig({ wasmPath: WASM_PATH, modelBasePath: '/npm/@vladmandic/human/models/' }));
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
