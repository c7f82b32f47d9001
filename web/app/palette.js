// The seven emotions in the analyzer's order, and the colours the overlay shares with the plots.
import { ImPlot } from '../vendor/jsimgui/mod.js';

export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];

// jsimgui's ImPlot bindings take no per-item colour: items take the colormap's colours in the order
// they are plotted. Plotted in this order on ImPlot's "Dark" colormap (ColorBrewer Set1), the
// emotions get the colours below, which the overlay uses too (ImPlot.GetColormapColor cannot be
// called in jsimgui 0.14: its ImVec4 return type is unbound, so they are copied from implot.cpp).
export const PLOT_ORDER = ['angry', 'sad', 'disgust', 'fear', 'surprise', 'happy', 'neutral'];
export const PLOT_COLORMAP = 'Dark';
const DARK_COLORMAP = [[228, 26, 28], [55, 126, 184], [77, 175, 74], [152, 78, 163], [255, 127, 0], [255, 255, 51], [166, 86, 40]];

/** RGBA 0..1 per emotion. */
export const EMOTION_COLOURS = Object.fromEntries(PLOT_ORDER.map((emotion, i) => [emotion, [...DARK_COLORMAP[i].map((v) => v / 255), 1]]));

/** The index of the plots' colormap, to push around them. */
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

/** "happy 62%". */
export function labelText(face) {
  return `${face.label} ${Math.round(face.confidence * 100)}%`;
}
