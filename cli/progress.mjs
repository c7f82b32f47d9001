// A progress bar on stderr, so stdout stays clean for --json/--csv. On a terminal it redraws one
// line (at most 10 times a second); into a file or pipe it writes a line per 10% and only for runs
// of many items, so logs of small runs stay quiet.
const REDRAW_MS = 100;
const BAR = 24;

/**
 * total: items to process; label: what they are ('images'). minItems: below this, nothing is shown
 * when the stream is not a terminal. format: how counts are written (e.g. seconds of a video).
 * → { tick(), update(count), clearLine(), done() }: tick() adds one item, update() sets how far it got.
 */
export function createProgress(total, { label = 'items', stream = process.stderr, minItems = 50, format = String } = {}) {
  const tty = Boolean(stream.isTTY);
  const enabled = total > 0 && (tty || total >= minItems);
  const started = Date.now();
  let count = 0;
  let drawn = 0;
  let lastTenth = 0;

  const line = () => {
    const fraction = count / total;
    const seconds = (Date.now() - started) / 1000;
    const eta = count > 0 && count < total ? `, ${Math.ceil((seconds * (total - count)) / count)} s left` : '';
    const bar = '#'.repeat(Math.round(fraction * BAR)).padEnd(BAR, '.');
    return `[${bar}] ${format(count)}/${format(total)} ${label} (${Math.floor(100 * fraction)}%${eta})`;
  };

  const progress = {
    tick: () => progress.update(count + 1),
    update(value) {
      count = Math.min(value, total);
      if (!enabled) return;
      if (tty) {
        const now = Date.now();
        if (now - drawn >= REDRAW_MS || count === total) {
          stream.write(`\r${line()}`);
          drawn = now;
        }
      } else {
        const tenth = Math.floor((10 * count) / total);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          stream.write(`${line()}\n`);
        }
      }
    },
    // Prefix for a message written between ticks: erases a bar drawn on the terminal line.
    clearLine: () => (enabled && tty && drawn ? '\r\x1b[K' : ''),
    done() {
      if (enabled && tty && count > 0) stream.write('\n');
    },
  };
  return progress;
}
