// Where the Node tests find build outputs and data (overridable for other layouts).
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const distDir = process.env.EMOLENS_DIST ?? path.join(repoRoot, 'dist');
export const wasmDir = path.join(distDir, 'wasm');
export const dataDir = process.env.EMOLENS_DATA ?? path.join(repoRoot, '../shared/data');
export const hasData = fs.existsSync(dataDir);

/**
 * The `skip` of a test that needs `file` from the data set: a reason only when the whole data folder
 * is absent. With the folder there the test runs, so a file missing from it fails the test instead
 * of passing as skipped (native tests: tests/native/test_data.h).
 */
export function dataSkip(file) {
  return !hasData && `skipped: ${dataDir} absent (../shared/data or EMOLENS_DATA), needed for ${path.relative(dataDir, file)}`;
}

/** Imports wasm/emolens.mjs from the built app (dist/, assembled by scripts/build.sh). */
export function importEmolens() {
  return import(path.join(wasmDir, 'emolens.mjs'));
}
