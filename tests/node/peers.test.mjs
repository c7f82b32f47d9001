// The peers harness (peers/): each peer runs on TF.js wasm (SIMD, one thread), classifies a
// crop into our seven probabilities, and finds the face in a real photo.
import test, { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { decodeImageFile } from '../../peers/decode-image.mjs';
import { rgbaFromGrey } from '../../peers/image.mjs';
import { createPeer, EMOTIONS, PEER_NAMES } from '../../peers/index.mjs';
import { dataDir, hasData } from './support/paths.mjs';

const needsData = { skip: hasData ? false : 'skipped: ../shared/data absent' };
const PHOTO = 'faceapijs_examples_images_happy.jpg'; // one smiling face, 500x282

// A 48x48 grey crop with a face-ish layout: bright oval, dark eyes and mouth.
function syntheticCrop() {
  const grey = new Uint8Array(48 * 48);
  for (let y = 0; y < 48; y++) {
    for (let x = 0; x < 48; x++) {
      const inOval = ((x - 24) / 18) ** 2 + ((y - 24) / 22) ** 2 < 1;
      const eye = (y >= 17 && y <= 20) && ((x >= 14 && x <= 19) || (x >= 29 && x <= 34));
      const mouth = (y >= 33 && y <= 35) && x >= 17 && x <= 31;
      grey[y * 48 + x] = !inOval ? 40 : eye || mouth ? 30 : 190;
    }
  }
  return rgbaFromGrey(grey, 48, 48);
}

function assertDistribution(p) {
  assert.deepEqual(Object.keys(p).sort(), [...EMOTIONS].sort());
  for (const e of EMOTIONS) assert.ok(p[e] >= 0 && p[e] <= 1, `${e} = ${p[e]}`);
  const sum = EMOTIONS.reduce((s, e) => s + p[e], 0);
  assert.ok(Math.abs(sum - 1) < 1e-5, `sums to ${sum}`);
}

const argmax = (p) => EMOTIONS.reduce((a, b) => (p[b] > p[a] ? b : a));

for (const name of PEER_NAMES) {
  describe(name, () => {
    let peer;
    before(async () => { peer = await createPeer(name); });
    after(() => peer.dispose());

    test('runs on the wasm backend, SIMD binary, one thread', () => {
      assert.equal(peer.name, name);
      assert.deepEqual(peer.runtime, { backend: 'wasm', simd: true, threads: 1, wasmFile: 'tfjs-backend-wasm-simd.wasm' });
    });

    test('classifies a synthetic crop into seven probabilities summing to 1', async () => {
      assertDistribution(await peer.classifyCrop(syntheticCrop()));
    });

    test('finds the face in a real photo', needsData, async () => {
      const image = decodeImageFile(path.join(dataDir, 'photos', PHOTO));
      const faces = await peer.detectFaces(image);
      assert.ok(faces.length >= 1, 'no face found');
      const { box, score } = faces[0];
      assert.ok(score > 0 && score <= 1, `score ${score}`);
      assert.ok(box.width > 50 && box.height > 50, `box ${JSON.stringify(box)}`);
      assert.ok(box.x + box.width / 2 > 0 && box.x + box.width / 2 < image.width, 'box centre outside the photo');
    });

    test('analyze reads the smiling face as happy', needsData, async () => {
      const faces = await peer.analyze(decodeImageFile(path.join(dataDir, 'photos', PHOTO)));
      const best = faces.reduce((a, b) => (b.score > a.score ? b : a));
      assertDistribution(best.probabilities);
      assert.equal(argmax(best.probabilities), 'happy');
    });
  });
}

test('an unknown peer is refused with the list of known ones', () => {
  assert.throws(() => createPeer('opencv'), /unknown peer 'opencv' \(known: face-api, human\)/);
});
