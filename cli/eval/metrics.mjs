// Classification metrics over our seven labels: confusion matrix, accuracy, per-class
// precision/recall/F1 and macro-F1. A prediction of null is a miss (photos mode: no face found);
// it counts against accuracy and its class's recall, and is kept out of the confusion matrix.
import { EMOTIONS } from '../../peers/emotions.mjs';

/**
 * truths[i], predictions[i]: labels (predictions may be null). Pairs whose truth is not one of
 * `labels` are skipped. → { matrix (rows = true label, columns = prediction), missed: per true
 * label, labels }.
 */
export function confusionMatrix(truths, predictions, labels = EMOTIONS) {
  const index = new Map(labels.map((label, i) => [label, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  const missed = labels.map(() => 0);
  truths.forEach((truth, i) => {
    const row = index.get(truth);
    if (row === undefined) return;
    const column = index.get(predictions[i]);
    if (column === undefined) missed[row]++;
    else matrix[row][column]++;
  });
  return { matrix, missed, labels };
}

const ratio = (a, b) => (b > 0 ? a / b : 0);
const sum = (values) => values.reduce((a, b) => a + b, 0);

/**
 * Metrics of a confusion matrix. → { n, accuracy, macro_f1, per_class: { label: { precision,
 * recall, f1, support } } }. support counts misses; precision of a never-predicted class is 0.
 * macro_f1 averages the classes that occur (in the truths or the predictions), as scikit-learn
 * does, so a small subset without any 'disgust' is not pulled down by an undefined 0.
 */
export function metricsFromConfusion({ matrix, missed, labels }) {
  const support = matrix.map((row, i) => sum(row) + missed[i]);
  const predicted = labels.map((_, j) => sum(matrix.map((row) => row[j])));
  const correct = sum(labels.map((_, i) => matrix[i][i]));
  const n = sum(support);
  const per_class = {};
  const f1s = [];
  labels.forEach((label, i) => {
    const precision = ratio(matrix[i][i], predicted[i]);
    const recall = ratio(matrix[i][i], support[i]);
    const f1 = ratio(2 * precision * recall, precision + recall);
    per_class[label] = { precision, recall, f1, support: support[i] };
    if (support[i] > 0 || predicted[i] > 0) f1s.push(f1);
  });
  return { n, accuracy: ratio(correct, n), macro_f1: ratio(sum(f1s), f1s.length), per_class };
}

/** Everything at once for one labelling: metrics plus the confusion matrix and label order. */
export function scorePredictions(truths, predictions, labels = EMOTIONS) {
  const confusion = confusionMatrix(truths, predictions, labels);
  return { ...metricsFromConfusion(confusion), confusion: confusion.matrix, labels };
}

/**
 * The report of one system on a dataset. records: [{ label, ferplus, prediction }] where
 * prediction is a label or null (no face found). → { n, accuracy, macro_f1, per_class, confusion,
 * labels } plus, in photos mode, detection_rate and no_face (misses per true label), and, when the
 * dataset has FER+ votes, ferplus_accuracy, ferplus_n, ferplus_macro_f1 and ferplus_recall over the
 * images with a usable FER+ majority.
 */
export function summarize(records, { photos = false, hasVotes = false } = {}) {
  const truths = records.map((r) => r.label);
  const predictions = records.map((r) => r.prediction);
  const confusion = confusionMatrix(truths, predictions);
  const out = { ...metricsFromConfusion(confusion), confusion: confusion.matrix, labels: confusion.labels };
  if (photos) {
    out.detection_rate = ratio(records.filter((r) => r.prediction !== null).length, records.length);
    out.no_face = Object.fromEntries(confusion.labels.map((label, i) => [label, confusion.missed[i]]));
  }
  if (hasVotes) {
    const voted = records.filter((r) => r.ferplus);
    const plus = metricsFromConfusion(confusionMatrix(voted.map((r) => r.ferplus), voted.map((r) => r.prediction)));
    Object.assign(out, {
      ferplus_accuracy: plus.accuracy, ferplus_n: plus.n, ferplus_macro_f1: plus.macro_f1,
      ferplus_recall: Object.fromEntries(Object.entries(plus.per_class).map(([label, m]) => [label, m.recall])),
    });
  }
  return out;
}
