#!/usr/bin/env node
// Load benchmark: what camera mode downloads (gzip sizes of emolens' own files, jsimgui apart, the
// peers beside them) and the time from page load to the first analysed frame with a face, for the
// widget (st, another origin) and the app (mt, isolated), in Chromium with a fake camera.
//   node bench/load/load-bench.mjs [--runs N] [--scenarios widget,app] [--json]
import path from 'node:path';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { firstLoad } from './first-load.mjs';
import { peerSizes, summarise } from './sizes.mjs';
import { TALKING_HEAD } from '../../tests/e2e/support/browser.mjs';
import { distDir, repoRoot } from '../../tests/node/support/paths.mjs';

const BUDGET_GZIP = 800_000;  // issue 6: camera mode's first load of emolens' own files

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    scenarios: { type: 'string', default: 'widget,app' },
    json: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`load-bench: --runs takes a positive integer, not "${values.runs}"`);
  process.exit(2);
}
if (!fs.existsSync(TALKING_HEAD)) {
  console.error(`load-bench: ${TALKING_HEAD} is absent (../shared/data or EMOLENS_DATA): the fake camera needs a face`);
  process.exit(2);
}
if (!fs.existsSync(path.join(distDir, 'emolens-widget.js'))) {
  console.error(`load-bench: ${distDir} has no built app; run "bash scripts/build.sh" first`);
  process.exit(2);
}

const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const kB = (bytes) => (bytes / 1000).toFixed(1).padStart(8);

const report = { runs, budgetGzip: BUDGET_GZIP, scenarios: {}, peers: peerSizes(path.join(repoRoot, 'node_modules')) };
for (const scenario of values.scenarios.split(',')) {
  if (!['widget', 'app'].includes(scenario)) {
    console.error(`load-bench: unknown scenario "${scenario}" (widget, app)`);
    process.exit(2);
  }
  const loads = [];
  for (let run = 0; run < runs; run++) loads.push(await firstLoad(scenario, { clip: TALKING_HEAD }));
  const sizes = summarise(distDir, loads[0].paths);
  report.scenarios[scenario] = {
    ...sizes,
    fullRangeLoaded: loads.some((load) => load.paths.some((file) => file.includes('full_range'))),
    variantsLoaded: [...new Set(loads.flatMap((load) => load.paths).filter((file) => /emolens_(st|mt)\.wasm$/.test(file)))],
    readyMs: loads.map((load) => load.readyMs),
    firstFaceMs: loads.map((load) => load.firstFaceMs),
    medianReadyMs: median(loads.map((load) => load.readyMs)),
    medianFirstFaceMs: median(loads.map((load) => load.firstFaceMs)),
  };
}

if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  for (const [name, result] of Object.entries(report.scenarios)) {
    console.log(`\n== ${name}: camera mode, first load (files fetched from emolens' server before the first face)`);
    console.log(`${'file'.padEnd(48)} ${'part'.padEnd(8)} ${'kB'.padStart(8)} ${'kB gzip'.padStart(8)}`);
    for (const file of result.files) console.log(`${file.path.padEnd(48)} ${file.part.padEnd(8)} ${kB(file.bytes)} ${kB(file.gzip)}`);
    for (const [part, total] of Object.entries(result.totals)) {
      console.log(`${`total ${part}`.padEnd(57)} ${kB(total.bytes)} ${kB(total.gzip)}`);
    }
    const verdict = result.totals.own.gzip <= BUDGET_GZIP ? 'within' : 'OVER';
    console.log(`emolens' own files: ${kB(result.totals.own.gzip).trim()} kB gzip, ${verdict} the ${BUDGET_GZIP / 1000} kB budget`);
    console.log(`wasm variants fetched: ${result.variantsLoaded.join(', ')}; full-range detector fetched: ${result.fullRangeLoaded}`);
    console.log(`analysis ready: median ${result.medianReadyMs.toFixed(0)} ms; first analysed frame with a face: median ${result.medianFirstFaceMs.toFixed(0)} ms ` +
      `(runs: ${result.firstFaceMs.map((ms) => ms.toFixed(0)).join(', ')})`);
  }
  console.log('\n== peers (bundle + TF.js SIMD wasm + face detector + expression model)');
  for (const [name, peer] of Object.entries(report.peers)) {
    const ratios = Object.entries(report.scenarios).map(([scenario, result]) => `${scenario} ${(result.totals.own.gzip / peer.gzip).toFixed(2)}x`);
    console.log(`${name.padEnd(10)} ${kB(peer.gzip).trim()} kB gzip; emolens' own / ${name}: ${ratios.join(', ')}`);
  }
}
