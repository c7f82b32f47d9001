// Frames per second over a sliding one-second window.
export class FrameRate {
  constructor() {
    this.times = [];
  }

  tick(now = performance.now()) {
    this.times.push(now);
    while (this.times.length && now - this.times[0] > 1000) this.times.shift();
  }

  get perSecond() {
    if (this.times.length < 2) return 0;
    const span = this.times[this.times.length - 1] - this.times[0];
    return span > 0 ? ((this.times.length - 1) * 1000) / span : 0;
  }
}
