// eval's text report on a dataset without every class (CK+ has no neutral): an absent class's
// recall is undefined and printed as a dash, for emolens and the peers alike; present classes keep
// their figures.
import test from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../cli/eval/metrics.mjs';
import { formatReport } from '../../cli/eval/report.mjs';

// No neutral truths, but one angry crop is read as neutral (the CK+ failure in miniature).
const records = [
  { label: 'angry', prediction: 'angry' }, { label: 'angry', prediction: 'neutral' },
  { label: 'happy', prediction: 'happy' }, { label: 'fear', prediction: 'sad' },
];

function report() {
  const base = summarize(records);
  return {
    ...base, dataset: 'posed', mode: 'crops', limit: null, available: 4, ignored: { labels: {} }, errors: [],
    peers: { 'face-api': summarize(records.map((r) => ({ ...r, prediction: r.label }))) },
  };
}

const lineOf = (text, section, label) => {
  const lines = text.split('\n');
  const start = lines.indexOf(section);
  assert.ok(start >= 0, `has '${section}'`);
  return lines.slice(start).find((line) => line.startsWith(label + ' ')).trim().split(/\s+/);
};

test('a class with no images gets a dash for recall in both tables, present classes their recall', () => {
  const text = formatReport(report());
  assert.deepEqual(lineOf(text, 'emolens per class (rows: true label):', 'neutral'), ['neutral', '0.000', '-', '0.000', '0']);
  assert.deepEqual(lineOf(text, 'emolens per class (rows: true label):', 'angry'), ['angry', '1.000', '0.500', '0.667', '2']);
  assert.deepEqual(lineOf(text, 'recall by class:', 'neutral'), ['neutral', '-', '-']);
  assert.deepEqual(lineOf(text, 'recall by class:', 'fear'), ['fear', '0.000', '1.000']);
});
