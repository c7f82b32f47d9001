// The statistics window (ImPlot): the session's emotion histogram, per-face histograms and the
// last 60 s per emotion (its reset and exports are in the panel); the legend, the emotion
// histogram and the plot flags are shared with the video window (video-panel.js).
import { ImAxis, ImGui, ImPlot, ImVec2, ImVec4 } from '../vendor/jsimgui/mod.js';
import { EMOTIONS, PLOT_ORDER } from '../shared/emotions.js';
import { EMOTION_COLOURS, emotionU32 } from './palette.js';

// implot.h (v1.0) values; jsimgui 0.14 exports no ImPlot enums but ImAxis.
const PLOT_NO_MENUS = 1 << 4;
const PLOT_NO_BOX_SELECT = 1 << 5;
const PLOT_NO_LEGEND = 1 << 1;
const AXIS_NO_GRID = 1 << 1;
const AXIS_NO_TICK_LABELS = 1 << 3;
export const AXIS_LOCK = (1 << 14) | (1 << 15);
export const COND_ALWAYS = 1;
export const PLOT_FLAGS = PLOT_NO_MENUS | PLOT_NO_BOX_SELECT | PLOT_NO_LEGEND;
const SHORT_NAMES = { angry: 'ang', disgust: 'dis', fear: 'fea', happy: 'hap', sad: 'sad', surprise: 'sur', neutral: 'neu' };

const MAX_FACE_PLOTS = 4;
const TIMELINE_SECONDS = 60;
const BIN_MS = 100;
const MAX_GAP_BINS = 10;  // gaps up to 1 s (frames between analyses) are bridged; longer ones stay empty
const MUTED = new ImVec4(0.7, 0.7, 0.75, 1);

/** One legend for every plot (the colours the overlay uses too), wrapped to the window. */
export function legend() {
  const right = ImGui.GetCursorScreenPos().x + ImGui.GetContentRegionAvail().x;
  PLOT_ORDER.forEach((emotion, i) => {
    if (i > 0) {
      ImGui.SameLine();
      // Wrap when the next name would not fit (names are short; the font is monospaced).
      if (ImGui.GetCursorScreenPos().x + (emotion.length + 2) * ImGui.GetFontSize() * 0.6 > right) ImGui.NewLine();
    }
    const size = ImGui.GetFontSize();
    const at = ImGui.GetCursorScreenPos();
    ImGui.GetWindowDrawList().AddRectFilled(new ImVec2(at.x, at.y + size * 0.2), new ImVec2(at.x + size * 0.6, at.y + size * 0.8), emotionU32(emotion));
    ImGui.Dummy(new ImVec2(size * 0.7, size));
    ImGui.SameLine(0, 2);
    ImGui.TextColored(new ImVec4(...EMOTION_COLOURS[emotion]), emotion);
  });
}

/** A histogram of one value per emotion (e.g. seconds), one coloured bar each, named above the bar. */
export function emotionBars(title, values, height) {
  if (!ImPlot.BeginPlot(title, new ImVec2(-1, height), PLOT_FLAGS)) return;
  // SetupAxisTicks has no effect in jsimgui 0.14: bars are named with PlotText instead.
  ImPlot.SetupAxis(ImAxis.X1, '', AXIS_NO_GRID | AXIS_NO_TICK_LABELS | AXIS_LOCK);
  ImPlot.SetupAxisLimits(ImAxis.X1, -0.6, EMOTIONS.length - 0.4, COND_ALWAYS);
  ImPlot.SetupAxis(ImAxis.Y1, '', AXIS_LOCK);
  const top = Math.max(1, ...EMOTIONS.map((emotion) => values?.[emotion] ?? 0)) * 1.25;
  ImPlot.SetupAxisLimits(ImAxis.Y1, 0, top, COND_ALWAYS);
  for (const emotion of PLOT_ORDER) {
    ImPlot.PlotBars(emotion, [values?.[emotion] ?? 0], 1, 0.7, EMOTIONS.indexOf(emotion));
  }
  EMOTIONS.forEach((emotion, i) => ImPlot.PlotText(SHORT_NAMES[emotion], i, values?.[emotion] ?? 0, new ImVec2(0, -10)));
  ImPlot.EndPlot();
}

/** Per-face histograms: for each of the latest faces, the share of its time per emotion. */
function faceHistograms(stats, height) {
  const tracks = (stats?.tracks ?? []).slice(-MAX_FACE_PLOTS);
  if (!ImPlot.BeginPlot('Per face: share of time', new ImVec2(-1, height), PLOT_FLAGS)) return;
  ImPlot.SetupAxis(ImAxis.X1, '', AXIS_NO_GRID | AXIS_NO_TICK_LABELS | AXIS_LOCK);
  ImPlot.SetupAxisLimits(ImAxis.X1, -0.5, Math.max(1, tracks.length) - 0.5, COND_ALWAYS);
  ImPlot.SetupAxis(ImAxis.Y1, '', AXIS_LOCK);
  ImPlot.SetupAxisLimits(ImAxis.Y1, 0, 1.2, COND_ALWAYS);
  tracks.forEach((track, i) => ImPlot.PlotText(`face ${track.id}`, i, 1.1));
  // Grouped bars by hand (PlotBarGroups is not bound in jsimgui 0.14): emotion k of every face at
  // x = face index + its offset in the group.
  const width = 0.84 / PLOT_ORDER.length;
  PLOT_ORDER.forEach((emotion, k) => {
    const shares = tracks.map((track) => {
      const total = EMOTIONS.reduce((sum, e) => sum + track.seconds[e], 0);
      return total > 0 ? track.seconds[emotion] / total : 0;
    });
    if (tracks.length) ImPlot.PlotBars(emotion, shares, shares.length, width, -0.42 + width * (k + 0.5));
  });
  ImPlot.EndPlot();
}

/** The timeline as one value per 100 ms bin over the last minute (NaN where nothing was seen). */
export function timelineSeries(timeline, nowMs) {
  const bins = (TIMELINE_SECONDS * 1000) / BIN_MS;
  const series = Object.fromEntries(EMOTIONS.map((emotion) => [emotion, new Array(bins).fill(NaN)]));
  let previous = null;
  for (const sample of timeline ?? []) {
    const index = bins - 1 - Math.floor((nowMs - sample.timeMs) / BIN_MS);
    if (index < 0 || index >= bins) continue;
    if (previous && index - previous.index > 1 && index - previous.index <= MAX_GAP_BINS) {
      for (let i = previous.index + 1; i < index; i++) for (const e of EMOTIONS) series[e][i] = previous.sample.probabilities[e];
    }
    for (const emotion of EMOTIONS) series[emotion][index] = sample.probabilities[emotion];
    previous = { index, sample };
  }
  return series;
}

function timelinePlot(stats, nowMs, height) {
  if (!ImPlot.BeginPlot('Last 60 s: mean probability', new ImVec2(-1, height), PLOT_FLAGS)) return;
  ImPlot.SetupAxis(ImAxis.X1, '', AXIS_LOCK);
  ImPlot.SetupAxisLimits(ImAxis.X1, -TIMELINE_SECONDS, 0, COND_ALWAYS);
  ImPlot.SetupAxis(ImAxis.Y1, '', AXIS_LOCK);
  ImPlot.SetupAxisLimits(ImAxis.Y1, 0, 1, COND_ALWAYS);
  const series = timelineSeries(stats?.timeline, nowMs);
  const count = series.angry.length;
  for (const emotion of PLOT_ORDER) {
    ImPlot.PlotLine(emotion, series[emotion], count, BIN_MS / 1000, -TIMELINE_SECONDS + BIN_MS / 1000);
  }
  ImPlot.EndPlot();
}

function sessionSeconds(stats) {
  return stats ? EMOTIONS.reduce((sum, e) => sum + stats.session.seconds[e], 0) : 0;
}

/** The window, placed at rect. view: {stats, nowMs, colormap}. */
export function drawStatistics(view, rect) {
  ImGui.SetNextWindowPos(new ImVec2(rect.x, rect.y), COND_ALWAYS);
  ImGui.SetNextWindowSize(new ImVec2(rect.width, rect.height), COND_ALWAYS);
  ImGui.Begin('Statistics');
  const tracked = view.stats?.tracks.length ?? 0;
  ImGui.TextColored(MUTED, `${sessionSeconds(view.stats).toFixed(1)} face-seconds · ${tracked} face${tracked === 1 ? '' : 's'} seen`);
  legend();
  const available = ImGui.GetContentRegionAvail().y;
  const spacing = ImGui.GetStyle().ItemSpacing.y;
  const height = Math.max(210, available - 2 * spacing);  // below that the window scrolls
  ImPlot.PushColormap(view.colormap);
  emotionBars('Session: seconds per emotion', view.stats?.session.seconds, height * 0.32);
  faceHistograms(view.stats, height * 0.3);
  timelinePlot(view.stats, view.nowMs, height * 0.38);
  ImPlot.PopColormap();
  ImGui.End();
}
