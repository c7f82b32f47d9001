// Our seven labels (defined once, in web/shared/emotions.js), and mapping a peer's own label order onto them.
import { EMOTIONS } from '../web/shared/emotions.js';

export { EMOTIONS };

// theirLabels[i] is the peer's name for output i; synonyms maps those names to ours.
// → { angry, ..., neutral }, renormalised to sum to 1 (peers that round their output drift off 1).
export function toOurEmotions(values, theirLabels, synonyms = {}) {
  const out = Object.fromEntries(EMOTIONS.map((e) => [e, 0]));
  theirLabels.forEach((label, i) => {
    const ours = synonyms[label] ?? label;
    if (!(ours in out)) throw new Error(`unknown peer label ${label}`);
    out[ours] += values[i];
  });
  const sum = EMOTIONS.reduce((s, e) => s + out[e], 0);
  if (sum > 0) for (const e of EMOTIONS) out[e] /= sum;
  return out;
}

export const argmaxEmotion = (probabilities) => EMOTIONS.reduce((best, e) => (probabilities[e] > probabilities[best] ? e : best));
