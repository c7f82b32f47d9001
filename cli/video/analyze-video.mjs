// One video file through the analyzer for `emolens analyze`: frames decoded by ffmpeg, analysed in
// order at their own timestamps (analyzer.analyzeVideo: tracking and smoothing on), each frame's
// faces handed on as records at once (nothing kept per frame), a per-track summary, a progress bar
// in seconds of video, and optionally the annotated video.
import { annotateImage } from '../annotate.mjs';
import { EMOTIONS } from '../../peers/emotions.mjs';
import { createProgress } from '../progress.mjs';
import { decodeVideo, decodedSize } from './decode.mjs';
import { createVideoWriter } from './encode.mjs';
import { probeVideo } from './ffmpeg.mjs';

const round = (value, digits) => Number(value.toFixed(digits));

/** A face of a frame → the per-frame record (box in the source video's pixels). */
function faceRecord(frame, face, scale) {
  const { x, y, width, height } = face.box;
  return {
    frame: frame.index,
    time: round(frame.timestampMs / 1000, 4),
    track: face.id,
    box: { x: round(x * scale, 1), y: round(y * scale, 1), width: round(width * scale, 1), height: round(height * scale, 1) },
    label: face.label,
    confidence: round(face.confidence, 4),
    probabilities: Object.fromEntries(EMOTIONS.map((e) => [e, round(face.probabilities[e], 4)])),
  };
}

/** The JS API's TrackSummary → the CLI's per-track record (times in s). */
function trackRecord(t) {
  return {
    track: t.id, frames: t.frames, first: round(t.firstMs / 1000, 4), last: round(t.lastMs / 1000, 4), label: t.label,
    counts: t.counts, probabilities: Object.fromEntries(EMOTIONS.map((e) => [e, round(t.probabilities[e], 4)])),
  };
}

/**
 * Analyses `file`. options: fps (sampling rate, null = every frame), maxPixels (larger videos are
 * decoded scaled down to this), annotate (output video path or null), namedAsVideo (for the error
 * when ffprobe cannot read it), createTrackSummary (from the JS API), onStart(meta), onFrame(records).
 * → { meta, frames, tracks, error }: error is {code, message} when decoding stopped early (the frames
 * before it were analysed and handed on). Throws VideoError when nothing could be started (not a
 * video, audio only, ffmpeg missing).
 */
export async function analyzeVideoFile(analyzer, file, options) {
  const { fps = null, maxPixels, annotate = null, namedAsVideo, createTrackSummary, onStart, onFrame } = options;
  const probe = probeVideo(file, { namedAsVideo });
  const size = decodedSize(probe.width, probe.height, maxPixels);
  const meta = {
    width: probe.width, height: probe.height, fps: fps ?? (probe.fps && round(probe.fps, 3)), duration: probe.duration,
    ...(size.scale !== 1 ? { analysed_size: { width: size.width, height: size.height } } : {}),
  };
  onStart(meta);
  const progress = probe.duration
    ? createProgress(round(probe.duration, 1), { label: `s of ${file}`, minItems: 30, format: (s) => s.toFixed(1) })
    : null;
  const summary = createTrackSummary();
  const writer = annotate ? createVideoWriter(annotate, { width: size.width, height: size.height, fps: meta.fps ?? 30 }) : null;
  let current = null;
  const frames = (async function* keepCurrent() {
    for await (const frame of decodeVideo(file, { probe, size, fps })) yield (current = frame);
  })();
  let count = 0;
  let error = null;
  try {
    for await (const result of analyzer.analyzeVideo(frames)) {
      count++;
      summary.add(result);
      onFrame(result.faces.map((face) => faceRecord(current, face, size.scale)));
      if (writer) await writer.write(annotateImage(current, result.faces).data);
      progress?.update(current.timestampMs / 1000);
    }
  } catch (caught) {
    if (!caught.code) throw caught;  // a bug, not a bad file
    error = { code: caught.code, message: caught.message };
  } finally {
    progress?.done();
  }
  if (writer) {
    try {
      await writer.close();
    } catch (caught) {
      error ??= { code: caught.code, message: caught.message };
    }
  }
  if (!error && count === 0) error = { code: 'no_frames', message: 'the video has no frames to analyse' };
  return { meta, frames: count, tracks: summary.tracks().map(trackRecord), error };
}
