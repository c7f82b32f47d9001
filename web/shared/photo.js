// What the page and the widget both do with a photo once the worker has analysed it (or not): say
// why it could not be analysed, and decode it again for display, upright and no larger than needed.

/** A sentence for a photo that could not be analysed, from the analyzer's typed error. */
export function describePhotoError(name, error) {
  switch (error.code) {
    case 'unsupported_format':
      return `"${name}" is not a JPEG or PNG image, so it cannot be analysed.`;
    case 'corrupt_image':
      return `"${name}" could not be read: the file is damaged or incomplete (${error.message}).`;
    case 'image_too_large':
      return `"${name}" is too large to analyse (${error.message}).`;
    case 'worker_crashed':
    case 'worker_restarted':
      return `"${name}" was not analysed: the analysis stopped while reading it. Drop it again.`;
    default:
      return `"${name}" could not be analysed: ${error.message}`;
  }
}

/**
 * The photo as an ImageBitmap to draw, at most maxSide pixels on its longer side. The browser
 * decodes the file again, turned by its EXIF orientation as the analyzer turns it (Chromium 156
 * does so even with 'none'), so the boxes fit the picture; the resize is of the upright picture,
 * the size analyzeImage reports (result.width x result.height).
 */
export function displayBitmap(file, result, maxSide) {
  const scale = Math.min(1, maxSide / Math.max(result.width, result.height));
  return createImageBitmap(file, {
    imageOrientation: 'from-image',
    ...(scale < 1 ? { resizeWidth: Math.round(result.width * scale), resizeHeight: Math.round(result.height * scale) } : {}),
  });
}
