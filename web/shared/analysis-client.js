// The page's side of the analysis worker (protocol: web/worker/analysis-worker.js). The wasm
// module lives only in the worker, so the page never janks while it works.
//
//   const client = new AnalysisClient({ onCrash, onProgress });
//   const { build } = await client.init({ range: 'short', smoothing: 0.5 });
//   const pending = client.submitFrame(videoFrame, timestampMs);  // null: dropped, worker busy
//   const result = await pending;                                 // FrameResult (+ .stats now and then)
//   const photo = await client.analyzeImage(arrayBuffer);         // every face of a JPEG/PNG
//   await client.stats(); await client.reset(); await client.setOptions({ smoothing: 0.8 });
//   client.restart();                                             // after onCrash: a fresh worker, init again
//
// Errors reject with an AnalysisError {code, message}; code 'worker_crashed' means the worker died
// (onCrash is called once; every pending request is rejected) and restart() brings a new one.
export class AnalysisError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'AnalysisError';
    this.code = code;
  }
}

export class AnalysisClient {
  /**
   * onCrash(error): the worker died (error event); onProgress({url, loaded, total, done}): a
   * download of the worker's (wasm, models) advanced. workerUrl overrides the worker script.
   */
  constructor({ onCrash = () => {}, onProgress = () => {}, workerUrl = null } = {}) {
    this.onCrash = onCrash;
    this.onProgress = onProgress;
    this.workerUrl = workerUrl ?? new URL('../worker/analysis-worker.js', import.meta.url);
    this.options = null;
    this.frameInFlight = null;  // the promise of the frame being analysed
    this.dropped = 0;  // frames refused by submitFrame because one was in flight
    this.start();
  }

  start() {
    this.worker = new Worker(this.workerUrl, { type: 'module' });
    this.nextId = 1;
    this.pending = new Map();
    this.crashed = false;
    this.worker.addEventListener('message', (event) => this.receive(event.data));
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.crash(`The analysis worker stopped: ${event.message || 'its script could not be loaded'}`);
    });
    this.worker.addEventListener('messageerror', () => this.crash('The analysis worker sent a message that could not be read.'));
  }

  /** Creates the worker's analyzer; resolves to {build, options}. Remembered for restart(). */
  async init(options = {}) {
    this.options = options;
    return this.call('init', { options });
  }

  /** New analysis options (a new analyzer: the session starts again); resolves to {build, options}. */
  async setOptions(changes) {
    const answer = await this.call('setOptions', { options: changes });
    this.options = answer.options;
    return answer;
  }

  /** True while a frame is being analysed: submitFrame would drop the next one. */
  get busy() {
    return this.frameInFlight !== null;
  }

  /**
   * Sends a frame (VideoFrame, ImageBitmap or {data: ArrayBuffer, width, height}) to the worker,
   * transferring it. Returns the result's promise, or null when a frame is still in flight: the
   * frame is then dropped (and closed), never queued, so analysis never lags behind the camera.
   */
  submitFrame(frame, timestamp) {
    if (this.frameInFlight || this.crashed) {
      this.dropped++;
      frame.close?.();
      return null;
    }
    const transfer = [frame.data instanceof ArrayBuffer ? frame.data : frame];
    const inFlight = this.call('frame', { frame, timestamp }, transfer).finally(() => {
      if (this.frameInFlight === inFlight) this.frameInFlight = null;
    });
    this.frameInFlight = inFlight;
    return inFlight;
  }

  /** Analyses a JPEG/PNG file's bytes (ArrayBuffer, transferred): every face. */
  analyzeImage(bytes) {
    return this.call('image', { bytes }, [bytes]);
  }

  stats() {
    return this.call('stats');
  }

  reset() {
    return this.call('reset');
  }

  /** Replaces a crashed (or any) worker by a new one and initialises it with the last options. */
  restart() {
    this.worker.terminate();
    this.rejectAll(new AnalysisError('worker_restarted', 'The analysis worker was restarted.'));
    this.frameInFlight = null;
    this.start();
    return this.init(this.options ?? {});
  }

  terminate() {
    this.worker.terminate();
    this.rejectAll(new AnalysisError('worker_stopped', 'The analysis worker was stopped.'));
  }

  call(type, payload = {}, transfer = []) {
    if (this.crashed) return Promise.reject(new AnalysisError('worker_crashed', 'The analysis worker has stopped; restart it.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type, ...payload }, transfer);
    });
  }

  receive(message) {
    if (message?.type === 'progress') {
      this.onProgress(message);
      return;
    }
    const request = this.pending.get(message?.id);
    if (!request) return;
    this.pending.delete(message.id);
    if (message.error) request.reject(new AnalysisError(message.error.code, message.error.message));
    else request.resolve(message.result);
  }

  crash(message) {
    if (this.crashed) return;
    this.crashed = true;
    const error = new AnalysisError('worker_crashed', message);
    this.rejectAll(error);
    this.onCrash(error);
  }

  rejectAll(error) {
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }
}
