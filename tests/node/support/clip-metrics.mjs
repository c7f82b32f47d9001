// Measurements over the analyzer's per-frame results on a clip: id stability and label flicker.
// A result is analyze()'s FrameResult ({ timestampMs, faces: [{ id, box, label, rawProbabilities }] }).

/** Intersection over union of two {x, y, width, height} boxes. */
export function iou(a, b) {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const inter = Math.max(0, w) * Math.max(0, h);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** The label with the highest probability in an {emotion: p} object. */
export function argmaxLabel(probabilities) {
  return Object.keys(probabilities).reduce((best, label) => (probabilities[label] > probabilities[best] ? label : best));
}

/** The face with the largest box, or null. */
export function largestFace(faces) {
  return faces.reduce((best, f) => (!best || f.box.width * f.box.height > best.box.width * best.box.height ? f : best), null);
}

/** The face the detector is surest of, or null. */
export function surestFace(faces) {
  return faces.reduce((best, f) => (!best || f.score > best.score ? f : best), null);
}

/** How many times the value differs from the one before it (nulls, i.e. gaps, are skipped). */
export function countChanges(values) {
  let changes = 0;
  let previous = null;
  for (const value of values) {
    if (value === null) continue;
    if (previous !== null && value !== previous) changes++;
    previous = value;
  }
  return changes;
}

/**
 * Id stability between consecutive results: faces of frame t and t+1 are paired one to one,
 * highest IoU first, when IoU > minIou (the same person by any reasonable standard); a pair
 * "keeps" when both carry the same id. → { pairs, kept, switches: [{ index, from, to, iou }] }.
 */
export function idKeepingPairs(results, minIou) {
  let pairs = 0;
  const switches = [];
  for (let t = 1; t < results.length; t++) {
    const before = results[t - 1].faces;
    const after = results[t].faces;
    const candidates = [];
    for (let i = 0; i < before.length; i++) {
      for (let j = 0; j < after.length; j++) {
        const overlap = iou(before[i].box, after[j].box);
        if (overlap > minIou) candidates.push({ i, j, overlap });
      }
    }
    candidates.sort((a, b) => b.overlap - a.overlap);
    const usedBefore = new Set();
    const usedAfter = new Set();
    for (const { i, j, overlap } of candidates) {
      if (usedBefore.has(i) || usedAfter.has(j)) continue;
      usedBefore.add(i);
      usedAfter.add(j);
      pairs++;
      if (before[i].id !== after[j].id) switches.push({ index: t, from: before[i].id, to: after[j].id, iou: overlap });
    }
  }
  return { pairs, kept: pairs - switches.length, switches };
}
