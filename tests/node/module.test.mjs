// The wasm module loads in Node, in both variants, and reports how it was built.
import test from 'node:test';
import assert from 'node:assert/strict';
import { importEmolens } from './support/paths.mjs';

const { loadModule, pickVariant } = await importEmolens();
const expectedVersion = JSON.parse(
  await (await import('node:fs/promises')).readFile(new URL('../../package.json', import.meta.url), 'utf8')).version;

test('auto picks mt in Node (shared memory is always there)', () => {
  assert.equal(pickVariant(), 'mt');
});

test('st variant: SIMD, no threads', async () => {
  const module = await loadModule({ variant: 'st' });
  try {
    assert.equal(module.variant, 'st');
    assert.deepEqual(module.buildInfo(),
      { version: expectedVersion, simd: true, threads: false, hardwareThreads: 1, target: 'wasm' });
  } finally {
    module.dispose();
  }
});

test('mt variant: SIMD and threads', async () => {
  const module = await loadModule({ variant: 'mt', threads: 2 });
  try {
    const info = module.buildInfo();
    assert.equal(module.variant, 'mt');
    assert.equal(info.simd, true);
    assert.equal(info.threads, true);
    assert.ok(info.hardwareThreads >= 1);
    assert.equal(info.version, expectedVersion);
  } finally {
    module.dispose();
  }
});

test('an unknown variant is refused with a clear error', async () => {
  await assert.rejects(loadModule({ variant: 'gpu' }), /unknown variant "gpu"/);
});
