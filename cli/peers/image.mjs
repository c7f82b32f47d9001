// Small ImageData-like helpers for feeding peers: greyscale FER crops → RGBA, resizing frames.
import { tf } from './tfjs-wasm.mjs';

// 8-bit grey pixels → { data: RGBA, width, height } with R = G = B = grey, A = 255.
export function rgbaFromGrey(grey, width, height) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[4 * i] = data[4 * i + 1] = data[4 * i + 2] = grey[i];
    data[4 * i + 3] = 255;
  }
  return { data, width, height };
}

// Bilinear resize (TF.js, half-pixel centres) to exactly width x height, aspect not kept.
export function resizeImage(image, width, height) {
  const out = tf.tidy(() => {
    const src = tf.tensor3d(Uint8Array.from(image.data), [image.height, image.width, 4], 'int32');
    return tf.image.resizeBilinear(src, [height, width], false, true).round().clipByValue(0, 255).cast('int32');
  });
  const data = Uint8ClampedArray.from(out.dataSync());
  out.dispose();
  return { data, width, height };
}
