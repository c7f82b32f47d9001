// EXIF orientation in Chromium: the page decodes a photo for display with createImageBitmap (as
// web/app/photo-session.js and the widget do), the analyzer decodes it in wasm; for every EXIF
// orientation both must give the same upright picture, so the analyzer's boxes fit what is shown.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { launchBrowser, serveDist } from './support/browser.mjs';
import { storedFor, taggedJpeg } from '../node/support/exif-jpeg.mjs';
import { dataDir } from '../node/support/paths.mjs';

const PHOTO = path.join(dataDir, 'photos/faceapijs_examples_images_bbt2.jpg');
const skip = !fs.existsSync(PHOTO) && `${PHOTO} is absent (no ../shared/data)`;

test('for all 8 EXIF orientations the browser shows the picture the analyzer analyses', { skip }, async () => {
  const upright = jpeg.decode(fs.readFileSync(PHOTO), { useTArray: true });
  const files = [1, 2, 3, 4, 5, 6, 7, 8].map((orientation) => ({
    orientation,
    base64: taggedJpeg(storedFor(upright, orientation), orientation, { bigEndian: orientation > 4 }).toString('base64'),
  }));
  const server = await serveDist();
  const browser = await launchBrowser({ camera: 'deny' });
  try {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    const rows = await page.evaluate(async (files) => {
      const { createAnalyzer } = await import('/wasm/emolens.mjs');
      const analyzer = await createAnalyzer({ variant: 'st' });
      const out = [];
      for (const { orientation, base64 } of files) {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const ours = analyzer.decodeImage(bytes);
        const result = await analyzer.analyzeImage(bytes);
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }), { imageOrientation: 'from-image' });
        const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
        context.drawImage(bitmap, 0, 0);
        const shown = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
        let sum = 0;
        const comparable = bitmap.width === ours.width && bitmap.height === ours.height;
        for (let i = 0; comparable && i < shown.length; ++i) if (i % 4 !== 3) sum += Math.abs(shown[i] - ours.data[i]);
        out.push({ orientation, shown: [bitmap.width, bitmap.height], decoded: [ours.width, ours.height],
          analysed: [result.width, result.height], meanDiff: comparable ? sum / (shown.length * 0.75) : null });
      }
      analyzer.dispose();
      return out;
    }, files);
    for (const row of rows) {
      const message = JSON.stringify(row);
      assert.deepEqual(row.shown, [upright.width, upright.height], message);
      assert.deepEqual(row.decoded, row.shown, message);
      assert.deepEqual(row.analysed, row.shown, message);
      // Chromium's JPEG decoder and stb's differ by rounding only; a flip or turn would differ by tens.
      assert.ok(row.meanDiff < 1, message);
    }
  } finally {
    await browser.close();
    await server.close();
  }
});
