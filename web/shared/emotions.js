// The seven emotions in the analyzer's order and the one palette that colours them everywhere: the
// page's overlay and plots, the widget, and the CLI's annotated pictures (Node imports this file
// too, so it depends on nothing but the language).

export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];

// jsimgui's ImPlot bindings take no per-item colour and cannot add a colormap (AddColormap is not
// bound in 0.14): plotted items take the colormap's colours in the order they are plotted. So the
// palette is ImPlot's "Dark" colormap (ColorBrewer Set1, copied from implot.cpp) given to the
// emotions in PLOT_ORDER, and the plots plot in that order.
export const PLOT_COLORMAP = 'Dark';
export const PLOT_ORDER = ['angry', 'sad', 'disgust', 'fear', 'surprise', 'happy', 'neutral'];
const DARK_COLORMAP = [[228, 26, 28], [55, 126, 184], [77, 175, 74], [152, 78, 163], [255, 127, 0], [255, 255, 51], [166, 86, 40]];

/** [r, g, b] bytes per emotion. */
export const PALETTE = Object.freeze(Object.fromEntries(PLOT_ORDER.map((emotion, i) => [emotion, Object.freeze(DARK_COLORMAP[i])])));

/** Text drawn on a palette colour (every one is light enough for dark text). */
export const TEXT_ON_PALETTE = Object.freeze([17, 18, 22]);

/** An emotion's colour as CSS, white for a label outside the seven. */
export function emotionCss(emotion) {
  const [r, g, b] = PALETTE[emotion] ?? [255, 255, 255];
  return `rgb(${r}, ${g}, ${b})`;
}

/** "happy 62%". */
export function labelText(face) {
  return `${face.label} ${Math.round(face.confidence * 100)}%`;
}
