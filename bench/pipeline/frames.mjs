// The benchmark's two 640x480 RGBA frames: a one-face photo and a group photo, each letterboxed
// (aspect kept, centred on black) so faces are not stretched and every method gets the same pixels.
import fs from 'node:fs';
import path from 'node:path';
import { decodeImageFile } from '../../peers/decode-image.mjs';
import { resizeImage } from '../../peers/image.mjs';

export const FRAME_WIDTH = 640;
export const FRAME_HEIGHT = 480;

// deepface_img2: one frontal face, 1536x1152 (4:3, so no bars). faceapijs_test_images_faces: six
// faces in a row, 710x473; every method finds all six after letterboxing (the bench prints counts).
export const DEFAULT_PHOTOS = { oneFace: 'deepface_img2.jpg', group: 'faceapijs_test_images_faces.jpg' };

const repoRoot = path.join(import.meta.dirname, '..', '..');
export const dataDir = process.env.EMOLENS_DATA ?? path.join(repoRoot, '..', 'shared', 'data');

/** image ({data, width, height} RGBA) scaled to fit width x height, centred on black. */
export function letterbox(image, width, height) {
  const scale = Math.min(width / image.width, height / image.height);
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  const fitted = resizeImage(image, w, h);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  const left = (width - w) >> 1;
  const top = (height - h) >> 1;
  for (let y = 0; y < h; y++) {
    data.set(fitted.data.subarray(y * w * 4, (y + 1) * w * 4), ((top + y) * width + left) * 4);
  }
  return { data, width, height };
}

/** Resolves a photo given by name (under <data>/photos) or by path; throws a readable error if missing. */
export function photoPath(nameOrPath) {
  const candidate = fs.existsSync(nameOrPath) ? nameOrPath : path.join(dataDir, 'photos', nameOrPath);
  if (!fs.existsSync(candidate)) {
    throw new Error(`photo not found: ${nameOrPath} (looked in ${path.join(dataDir, 'photos')}; set EMOLENS_DATA or pass a path)`);
  }
  return candidate;
}

/** The 640x480 frame of a photo file. */
export function benchFrame(nameOrPath) {
  const file = photoPath(nameOrPath);
  return { file, image: letterbox(decodeImageFile(file), FRAME_WIDTH, FRAME_HEIGHT) };
}
