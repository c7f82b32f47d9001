// Video mode's state: one video file analysed through the worker (web/shared/video-analysis.js),
// its progress, then its results (web/shared/video-records.js) and the scrub time; the frame at the
// scrub time is shown by seeking a <video> of the file and uploading what it shows to a texture,
// and the boxes drawn are the records of that same frame.
import { openFileVideo } from '../shared/file-video.js';
import { VideoAnalysis, describeVideoError } from '../shared/video-analysis.js';
import { ImageTexture } from './image-texture.js';

// While the video is analysed, the picture follows the analysis at most this often (each is a seek).
const LIVE_SEEK_MS = 400;

/**
 * Seeks `video` to `seconds` → true once the frame there is presented (false when the <video>
 * cannot show it: a damaged file whose frames were analysed up to the damage). A seek to where it
 * already is presents no new frame, so 'seeked' settles it too.
 */
function presented(video, seconds) {
  if (video.error) return Promise.resolve(false);
  return new Promise((resolve) => {
    const settle = (value) => {
      video.removeEventListener('seeked', onSeeked);
      video.removeEventListener('error', onError);
      resolve(value);
    };
    const onSeeked = () => setTimeout(() => settle(true), 100);
    const onError = () => settle(false);
    video.addEventListener('seeked', onSeeked);
    video.addEventListener('error', onError);
    video.requestVideoFrameCallback(() => settle(true));
    video.currentTime = seconds;
  });
}

export class VideoSession {
  /** client: the page's AnalysisClient; gl: its WebGL2 context; onChange(): something to redraw or announce. */
  constructor({ client, gl, onChange = () => {} }) {
    this.client = client;
    this.gl = gl;
    this.onChange = onChange;
    this.run = null;
    this.state = 'idle';      // 'analysing' | 'paused' | 'done' | 'cancelled' | 'error' (no results at all)
    this.name = '';
    this.records = null;
    this.progress = null;
    this.outcome = null;      // the driver's outcome once it ended
    this.message = '';        // what happened, for people (errors, no faces, scaled down, cut short)
    this.scrubMs = 0;
    this.shown = null;        // {frame (kept frame index), faces} drawn over the texture
    this.texture = new ImageTexture(gl);
    this.video = null;
    this.releaseVideo = null;  // lets the file's <video> go
    this.seeking = false;
    this.wantedMs = null;
    this.lastLiveSeek = 0;
  }

  get active() {
    return this.state === 'analysing' || this.state === 'paused';
  }

  /** Analyses `file`, replacing the video before (a running analysis is cancelled first). */
  async start(file) {
    if (this.run) {
      this.run.cancel();
      await this.run.done;
    }
    this.close();
    this.name = file.name || 'pasted video';
    this.state = 'analysing';
    this.scrubMs = 0;
    ({ video: this.video, release: this.releaseVideo } = openFileVideo(file));
    const run = new VideoAnalysis({
      client: this.client, file,
      onProgress: (progress) => {
        this.progress = progress;
        if (run.state === 'running' || run.state === 'paused') this.state = run.state === 'paused' ? 'paused' : 'analysing';
        this.onChange();
      },
      onFrame: (result, records) => {
        this.records = records;
        const now = performance.now();
        if (now - this.lastLiveSeek > LIVE_SEEK_MS) {
          this.lastLiveSeek = now;
          this.seek(records.keptUntilMs);
        }
      },
    });
    this.run = run;
    this.records = run.records;
    this.onChange();
    const outcome = await run.done;
    if (this.run !== run) return;  // replaced meanwhile
    this.finish(outcome);
  }

  finish(outcome) {
    this.outcome = outcome;
    this.run = null;
    const { records, error } = outcome;
    const notes = [];
    if (error) notes.push(describeVideoError(this.name, error, records.frames));
    if (outcome.state === 'cancelled') notes.push(`Cancelled after ${records.framesSeen} frames (${(records.keptUntilMs ?? 0) / 1000} s).`);
    if (records.frames && !records.faces) notes.push(`No face was found in "${this.name}" (${records.framesSeen} frame${records.framesSeen === 1 ? '' : 's'} analysed).`);
    if (records.analysedSize) {
      notes.push(`This ${records.width}x${records.height} video was analysed scaled down to ${records.analysedSize.width}x${records.analysedSize.height}; boxes are in its own pixels.`);
    }
    if (records.truncated) {
      notes.push(`Per-frame records are kept for the first ${(records.keptUntilMs / 1000).toFixed(1)} s only (the page's memory bound); the per-track summary covers the whole video. The CLI (emolens analyze) exports any length.`);
    }
    this.message = notes.join(' ');
    this.state = records.frames ? (outcome.state === 'cancelled' ? 'cancelled' : 'done') : 'error';
    if (records.frames) this.seek(0);
    this.onChange();
  }

  pause() { this.run?.pause(); }
  resume() { this.run?.resume(); }
  cancel() { this.run?.cancel(); }

  get durationMs() {
    return this.outcome?.durationMs ?? this.progress?.durationMs ?? this.records?.keptUntilMs ?? 0;
  }

  /**
   * Shows the analysed frame at `timeMs`: its records' boxes, and the picture once the <video> has
   * seeked there (seeks are chained: only the latest wanted time is sought next).
   */
  seek(timeMs) {
    if (!this.records?.frames || !this.video) return;
    const frame = this.records.frameAt(timeMs);
    this.scrubMs = Math.max(0, timeMs);
    this.wantedMs = this.records.timeOf(frame);
    if (!this.seeking) this.seekNext();
  }

  async seekNext() {
    const video = this.video;
    if (this.wantedMs === null || !video) {
      this.seeking = false;
      return;
    }
    const targetMs = this.wantedMs;
    this.wantedMs = null;
    this.seeking = true;
    // Just past the frame's own time, so the <video> shows that frame and not the one before.
    const shown = await presented(video, targetMs / 1000 + 1e-4);
    if (video !== this.video) return;
    if (shown) this.texture.update(video);
    const frame = this.records.frameAt(targetMs);
    this.shown = { frame, timeMs: this.records.timeOf(frame), faces: this.records.facesAt(frame) };
    this.onChange();
    this.seekNext();
  }

  /** Forgets the video (its results, texture picture and element); a running analysis is cancelled. */
  close() {
    this.run?.cancel();
    this.run = null;
    this.releaseVideo?.();
    this.releaseVideo = null;
    this.video = null;
    this.shown = null;
    this.records = null;
    this.progress = null;
    this.outcome = null;
    this.message = '';
    this.state = 'idle';
  }

  recreateTexture() {
    this.texture.recreate();
  }
}
