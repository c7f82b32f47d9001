// Photo mode in Chromium: photos dropped, pasted or picked are analysed one after another, every
// face is listed, and files that are not usable photos get a clear message.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { downloadByClick, openAppPage } from './support/browser.mjs';
import { dropFileData as dropFiles } from './support/page-input.mjs';
import { dataDir } from '../node/support/paths.mjs';

const GROUP = path.join(dataDir, 'photos/faceapijs_examples_images_bbt4.jpg');  // six people, all facing the camera
const PAIR = path.join(dataDir, 'photos/face_recognition_examples_two_people.jpg');  // two people
const skip = !fs.existsSync(GROUP) && `${GROUP} is absent (no ../shared/data)`;

async function ready(page) {
  await page.waitForSelector('body[data-analysis="ready"]', { state: 'attached', timeout: 60000 });
}

const photosDone = (page, count) =>
  page.waitForFunction((n) => Number(document.body.dataset.photos) >= n, count, { timeout: 60000 });

/** A PNG whose header claims width x height (valid signature, IHDR and CRC; no pixel data). */
function pngHeader(width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const type = Buffer.from('IHDR');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([type, ihdr])));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), length, type, ihdr, crc]);
}

test('dropped photos are analysed in a row and every face of the group is listed', { skip }, async () => {
  const app = await openAppPage({ camera: 'deny' });
  const { page, errors } = app;
  try {
    await ready(page);
    await dropFiles(page, [
      { name: 'pair.jpg', type: 'image/jpeg', bytes: fs.readFileSync(PAIR) },
      { name: 'group.jpg', type: 'image/jpeg', bytes: fs.readFileSync(GROUP) },
    ]);
    await photosDone(page, 2);
    await page.waitForTimeout(300);
    await page.screenshot({ path: '/tmp/emolens-photo.png' });
    // The last photo is shown; the summary (aria-live) and the status line list its faces.
    const summary = await page.textContent('#emolens-summary');
    assert.match(summary, /^group\.jpg: 6 faces: /);
    assert.equal(summary.match(/(angry|disgust|fear|happy|sad|surprise|neutral) \d+%/g).length, 6);
    assert.match(await page.textContent('#emolens-status'), /^group\.jpg: 6 faces/);
    assert.equal(await page.evaluate(() => document.body.dataset.faces), '6');

    // Exports, through the panel's buttons (ImGui draws them: clicked where they are drawn at 1000x700,
    // in rows above the panel's lines of varying length; see /tmp/emolens-photo.png).
    const save = (x, y) => downloadByClick(page, x, y);
    const csv = await save(744, 228);
    assert.match(csv.name, /^emolens-photos-.*\.csv$/);
    const rows = csv.bytes.toString().trim().split('\n');
    assert.equal(rows[0], 'photo,face,x,y,width,height,score,label,confidence,angry,disgust,fear,happy,sad,surprise,neutral');
    assert.deepEqual(rows.slice(1).map((row) => row.split(',')[0]), [...Array(2).fill('pair.jpg'), ...Array(6).fill('group.jpg')]);
    const json = JSON.parse((await save(700, 228)).bytes);
    assert.deepEqual(json.map((photo) => [photo.name, photo.faces.length]), [['pair.jpg', 2], ['group.jpg', 6]]);
    const png = await save(843, 103);
    assert.equal(png.name, 'group-annotated.png');
    assert.equal(png.bytes.subarray(1, 4).toString(), 'PNG');
    // The image region only (the 710x473 photo shown at 600 px wide), without the panels.
    assert.deepEqual([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)], [600, 400]);
    fs.writeFileSync('/tmp/emolens-annotated.png', png.bytes);
    assert.deepEqual(errors, []);
  } finally {
    await app.close();
  }
});

test('a text file, a damaged JPEG and a huge PNG each get a clear message', { skip }, async () => {
  const app = await openAppPage({ camera: 'deny' });
  const { page, errors } = app;
  try {
    await ready(page);
    // Picked in the file dialog.
    await page.setInputFiles('#emolens-photo-input', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo\n') });
    await photosDone(page, 1);
    assert.equal(await page.evaluate(() => document.body.dataset.photoError), 'unsupported_format');
    assert.equal(await page.textContent('#emolens-status'), '"notes.txt" is not a JPEG or PNG image, so it cannot be analysed.');

    // Pasted: the first 3000 bytes of a JPEG.
    await page.evaluate((bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'cut.jpg', { type: 'image/jpeg' }));
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, [...fs.readFileSync(PAIR).subarray(0, 3000)]);
    await photosDone(page, 2);
    assert.equal(await page.evaluate(() => document.body.dataset.photoError), 'corrupt_image');
    assert.match(await page.textContent('#emolens-status'), /^"cut\.jpg" could not be read: the file is damaged or incomplete/);

    // Dropped: a PNG whose header says 20000 x 20000 pixels.
    await dropFiles(page, [{ name: 'huge.png', type: 'image/png', bytes: pngHeader(20000, 20000) }]);
    await photosDone(page, 3);
    assert.equal(await page.evaluate(() => document.body.dataset.photoError), 'image_too_large');
    assert.match(await page.textContent('#emolens-status'), /^"huge\.png" is too large to analyse \(.*20000.*\)/);
    await page.screenshot({ path: '/tmp/emolens-photo-errors.png' });

    // The analysis still works afterwards.
    await page.setInputFiles('#emolens-photo-input', PAIR);
    await photosDone(page, 4);
    assert.match(await page.textContent('#emolens-summary'), /^face_recognition_examples_two_people\.jpg: 2 faces: /);
    assert.deepEqual(errors, []);
  } finally {
    await app.close();
  }
});
