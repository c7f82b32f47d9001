// A video file in the browser → its frames one at a time, each with its own presentation time, so
// the caller (e.g. the analysis worker) takes as long as it needs per frame, no frame is skipped, and
// the video's clock, not the wall clock, times the frames.
//
// Two paths. MP4 (H.264, VP9) and WebM (VP8, VP9, H.264) are demuxed here (video-demux-mp4.js,
// video-demux-webm.js) and decoded by WebCodecs' VideoDecoder as fast as the caller takes the frames
// (in Chromium 50-66x faster than seeking to decode, 7-16x with the analysis: bench/video/README.md). Anything else (another container
// or codec, no WebCodecs, a decoder that refuses the configuration, a file over MAX_DEMUX_BYTES)
// goes through a paused <video> stepped frame by frame by seeking, where requestVideoFrameCallback
// gives each shown frame's time.
//
//   for await (const frame of videoFileFrames(file)) {   // {bitmap, timestampMs, width, height, index}
//     await client.submitFrame(frame.bitmap, frame.timestampMs);  // the frame is transferred (and closed)
//   }
import { openFileVideo } from './file-video.js';
import { trackColorSpace } from './video-color.js';
import { mp4Demux } from './video-demux-mp4.js';
import { webmDemux } from './video-demux-webm.js';

export class VideoFileError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'VideoFileError';
    this.code = code;
  }
}

// MediaError codes → the CLI's words for the same failures.
const MEDIA_ERRORS = { 3: 'corrupt_video', 4: 'unsupported_format' };

function loaded(video) {
  return new Promise((resolve, reject) => {
    video.addEventListener('loadeddata', resolve, { once: true });
    video.addEventListener('error', () => {
      const code = MEDIA_ERRORS[video.error?.code] ?? 'corrupt_video';
      reject(new VideoFileError(code, `the browser cannot play this file (${video.error?.message || `media error ${video.error?.code}`})`));
    }, { once: true });
  });
}

// A seek that lands on the frame already shown may present nothing new, and then no frame callback
// comes (the seeking path hung so, now and then, on webm): this long after `seeked`, the frame shown
// is taken as unchanged.
const UNCHANGED_AFTER_MS = 250;

/**
 * Seeks to `seconds` and waits for the frame shown there → its metadata (mediaTime: its own time,
 * s); `shown` (the metadata of the frame shown before) when none is presented after the seek.
 */
function frameAt(video, seconds, shown = null) {
  return new Promise((resolve, reject) => {
    let timer = null;
    let handle = null;
    const settle = () => {
      clearTimeout(timer);
      video.cancelVideoFrameCallback(handle);
      video.removeEventListener('error', failed);
      video.removeEventListener('seeked', seeked);
    };
    const failed = () => {
      settle();
      reject(new VideoFileError('corrupt_video', `decoding stopped: ${video.error?.message || 'media error'}`));
    };
    const seeked = () => {
      if (shown) timer = setTimeout(() => { settle(); resolve(shown); }, UNCHANGED_AFTER_MS);
    };
    video.addEventListener('error', failed, { once: true });
    video.addEventListener('seeked', seeked, { once: true });
    handle = video.requestVideoFrameCallback((now, metadata) => {
      settle();
      resolve(metadata);
    });
    video.currentTime = seconds;
  });
}

// The first frame interval is found by stepping this far at a time (under any real frame interval).
const PROBE_STEP_S = 0.004;

/**
 * The seeking path alone (videoFileFrames takes it when it must; benchmarks and tests compare
 * against it): the same frames, each an ImageBitmap, and the same errors.
 */
export async function* videoFileFramesBySeeking(blob) {
  const { video, release } = openFileVideo(blob);
  try {
    await loaded(video);
    if (!video.videoWidth) throw new VideoFileError('no_video_stream', 'audio only: the file has no video to analyse');
    // Frame by frame by seeking: the next frame starts one interval after this one (the interval
    // between the first two frames, found by small steps; a shorter gap later is found the same way).
    const duration = video.duration;
    let metadata = await frameAt(video, 0);
    let interval = 0;
    for (let index = 0; ; index++) {
      const timestampMs = metadata.mediaTime * 1000;
      const bitmap = await createImageBitmap(video);
      yield { index, bitmap, timestampMs, width: bitmap.width, height: bitmap.height };
      let next = null;
      for (let step = interval || PROBE_STEP_S; metadata.mediaTime + step < duration; step += interval ? interval / 2 : PROBE_STEP_S) {
        const candidate = await frameAt(video, metadata.mediaTime + step + 1e-4, metadata);
        if (candidate.mediaTime > metadata.mediaTime) {
          next = candidate;
          break;
        }
      }
      if (!next) break;
      if (!interval) interval = next.mediaTime - metadata.mediaTime;
      metadata = next;
    }
  } finally {
    release();
  }
}

// Larger files take the seeking path, which streams from the file: demuxing holds the whole file in memory.
const MAX_DEMUX_BYTES = 1 << 30;
// Encoded chunks queued in the decoder, and decoded frames waiting for the caller, at most: enough
// to keep the decoder busy while the caller works, few enough that memory stays flat.
const MAX_QUEUED_CHUNKS = 8;
const MAX_READY_FRAMES = 4;

/**
 * The file's video track demuxed and checked with the decoder → {bytes, video, config, damage}, or
 * null when the seeking path must take it. Throws VideoFileError for what no path can decode.
 */
async function demuxedTrack(blob) {
  if (typeof VideoDecoder === 'undefined' || blob.size > MAX_DEMUX_BYTES) return null;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const demuxed = mp4Demux(bytes) ?? webmDemux(bytes);
  if (!demuxed) return null;
  const { video, damage } = demuxed;
  if (!video) {
    if (damage) throw new VideoFileError('corrupt_video', `the file cannot be read: ${damage}`);
    throw new VideoFileError('no_video_stream', 'audio only: the file has no video to analyse');
  }
  // No codec string we know, or no key frame to start from: the browser's player may still cope.
  if (!video.codec || (video.samples.length && !video.samples.some((sample) => sample.key))) return null;
  const config = { codec: video.codec, codedWidth: video.codedWidth, codedHeight: video.codedHeight };
  if (video.description) config.description = video.description;
  const colorSpace = trackColorSpace(video);
  if (colorSpace) config.colorSpace = colorSpace;
  const { supported } = await VideoDecoder.isConfigSupported(config).catch(() => ({ supported: false }));
  return supported ? { bytes, video, config, damage } : null;
}

/**
 * The WebCodecs path: the demuxed chunks through a VideoDecoder, fed as the caller takes frames.
 * Frames come out in presentation order (the decoder reorders B-frames) with their own timestamps.
 */
async function* decodedFrames({ bytes, video, config, damage }) {
  const ready = [];
  let failure = null;
  let flushing = false;
  let flushed = false;
  let wake = null;
  const signal = () => {
    wake?.();
    wake = null;
  };
  const decoder = new VideoDecoder({
    output: (frame) => {
      ready.push(frame);
      signal();
    },
    error: (error) => {
      failure = error;
      signal();
    },
  });
  decoder.addEventListener('dequeue', signal);
  decoder.configure(config);
  // A decoder starts at a key frame: frames before the first one cannot be decoded.
  let next = Math.max(0, video.samples.findIndex((sample) => sample.key));
  let index = 0;
  try {
    for (;;) {
      while (!failure && next < video.samples.length && decoder.decodeQueueSize < MAX_QUEUED_CHUNKS && ready.length < MAX_READY_FRAMES) {
        const { offset, size, key, timestampUs, durationUs } = video.samples[next++];
        try {
          decoder.decode(new EncodedVideoChunk({
            type: key ? 'key' : 'delta', timestamp: timestampUs, ...(durationUs && { duration: durationUs }),
            data: bytes.subarray(offset, offset + size),
          }));
        } catch (error) {  // a chunk the decoder refuses outright (DataError)
          failure = error;
        }
      }
      if (!failure && next === video.samples.length && !flushing) {
        flushing = true;
        decoder.flush().then(() => { flushed = true; signal(); }, () => {});  // the error callback reports failures
      }
      if (ready.length) {
        const frame = ready.shift();
        yield { index: index++, bitmap: frame, timestampMs: frame.timestamp / 1000, width: frame.displayWidth, height: frame.displayHeight };
        continue;
      }
      if (failure) throw new VideoFileError('corrupt_video', `decoding stopped after ${index} frames: ${failure.message}`);
      if (flushed) break;
      await new Promise((resolve) => { wake = resolve; });
    }
    if (damage) throw new VideoFileError('corrupt_video', `decoding stopped after ${index} frames: ${damage}`);
  } finally {
    for (const frame of ready) frame.close();
    if (decoder.state !== 'closed') decoder.close();
  }
}

/**
 * Yields {index, bitmap, timestampMs, width, height} for every frame of the video in presentation
 * order. bitmap is a VideoFrame (WebCodecs path) or an ImageBitmap (seeking path): either is the
 * caller's to close or transfer (AnalysisClient.submitFrame takes both), and either can be drawn
 * (drawImage) or made into an ImageBitmap; width and height are its display size. Throws
 * VideoFileError: unsupported_format or corrupt_video when the browser cannot decode the file
 * (corrupt_video after the frames before the damage), no_video_stream for a file with sound only.
 */
export async function* videoFileFrames(blob) {
  const track = await demuxedTrack(blob);
  yield* track ? decodedFrames(track) : videoFileFramesBySeeking(blob);
}
