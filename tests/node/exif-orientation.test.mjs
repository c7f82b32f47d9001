// A phone photo stored sideways with an EXIF Orientation tag: analyzeImage must see it upright, as
// browsers show it, so the faces are found and their boxes land where the page draws the picture.
// Each case stores a real photo turned the other way and tags it with the orientation that undoes
// that turn; the faces must come back in the same places as in the upright photo.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { storedFor, taggedJpeg, TIFF_AT, TIFF_FIELDS } from './support/exif-jpeg.mjs';
import { dataDir, hasData, importEmolens } from './support/paths.mjs';

const { createAnalyzer } = await importEmolens();
const PHOTO = path.join(dataDir, 'photos/faceapijs_examples_images_bbt2.jpg');  // 675x469, several faces
const skip = !hasData && 'skipped: ../shared/data absent (set EMOLENS_DATA)';

function iou(a, b) {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const inter = Math.max(0, w) * Math.max(0, h);
  return inter / (a.width * a.height + b.width * b.height - inter);
}

test('a photo tagged with any of the 8 EXIF orientations is analysed upright: same faces, same places', { skip }, async (t) => {
  const analyzer = await createAnalyzer({ variant: 'st' });
  try {
    const upright = analyzer.decodeImage(fs.readFileSync(PHOTO));
    // The reference goes through the same JPEG re-encoding as the tagged copies.
    const reference = await analyzer.analyzeImage(taggedJpeg(upright, null));
    assert.ok(reference.faces.length >= 3, `the group photo has faces (found ${reference.faces.length})`);
    for (const orientation of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const bigEndian = orientation % 2 === 0;
      const bytes = taggedJpeg(storedFor(upright, orientation), orientation, { bigEndian });
      const message = `orientation ${orientation} (${bigEndian ? 'MM' : 'II'})`;
      assert.equal(analyzer.decodeImage(bytes).orientation, orientation, message);
      const result = await analyzer.analyzeImage(bytes);
      assert.deepEqual([result.width, result.height], [upright.width, upright.height], message);
      assert.equal(result.faces.length, reference.faces.length, message);
      for (const face of reference.faces) {
        const best = Math.max(...result.faces.map((other) => iou(face.box, other.box)));
        assert.ok(best > 0.8, `${message}: the face at ${JSON.stringify(face.box)} is found again (best IoU ${best.toFixed(2)})`);
      }
    }
    // Without the tag the same stored pixels are analysed as stored: sideways, in another frame.
    const sideways = await analyzer.analyzeImage(taggedJpeg(storedFor(upright, 6), null));
    assert.deepEqual([sideways.width, sideways.height], [upright.height, upright.width]);
    t.diagnostic(`faces upright ${reference.faces.length}, the same photo stored sideways without its tag ${sideways.faces.length}`);
  } finally {
    analyzer.dispose();
  }
});

test('a malformed EXIF segment is ignored: the photo is analysed as stored, no error', { skip }, async () => {
  const analyzer = await createAnalyzer({ variant: 'st' });
  try {
    const upright = analyzer.decodeImage(fs.readFileSync(PHOTO));
    const good = taggedJpeg(upright, 6);
    const broken = {
      'IFD0 offset past the end': (b) => b.writeUInt32LE(0xfffffff0, TIFF_AT + TIFF_FIELDS.ifdOffset),
      'entry count 65535': (b) => b.writeUInt16LE(0xffff, TIFF_AT + TIFF_FIELDS.entryCount),
      'orientation 9': (b) => b.writeUInt16LE(9, TIFF_AT + TIFF_FIELDS.orientation),
      'not TIFF': (b) => b.write('XX', TIFF_AT, 'latin1'),
    };
    for (const [name, breakIt] of Object.entries(broken)) {
      const bytes = Buffer.from(good);
      breakIt(bytes);
      assert.equal(analyzer.decodeImage(bytes).orientation, 1, name);
      const result = await analyzer.analyzeImage(bytes);
      assert.deepEqual([result.width, result.height], [upright.width, upright.height], name);
    }
  } finally {
    analyzer.dispose();
  }
});
