// `emolens analyze` through the command line: output formats, per-file errors that do not stop the
// run, annotated pictures, and usage errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import pngjs from 'pngjs';
import { EMOTIONS, PALETTE } from '../../web/shared/emotions.js';
import { plainPng, pngClaiming, runCli, tempDir } from './support/cli.mjs';
import { dataDir, hasData } from './support/paths.mjs';

const GROUP = path.join(dataDir, 'photos/faceapijs_test_images_faces.jpg'); // six faces
const noData = !fs.existsSync(GROUP) && `skipped: ${GROUP} absent (../shared/data or EMOLENS_DATA)`;

// A folder with good and bad files: a face-less PNG, a truncated PNG, a text file named .jpg, a
// PNG claiming 20000x20000 pixels, and (with the data) the group photo.
function mixedFolder(t) {
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'blank.png'), plainPng(64, 48));
  fs.writeFileSync(path.join(dir, 'corrupt.png'), plainPng(64, 48).subarray(0, 60));
  fs.writeFileSync(path.join(dir, 'notes.jpg'), 'this is a text file\n');
  fs.writeFileSync(path.join(dir, 'huge.png'), pngClaiming(20000, 20000));
  fs.writeFileSync(path.join(dir, 'readme.txt'), 'not an image name: skipped when walking the folder\n');
  if (!noData) fs.copyFileSync(GROUP, path.join(dir, 'group.jpg'));
  return dir;
}

test('bad files get a per-file error and exit 1, the good files are still analysed (--json)', (t) => {
  const dir = mixedFolder(t);
  const missing = path.join(dir, 'missing.png');
  const { code, stdout, stderr } = runCli(['analyze', dir, missing, '--json']);
  assert.equal(code, 1, stderr);
  const report = JSON.parse(stdout);
  const byName = Object.fromEntries(report.files.map((f) => [path.basename(f.file), f]));
  assert.deepEqual(Object.keys(byName).sort(),
    ['blank.png', 'corrupt.png', 'huge.png', 'missing.png', 'notes.jpg', ...(noData ? [] : ['group.jpg'])].sort());
  assert.equal(byName['corrupt.png'].error.code, 'corrupt_image');
  assert.equal(byName['notes.jpg'].error.code, 'unsupported_format');
  assert.equal(byName['huge.png'].error.code, 'image_too_large');
  assert.equal(byName['missing.png'].error.code, 'read_error');
  assert.deepEqual([byName['blank.png'].width, byName['blank.png'].height, byName['blank.png'].faces], [64, 48, []]);
  for (const name of ['corrupt.png', 'notes.jpg', 'huge.png', 'missing.png']) {
    assert.match(stderr, new RegExp(`${name}: ${byName[name].error.code}: `), `stderr reports ${name}`);
  }
  assert.equal(report.summary.failed, 4);
  if (!noData) {
    const faces = byName['group.jpg'].faces;
    assert.ok(faces.length >= 5, `group photo: ${faces.length} faces`);
    for (const face of faces) {
      assert.ok(EMOTIONS.includes(face.label));
      assert.equal(face.confidence, Math.max(...Object.values(face.probabilities)));
      assert.ok(face.box.width > 20 && face.box.height > 20);
    }
  }
});

test('--csv: a header and one row per face with file, id, box, label, confidence and seven probabilities', { skip: noData }, (t) => {
  const dir = tempDir(t);
  fs.copyFileSync(GROUP, path.join(dir, 'group.jpg'));
  fs.writeFileSync(path.join(dir, 'blank.png'), plainPng(32, 32));
  const json = JSON.parse(runCli(['analyze', dir, '--json']).stdout);
  const { code, stdout } = runCli(['analyze', dir, '--csv']);
  assert.equal(code, 0);
  const [header, ...rows] = stdout.trimEnd().split('\n').map((line) => line.split(','));
  assert.deepEqual(header, ['file', 'face', 'x', 'y', 'width', 'height', 'label', 'confidence', ...EMOTIONS]);
  const faces = json.files.flatMap((f) => f.faces.map((face) => ({ file: f.file, ...face })));
  assert.equal(rows.length, faces.length, 'one row per face, none for the face-less file');
  rows.forEach((row, i) => {
    assert.equal(row.length, header.length);
    assert.equal(row[0], faces[i].file);
    assert.equal(Number(row[1]), faces[i].id);
    assert.equal(row[6], faces[i].label);
    const probabilities = row.slice(8).map(Number);
    assert.ok(Math.abs(probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-3);
    assert.equal(Number(row[7]), Math.max(...probabilities));
  });
});

test('--annotate writes one PNG per analysed input, the size of the input; --out takes the output', (t) => {
  const dir = tempDir(t);
  fs.mkdirSync(path.join(dir, 'a'));
  fs.mkdirSync(path.join(dir, 'b'));
  fs.writeFileSync(path.join(dir, 'a', 'same.png'), plainPng(40, 30));
  fs.writeFileSync(path.join(dir, 'b', 'same.png'), plainPng(50, 20));
  if (!noData) fs.copyFileSync(GROUP, path.join(dir, 'a', 'group.jpg'));
  const out = path.join(dir, 'annotated');
  const table = path.join(dir, 'table.txt');
  const { code, stdout } = runCli(['analyze', dir, '--annotate', out, '--out', table]);
  assert.equal(code, 0);
  assert.equal(stdout, '', 'the table went to --out');
  assert.match(fs.readFileSync(table, 'utf8'), /no face found \(40x30\)/);
  const sizes = Object.fromEntries(fs.readdirSync(out).map((name) => {
    const png = pngjs.PNG.sync.read(fs.readFileSync(path.join(out, name)));
    return [name, [png.width, png.height]];
  }));
  assert.deepEqual(sizes['same.png'], [40, 30]);
  assert.deepEqual(sizes['same-2.png'], [50, 20], 'a second file of the same name does not overwrite the first');
  if (!noData) {
    const png = pngjs.PNG.sync.read(fs.readFileSync(path.join(out, 'group.png')));
    const original = JSON.parse(runCli(['analyze', GROUP, '--json']).stdout).files[0];
    assert.deepEqual([png.width, png.height], [original.width, original.height]);
    // The first face's box outline is drawn in its label's colour of the page's palette, not left as the photo's pixels.
    const { box: { x, y, width }, label } = original.faces[0];
    const at = (4 * (Math.round(y) * png.width + Math.round(x + width / 2)));
    assert.deepEqual([...png.data.subarray(at, at + 3)], PALETTE[label], `box edge in ${label}'s colour`);
  }
});

test('usage errors exit 2 with one line', () => {
  for (const args of [['analyze', '--bogus', 'x.png'], ['analyze'], ['analyze', 'x.png', '--json', '--csv']]) {
    const { code, stdout, stderr } = runCli(args);
    assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
    assert.equal(stdout, '');
    assert.equal(stderr.trimEnd().split('\n').length, 1, `one line: ${stderr}`);
  }
});
