// Detection quality against WIDER-style ground truth: IoU matching, AP at IoU 0.5 (all-point
// precision envelope, as PASCAL VOC 2010+ and WIDER's own evaluation), and recall at one false
// positive per image, overall and by face height.
//
// Protocol (cli/README.md, "eval-detect"):
// - Faces flagged `invalid` and faces under TINY_FACE px tall are "ignore" regions: not counted as
//   misses, and a detection on one (IoU >= 0.5) is neither a hit nor a false positive.
// - A size bucket (by ground-truth height) scores like COCO's area ranges: faces outside the bucket
//   become ignore regions, and an unmatched detection whose height is outside the bucket is dropped.
// - Recall is read at one operating point per detector: the lowest score at which the whole set
//   (all valid faces) has at most one false positive per image; every bucket's recall is read there.

export const TINY_FACE = 16;    // px: below, beyond what a browser detector is meant for (data README)
export const SIZE_BUCKETS = {   // ground-truth face height in px: [min, max)
  small: [TINY_FACE, 32],
  medium: [32, 97],             // 32–96 inclusive (heights are whole pixels)
  large: [97, Infinity],
};
export const OVER_32 = [32, Infinity];  // the acceptance range: medium and large together

/** Intersection over union of two { x, y, width, height } boxes. */
export function boxIou(a, b) {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

const inRange = (height, [min, max]) => height >= min && height < max;

// Greedy matching in one image, best score first: each detection takes the unmatched counted face
// it overlaps most (IoU >= threshold); failing that it is ignored if it overlaps an ignore region
// or its own height is outside the range (so boxes under TINY_FACE never count), else it is a
// false positive.
// → [{ score, outcome: 'tp' | 'fp' | 'ignore' }] and the number of counted faces.
function matchImage(faces, detections, range, iouThreshold) {
  const counted = faces.map((f) => !f.invalid && f.height >= TINY_FACE && inRange(f.height, range));
  const taken = faces.map(() => false);
  const order = [...detections].sort((a, b) => b.score - a.score);
  const outcomes = order.map((d) => {
    let best = -1, bestIou = iouThreshold, overlapsIgnored = false;
    faces.forEach((face, k) => {
      const iou = boxIou(d.box, face);
      if (iou < iouThreshold) return;
      if (!counted[k]) overlapsIgnored = true;
      else if (!taken[k] && iou >= bestIou) { best = k; bestIou = iou; }
    });
    if (best >= 0) {
      taken[best] = true;
      return { score: d.score, outcome: 'tp' };
    }
    return { score: d.score, outcome: overlapsIgnored || !inRange(d.box.height, range) ? 'ignore' : 'fp' };
  });
  return { outcomes, positives: counted.filter(Boolean).length };
}

const FULL_RANGE = [TINY_FACE, Infinity];

// All-point interpolated AP: precision made non-increasing from the right, summed over recall steps.
function averagePrecision(ranked, positives) {
  if (positives === 0) return null;
  const precision = [], recall = [];
  let tp = 0, fp = 0;
  for (const r of ranked) {
    if (r.outcome === 'tp') tp++; else fp++;
    precision.push(tp / (tp + fp));
    recall.push(tp / positives);
  }
  for (let i = precision.length - 2; i >= 0; i--) precision[i] = Math.max(precision[i], precision[i + 1]);
  let ap = 0, previous = 0;
  recall.forEach((r, i) => { ap += (r - previous) * precision[i]; previous = r; });
  return ap;
}

// Scores all images for one height range → ranked tp/fp list (ignores dropped) and face count.
function rankRange(images, range, iouThreshold) {
  const ranked = [];
  let positives = 0;
  for (const image of images) {
    const m = matchImage(image.faces, image.detections, range, iouThreshold);
    positives += m.positives;
    for (const o of m.outcomes) if (o.outcome !== 'ignore') ranked.push(o);
  }
  ranked.sort((a, b) => b.score - a.score);
  return { ranked, positives };
}

// Lowest score threshold whose detections (score >= it) hold at most maxFalse false positives;
// equal scores are taken or left together. Infinity when even the best score group is too many.
function operatingThreshold(ranked, maxFalse) {
  let threshold = Infinity, fp = 0;
  for (let i = 0; i < ranked.length;) {
    let j = i, groupFp = 0;
    while (j < ranked.length && ranked[j].score === ranked[i].score) groupFp += ranked[j++].outcome === 'fp';
    if (fp + groupFp > maxFalse) break;
    fp += groupFp;
    threshold = ranked[i].score;
    i = j;
  }
  return threshold;
}

function rangeReport({ ranked, positives }, threshold) {
  const hits = ranked.filter((r) => r.outcome === 'tp');
  return {
    ap50: averagePrecision(ranked, positives),
    recall: positives ? hits.filter((r) => r.score >= threshold).length / positives : null,
    max_recall: positives ? hits.length / positives : null,  // at the lowest score the detector returned
    faces: positives,
  };
}

/**
 * images: [{ faces: [{ x, y, width, height, invalid }], detections: [{ box: { x, y, width, height }, score }] }]
 * → { ap50, recall, max_recall, faces, by_size: { small, medium, large }, over_32, tiny, counts }.
 */
export function evaluateDetections(images, { iouThreshold = 0.5, falsePositivesPerImage = 1 } = {}) {
  const all = rankRange(images, FULL_RANGE, iouThreshold);
  const threshold = operatingThreshold(all.ranked, falsePositivesPerImage * images.length);
  const report = (range) => rangeReport(rankRange(images, range, iouThreshold), threshold);
  const atThreshold = all.ranked.filter((r) => r.score >= threshold);
  const tinyFaces = images.reduce((n, im) => n + im.faces.filter((f) => !f.invalid && f.height < TINY_FACE).length, 0);
  return {
    ...rangeReport(all, threshold),
    by_size: Object.fromEntries(Object.entries(SIZE_BUCKETS).map(([name, range]) => [name, report(range)])),
    over_32: report(OVER_32),
    tiny: { faces: tinyFaces, recall: tinyRecall(images, threshold, iouThreshold) },
    counts: {
      images: images.length,
      detections: images.reduce((n, im) => n + im.detections.length, 0),
      invalid_faces: images.reduce((n, im) => n + im.faces.filter((f) => f.invalid).length, 0),
      tiny_faces: tinyFaces,
      threshold: Number.isFinite(threshold) ? threshold : null,
      true_positives: atThreshold.filter((r) => r.outcome === 'tp').length,
      false_positives: atThreshold.filter((r) => r.outcome === 'fp').length,
    },
  };
}

// Share of valid faces under TINY_FACE px found (IoU >= threshold) by a detection scoring at least
// the operating threshold; reported apart, never part of AP or recall.
function tinyRecall(images, threshold, iouThreshold) {
  let found = 0, total = 0;
  for (const image of images) {
    const kept = image.detections.filter((d) => d.score >= threshold);
    const tiny = image.faces.filter((f) => !f.invalid && f.height < TINY_FACE);
    total += tiny.length;
    found += tiny.filter((f) => kept.some((d) => boxIou(d.box, f) >= iouThreshold)).length;
  }
  return total ? found / total : null;
}
