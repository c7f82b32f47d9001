// The page's side of the analysis worker: one request at a time per call, answered by id.
// The wasm module lives only in the worker, so the page never janks while it works.
export class AnalysisClient {
  constructor() {
    this.worker = new Worker(new URL('../worker/analysis-worker.js', import.meta.url), { type: 'module' });
    this.nextId = 1;
    this.pending = new Map();
    this.worker.addEventListener('message', (event) => this.settle(event.data));
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.failAll(new Error(`The analysis worker failed: ${event.message || 'it could not be loaded'}`));
    });
  }

  /** Sends one request; resolves with its result or rejects with the worker's error. */
  call(type, payload = {}, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type, ...payload }, transfer);
    });
  }

  /** Which wasm build the worker runs: version, variant, SIMD, threads. */
  hello() {
    return this.call('hello');
  }

  settle({ id, result, error }) {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    if (error) request.reject(Object.assign(new Error(error.message), { code: error.code }));
    else request.resolve(result);
  }

  failAll(error) {
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  terminate() {
    this.worker.terminate();
    this.failAll(new Error('The analysis worker was stopped.'));
  }
}
