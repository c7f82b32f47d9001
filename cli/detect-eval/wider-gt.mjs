// WIDER FACE ground truth (the official `wider_face_*_bbx_gt.txt` layout) and the dataset folder
// around it: `<dir>/gt.txt` + `<dir>/images/<path>`.
import fs from 'node:fs';
import path from 'node:path';

/** A problem with the dataset itself (missing folder, malformed gt.txt): one line for the user. */
export class DatasetError extends Error {}

const ATTRIBUTES = ['blur', 'expression', 'illumination', 'invalid', 'occlusion', 'pose'];

/**
 * Parses gt.txt: per image a path line, a face count, then one line per face
 * `x y w h blur expression illumination invalid occlusion pose`. An image without faces has count
 * 0 followed by one all-zero line (WIDER's convention); a face line with w or h of 0 is no face.
 * Returns [{ path, faces: [{ x, y, width, height, blur, ..., invalid: boolean, ... }] }].
 */
export function parseWiderGt(text) {
  const lines = text.split(/\r?\n/);
  const images = [];
  let i = 0;
  const fail = (message) => { throw new DatasetError(`gt.txt line ${i + 1}: ${message}`); };
  const skipBlank = () => { while (i < lines.length && lines[i].trim() === '') i++; };
  for (skipBlank(); i < lines.length; skipBlank()) {
    const imagePath = lines[i].trim();
    if (/^\d+$/.test(imagePath)) fail(`expected an image path, found the number ${imagePath}`);
    i++;
    const count = Number(lines[i]?.trim());
    if (!Number.isInteger(count) || count < 0) fail(`expected the face count of ${imagePath}`);
    i++;
    const faces = [];
    for (let k = 0; k < Math.max(count, 1); k++, i++) {
      if (i >= lines.length || lines[i].trim() === '') fail(`${imagePath}: ${count} faces announced, only ${k} listed`);
      const values = lines[i].trim().split(/\s+/).map(Number);
      if (values.length < 4 || values.slice(0, 4).some((v) => !Number.isFinite(v))) fail(`expected "x y w h ..." for ${imagePath}`);
      const [x, y, width, height, ...flags] = values;
      if (count === 0 || width <= 0 || height <= 0) continue;
      const face = { x, y, width, height };
      ATTRIBUTES.forEach((name, a) => { face[name] = flags[a] ?? 0; });
      face.invalid = face.invalid === 1;
      faces.push(face);
    }
    images.push({ path: imagePath, faces });
  }
  return images;
}

/** Reads `<dir>/gt.txt` and checks that the first image exists; → { dir, imagesDir, images }. */
export function loadWiderDataset(dir) {
  const gtPath = path.join(dir, 'gt.txt');
  const imagesDir = path.join(dir, 'images');
  if (!fs.existsSync(dir)) throw new DatasetError(`dataset folder ${dir} does not exist`);
  if (!fs.existsSync(gtPath)) throw new DatasetError(`${dir} has no gt.txt (expected WIDER layout: images/ + gt.txt)`);
  if (!fs.existsSync(imagesDir)) throw new DatasetError(`${dir} has no images/ folder (expected WIDER layout: images/ + gt.txt)`);
  const images = parseWiderGt(fs.readFileSync(gtPath, 'utf8'));
  if (images.length === 0) throw new DatasetError(`${gtPath} lists no images`);
  const missing = images.find((image) => !fs.existsSync(path.join(imagesDir, image.path)));
  if (missing) throw new DatasetError(`${path.join(imagesDir, missing.path)} (listed in gt.txt) does not exist`);
  return { dir, imagesDir, images };
}
