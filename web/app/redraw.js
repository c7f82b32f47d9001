// When the page draws. Frames are drawn when something changed (a camera frame, a result, input, a
// message) and at least IDLE_FPS times a second, not on every display refresh: an idle page then
// costs almost nothing, and with software WebGL the renderer no longer competes with the analysis
// for the CPU. After input the page draws at display rate for a while (hover, tooltips, dragging).
const IDLE_FPS = 4;
const INPUT_AWAKE_MS = 1000;
const INPUT_EVENTS = ['pointermove', 'pointerdown', 'pointerup', 'wheel', 'keydown', 'keyup', 'touchstart', 'touchmove', 'touchend'];

export class RedrawScheduler {
  /** canvas: input on it keeps the page awake; so do keys anywhere and a resize. */
  constructor(canvas) {
    this.wanted = true;
    this.awakeUntil = 0;
    this.lastDrawn = 0;
    const wake = () => { this.awakeUntil = performance.now() + INPUT_AWAKE_MS; };
    for (const type of INPUT_EVENTS) canvas.addEventListener(type, wake, { passive: true });
    document.addEventListener('keydown', wake);
    window.addEventListener('resize', () => this.want());
  }

  /** Something changed: draw at the next animation frame. */
  want() {
    this.wanted = true;
  }

  /** Whether the animation frame at `now` draws; if it does, the request is taken. */
  due(now) {
    if (!this.wanted && now >= this.awakeUntil && now - this.lastDrawn < 1000 / IDLE_FPS) return false;
    this.wanted = false;
    this.lastDrawn = now;
    return true;
  }
}
