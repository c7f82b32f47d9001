// Reads a FER split's labels.csv: FER2013's label and the FER+ crowd-vote majority per image.
import { readFileSync } from 'node:fs';
import path from 'node:path';

// FER+ vote columns → our labels; contempt/unknown/NF have no counterpart.
const FERPLUS = {
  ferplus_neutral: 'neutral', ferplus_happiness: 'happy', ferplus_surprise: 'surprise', ferplus_sadness: 'sad',
  ferplus_anger: 'angry', ferplus_disgust: 'disgust', ferplus_fear: 'fear',
  ferplus_contempt: null, ferplus_unknown: null, ferplus_NF: null,
};

// Majority label, or null when there are no votes, the top count is tied, or the winner is
// contempt/unknown/NF.
function ferplusMajority(votes) {
  const top = Math.max(...Object.values(votes));
  const winners = Object.keys(votes).filter((k) => votes[k] === top);
  return top > 0 && winners.length === 1 ? FERPLUS[winners[0]] : null;
}

// → [{ path (absolute), fer2013, ferplus (label or null) }] in file order.
export function readFerLabels(splitDir) {
  const [header, ...lines] = readFileSync(path.join(splitDir, 'labels.csv'), 'utf8').trim().split('\n');
  const cols = header.split(',');
  return lines.map((line) => {
    const row = Object.fromEntries(line.split(',').map((v, i) => [cols[i], v]));
    const votes = Object.fromEntries(Object.keys(FERPLUS).map((k) => [k, Number(row[k] || 0)]));
    return { path: path.join(splitDir, row.path), fer2013: row.fer2013, ferplus: ferplusMajority(votes) };
  });
}
