// `emolens eval`: the metrics against hand computations, the ImageFolder + labels.csv reader, and the
// command line in crops and photos mode on tiny datasets built in a temporary folder.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import pngjs from 'pngjs';
import { confusionMatrix, metricsFromConfusion, scorePredictions, summarize } from '../../cli/eval/metrics.mjs';
import { ferplusMajority, readImageFolder, sampleItems } from '../../cli/eval/dataset.mjs';
import { plainPng, runCli, tempDir } from './support/cli.mjs';
import { dataDir, dataSkip, importEmolens } from './support/paths.mjs';

const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
const FER_VALID = path.join(dataDir, 'fer/valid');
const LFW = path.join(dataDir, 'lfw');
const noFer = dataSkip(FER_VALID);
const noLfw = dataSkip(LFW);
const close = (actual, expected, what) => assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} != ${expected}`);

// Hand-made: happy 4 (3 right, 1 as sad), sad 3 (2 right, 1 as happy), angry 2 (1 right, 1 as sad).
const TRUTHS = ['happy', 'happy', 'happy', 'happy', 'sad', 'sad', 'sad', 'angry', 'angry'];
const PREDICTIONS = ['happy', 'happy', 'happy', 'sad', 'sad', 'sad', 'happy', 'angry', 'sad'];

test('metrics equal the hand computation on a hand-made confusion', () => {
  const m = scorePredictions(TRUTHS, PREDICTIONS);
  const row = (label) => m.confusion[EMOTIONS.indexOf(label)];
  assert.deepEqual(row('happy'), [0, 0, 0, 3, 1, 0, 0]);
  assert.deepEqual(row('sad'), [0, 0, 0, 1, 2, 0, 0]);
  assert.deepEqual(row('angry'), [1, 0, 0, 0, 1, 0, 0]);
  assert.equal(m.n, 9);
  close(m.accuracy, 6 / 9, 'accuracy');
  // happy: P 3/4, R 3/4; sad: P 2/4, R 2/3, F1 4/7; angry: P 1/1, R 1/2, F1 2/3.
  assert.deepEqual(m.per_class.happy, { precision: 0.75, recall: 0.75, f1: 0.75, support: 4 });
  close(m.per_class.sad.precision, 0.5, 'sad P');
  close(m.per_class.sad.recall, 2 / 3, 'sad R');
  close(m.per_class.sad.f1, 4 / 7, 'sad F1');
  close(m.per_class.angry.f1, 2 / 3, 'angry F1');
  assert.deepEqual(m.per_class.fear, { precision: 0, recall: 0, f1: 0, support: 0 });
  // Macro-F1 over the classes that occur (3 here), not all seven.
  close(m.macro_f1, (0.75 + 4 / 7 + 2 / 3) / 3, 'macro-F1');
  assert.deepEqual(m.labels, EMOTIONS);
});

test('a miss (no face) counts against accuracy and recall, not precision; truths outside the labels are skipped', () => {
  const c = confusionMatrix([...TRUTHS, 'sad', 'contempt'], [...PREDICTIONS, null, 'happy']);
  assert.equal(c.missed[EMOTIONS.indexOf('sad')], 1);
  const m = metricsFromConfusion(c);
  assert.equal(m.n, 10);
  close(m.accuracy, 0.6, 'accuracy');
  close(m.per_class.sad.recall, 0.5, 'sad R');
  close(m.per_class.sad.precision, 0.5, 'sad P');
  const records = [...TRUTHS, 'sad'].map((label, i) => ({ label, prediction: [...PREDICTIONS, null][i], ferplus: undefined }));
  const report = summarize(records, { photos: true });
  close(report.detection_rate, 0.9, 'detection rate');
  assert.equal(report.no_face.sad, 1);
  assert.equal(report.ferplus_accuracy, undefined, 'no votes, no FER+ figures');
});

test('FER+ figures use the images with a usable majority', () => {
  // Votes say: right, right, wrong, and one with no usable majority.
  const records = [
    { label: 'happy', ferplus: 'happy', prediction: 'happy' },
    { label: 'angry', ferplus: 'sad', prediction: 'sad' },
    { label: 'sad', ferplus: 'neutral', prediction: 'sad' },
    { label: 'fear', ferplus: null, prediction: 'fear' },
  ];
  const report = summarize(records, { hasVotes: true });
  close(report.accuracy, 0.75, 'FER2013 accuracy');
  assert.equal(report.ferplus_n, 3);
  close(report.ferplus_accuracy, 2 / 3, 'FER+ accuracy');
  assert.equal(report.ferplus_recall.neutral, 0);
});

test('FER+ majority: ties, contempt/unknown/NF winners and no votes give none', () => {
  const votes = (entries) => ({ ferplus_neutral: 0, ferplus_happiness: 0, ferplus_fear: 0, ferplus_contempt: 0, ferplus_NF: 0, ...entries });
  assert.equal(ferplusMajority(votes({ ferplus_happiness: 6, ferplus_neutral: 4 })), 'happy');
  assert.equal(ferplusMajority(votes({ ferplus_fear: 3, ferplus_neutral: 2 })), 'fear');
  assert.equal(ferplusMajority(votes({ ferplus_happiness: 4, ferplus_neutral: 4 })), null);
  assert.equal(ferplusMajority(votes({ ferplus_contempt: 5, ferplus_neutral: 4 })), null);
  assert.equal(ferplusMajority(votes({ ferplus_NF: 10 })), null);
  assert.equal(ferplusMajority(votes({})), null);
});

test('ImageFolder: label folders, ignored folders counted, votes joined by path; seeded subsets', (t) => {
  const dir = tempDir(t);
  for (const [folder, names] of Object.entries({ happy: ['a.png', 'b.PNG', 'c.txt'], sad: ['d.jpg'], contempt: ['e.png', 'f.png'] })) {
    fs.mkdirSync(path.join(dir, folder));
    for (const name of names) fs.writeFileSync(path.join(dir, folder, name), 'x');
  }
  const header = 'path,fer2013,ferplus_neutral,ferplus_happiness,ferplus_contempt';
  fs.writeFileSync(path.join(dir, 'labels.csv'), `${header}\nhappy/a.png,happy,1,9,0\nsad/d.jpg,sad,3,0,3\n`);
  const data = readImageFolder(dir);
  assert.deepEqual(data.items.map((i) => [i.relative, i.label, i.ferplus]),
    [['happy/a.png', 'happy', 'happy'], ['happy/b.PNG', 'happy', undefined], ['sad/d.jpg', 'sad', null]]);
  assert.deepEqual(data.ignored, { labels: { contempt: 2 }, files: 1 });
  assert.equal(data.hasVotes, true);
  const many = Array.from({ length: 50 }, (_, i) => i);
  const subset = sampleItems(many, 10, 1);
  assert.equal(subset.length, 10);
  assert.deepEqual(sampleItems(many, 10, 1), subset, 'the same seed gives the same subset');
  assert.deepEqual([...subset].sort((a, b) => a - b), subset, 'kept in order');
  assert.notDeepEqual(subset, many.slice(0, 10), 'not simply the first N');
  assert.throws(() => readImageFolder(path.join(dir, 'nope')), /cannot read dataset folder/);
});

// A tiny FER ImageFolder: the first two crops of each label, their labels.csv rows, a 'contempt'
// folder to ignore, and (optionally) one corrupt crop.
function tinyFer(t, { corrupt = false } = {}) {
  const dir = tempDir(t);
  const [header, ...lines] = fs.readFileSync(path.join(FER_VALID, 'labels.csv'), 'utf8').trim().split('\n');
  const rows = [];
  for (const label of EMOTIONS) {
    fs.mkdirSync(path.join(dir, label));
    for (const name of fs.readdirSync(path.join(FER_VALID, label)).sort().slice(0, 2)) {
      fs.copyFileSync(path.join(FER_VALID, label, name), path.join(dir, label, name));
      rows.push(lines.find((line) => line.startsWith(`${label}/${name},`)));
    }
  }
  fs.writeFileSync(path.join(dir, 'labels.csv'), [header, ...rows].join('\n') + '\n');
  fs.mkdirSync(path.join(dir, 'contempt'));
  fs.writeFileSync(path.join(dir, 'contempt', 'x.png'), plainPng(48, 48));
  if (corrupt) fs.writeFileSync(path.join(dir, 'sad', 'broken.png'), plainPng(48, 48).subarray(0, 50));
  return { dir, header: header.split(','), rows: rows.map((r) => r.split(',')) };
}

test('eval --mode crops --json: one JSON object whose confusion is the classifier\'s own predictions', { skip: noFer }, async (t) => {
  const { dir, header, rows } = tinyFer(t);
  const { code, stdout, stderr } = runCli(['eval', '--dataset', dir, '--mode', 'crops', '--json']);
  assert.equal(code, 0, stderr);
  const report = JSON.parse(stdout); // throws unless stdout is exactly one JSON document
  for (const key of ['n', 'accuracy', 'macro_f1', 'per_class', 'confusion', 'labels', 'ferplus_accuracy', 'ferplus_n']) {
    assert.ok(key in report, `has ${key}`);
  }
  assert.equal(report.detection_rate, undefined, 'no detection rate in crops mode');
  assert.equal(report.n, 14);
  assert.deepEqual(report.ignored.labels, { contempt: 1 });

  // The same crops through the JS API: the CLI's confusion must be exactly these predictions.
  const { createClassifier } = await importEmolens();
  const classifier = await createClassifier({ variant: 'st' });
  const expected = EMOTIONS.map(() => EMOTIONS.map(() => 0));
  let plusCorrect = 0, plusN = 0;
  const votes = header.map((c, i) => [c, i]).filter(([c]) => c.startsWith('ferplus_'));
  const VOTE_LABEL = { ferplus_neutral: 'neutral', ferplus_happiness: 'happy', ferplus_surprise: 'surprise', ferplus_sadness: 'sad',
    ferplus_anger: 'angry', ferplus_disgust: 'disgust', ferplus_fear: 'fear' };
  for (const row of rows) {
    const { probabilities } = classifier.classifyImage(fs.readFileSync(path.join(dir, row[0])));
    const predicted = EMOTIONS.reduce((a, b) => (probabilities[b] > probabilities[a] ? b : a));
    expected[EMOTIONS.indexOf(row[1])][EMOTIONS.indexOf(predicted)]++;
    const counts = votes.map(([c, i]) => [c, Number(row[i] || 0)]);
    const top = Math.max(...counts.map(([, n]) => n));
    const winners = counts.filter(([, n]) => n === top);
    if (top > 0 && winners.length === 1 && VOTE_LABEL[winners[0][0]]) {
      plusN++;
      plusCorrect += VOTE_LABEL[winners[0][0]] === predicted;
    }
  }
  classifier.dispose();
  assert.deepEqual(report.confusion, expected);
  const trace = EMOTIONS.reduce((s, _, i) => s + expected[i][i], 0);
  close(report.accuracy, trace / 14, 'accuracy');
  assert.equal(report.ferplus_n, plusN);
  close(report.ferplus_accuracy, plusCorrect / plusN, 'FER+ accuracy');
  for (const [i, label] of EMOTIONS.entries()) assert.equal(report.per_class[label].support, 2, label);
  close(report.macro_f1, EMOTIONS.reduce((s, l) => s + report.per_class[l].f1, 0) / 7, 'macro-F1');
});

test('eval --peers adds human and face-api with the same metrics on the same images', { skip: noFer }, (t) => {
  const { dir } = tinyFer(t);
  const { code, stdout, stderr } = runCli(['eval', '--dataset', dir, '--mode', 'crops', '--json', '--peers', '--limit', '5']);
  assert.equal(code, 0, stderr);
  const report = JSON.parse(stdout);
  assert.deepEqual(Object.keys(report.peers).sort(), ['face-api', 'human']);
  for (const peer of Object.values(report.peers)) {
    assert.equal(peer.n, 5);
    assert.equal(peer.ferplus_n, report.ferplus_n);
    for (const key of ['accuracy', 'macro_f1', 'per_class', 'confusion', 'labels', 'ferplus_accuracy']) assert.ok(key in peer, key);
  }
});

test('eval reports an unreadable image, leaves it out and exits 1', { skip: noFer }, (t) => {
  const { dir } = tinyFer(t, { corrupt: true });
  const { code, stdout, stderr } = runCli(['eval', '--dataset', dir, '--mode', 'crops', '--json']);
  assert.equal(code, 1);
  const report = JSON.parse(stdout);
  assert.equal(report.n, 14);
  assert.deepEqual(report.errors.map((e) => [e.file, e.code]), [[path.join('sad', 'broken.png'), 'corrupt_image']]);
  assert.match(stderr, /broken\.png: corrupt_image/);
});

test('eval --mode photos: a photo without a face is a miss; text report and confusion PNG', { skip: noLfw }, (t) => {
  const dir = tempDir(t);
  for (const label of ['happy', 'neutral']) {
    fs.mkdirSync(path.join(dir, label));
    const name = fs.readdirSync(path.join(LFW, label)).sort()[0];
    fs.copyFileSync(path.join(LFW, label, name), path.join(dir, label, name));
  }
  fs.writeFileSync(path.join(dir, 'neutral', 'blank.png'), plainPng(250, 250));
  const json = runCli(['eval', '--dataset', dir, '--mode', 'photos', '--json']);
  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout);
  assert.equal(report.n, 3);
  close(report.detection_rate, 2 / 3, 'detection rate');
  assert.equal(report.no_face.neutral, 1);
  assert.ok(report.accuracy <= 2 / 3, 'the miss counts as wrong');
  assert.equal(report.per_class.neutral.support, 2);

  const png = path.join(dir, 'confusion.png');
  const text = runCli(['eval', '--dataset', dir, '--mode', 'photos', '--confusion-png', png]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /photos mode\): 3 images/);
  assert.match(text.stdout, /confusion matrix/);
  assert.match(text.stdout, /faces found/);
  const image = pngjs.PNG.sync.read(fs.readFileSync(png));
  assert.ok(image.width > 400 && image.height > 300, `${image.width}x${image.height}`);
});

test('eval usage errors exit 2 with one line', (t) => {
  const dir = tempDir(t);
  for (const args of [
    ['eval', '--dataset', dir, '--mode', 'crops', '--bogus'],
    ['eval', '--mode', 'crops'],
    ['eval', '--dataset', dir, '--mode', 'faces'],
    ['eval', '--dataset', dir, '--mode', 'crops', '--limit', '0'],
  ]) {
    const { code, stdout, stderr } = runCli(args);
    assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
    assert.equal(stdout, '');
    assert.equal(stderr.trimEnd().split('\n').length, 1, `one line: ${stderr}`);
  }
  const empty = runCli(['eval', '--dataset', dir, '--mode', 'crops']);
  assert.equal(empty.code, 1);
  assert.match(empty.stderr, /no images in/);
});
