// The widget's shadow DOM: a canvas for the picture and the face boxes, a status line (loading,
// errors, hints) with Retry and "Choose a photo" (or video), a video's progress bar with Cancel and,
// once analysed, its scrub bar, and a histogram of the 7 emotions. Built with
// DOM calls (no innerHTML, so it also works under Trusted Types) and styled by a stylesheet adopted
// by the shadow root: host page selectors cannot reach inside, and `all: initial` on the top element
// stops what would be inherited from the host (fonts, colours, visibility). The host element itself
// stays the host page's to place, size around or hide.
import { EMOTIONS, emotionCss } from '../shared/emotions.js';

const CSS = `
:host { display: inline-block; vertical-align: top; contain: content; }
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
.widget {
  all: initial; display: block; background: #17181c; border-radius: 8px; overflow: hidden;
  font: 13px/1.35 system-ui, -apple-system, "Segoe UI", sans-serif; color: #e6e7ea; direction: ltr;
}
.stage { display: block; position: relative; background: #000; outline: none; }
.stage:focus-visible { box-shadow: inset 0 0 0 2px #6ea8fe; }
canvas { display: block; width: 100%; height: 100%; }
.status {
  position: absolute; inset: 0; display: flex; flex-direction: column; gap: 10px;
  align-items: center; justify-content: center; padding: 16px; text-align: center;
  background: rgba(10, 11, 14, 0.72);
}
.status[hidden], button[hidden], .histogram[hidden] { display: none; }
.widget[data-state="photo"] .status, .widget[data-state="running"] .status, .widget[data-state="video"] .status { display: none; }
.widget.dragging .stage { box-shadow: inset 0 0 0 3px #6ea8fe; }
button {
  font: inherit; color: #0d0e11; background: #e6e7ea; border: 0; border-radius: 5px;
  padding: 5px 12px; cursor: pointer;
}
button:focus-visible { outline: 2px solid #6ea8fe; outline-offset: 2px; }
.bar-line { display: flex; align-items: center; gap: 10px; padding: 6px 10px; }
.bar-line .grow { flex: 1; color: #a5a8b0; font-size: 12px; }
.progress { width: 60%; height: 4px; background: #33353c; border-radius: 2px; overflow: hidden; }
.progress i { display: block; height: 100%; width: 0; background: #6ea8fe; }
.video-line[hidden], .scrub[hidden] { display: none; }
.video-line { display: flex; align-items: center; gap: 10px; padding: 6px 10px 0; color: #a5a8b0; font-size: 12px; }
.video-line .progress { flex: 1; width: auto; }
.scrub { display: block; width: calc(100% - 20px); margin: 6px 10px 0; accent-color: #6ea8fe; }
.histogram { display: grid; grid-template-columns: auto 1fr 3.2em; gap: 3px 8px; padding: 6px 10px 8px; }
.histogram .name { color: #c9cbd1; }
.histogram .track { align-self: center; height: 8px; background: #2a2c33; border-radius: 4px; overflow: hidden; }
.histogram .fill { display: block; height: 100%; width: 0; }
.histogram .value { text-align: right; font-variant-numeric: tabular-nums; color: #a5a8b0; }
`;

let sheet = null;

function adoptStyles(root) {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    root.append(element('style', { textContent: CSS }));
  }
}

/** document.createElement with properties and children; the widget's only way of making DOM. */
function element(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(properties)) {
    if (key === 'attributes') for (const [name, text] of Object.entries(value)) node.setAttribute(name, text);
    else node[key] = value;
  }
  node.append(...children);
  return node;
}

/**
 * Fills `root` (the element's shadow root) and returns the handles the element drives.
 * actions: { retry(), cancel() (the video's analysis), scrub(frame) (show a video's analysed frame) }.
 */
export function buildView(root, actions) {
  adoptStyles(root);
  const canvas = element('canvas', { attributes: { role: 'img', 'aria-label': 'emolens view' } });
  const message = element('div', { className: 'message' });
  const progressFill = element('i');
  const progress = element('div', { className: 'progress', hidden: true }, [progressFill]);
  const retry = element('button', { type: 'button', textContent: 'Retry', hidden: true, onclick: () => actions.retry() });
  const fileInput = element('input', { type: 'file', accept: 'image/*', hidden: true });
  const pick = element('button', { type: 'button', textContent: 'Choose a photo', hidden: true, onclick: () => fileInput.click() });
  const videoText = element('span', { className: 'grow' });
  const videoFill = element('i');
  const cancel = element('button', { type: 'button', textContent: 'Cancel', onclick: () => actions.cancel() });
  const videoLine = element('div', { className: 'video-line', hidden: true },
    [videoText, element('div', { className: 'progress' }, [videoFill]), cancel]);
  const scrub = element('input', {
    type: 'range', className: 'scrub', min: 0, max: 0, step: 1, hidden: true,
    attributes: { 'aria-label': 'video position' }, oninput: () => actions.scrub(Number(scrub.value)),
  });
  const status = element('div', { className: 'status', attributes: { role: 'status', 'aria-live': 'polite' } },
    [message, progress, retry, pick]);
  const stage = element('div', { className: 'stage', tabIndex: 0 }, [canvas, status, fileInput]);
  const build = element('span', { className: 'grow', textContent: 'Analysed on this device: no image leaves it.' });
  const pickAgain = element('button', { type: 'button', textContent: 'Choose a photo', hidden: true, onclick: () => fileInput.click() });
  const footer = element('div', { className: 'bar-line' }, [build, pickAgain]);
  const rows = new Map();
  const histogram = element('div', { className: 'histogram', attributes: { 'aria-label': 'emotion histogram' } });
  for (const emotion of EMOTIONS) {
    const fill = element('i', { className: 'fill' });
    fill.style.background = emotionCss(emotion);
    const value = element('span', { className: 'value', textContent: '–' });
    histogram.append(element('span', { className: 'name', textContent: emotion }),
      element('span', { className: 'track' }, [fill]), value);
    rows.set(emotion, { fill, value });
  }
  const widget = element('div', { className: 'widget' }, [stage, videoLine, scrub, histogram, footer]);
  root.append(widget);

  return {
    canvas, stage, fileInput,

    /** state: loading | running | photo | video | empty | error; message: shown over the picture. */
    setState(state, text = '', { canRetry = false, canPick = false } = {}) {
      widget.dataset.state = state;
      message.textContent = text;
      retry.hidden = !canRetry;
      pick.hidden = !canPick;
      if (state !== 'loading') progress.hidden = true;
    },

    /** Loading progress, 0..1 (null: unknown). */
    setProgress(fraction) {
      progress.hidden = fraction === null;
      progressFill.style.width = `${Math.round(100 * Math.min(1, fraction ?? 0))}%`;
    },

    setSize({ width, height }) {
      widget.style.width = `${width}px`;
      stage.style.height = `${height}px`;
    },

    /** What the picker takes: 'photo', 'video', or null (camera mode: no picker). */
    setPicking(kind) {
      pickAgain.hidden = kind === null;
      fileInput.accept = kind === 'video' ? 'video/*' : 'image/*';
      pick.textContent = pickAgain.textContent = `Choose a ${kind ?? 'photo'}`;
    },

    /** A video's analysis: {fraction (0..1, null: unknown), text}, or null to hide the bar. */
    setVideoProgress(progress) {
      videoLine.hidden = progress === null;
      if (!progress) return;
      videoText.textContent = progress.text;
      videoFill.style.width = `${Math.round(100 * Math.min(1, progress.fraction ?? 0))}%`;
    },

    /** The scrub bar over a video's analysed frames 0..frames-1 at `frame`; frames 0 hides it. */
    setScrub(frames, frame = frames - 1) {
      scrub.hidden = frames < 2;
      scrub.max = Math.max(0, frames - 1);
      scrub.value = frame;
    },

    showHistogram(on) {
      histogram.hidden = !on;
    },

    /** shares: {emotion: 0..1}, or null to clear. */
    setHistogram(shares) {
      for (const [emotion, row] of rows) {
        const share = shares?.[emotion] ?? 0;
        row.fill.style.width = `${(100 * share).toFixed(1)}%`;
        row.value.textContent = shares ? `${Math.round(100 * share)}%` : '–';
      }
    },

    setBuild(info) {
      const simd = info.simd ? ' + SIMD' : '';
      build.textContent = `Analysed on this device (wasm ${info.variant}${simd}): no image leaves it.`;
    },

    setDragging(on) {
      widget.classList.toggle('dragging', on);
    },
  };
}
