// <emo-lens>: the embeddable widget. Attributes: mode="camera|photo|video" (default camera),
// size="640x480" or "640" (width, 4:3; default 480x360), histogram="on|off" (default on).
// Events (bubbling, composed): `ready` (detail: the wasm build: version, variant st|mt, simd,
// threads), `emotion` (detail: the analyzer's FrameResult, see wasm/emolens.d.ts: timestampMs,
// width, height, faces [{id, box, label, confidence, probabilities, ...}], timings) once per analysed
// camera frame, photo or video frame (timestampMs: the frame's time in the video); `videoend`
// (detail: {state: done|cancelled, frames, fps, tracks: per track id the CLI's summary}) when a
// video's analysis ends; and `error` (not bubbling; detail: {code, message}).
// The widget reads nothing of the host page: it draws into its own shadow DOM, listens only to
// events inside it, and gives results out only through these events. The analysis runs in a
// worker (web/worker/analysis-worker.js), st unless the page is cross-origin isolated.
import { AnalysisClient } from '../shared/analysis-client.js';
import { Camera } from '../shared/camera.js';
import { EMOTIONS } from '../shared/emotions.js';
import { FramePump } from '../shared/frame-pump.js';
import { FrameSender } from '../shared/frame-sender.js';
import { describePhotoError, displayBitmap } from '../shared/photo.js';
import { openFileVideo } from '../shared/file-video.js';
import { acceptPhotos } from '../shared/photo-input.js';
import { drawScene } from './overlay.js';
import { buildView } from './view.js';
import { analysisWorkerUrl, workerIsSameOrigin } from './worker-url.js';

const DEFAULT_SIZE = { width: 480, height: 360 };
const MIN_SIDE = 120;
const MAX_SIDE = 4096;
const MAX_DISPLAY_SIDE = 2048;  // photos are drawn from a bitmap at most this large

/** "640x480" → 640 x 480; "640" → 640 wide at 4:3; anything else → the default 480 x 360. */
export function parseSize(text) {
  const match = /^\s*(\d+)\s*(?:[x×]\s*(\d+))?\s*$/i.exec(text ?? '');
  if (!match) return DEFAULT_SIZE;
  const clamp = (value) => Math.min(MAX_SIDE, Math.max(MIN_SIDE, value));
  const width = clamp(Number(match[1]));
  return { width, height: clamp(match[2] ? Number(match[2]) : Math.round((width * 3) / 4)) };
}

/** {emotion: value} → {emotion: share of the total}, or null when the total is 0. */
function shares(values) {
  const total = EMOTIONS.reduce((sum, emotion) => sum + (values[emotion] ?? 0), 0);
  if (!(total > 0)) return null;
  return Object.fromEntries(EMOTIONS.map((emotion) => [emotion, (values[emotion] ?? 0) / total]));
}

function labelCounts(faces) {
  const counts = Object.fromEntries(EMOTIONS.map((emotion) => [emotion, 0]));
  for (const face of faces) counts[face.label] += 1;
  return counts;
}

/** A video's frames per label so far, over all its tracks (VideoRecords.tracks()). */
function trackLabelCounts(records) {
  const counts = Object.fromEntries(EMOTIONS.map((emotion) => [emotion, 0]));
  for (const track of records.tracks()) for (const emotion of EMOTIONS) counts[emotion] += track.counts[emotion];
  return counts;
}

export class EmoLens extends HTMLElement {
  static get observedAttributes() {
    return ['mode', 'size', 'histogram'];
  }

  #view;
  #client = null;
  #workerUrl = null;
  #build = null;
  #camera = null;
  #session = 0;  // bumped by every start and stop: answers for an older session are ignored
  #failedSession = -1;
  #sender = new FrameSender();
  #faces = [];
  #photo = null;  // {bitmap, result}
  // {run (VideoAnalysis), name, preview (a <video> of the file: the analysed frames are shown from
  // it, since the decoded ones go to the worker), release (lets it go), shown, wanted (frames of run.records), seeking}
  #video = null;
  #downloads = new Map();

  constructor() {
    super();
    this.#view = buildView(this.attachShadow({ mode: 'open' }), {
      retry: () => this.#retry(), cancel: () => this.#video?.run.cancel(), scrub: (frame) => this.#showVideoFrame(frame),
    });
    acceptPhotos({
      input: this.#view.fileInput, target: this.#view.stage, onDragging: (on) => this.#view.setDragging(on),
      enabled: () => this.mode !== 'camera' && this.#build !== null,
      onFiles: ([file]) => (this.mode === 'video' ? this.#analyzeVideo(file) : this.#analyzePhoto(file)),
    });
  }

  get mode() {
    const mode = this.getAttribute('mode');
    return mode === 'photo' || mode === 'video' ? mode : 'camera';
  }

  /** The wasm build analysing for this widget, once `ready` was dispatched; else null. */
  get build() {
    return this.#build ? { ...this.#build } : null;
  }

  connectedCallback() {
    this.#start();
  }

  disconnectedCallback() {
    this.#stop();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.isConnected || oldValue === newValue) return;
    if (name === 'mode') this.#enterMode(this.#session);
    else this.#layout();
  }

  #layout() {
    this.#view.setSize(parseSize(this.getAttribute('size')));
    this.#view.showHistogram(this.getAttribute('histogram') !== 'off');
    if (this.#photo && this.mode === 'photo') this.#drawPhoto();
    if (this.#video && this.mode === 'video') this.#drawVideoFrame(this.#video.shown);
  }

  #emit(type, detail) {
    const bubbles = type !== 'error';
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles, composed: bubbles }));
  }

  async #start() {
    const session = ++this.#session;
    this.#layout();
    this.#view.setState('loading', 'Loading emolens…');
    this.#view.setProgress(0);
    this.#downloads.clear();
    this.#workerUrl = analysisWorkerUrl();
    this.#client = new AnalysisClient({
      workerUrl: this.#workerUrl.url,
      onCrash: (error) => this.#fail(session, error),
      onProgress: (download) => this.#progress(session, download),
    });
    // The camera starts while the wasm and the models download: the first frame is then ready sooner.
    const camera = this.mode === 'camera' ? this.#startCamera(session) : null;
    try {
      // The mt build starts its threads as workers from its own URL, which another origin cannot do.
      const { build } = await this.#client.init({ variant: workerIsSameOrigin() ? 'auto' : 'st' });
      if (session !== this.#session) return;
      this.#build = build;
      this.#view.setBuild(build);
      this.#emit('ready', this.build);
      if (!camera || this.mode !== 'camera') await this.#enterMode(session);  // the mode may have changed meanwhile
      else if (await camera) this.#view.setState('running');
    } catch (error) {
      this.#fail(session, error);
    }
  }

  #stop() {
    this.#session++;
    this.#camera?.stop();
    this.#client?.terminate();
    this.#workerUrl?.release();
    this.#photo?.bitmap.close();
    this.#closeVideo();
    this.#client = this.#workerUrl = this.#build = this.#photo = null;
    this.#faces = [];
    this.#view.setHistogram(null);
  }

  #retry() {
    if (this.#build === null) {
      this.#stop();
      this.#start();
    } else {
      this.#enterMode(this.#session);
    }
  }

  /** Shows a failure of the analysis with Retry, once per session (a crash rejects init too). */
  #fail(session, error) {
    if (session !== this.#session || this.#failedSession === session) return;
    this.#failedSession = session;
    this.#camera?.stop();
    let message = `emolens could not start: ${error.message}`;
    if (error.code === 'worker_crashed') message = 'The analysis stopped unexpectedly. Press Retry to start it again.';
    else if (this.#build) message = `The analysis failed: ${error.message} Press Retry to start it again.`;
    this.#build = null;
    this.#view.setState('error', message, { canRetry: true });
    this.#emit('error', { code: error.code ?? 'internal', message: error.message });
  }

  #progress(session, { url, loaded, total }) {
    if (session !== this.#session || this.#build) return;
    this.#downloads.set(url, { loaded, total });
    let sumLoaded = 0;
    let sumTotal = 0;
    for (const download of this.#downloads.values()) {
      sumLoaded += download.loaded;
      sumTotal += download.total || download.loaded;
    }
    this.#view.setProgress(sumTotal ? sumLoaded / sumTotal : null);
  }

  /** Starts the current mode: the camera, or waiting for a photo or a video. */
  async #enterMode(session) {
    if (session !== this.#session || this.#build === null) return;
    this.#camera?.stop();
    this.#faces = [];
    this.#view.setHistogram(null);
    this.#view.setPicking(this.mode === 'camera' ? null : this.mode);
    if (this.mode !== 'video') this.#closeVideo();  // leaving video mode cancels its analysis
    if (this.mode === 'video') {
      if (this.#video) {
        this.#view.setState('video');
        this.#drawVideoFrame(this.#video.shown);
      } else {
        this.#view.setState('empty', 'Drop a video here, or', { canPick: true });
        drawScene(this.#view.canvas, {});
      }
      return;
    }
    if (this.mode === 'photo') {
      if (this.#photo) {
        this.#photoShown();
      } else {
        this.#view.setState('empty', 'Drop a photo here, paste one, or', { canPick: true });
        drawScene(this.#view.canvas, {});
      }
      return;
    }
    this.#view.setState('loading', 'Starting the camera…');
    if (await this.#startCamera(session)) this.#view.setState('running');
  }

  /** Starts the camera; resolves to whether it runs (a failure is shown, with Retry). */
  async #startCamera(session) {
    if (!this.#camera) {
      this.#camera = new Camera({ onEnded: (message) => this.#cameraStopped(message) });
      new FramePump(this.#camera.video, (now) => this.#cameraFrame(now));  // lives as long as the video
    }
    try {
      await this.#camera.start();
      if (session === this.#session && this.mode === 'camera') return true;
      this.#camera.stop();  // stopped, or switched to photo, while the camera was starting
    } catch (error) {
      if (session === this.#session && this.mode === 'camera') {
        this.#view.setState('error', error.message, { canRetry: true });
        this.#emit('error', { code: 'camera', message: error.message });
      }
    }
    return false;
  }

  #cameraStopped(message) {
    this.#faces = [];
    this.#view.setState('error', message, { canRetry: true });
    this.#emit('error', { code: 'camera', message });
  }

  /**
   * Each new camera frame: drawn with the latest faces (also while the analysis is loading), and
   * sent to the worker when it is ready and free; otherwise the frame is skipped, never queued.
   */
  #cameraFrame(now) {
    const camera = this.#camera;
    if (this.mode !== 'camera' || !camera.running || !this.#client) return;
    const { video } = camera;
    drawScene(this.#view.canvas, {
      source: video, sourceWidth: video.videoWidth, sourceHeight: video.videoHeight,
      mirrored: camera.facingUser, faces: this.#faces,
    });
    if (this.#build) this.#submit(this.#session, video, now);
  }

  async #submit(session, video, now) {
    try {
      const answer = await this.#sender.send(this.#client, video, now, () => session === this.#session && this.#client !== null);
      if (!answer || session !== this.#session || this.mode !== 'camera') return;
      const { stats, ...result } = answer;
      this.#faces = result.faces;
      if (stats) this.#view.setHistogram(shares(stats.session.seconds));
      this.#emit('emotion', result);
    } catch (error) {
      // A crash is reported by onCrash; a frame the worker could not read is only skipped.
      if (session === this.#session && error.code !== 'worker_crashed' && error.code !== 'invalid_argument') {
        this.#fail(session, error);
      }
    }
  }

  async #analyzePhoto(file) {
    const session = this.#session;
    this.#view.setState('loading', `Analysing ${file.name || 'the photo'}…`);
    try {
      const result = await this.#client.analyzeImage(await file.arrayBuffer());
      const bitmap = await displayBitmap(file, result, MAX_DISPLAY_SIDE);
      if (session !== this.#session) {
        bitmap.close();
        return;
      }
      this.#photo?.bitmap.close();
      this.#photo = { bitmap, result };
      if (this.mode === 'photo') this.#photoShown();
      this.#emit('emotion', result);
    } catch (error) {
      if (session !== this.#session) return;
      if (error.code === 'worker_crashed') return;
      const message = describePhotoError(file.name || 'pasted image', error);
      this.#view.setState('empty', `${message} Try another:`, { canPick: true });
      this.#emit('error', { code: error.code ?? 'unsupported_format', message });
    }
  }

  #photoShown() {
    const { faces } = this.#photo.result;
    this.#view.setState('photo');
    this.#view.setHistogram(shares(labelCounts(faces)));
    this.#drawPhoto();
  }

  #drawPhoto() {
    const { bitmap, result } = this.#photo;
    drawScene(this.#view.canvas, {
      source: bitmap, sourceWidth: result.width, sourceHeight: result.height, faces: result.faces,
    });
  }

  /**
   * Analyses every frame of a video file (shared/video-analysis.js): each result is an `emotion`
   * event and its frame is shown with its boxes; a progress bar with Cancel runs meanwhile, a scrub
   * bar over the analysed frames follows. A file that cannot be read is an `error` event, and the
   * widget waits for another.
   */
  async #analyzeVideo(file) {
    this.#closeVideo();
    const name = file.name || 'the video';
    const { video: preview, release } = openFileVideo(file);
    const video = { run: null, name, preview, release, shown: -1, wanted: -1, seeking: false };
    this.#video = video;
    this.#view.setState('video');
    drawScene(this.#view.canvas, {});
    let analysis;
    try {
      analysis = await import('../shared/video-analysis.js');  // on the first video: camera mode never fetches it
    } catch (error) {
      if (this.#video !== video) return;
      this.#closeVideo();
      const message = `Video analysis could not be loaded (${error.message}). Try again:`;
      this.#view.setState('empty', message, { canPick: true });
      this.#emit('error', { code: 'internal', message });
      return;
    }
    if (this.#video !== video) return;  // another file, or another mode, came meanwhile
    const { VideoAnalysis, describeVideoError } = analysis;
    video.run = new VideoAnalysis({
      client: this.#client, file,
      onProgress: (progress) => this.#videoProgress(video, progress),
      onFrame: (answer, records) => {
        if (this.#video !== video) return;
        const { stats, ...result } = answer;
        this.#view.setHistogram(shares(trackLabelCounts(records)));
        this.#showVideoFrame(records.frames - 1);
        this.#emit('emotion', result);
      },
    });
    const { state, records, error, fps } = await video.run.done;
    if (this.#video !== video) return;
    this.#view.setVideoProgress(null);
    this.#view.setScrub(records.frames);
    if (!error) {
      this.#emit('videoend', { state, frames: records.framesSeen, fps, tracks: records.tracks() });
      return;
    }
    if (error.code === 'worker_crashed' || error.code === 'worker_restarted') return;  // onCrash shows it, with Retry
    const message = describeVideoError(name, error, records.framesSeen);
    this.#view.setState('empty', `${message} Try another:`, { canPick: true });
    this.#emit('error', { code: error.code, message });
  }

  #videoProgress(video, { frames, timeMs, durationMs, etaMs }) {
    if (this.#video !== video) return;
    const fraction = durationMs ? timeMs / durationMs : null;
    const percent = fraction === null ? '' : ` (${Math.round(100 * Math.min(1, fraction))}%)`;
    const left = etaMs === null ? '' : `, ${Math.ceil(etaMs / 1000)} s left`;
    this.#view.setVideoProgress({ fraction, text: `Analysing ${video.name}: frame ${frames}${percent}${left}` });
  }

  /**
   * Shows analysed frame k of the video: the preview seeks to its time and, once that frame is
   * presented, it is drawn with the faces found there. One seek at a time: frames analysed
   * meanwhile are skipped to the newest, so showing never slows the analysis.
   */
  #showVideoFrame(k) {
    const video = this.#video;
    if (!video || k < 0) return;
    video.wanted = k;
    if (video.seeking) return;
    video.seeking = true;
    video.preview.requestVideoFrameCallback(() => {
      video.seeking = false;
      if (this.#video !== video) return;
      video.shown = k;
      if (this.mode === 'video') this.#drawVideoFrame(k);
      if (video.wanted !== k) this.#showVideoFrame(video.wanted);
    });
    video.preview.currentTime = video.run.records.timeOf(k) / 1000 + 1e-4;
  }

  #drawVideoFrame(k) {
    const { preview, run } = this.#video;
    if (k < 0) return;
    drawScene(this.#view.canvas, {
      source: preview, sourceWidth: preview.videoWidth, sourceHeight: preview.videoHeight, faces: run.records.facesAt(k),
    });
  }

  /** Cancels the video's analysis if it runs and lets its preview go. */
  #closeVideo() {
    const video = this.#video;
    if (!video) return;
    this.#video = null;
    video.run?.cancel();
    video.release();
    this.#view.setVideoProgress(null);
    this.#view.setScrub(0);
  }
}

if (!customElements.get('emo-lens')) customElements.define('emo-lens', EmoLens);
