// emolens eval-detect: detector quality on a WIDER FACE-layout folder (images/ + gt.txt), our
// detector and, with --peers, OpenCV's Haar cascade and face-api's TinyFaceDetector on the same images.
import path from 'node:path';
import { parseCommandArgs, UsageError } from '../command-table.mjs';
import { createProgress } from '../progress.mjs';
import { evaluateDetections } from '../detect-eval/metrics.mjs';
import { createEmolensDetector, createFaceApiDetector, createHaarDetector } from '../detect-eval/detectors.mjs';
import { formatTable } from '../detect-eval/report.mjs';
import { DatasetError, loadWiderDataset } from '../detect-eval/wider-gt.mjs';

export const summary = 'detector AP@0.5 and recall at 1 FP/image on a WIDER-layout folder, by face size (--peers: Haar, face-api)';

const HELP = `usage: emolens eval-detect --dataset <dir> [--json] [--peers] [--limit N] [--half even|odd] [--iou T]

  --dataset <dir>  WIDER FACE layout: <dir>/images/... and <dir>/gt.txt (official bbx_gt format)
  --json           print one JSON object instead of the table
  --peers          also run OpenCV's Haar cascade (build/native/tools/haar_detect) and face-api's
                   TinyFaceDetector on the same images
  --limit N        only the first N images of gt.txt (of the half, with --half)
  --half even|odd  only the even- (0, 2, 4, ...) or odd-numbered images of gt.txt: the halves the
                   face-box shape was fitted on (even) and is checked on (odd)
  --iou T          IoU a detection needs to count as a hit (default 0.5, WIDER's); a lower value
                   shows how much of a miss is only a box drawn to another convention

Protocol: cli/README.md, section "eval-detect".`;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function evaluate(detectors, images, imagesDir, iouThreshold) {
  const runs = detectors.map(() => ({ images: [], ms: [] }));
  const progress = createProgress(images.length, { label: 'images' });
  for (const image of images) {
    for (const [k, detector] of detectors.entries()) {
      const { detections, ms } = await detector.detect(path.join(imagesDir, image.path));
      runs[k].images.push({ faces: image.faces, detections });
      runs[k].ms.push(ms);
    }
    progress.tick();
  }
  progress.done();
  return detectors.map((detector, k) => ({
    ...evaluateDetections(runs[k].images, { iouThreshold }),
    timing: { median_ms: median(runs[k].ms), mean_ms: runs[k].ms.reduce((a, b) => a + b, 0) / runs[k].ms.length },
    settings: detector.settings,
  }));
}

export async function run(args) {
  const { values } = parseCommandArgs(args, {
    dataset: { type: 'string' }, json: { type: 'boolean' }, peers: { type: 'boolean' }, limit: { type: 'string' },
    half: { type: 'string' }, iou: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (!values.dataset) throw new UsageError('eval-detect needs --dataset <dir> (WIDER layout: images/ + gt.txt)');
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  if (!Number.isInteger(limit) && limit !== Infinity) throw new UsageError(`--limit must be a whole number, not '${values.limit}'`);
  if (limit < 1) throw new UsageError('--limit must be at least 1');
  if (values.half !== undefined && values.half !== 'even' && values.half !== 'odd') {
    throw new UsageError(`--half must be even or odd, not '${values.half}'`);
  }
  const iou = values.iou === undefined ? 0.5 : Number(values.iou);
  if (!(iou > 0 && iou <= 1)) throw new UsageError(`--iou must be a number in (0, 1], not '${values.iou}'`);

  const detectors = [];
  try {
    const dataset = loadWiderDataset(values.dataset);
    const inHalf = (_, k) => values.half === undefined || (k % 2 === 0) === (values.half === 'even');
    const images = dataset.images.filter(inHalf).slice(0, limit);
    detectors.push(await createEmolensDetector());
    if (values.peers) detectors.push(await createHaarDetector(), await createFaceApiDetector());
    const [ours, ...peers] = await evaluate(detectors, images, dataset.imagesDir, iou);
    const report = {
      dataset: path.resolve(values.dataset),
      half: values.half ?? 'all',
      iou_threshold: iou,
      ...ours,
      ...(values.peers ? { peers: Object.fromEntries(peers.map((p, k) => [detectors[k + 1].name, p])) } : {}),
    };
    process.stdout.write((values.json ? JSON.stringify(report) : formatTable(report)) + '\n');
    return 0;
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    process.stderr.write(`emolens: eval-detect: ${error.message}\n`);
    return 1;
  } finally {
    for (const detector of detectors) await detector.dispose();
  }
}
