// One video file through the analysis worker, frame by frame, for the page and the widget: every
// frame the browser decodes (video-frames.js) goes to the worker at its own presentation time and
// its result is awaited before the next is decoded, so no frame is skipped (unless a sampling rate
// is asked for) and tracking and smoothing follow the video's clock, not the wall clock. Results go
// into a VideoRecords store; progress is in video time with the time left; pause, resume, cancel.
//
//   const run = new VideoAnalysis({ client, file, onProgress, onFrame });
//   const outcome = await run.done;  // {state: 'done'|'cancelled'|'error', records, error, durationMs, fps}
//   run.pause(); run.resume(); run.cancel();
//
// The client's analyzer is reset first (tracks, smoothing and statistics start fresh), and nothing
// else may send it frames meanwhile: the page stops its camera analysis while a video runs.
import { AnalysisError } from './analysis-client.js';
import { openFileVideo } from './file-video.js';
import { VideoFileError, videoFileFrames } from './video-frames.js';
import { VideoRecords } from './video-records.js';

// Frames above 4K UHD's pixel count (e.g. 8K) are analysed scaled down to it, as the CLI does
// (boxes are still given in the video's own pixels).
export const MAX_VIDEO_PIXELS = 3840 * 2160;

/** The size a width x height frame is analysed at: itself, or scaled down to MAX_VIDEO_PIXELS (even sides). */
export function analysedSize(width, height, maxPixels = MAX_VIDEO_PIXELS) {
  if (width * height <= maxPixels) return { width, height, scale: 1 };
  const factor = Math.sqrt(maxPixels / (width * height));
  const w = 2 * Math.floor((width * factor) / 2);
  const h = 2 * Math.floor((height * factor) / 2);
  return { width: w, height: h, scale: width / w };
}

/** A sentence for a video that could not be (fully) analysed, from its error code. */
export function describeVideoError(name, error, framesAnalysed = 0) {
  const done = framesAnalysed ? ` The ${framesAnalysed} frame${framesAnalysed === 1 ? '' : 's'} before the damage were analysed.` : '';
  switch (error.code) {
    case 'unsupported_format':
      return `"${name}" is not a video this browser can decode (${error.message}).`;
    case 'corrupt_video':
      return `"${name}" could not be read to the end: the file is damaged or incomplete (${error.message}).${done}`;
    case 'no_video_stream':
      return `"${name}" has sound only: there is no picture to analyse.`;
    case 'no_frames':
      return `"${name}" has no frames to analyse (an empty or zero-length video).`;
    case 'worker_crashed':
    case 'worker_restarted':
      return `"${name}" was not analysed to the end: the analysis stopped (${error.message}). Drop it again.${done}`;
    default:
      return `"${name}" could not be analysed: ${error.message}${done}`;
  }
}

/** The video's length and size, read by a <video> of its own; nulls when the browser cannot say (videoFileFrames then names the error). */
function probe(file) {
  const { video, release } = openFileVideo(file, { preload: 'metadata' });
  return new Promise((resolve) => {
    const finish = (info) => {
      release();
      resolve(info);
    };
    video.addEventListener('loadedmetadata', () => finish({
      durationMs: Number.isFinite(video.duration) ? video.duration * 1000 : null, width: video.videoWidth, height: video.videoHeight,
    }), { once: true });
    video.addEventListener('error', () => finish({ durationMs: null, width: 0, height: 0 }), { once: true });
  });
}

/** Waits until the client has no frame in flight (a camera frame sent just before the video started). */
async function idle(client) {
  while (client.busy) await client.frameInFlight.catch(() => {});
}

export class VideoAnalysis {
  /**
   * client: an initialised AnalysisClient; file: a File or Blob; fps: analyse this many frames per
   * second of video (null: every frame); onProgress({frames, timeMs (video time reached),
   * durationMs, etaMs (time left), elapsedMs (wall time so far, pauses excluded), paused});
   * onFrame(result, records): after each analysed frame. Starts at once; `done` settles with the
   * outcome (it never rejects for a bad file: the outcome's error says what went wrong).
   */
  constructor({ client, file, fps = null, onProgress = () => {}, onFrame = () => {} }) {
    if (fps !== null && !(fps > 0)) throw new RangeError(`fps must be a positive number or null, not ${fps}`);
    this.client = client;
    this.file = file;
    this.fps = fps;
    this.onProgress = onProgress;
    this.onFrame = onFrame;
    this.state = 'running';
    this.records = new VideoRecords({ file: file.name ?? 'video' });
    this.resumed = null;   // {promise, resolve, since} while paused
    this.pausedMs = 0;
    this.done = this.run();
  }

  pause() {
    if (this.state !== 'running') return;
    this.state = 'paused';
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    this.resumed = { promise, resolve, since: performance.now() };
    this.report();
  }

  resume() {
    if (this.state !== 'paused') return;
    this.state = 'running';
    this.pausedMs += performance.now() - this.resumed.since;
    this.resumed.resolve();
    this.resumed = null;
    this.report();
  }

  /** Stops after the frame being analysed; the frames analysed so far stay in `records`. */
  cancel() {
    if (this.state !== 'running' && this.state !== 'paused') return;
    const paused = this.resumed;
    this.state = 'cancelling';
    this.resumed = null;
    paused?.resolve();
  }

  get progress() {
    const timeMs = this.lastTimeMs ?? 0;
    const elapsed = (this.stoppedAt ?? performance.now()) - this.startedAt - this.pausedMs -
      (this.resumed ? performance.now() - this.resumed.since : 0);
    const durationMs = this.durationMs ?? null;
    // Time left: the wall time per ms of video so far, over the video still to come.
    const etaMs = durationMs && timeMs > 0 ? Math.max(0, ((durationMs - timeMs) * elapsed) / timeMs) : null;
    return { frames: this.records.framesSeen, timeMs, durationMs, etaMs, elapsedMs: elapsed, paused: this.state === 'paused' };
  }

  report() {
    this.onProgress(this.progress);
  }

  async run() {
    this.startedAt = performance.now();
    let error = null;
    try {
      const info = await probe(this.file);
      this.durationMs = info.durationMs;
      Object.assign(this.records, { width: info.width, height: info.height });
      await idle(this.client);
      await this.client.reset();
      this.report();
      let nextSampleMs = 0;
      for await (const frame of videoFileFrames(this.file)) {
        if (this.resumed) await this.resumed.promise;
        if (this.state === 'cancelling') {
          frame.bitmap.close();
          break;
        }
        if (this.fps && frame.timestampMs < nextSampleMs) {
          frame.bitmap.close();
          continue;
        }
        if (this.fps) nextSampleMs = Math.max(nextSampleMs + 1000 / this.fps, frame.timestampMs);
        await this.analyse(frame);
      }
    } catch (caught) {
      if (!(caught instanceof VideoFileError) && !caught.code) throw caught;  // a bug, not a bad file
      error = { code: caught.code, message: caught.message };
    }
    this.stoppedAt = performance.now();
    if (!error && this.records.framesSeen === 0 && this.state !== 'cancelling') {
      error = { code: 'no_frames', message: 'the video has no frames to analyse' };
    }
    this.state = error ? 'error' : this.state === 'cancelling' ? 'cancelled' : 'done';
    this.report();
    return { state: this.state, records: this.records, error, durationMs: this.durationMs, fps: this.measuredFps() };
  }

  /** One frame to the worker (scaled down first when above MAX_VIDEO_PIXELS) and its result into the records. */
  async analyse(frame) {
    const size = analysedSize(frame.width, frame.height);
    let bitmap = frame.bitmap;
    if (size.scale !== 1) {
      bitmap = await createImageBitmap(frame.bitmap, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'medium' });
      frame.bitmap.close();
      this.records.analysedSize = { width: size.width, height: size.height };
    }
    await idle(this.client);
    const pending = this.client.submitFrame(bitmap, frame.timestampMs);
    if (!pending) {
      throw new AnalysisError(this.client.crashed ? 'worker_crashed' : 'worker_busy',
        this.client.crashed ? 'the analysis worker has stopped' : 'another frame was sent to the analysis worker meanwhile');
    }
    const result = await pending;
    if (!this.records.width) Object.assign(this.records, { width: frame.width, height: frame.height });
    this.records.add(result, { index: frame.index, timestampMs: frame.timestampMs, scale: size.scale });
    this.lastTimeMs = frame.timestampMs;
    this.onFrame(result, this.records);
    this.report();
  }

  /** Frames per second of video analysed, from the first and last analysed frames' times (the CLI's `fps` field). */
  measuredFps() {
    if (this.fps) return this.fps;
    const { frames } = this.records;
    if (frames < 2) return null;
    return Number(((frames - 1) / ((this.records.timeOf(frames - 1) - this.records.timeOf(0)) / 1000)).toFixed(3));
  }
}
