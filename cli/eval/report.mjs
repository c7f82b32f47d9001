// eval's text report: the overall figures of every system, emolens' per-class table, recall by class
// side by side with the peers, and the confusion matrix.
const pct = (value) => (value === undefined ? '-' : `${(100 * value).toFixed(1)}%`);
const fixed = (value) => value.toFixed(3);
// Recall is undefined for a class the dataset does not contain (CK+ has no neutral): a dash, not 0.
const recallText = (m) => (m.support > 0 ? fixed(m.recall) : '-');

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  return rows.map((row) => row.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c])))
    .join('  ').trimEnd()).join('\n');
}

function overall(systems, report) {
  const rows = [['system', 'accuracy', 'macro-F1']];
  if (report.ferplus_accuracy !== undefined) rows[0].push(`FER+ majority (n=${report.ferplus_n})`, 'FER+ macro-F1');
  if (report.detection_rate !== undefined) rows[0].push('faces found');
  for (const [name, r] of systems) {
    const row = [name, pct(r.accuracy), fixed(r.macro_f1)];
    if (report.ferplus_accuracy !== undefined) row.push(pct(r.ferplus_accuracy), fixed(r.ferplus_macro_f1));
    if (report.detection_rate !== undefined) row.push(pct(r.detection_rate));
    rows.push(row);
  }
  return table(rows);
}

function perClass(report) {
  const rows = [['label', 'precision', 'recall', 'F1', 'support']];
  if (report.ferplus_recall) rows[0].push('FER+ recall');
  if (report.no_face) rows[0].push('no face');
  for (const label of report.labels) {
    const m = report.per_class[label];
    const row = [label, fixed(m.precision), recallText(m), fixed(m.f1), m.support];
    if (report.ferplus_recall) row.push(fixed(report.ferplus_recall[label]));
    if (report.no_face) row.push(report.no_face[label]);
    rows.push(row);
  }
  return table(rows);
}

function recallBySystem(systems, labels) {
  return table([['recall', ...systems.map(([name]) => name)],
    ...labels.map((label) => [label, ...systems.map(([, r]) => recallText(r.per_class[label]))])]);
}

function confusionText(report) {
  const rows = [['true \\ predicted', ...report.labels], ...report.labels.map((label, i) => [label, ...report.confusion[i]])];
  if (report.no_face) rows.forEach((row, i) => row.push(i === 0 ? 'no face' : report.no_face[report.labels[i - 1]]));
  return table(rows);
}

/** The whole text report of eval's result object (the --json document). */
export function formatReport(report) {
  const systems = [['emolens', report], ...Object.entries(report.peers ?? {})];
  const ignored = Object.entries(report.ignored.labels).map(([label, n]) => `${label} ${n}`).join(', ');
  const lines = [
    `${report.dataset} (${report.mode} mode): ${report.n} images` +
      (report.limit ? ` (seeded subset of ${report.available})` : '') +
      (ignored ? `; ignored folders: ${ignored}` : '') +
      (report.errors.length ? `; ${report.errors.length} unreadable (listed on stderr)` : ''),
    report.mode === 'photos' ? `prediction per photo: ${report.face_choice}` : '',
    '',
    overall(systems, report),
    '',
    'emolens per class (rows: true label):',
    perClass(report),
  ];
  if (systems.length > 1) lines.push('', 'recall by class:', recallBySystem(systems, report.labels));
  lines.push('', 'emolens confusion matrix:', confusionText(report));
  return lines.filter((line, i) => line !== '' || lines[i - 1] !== '').join('\n') + '\n';
}
