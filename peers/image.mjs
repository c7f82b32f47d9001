// Small ImageData-like helpers for feeding peers: greyscale FER crops → RGBA, resizing frames.

// 8-bit grey pixels → { data: RGBA, width, height } with R = G = B = grey, A = 255.
export function rgbaFromGrey(grey, width, height) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[4 * i] = data[4 * i + 1] = data[4 * i + 2] = grey[i];
    data[4 * i + 3] = 255;
  }
  return { data, width, height };
}

// Bilinear resize (half-pixel centres, edges clamped) to exactly width x height, aspect not kept.
// Plain JS so frames can be prepared before any peer has started TF.js.
export function resizeImage(image, width, height) {
  const { data: src, width: sw, height: sh } = image;
  const data = new Uint8ClampedArray(width * height * 4);
  const axis = (i, scale, size) => {
    const f = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), size - 1);
    const i0 = Math.floor(f);
    return [i0, Math.min(i0 + 1, size - 1), f - i0];
  };
  for (let y = 0; y < height; y++) {
    const [y0, y1, fy] = axis(y, sh / height, sh);
    for (let x = 0; x < width; x++) {
      const [x0, x1, fx] = axis(x, sw / width, sw);
      for (let c = 0; c < 4; c++) {
        const top = src[(y0 * sw + x0) * 4 + c] * (1 - fx) + src[(y0 * sw + x1) * 4 + c] * fx;
        const bottom = src[(y1 * sw + x0) * 4 + c] * (1 - fx) + src[(y1 * sw + x1) * 4 + c] * fx;
        data[(y * width + x) * 4 + c] = top * (1 - fy) + bottom * fy; // clamped array rounds
      }
    }
  }
  return { data, width, height };
}
