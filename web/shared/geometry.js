// Where a picture sits in a view and where its faces' boxes land: the one mapping the page's
// renderer and overlay and the widget's canvas use.

/** Where an image of imageWidth x imageHeight sits, scaled to fit (letterboxed) and centred in area {x, y, width, height}. */
export function letterbox(imageWidth, imageHeight, area) {
  const scale = Math.min(area.width / imageWidth, area.height / imageHeight);
  const width = imageWidth * scale;
  const height = imageHeight * scale;
  return { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height, scale };
}

/** A box in image pixels on screen: through the letterbox, flipped horizontally when mirrored. */
export function mapBox(box, placed, imageWidth, mirrored) {
  const left = mirrored ? imageWidth - (box.x + box.width) : box.x;
  return { x: placed.x + left * placed.scale, y: placed.y + box.y * placed.scale,
    width: box.width * placed.scale, height: box.height * placed.scale };
}
