// The CLI and the benchmarks run the built JS API, dist/wasm/emolens.mjs (scripts/build.sh writes it; EMOLENS_DIST
// points elsewhere), the same module browsers load.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const distDir = process.env.EMOLENS_DIST ?? fileURLToPath(new URL('../dist', import.meta.url));

/** The emolens module; a missing build is an error a user can fix, reported in one line. */
export async function importEmolens() {
  const entry = path.join(distDir, 'wasm', 'emolens.mjs');
  if (!fs.existsSync(entry)) {
    const error = new Error(`${entry} is missing: build it with 'bash scripts/build.sh' (or set EMOLENS_DIST)`);
    error.name = 'EmolensError'; // the dispatcher prints these as one line, exit code 1
    error.code = 'not_built';
    throw error;
  }
  return import(entry);
}
