// The analysis worker: owns the wasm module (mt when the page is cross-origin isolated, else st)
// and answers the page's requests.
import { loadModule } from '../wasm/emolens.mjs';

let modulePromise = null;

function emolens() {
  modulePromise ??= loadModule();
  return modulePromise;
}

const handlers = {
  async hello() {
    const module = await emolens();
    return { ...module.buildInfo(), variant: module.variant };
  },
};

self.addEventListener('message', async ({ data }) => {
  const handler = handlers[data?.type];
  try {
    if (!handler) throw Object.assign(new Error(`unknown request "${data?.type}"`), { code: 'bad_request' });
    self.postMessage({ id: data.id, result: await handler(data) });
  } catch (error) {
    self.postMessage({ id: data?.id, error: { code: error.code ?? 'internal', message: String(error.message ?? error) } });
  }
});
