// A video file in the browser → its frames one at a time, each with its own presentation time: the
// browser's decoder shows it in a paused <video> that is stepped frame by frame by seeking, and
// requestVideoFrameCallback gives each shown frame's own time, so the caller (e.g. the analysis
// worker) takes as long as it needs per frame, no frame is skipped, and the video's clock, not the
// wall clock, times the frames. Not wired to the page yet (issue 18).
//
//   for await (const frame of videoFileFrames(file)) {   // {bitmap, timestampMs, width, height, index}
//     await client.submitFrame(frame.bitmap, frame.timestampMs);  // the bitmap is transferred
//   }

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

/** Seeks to `seconds` and waits for the frame shown there → its metadata (mediaTime: its own time, s). */
function frameAt(video, seconds) {
  return new Promise((resolve, reject) => {
    const failed = () => reject(new VideoFileError('corrupt_video', `decoding stopped: ${video.error?.message || 'media error'}`));
    video.addEventListener('error', failed, { once: true });
    video.requestVideoFrameCallback((now, metadata) => {
      video.removeEventListener('error', failed);
      resolve(metadata);
    });
    video.currentTime = seconds;
  });
}

// The first frame interval is found by stepping this far at a time (under any real frame interval).
const PROBE_STEP_S = 0.004;

/**
 * Yields {index, bitmap (ImageBitmap, the caller's to close or transfer), timestampMs, width,
 * height} for every frame the browser presents, in order. Throws VideoFileError: unsupported_format
 * or corrupt_video when the browser cannot decode it, no_video_stream for a file with sound only.
 */
export async function* videoFileFrames(blob) {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  const url = URL.createObjectURL(blob);
  try {
    video.src = url;
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
        const candidate = await frameAt(video, metadata.mediaTime + step + 1e-4);
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
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  }
}
