// eval-detect's human-readable table: one row per detector, AP@0.5 / recall at 1 FP per image.
const pct = (v) => (v === null || v === undefined ? '   -' : (100 * v).toFixed(1).padStart(5));
const pair = (r) => `${pct(r.ap50)} ${pct(r.recall)}`;

export function formatTable(report) {
  const rows = [['emolens', report], ...Object.entries(report.peers ?? {})];
  const { by_size: sizes } = report;
  const header = [
    `${report.counts.images} images, ${report.faces} faces >= 16 px (small ${sizes.small.faces}, medium ${sizes.medium.faces}, ` +
      `large ${sizes.large.faces}); ignored: ${report.counts.invalid_faces} invalid, ${report.counts.tiny_faces} under 16 px`,
    `AP@${report.iou_threshold ?? 0.5} and recall at 1 false positive per image, in %; face height buckets <32, 32-96, >96 px` +
      (report.half && report.half !== 'all' ? `; ${report.half}-numbered images of gt.txt only` : ''),
    '',
    `${'detector'.padEnd(14)} ${'all'.padEnd(11)} ${'small'.padEnd(11)} ${'medium'.padEnd(11)} ${'large'.padEnd(11)} ${'>=32'.padEnd(11)} ms/image`,
    `${''.padEnd(14)} ${'   AP   rec '.repeat(5)}  median`,
  ];
  const lines = rows.map(([name, r]) =>
    `${name.padEnd(14)} ${pair(r)} ${pair(r.by_size.small)} ${pair(r.by_size.medium)} ${pair(r.by_size.large)} ${pair(r.over_32)} ` +
    `${r.timing.median_ms.toFixed(1).padStart(7)}`);
  return [...header, ...lines].join('\n');
}
