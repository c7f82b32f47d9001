// createClassifier().classifyImage / decodeImage: a face-crop file of any size is decoded, made grey
// and resized to the classifier input in wasm, the same path `emolens eval --mode crops` runs.
import test from 'node:test';
import assert from 'node:assert/strict';
import pngjs from 'pngjs';
import { importEmolens } from './support/paths.mjs';

const { createClassifier, createAnalyzer, EmolensError } = await importEmolens();

// A deterministic grey pattern of side x side (no data needed).
function greyPattern(side) {
  const grey = new Uint8Array(side * side);
  for (let i = 0; i < grey.length; i++) grey[i] = (i * 37 + ((i * i) >> 3)) & 255;
  return grey;
}

// grey (side x side) as an RGB PNG (R = G = B, so its luma is the grey value exactly), each pixel
// repeated `factor` x `factor` times.
function pngOf(grey, side, factor = 1) {
  const size = side * factor;
  const png = new pngjs.PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = grey[Math.floor(y / factor) * side + Math.floor(x / factor)];
      png.data.set([v, v, v, 255], (y * size + x) * 4);
    }
  }
  return pngjs.PNG.sync.write(png, { colorType: 2 });
}

function throwsCode(fn, code) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof EmolensError, `expected an EmolensError, got ${error}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

test('classifyImage on a crop-sized file equals classify on its grey pixels', async () => {
  const classifier = await createClassifier({ variant: 'st' });
  try {
    const grey = greyPattern(classifier.size);
    const fromFile = classifier.classifyImage(pngOf(grey, classifier.size));
    const [fromPixels] = classifier.classify(grey);
    assert.deepEqual(fromFile.logits, fromPixels.logits);
    assert.deepEqual(fromFile.probabilities, fromPixels.probabilities);
    const total = Object.values(fromFile.probabilities).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(total - 1) < 1e-5, `probabilities sum to ${total}`);
  } finally {
    classifier.dispose();
  }
});

test('classifyImage resizes a larger file to the classifier input (2:1 is an exact box average)', async () => {
  const classifier = await createClassifier({ variant: 'st' });
  try {
    const grey = greyPattern(classifier.size);
    const [expected] = classifier.classify(grey);
    const doubled = classifier.classifyImage(pngOf(grey, classifier.size, 2));
    assert.deepEqual(doubled.logits, expected.logits);
    const other = classifier.classifyImage(pngOf(greyPattern(classifier.size).reverse(), classifier.size, 2));
    assert.notDeepEqual(other.logits, expected.logits, 'different pixels give different logits');
  } finally {
    classifier.dispose();
  }
});

test('decodeImage returns the RGBA pixels; bad files are typed errors', async () => {
  const classifier = await createClassifier({ variant: 'st', maxPixels: 100 * 100 });
  try {
    const grey = greyPattern(8);
    const image = classifier.decodeImage(pngOf(grey, 8, 2));
    assert.equal(image.width, 16);
    assert.equal(image.height, 16);
    assert.deepEqual([...image.data.subarray(0, 8)], [grey[0], grey[0], grey[0], 255, grey[0], grey[0], grey[0], 255]);
    const file = pngOf(grey, 8, 20);  // 160x160, above maxPixels
    throwsCode(() => classifier.decodeImage(file), 'image_too_large');
    throwsCode(() => classifier.classifyImage(file), 'image_too_large');
    throwsCode(() => classifier.classifyImage(new TextEncoder().encode('not an image')), 'unsupported_format');
    throwsCode(() => classifier.decodeImage(pngOf(grey, 8).subarray(0, 60)), 'corrupt_image');
    throwsCode(() => classifier.classifyImage('a path'), 'invalid_argument');
    assert.equal(classifier.classifyImage(pngOf(greyPattern(classifier.size), classifier.size)).logits.length, 7, 'still usable');
  } finally {
    classifier.dispose();
  }
});

test('the analyzer decodes files as analyzeImage does', async () => {
  const analyzer = await createAnalyzer({ variant: 'st' });
  try {
    const image = analyzer.decodeImage(pngOf(greyPattern(4), 4, 3));
    assert.deepEqual([image.width, image.height, image.data.length], [12, 12, 12 * 12 * 4]);
    throwsCode(() => analyzer.decodeImage(new Uint8Array(0)), 'unsupported_format');
  } finally {
    analyzer.dispose();
  }
});
