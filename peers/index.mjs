// Peers measured against emolens, by name. Each peer: { name, runtime, detectFaces(image),
// classifyCrop(image), analyze(image), dispose() }; images are ImageData-like RGBA
// ({ data, width, height }); probabilities use EMOTIONS' labels.
import { createFaceApi } from './face-api.mjs';
import { createHuman } from './human.mjs';

export { EMOTIONS } from './emotions.mjs';

const FACTORIES = { 'face-api': createFaceApi, human: createHuman };
export const PEER_NAMES = Object.keys(FACTORIES);

export function createPeer(name) {
  const create = FACTORIES[name];
  if (!create) throw new Error(`unknown peer '${name}' (known: ${PEER_NAMES.join(', ')})`);
  return create();
}
