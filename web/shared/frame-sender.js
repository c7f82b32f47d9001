// Camera frames to the analysis worker, one at a time: a frame is grabbed only when the worker is
// free (and no other grab is under way), so a busy worker costs the page nothing but a count; the
// frames it could not take are skipped, never queued, and analysis never lags behind the camera.

/**
 * The video's current frame as a VideoFrame (cheap, no copy on the main thread), or an ImageBitmap
 * where WebCodecs is missing. Resolves to null if the video has no frame.
 */
async function grabFrame(video, now) {
  if (!video.videoWidth) return null;
  if (typeof VideoFrame === 'function') return new VideoFrame(video, { timestamp: Math.round(now * 1000) });
  return createImageBitmap(video);
}

export class FrameSender {
  constructor() {
    this.grabbing = false;
    this.skipped = 0;  // frames not sent: the worker was busy, or the video had no frame to give
  }

  /**
   * Sends `video`'s current frame (presented at `now`) to `client`, an AnalysisClient, if it is
   * free. Resolves to the frame's result, or to null when the frame was skipped or wanted() said,
   * after the grab, that it is no longer wanted (a stopped session).
   */
  async send(client, video, now, wanted = () => true) {
    if (this.grabbing || client.busy) {
      this.skipped++;
      return null;
    }
    this.grabbing = true;
    let frame = null;
    try {
      frame = await grabFrame(video, now);
    } catch {
      // the camera stopped between the check and the grab
    } finally {
      this.grabbing = false;
    }
    if (!frame) {
      this.skipped++;
      return null;
    }
    if (!wanted()) {
      frame.close();
      return null;
    }
    return client.submitFrame(frame, now);
  }
}
