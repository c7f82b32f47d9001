// The shared palette (web/shared/emotions.js) in the forms Dear ImGui and ImPlot take.
import { ImPlot } from '../vendor/jsimgui/mod.js';
import { PALETTE, PLOT_COLORMAP } from '../shared/emotions.js';

/** RGBA 0..1 per emotion (ImVec4's components). */
export const EMOTION_COLOURS = Object.fromEntries(Object.entries(PALETTE).map(([emotion, rgb]) => [emotion, [...rgb.map((v) => v / 255), 1]]));

/** The index of the plots' colormap, to push around them: plotted in PLOT_ORDER, items take PALETTE's colours. */
export function plotColormap() {
  return ImPlot.GetColormapIndex(PLOT_COLORMAP);
}

export function packColour(r, g, b, a = 1) {
  const byte = (v) => Math.round(Math.min(1, Math.max(0, v)) * 255);
  return ((byte(a) << 24) | (byte(b) << 16) | (byte(g) << 8) | byte(r)) >>> 0;
}

/** 0xAABBGGRR, the packed colour ImDrawList takes, of an emotion at an opacity. */
export function emotionU32(emotion, alpha = 1) {
  const [r, g, b] = EMOTION_COLOURS[emotion];
  return packColour(r, g, b, alpha);
}
