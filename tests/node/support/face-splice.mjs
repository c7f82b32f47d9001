// Puts a photo's face where a video's face was: the photo is scaled and shifted (bilinear,
// black outside it) so that its face box lands on a target box of a width x height frame. Splicing
// such frames after a clip gives the tracker the same face position, so the track, and with it
// the smoothing filter's history, carries on across the cut while the expression changes.

/** RGBA frame { data, width, height } with photo's photoBox mapped onto targetBox (centres and widths). */
export function placeFace(photo, photoBox, targetBox, width, height) {
  const scale = targetBox.width / photoBox.width;
  const photoCx = photoBox.x + photoBox.width / 2;
  const photoCy = photoBox.y + photoBox.height / 2;
  const targetCx = targetBox.x + targetBox.width / 2;
  const targetCy = targetBox.y + targetBox.height / 2;
  const data = new Uint8ClampedArray(width * height * 4);
  const src = photo.data;
  for (let y = 0; y < height; y++) {
    // Pixel centre (x + 0.5) in the frame ↔ (sx + 0.5) in the photo.
    const sy = (y + 0.5 - targetCy) / scale + photoCy - 0.5;
    for (let x = 0; x < width; x++) {
      const out = (y * width + x) * 4;
      data[out + 3] = 255;
      const sx = (x + 0.5 - targetCx) / scale + photoCx - 0.5;
      if (sx < 0 || sy < 0 || sx > photo.width - 1 || sy > photo.height - 1) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(x0 + 1, photo.width - 1);
      const y1 = Math.min(y0 + 1, photo.height - 1);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 3; c++) {
        const top = src[(y0 * photo.width + x0) * 4 + c] * (1 - fx) + src[(y0 * photo.width + x1) * 4 + c] * fx;
        const bottom = src[(y1 * photo.width + x0) * 4 + c] * (1 - fx) + src[(y1 * photo.width + x1) * 4 + c] * fx;
        data[out + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return { data, width, height };
}
