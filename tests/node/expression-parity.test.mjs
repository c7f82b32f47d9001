// The exported expression model run by the wasm build (st and mt) matches PyTorch on the 200
// validation crops of tests/fixtures/expression_parity.* (written by training/export.py).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { importEmolens, repoRoot } from './support/paths.mjs';

const { createClassifier } = await importEmolens();
const fixtures = path.join(repoRoot, 'tests/fixtures');
const fixture = JSON.parse(fs.readFileSync(path.join(fixtures, 'expression_parity.json'), 'utf8'));
const crops = new Uint8Array(fs.readFileSync(path.join(fixtures, fixture.inputs.file)));

const argmax = (values) => values.indexOf(Math.max(...values));

for (const variant of ['st', 'mt']) {
  test(`${variant}: logits within 1e-3 of PyTorch, same argmax, on ${fixture.images.length} crops`, async () => {
    const classifier = await createClassifier({ variant, threads: 2 });
    try {
      const results = classifier.classify(crops);
      assert.equal(results.length, fixture.images.length);
      let worst = 0;
      results.forEach(({ logits }, i) => {
        const expected = fixture.images[i].logits;
        logits.forEach((value, k) => { worst = Math.max(worst, Math.abs(value - expected[k])); });
        assert.equal(argmax(logits), argmax(expected), `argmax differs on ${fixture.images[i].path}`);
      });
      console.log(`# ${variant}: max |logit difference| ${worst.toExponential(2)}`);
      assert.ok(worst <= 1e-3, `max |logit difference| ${worst}`);
    } finally {
      classifier.dispose();
    }
  });
}
