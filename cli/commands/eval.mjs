// emolens eval: expression accuracy on an ImageFolder dataset through the wasm build, either on face
// crops (the classifier alone) or on whole photos (detect → align → classify), optionally with the
// peers (face-api, Human) on the same images in the same run.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandArgs, UsageError } from '../command-table.mjs';
import { writeConfusionPng } from '../eval/confusion-png.mjs';
import { DatasetError, readImageFolder, sampleItems } from '../eval/dataset.mjs';
import { summarize } from '../eval/metrics.mjs';
import { formatReport } from '../eval/report.mjs';
import { argmaxEmotion } from '../../peers/emotions.mjs';
import { createProgress } from '../progress.mjs';
import { importEmolens } from '../../peers/emolens-dist.mjs';

export const summary = 'expression accuracy on an ImageFolder dataset, crops or photos (--json, --peers: face-api, Human)';

const HELP = `usage: emolens eval --dataset <dir> --mode crops|photos [--json] [--peers] [--limit N] [--confusion-png file]

  --dataset <dir>   ImageFolder: <dir>/<label>/<image>, labels among angry disgust fear happy sad
                    surprise neutral (other folders are ignored and counted); an optional
                    <dir>/labels.csv with ferplus_* vote columns adds FER+ majority accuracy
  --mode crops      each image is a face crop: decoded, made grey and resized to the classifier
                    input in wasm (createClassifier().classifyImage)
  --mode photos     each image is a photo: analyzeImage finds, aligns and classifies every face; the
                    prediction is the face nearest the image centre; a photo without a face is a miss
  --json            exactly one JSON object on stdout (progress and errors go to stderr)
  --peers           also face-api and Human on the same images (crops: their classifyCrop with their
                    own preprocessing; photos: their full detect + expression pipeline)
  --limit N         a seeded random subset of N images (the same on every run)
  --confusion-png <file>  also draw emolens' confusion matrix into a PNG

Exit code 1 if an image could not be read or decoded (it is left out and listed).`;

const SEED = 1;
const distModels = fileURLToPath(new URL('../../dist/models/', import.meta.url));

// Photos mode predicts from one face per photo. The face nearest the centre, not the largest:
// labelled photo datasets frame the labelled person (LFW centres them by construction), while the
// largest box can be a bystander nearer the camera. Ties go to the larger face.
export const FACE_CHOICE = 'the face whose box centre is nearest the image centre (ties: the larger box)';
export function chooseFace(faces, width, height) {
  const distance = (f) => Math.hypot(f.box.x + f.box.width / 2 - width / 2, f.box.y + f.box.height / 2 - height / 2);
  return faces.reduce((best, f) => {
    if (!best) return f;
    const d = distance(f) - distance(best);
    return d < 0 || (d === 0 && f.box.width * f.box.height > best.box.width * best.box.height) ? f : best;
  }, null);
}

// Which model was evaluated: its file's hash (the coordinator may replace models/ at any time).
function modelIdentity(emolens) {
  const file = path.join(process.env.EMOLENS_DIST ? path.join(process.env.EMOLENS_DIST, 'models') : distModels, 'expression.bin');
  const sha256 = fs.existsSync(file) ? crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 16) : null;
  return { variant: emolens.variant, expression_model_sha256: sha256 };
}

// The systems under test behind one interface: predict(bytes, rgba) → a label, or null for no face.
async function createSystems(mode, withPeers) {
  const { createAnalyzer, createClassifier } = await importEmolens();
  const systems = [];
  if (mode === 'crops') {
    const classifier = await createClassifier();
    systems.push({
      name: 'emolens', info: { variant: classifier.variant },
      decode: (bytes) => classifier.decodeImage(bytes),
      predict: (bytes) => argmaxEmotion(classifier.classifyImage(bytes).probabilities),
      dispose: () => classifier.dispose(),
    });
  } else {
    const analyzer = await createAnalyzer();
    systems.push({
      name: 'emolens', info: { variant: analyzer.variant },
      decode: (bytes) => analyzer.decodeImage(bytes),
      predict: async (bytes) => {
        const result = await analyzer.analyzeImage(bytes);
        return chooseFace(result.faces, result.width, result.height)?.label ?? null;
      },
      dispose: () => analyzer.dispose(),
    });
  }
  if (withPeers) {
    const { createPeer, PEER_NAMES } = await import('../../peers/index.mjs');
    for (const name of PEER_NAMES) {
      const peer = await createPeer(name);
      systems.push({
        name, info: { runtime: peer.runtime },
        predict: mode === 'crops'
          ? async (bytes, rgba) => argmaxEmotion(await peer.classifyCrop(rgba))
          : async (bytes, rgba) => {
            const face = chooseFace(await peer.analyze(rgba), rgba.width, rgba.height);
            return face ? argmaxEmotion(face.probabilities) : null;
          },
        dispose: () => peer.dispose(),
      });
    }
  }
  return systems;
}

function parseLimit(text) {
  if (text === undefined) return 0;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number >= 1, not '${text}'`);
  return limit;
}

export async function run(args) {
  const { values } = parseCommandArgs(args, {
    dataset: { type: 'string' }, mode: { type: 'string' }, json: { type: 'boolean' }, peers: { type: 'boolean' },
    limit: { type: 'string' }, 'confusion-png': { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (!values.dataset) throw new UsageError('eval needs --dataset <ImageFolder dir>');
  if (values.mode !== 'crops' && values.mode !== 'photos') throw new UsageError(`eval needs --mode crops or --mode photos${values.mode ? `, not '${values.mode}'` : ''}`);
  const limit = parseLimit(values.limit);
  let dataset;
  try {
    dataset = readImageFolder(values.dataset);
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    process.stderr.write(`emolens: ${error.message}\n`);
    return 1;
  }
  const items = sampleItems(dataset.items, limit, SEED);
  const photos = values.mode === 'photos';

  const systems = await createSystems(values.mode, values.peers);
  const records = systems.map(() => []);
  const errors = [];
  const progress = createProgress(items.length, { label: 'images' });
  try {
    for (const item of items) {
      // emolens first: an image our decoder refuses is left out for every system.
      try {
        const bytes = fs.readFileSync(item.file);
        const ours = await systems[0].predict(bytes);
        const rgba = systems.length > 1 ? systems[0].decode(bytes) : null;
        const predictions = [ours];
        for (const system of systems.slice(1)) predictions.push(await system.predict(bytes, rgba));
        predictions.forEach((prediction, k) => records[k].push({ label: item.label, ferplus: item.ferplus, prediction }));
      } catch (error) {
        if (!error.code) throw error; // a bug, not a bad file
        errors.push({ file: item.relative, code: error.code, message: error.message });
        process.stderr.write(`${progress.clearLine()}emolens: ${item.file}: ${error.code}: ${error.message}\n`);
      }
      progress.tick();
    }
  } finally {
    progress.done();
    for (const system of systems) system.dispose();
  }

  const options = { photos, hasVotes: dataset.hasVotes };
  const report = {
    dataset: values.dataset, mode: values.mode,
    ...summarize(records[0], options),
    ...(photos ? { face_choice: FACE_CHOICE } : {}),
    available: dataset.items.length, limit: limit || null, seed: limit ? SEED : null,
    ignored: dataset.ignored, errors,
    emolens: modelIdentity(systems[0].info),
  };
  if (values.peers) {
    report.peers = Object.fromEntries(systems.slice(1).map((system, k) =>
      [system.name, { ...summarize(records[k + 1], options), ...system.info }]));
  }
  if (values['confusion-png']) {
    const name = path.resolve(values.dataset).split(path.sep).slice(-2).join('/');
    const title = `emolens on ${name} (${values.mode}): ` +
      `accuracy ${(100 * report.accuracy).toFixed(1)}% of ${report.n}`;
    writeConfusionPng(values['confusion-png'], report, title);
  }
  process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
  return errors.length ? 1 : 0;
}
