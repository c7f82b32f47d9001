// Runs the `emolens` CLI as users do (node cli/emolens.mjs ...) and captures its output.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pngjs from 'pngjs';
import { repoRoot } from './paths.mjs';

/** → { code, stdout, stderr } of `emolens ...args`. */
export function runCli(args, options = {}) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'cli/emolens.mjs'), ...args],
    { encoding: 'utf8', timeout: 120_000, ...options });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder, removed when the test ends. */
export function tempDir(t, prefix = 'emolens-cli-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A width x height PNG file of one grey level (no face in it). */
export function plainPng(width, height, grey = 128) {
  const png = new pngjs.PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([grey, grey, grey, 255], 4 * i);
  return pngjs.PNG.sync.write(png);
}

/** A valid 1x1 PNG whose header claims width x height (the decoder must refuse it up front). */
export function pngClaiming(width, height) {
  const bytes = Buffer.from(plainPng(1, 1));
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}
