// The confusion matrix as a picture: rows = true label, columns = prediction (plus "no face" in
// photos mode); each cell shows its count and its share of the row, shaded by that share.
import { createImage, drawText, fillRect, strokeRect, textSize, writePng } from '../raster.mjs';

const CELL_W = 104;
const CELL_H = 60;
const MARGIN = 16;
const TEXT = 2;          // font scale of labels and counts
const LIGHT = [247, 251, 255];
const DARK = [8, 48, 107];

function shade(fraction) {
  return [...LIGHT.map((c, i) => Math.round(c + (DARK[i] - c) * fraction)), 255];
}

/** Draws `report` (eval's result object) into an RGBA image. title: the line above the matrix. */
export function confusionImage(report, title) {
  const columns = report.no_face ? [...report.labels, 'no face'] : report.labels;
  const rows = report.labels.map((label, i) => (report.no_face ? [...report.confusion[i], report.no_face[label]] : report.confusion[i]));
  const rowLabelW = Math.max(...report.labels.map((l) => textSize(l, TEXT).width)) + MARGIN;
  const lineH = textSize('X', TEXT).height;
  const top = MARGIN + 3 * (lineH + 8);
  const left = MARGIN + rowLabelW;
  const width = Math.max(left + columns.length * CELL_W + MARGIN, 2 * MARGIN + textSize(title, TEXT).width);
  const image = createImage(width, top + rows.length * CELL_H + MARGIN + lineH + 8);
  const black = [0, 0, 0, 255];

  drawText(image, title, MARGIN, MARGIN, black, TEXT);
  drawText(image, 'predicted', left, MARGIN + lineH + 8, [90, 90, 90, 255], TEXT);
  columns.forEach((label, j) => {
    const w = textSize(label, TEXT).width;
    drawText(image, label, left + j * CELL_W + (CELL_W - w) / 2, top - lineH - 6, black, TEXT);
  });
  rows.forEach((counts, i) => {
    const y = top + i * CELL_H;
    drawText(image, report.labels[i], MARGIN, y + (CELL_H - lineH) / 2, black, TEXT);
    const total = counts.reduce((a, b) => a + b, 0);
    counts.forEach((count, j) => {
      const x = left + j * CELL_W;
      const fraction = total ? count / total : 0;
      fillRect(image, x, y, CELL_W, CELL_H, shade(fraction));
      const ink = fraction > 0.5 ? [255, 255, 255, 255] : black;
      const countText = String(count);
      const share = `${(100 * fraction).toFixed(0)}%`;
      drawText(image, countText, x + (CELL_W - textSize(countText, TEXT).width) / 2, y + 12, ink, TEXT);
      drawText(image, share, x + (CELL_W - textSize(share, TEXT).width) / 2, y + 20 + lineH, ink, TEXT);
    });
  });
  for (let i = 0; i < rows.length; i++) strokeRect(image, left + i * CELL_W, top + i * CELL_H, CELL_W, CELL_H, [220, 80, 0, 255], 2);
  drawText(image, 'rows: true label; shade: share of the row', MARGIN, top + rows.length * CELL_H + 8, [90, 90, 90, 255], TEXT);
  return image;
}

/** Writes the confusion matrix of `report` to `file` as PNG. */
export function writeConfusionPng(file, report, title) {
  writePng(file, confusionImage(report, title));
}
