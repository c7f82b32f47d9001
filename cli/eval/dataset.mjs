// An evaluation dataset in ImageFolder layout: <dir>/<label>/<image>, labels among our seven
// emotions (other folders are ignored and counted), plus an optional <dir>/labels.csv whose
// ferplus_* columns carry FER+ crowd votes (as in ../shared/data/fer/<split>/labels.csv).
import fs from 'node:fs';
import path from 'node:path';
import { EMOTIONS } from '../../peers/emotions.mjs';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

// FER+ vote columns → our labels; contempt/unknown/NF have no counterpart.
const FERPLUS_COLUMNS = {
  ferplus_neutral: 'neutral', ferplus_happiness: 'happy', ferplus_surprise: 'surprise', ferplus_sadness: 'sad',
  ferplus_anger: 'angry', ferplus_disgust: 'disgust', ferplus_fear: 'fear',
  ferplus_contempt: null, ferplus_unknown: null, ferplus_NF: null,
};

/** A dataset the command cannot read (missing folder, no label folders, malformed labels.csv). */
export class DatasetError extends Error {}

/**
 * The FER+ majority of one image's votes ({column: count}): the label with the most votes over all
 * ten columns, or null when there are no votes, the top count is tied, or the winner is
 * contempt/unknown/NF (training/data.py uses the same rule).
 */
export function ferplusMajority(votes) {
  const counts = Object.values(votes);
  const top = Math.max(0, ...counts);
  const winners = Object.keys(votes).filter((column) => votes[column] === top);
  return top > 0 && winners.length === 1 ? FERPLUS_COLUMNS[winners[0]] ?? null : null;
}

// labels.csv → Map(relative path → FER+ majority or null), or null when it has no ferplus_* column.
function readVotes(file) {
  const [header, ...lines] = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line.trim());
  const columns = (header ?? '').split(',').map((c) => c.trim());
  const pathColumn = columns.indexOf('path');
  const voteColumns = columns.map((c, i) => [c, i]).filter(([c]) => c in FERPLUS_COLUMNS);
  if (!voteColumns.length) return null;
  if (pathColumn < 0) throw new DatasetError(`${file}: has FER+ vote columns but no 'path' column`);
  const majorities = new Map();
  lines.forEach((line, row) => {
    const cells = line.split(',');
    if (cells.length !== columns.length) {
      throw new DatasetError(`${file}: line ${row + 2} has ${cells.length} fields, the header ${columns.length}`);
    }
    const votes = Object.fromEntries(voteColumns.map(([c, i]) => [c, Number(cells[i] || 0)]));
    majorities.set(path.normalize(cells[pathColumn]), ferplusMajority(votes));
  });
  return majorities;
}

const isImage = (name) => IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase());

/**
 * Lists the dataset. → { items: [{ file (absolute), relative, label, ferplus }], hasVotes,
 * ignored: { labels: {folder: images}, files: count } }. items are sorted by relative path;
 * ferplus is the majority label, null (no usable majority) or undefined (no row or no votes file).
 */
export function readImageFolder(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new DatasetError(`cannot read dataset folder ${dir}: ${error.code ?? error.message}`);
  }
  const csv = path.join(dir, 'labels.csv');
  const votes = fs.existsSync(csv) ? readVotes(csv) : null;
  const items = [];
  const ignored = { labels: {}, files: 0 };
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const names = fs.readdirSync(path.join(dir, entry.name)).sort();
    const images = names.filter(isImage);
    if (!EMOTIONS.includes(entry.name)) {
      ignored.labels[entry.name] = images.length;
      continue;
    }
    ignored.files += names.length - images.length;
    for (const name of images) {
      const relative = path.join(entry.name, name);
      items.push({ file: path.join(dir, relative), relative, label: entry.name, ferplus: votes?.get(relative) });
    }
  }
  if (!items.length) {
    throw new DatasetError(`no images in ${dir}/<label>/ for any label among ${EMOTIONS.join(', ')}`);
  }
  return { items, hasVotes: votes !== null, ignored };
}

// mulberry32: a tiny seeded PRNG so a --limit subset is the same on every run.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * At most `limit` items, a seeded random subset (the first N would all be 'angry'), kept in path
 * order. All items when limit is 0 or not below their count.
 */
export function sampleItems(items, limit, seed = 1) {
  if (!limit || limit >= items.length) return items;
  const rnd = random(seed);
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, limit).sort((a, b) => a - b).map((i) => items[i]);
}
