// Files dropped on the page as a person would drop them, and ImGui items found where the page says
// it drew them (body data-* rectangles, web/app/probes.js), for the e2e tests.
import fs from 'node:fs';
import path from 'node:path';

const TYPES = { '.mp4': 'video/mp4', '.webm': 'video/webm', '.jpg': 'image/jpeg', '.png': 'image/png' };

/**
 * Drops files ({name, type, bytes}) on the page as a person dragging them from a file manager
 * would, or with `how: 'paste'` pastes them (a paste on the document, as after copying them).
 */
export async function dropFileData(page, files, { how = 'drop' } = {}) {
  await page.evaluate(({ files, how }) => {
    const transfer = new DataTransfer();
    for (const { name, type, base64 } of files) transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type }));
    if (how === 'paste') {
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      return;
    }
    const target = document.getElementById('emolens-canvas');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, { files: files.map(({ name, type, bytes }) => ({ name, type, base64: Buffer.from(bytes).toString('base64') })), how });
}

/** Drops (or pastes: options.how) files (paths), typed by extension; `type` overrides it ('' = none: the page sniffs). */
export function dropFiles(page, files, { type = null, how = 'drop' } = {}) {
  return dropFileData(page, files.map((file) => ({ name: path.basename(file), type: type ?? TYPES[path.extname(file)] ?? '', bytes: fs.readFileSync(file) })), { how });
}

export const dataset = (page) => page.evaluate(() => ({ ...document.body.dataset }));

/** Waits until the `count`-th video dropped (body data-videos) has been analysed (done, cancelled or error) → the body's data-*. */
export async function videoEnded(page, count, timeout = 60000) {
  await page.waitForFunction((n) => Number(document.body.dataset.videos) === n &&
    ['done', 'error', 'cancelled'].includes(document.body.dataset.videoState), count, { timeout });
  return dataset(page);
}

/** A probed rectangle "x,y,w,h" → {x, y, width, height}. */
export function rect(text) {
  const [x, y, width, height] = text.split(',').map(Number);
  return { x, y, width, height };
}

/** The centre of a probed rectangle. */
export function centre(text) {
  const r = rect(text);
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/**
 * Clicks at (x, y) as a person does: the pointer comes to rest there first. (ImGui takes an item as
 * hovered a frame after the pointer arrives, so a click in the same instant as the move is missed.)
 */
export async function clickAt(page, x, y) {
  await page.mouse.move(x, y);
  await page.waitForTimeout(100);
  await page.mouse.click(x, y);
}
