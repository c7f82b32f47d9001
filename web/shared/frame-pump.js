// Takes camera frames as the video presents them (requestVideoFrameCallback; requestAnimationFrame
// polling where it is missing) and hands each to onFrame(now). sendFrame() turns the video's
// current frame into a transferable object for the worker.

export class FramePump {
  /** video: the camera's <video>; onFrame(now): a new frame is being presented. */
  constructor(video, onFrame) {
    this.video = video;
    this.onFrame = onFrame;
    this.lastTime = -1;
    this.usesVideoFrameCallback = typeof video.requestVideoFrameCallback === 'function';
    this.schedule();
  }

  schedule() {
    if (this.usesVideoFrameCallback) {
      this.video.requestVideoFrameCallback((now) => {
        this.onFrame(now);
        this.schedule();
      });
    } else {
      requestAnimationFrame((now) => {
        if (this.video.currentTime !== this.lastTime) {
          this.lastTime = this.video.currentTime;
          this.onFrame(now);
        }
        this.schedule();
      });
    }
  }
}

/**
 * The video's current frame as a VideoFrame (cheap, no copy on the main thread), or an ImageBitmap
 * where WebCodecs is missing. Resolves to null if the video has no frame.
 */
export async function grabFrame(video, now) {
  if (!video.videoWidth) return null;
  if (typeof VideoFrame === 'function') return new VideoFrame(video, { timestamp: Math.round(now * 1000) });
  return createImageBitmap(video);
}
