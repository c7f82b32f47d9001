// Takes camera frames as the video presents them (requestVideoFrameCallback; requestAnimationFrame
// polling where it is missing) and hands each to onFrame(now); FrameSender (frame-sender.js)
// decides whether that frame goes to the worker.

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
