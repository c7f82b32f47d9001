// The video window: the analysis' progress (time left, pause, cancel), then the scrub bar, the
// exports and per face (track id) an emotion timeline (ImPlot: stacked probabilities over the
// video's time; a click or drag in it moves the scrub time there) and a histogram of its labels.
// What happened (errors, no faces, scaled down) is said in words.
import { ImAxis, ImGui, ImGuiCond, ImPlot, ImVec2, ImVec4 } from '../vendor/jsimgui/mod.js';
import { PLOT_ORDER } from '../shared/emotions.js';
import { AXIS_LOCK, COND_ALWAYS, PLOT_FLAGS, emotionBars, legend } from './plots.js';
import { probeRect } from './probes.js';

const ERROR_COLOUR = new ImVec4(1.0, 0.55, 0.45, 1.0);
const MUTED_COLOUR = new ImVec4(0.7, 0.7, 0.75, 1.0);
const MAX_POINTS = 600;  // per track timeline; VideoRecords.series means the frames of each bin

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function itemRect() {
  const min = ImGui.GetItemRectMin();
  const max = ImGui.GetItemRectMax();
  return { x: min.x, y: min.y, width: max.x - min.x, height: max.y - min.y };
}

function wrapped(colour, message) {
  ImGui.PushTextWrapPos(0);
  ImGui.TextColored(colour, message);
  ImGui.PopTextWrapPos();
}

/** "12.3 s of 45.0 s · 20 s left" for the progress bar. */
export function progressText(progress) {
  if (!progress) return 'starting...';
  const of = progress.durationMs ? ` of ${seconds(progress.durationMs)}` : '';
  const left = progress.etaMs !== null ? ` · ${Math.ceil(progress.etaMs / 1000)} s left` : '';
  return `${seconds(progress.timeMs)}${of} · ${progress.frames} frames${progress.paused ? ' · paused' : left}`;
}

/**
 * The track's probabilities stacked over time: plotted in PLOT_ORDER (each takes its palette
 * colour, see web/shared/emotions.js), each filled from 0 up to the sum of itself and the emotions
 * plotted after it, so each later (lower) fill covers the earlier one's lower part and each
 * emotion's band is as tall as its probability. Bins where the face was not seen stay empty.
 */
function stackedTimeline(records, id, durationMs, scrubMs, height, seek) {
  if (!ImPlot.BeginPlot(`##timeline${id}`, new ImVec2(-1, height), PLOT_FLAGS)) return null;
  ImPlot.SetupAxis(ImAxis.X1, '', AXIS_LOCK);
  ImPlot.SetupAxisLimits(ImAxis.X1, 0, durationMs / 1000, COND_ALWAYS);
  ImPlot.SetupAxis(ImAxis.Y1, '', AXIS_LOCK);
  ImPlot.SetupAxisLimits(ImAxis.Y1, 0, 1, COND_ALWAYS);
  const series = records.series(id, MAX_POINTS, durationMs);
  const stacked = new Float64Array(series.count);
  const layers = [];
  for (const emotion of [...PLOT_ORDER].reverse()) {
    const values = series.values[emotion];
    for (let i = 0; i < series.count; i++) stacked[i] += values[i];
    layers.unshift([emotion, Array.from(stacked)]);
  }
  for (const [emotion, values] of layers) ImPlot.PlotShaded(emotion, values, series.count, 0, series.stepMs / 1000, 0);
  ImPlot.PlotInfLines('##now', [scrubMs / 1000], 1);
  // A click or a drag inside the plot moves the scrub time (the axes are locked: no panning).
  if (ImPlot.IsPlotHovered() && ImGui.IsMouseDown(0)) seek(Math.max(0, ImPlot.GetPlotMousePos().x * 1000));
  const at = ImPlot.GetPlotPos();
  const size = ImPlot.GetPlotSize();
  ImPlot.EndPlot();
  return { x: at.x, y: at.y, width: size.x, height: size.y };
}

function trackLine(track) {
  const share = Math.round((100 * track.counts[track.label]) / track.frames);
  return `face ${track.track}: mostly ${track.label} (${share}% of ${track.frames} frames), ${track.first.toFixed(1)}-${track.last.toFixed(1)} s`;
}

function progressSection(session, actions) {
  const { progress } = session;
  const fraction = progress?.durationMs ? Math.min(1, progress.timeMs / progress.durationMs) : 0;
  ImGui.ProgressBar(fraction, new ImVec2(-1, 0), progressText(progress));
  if (ImGui.Button(session.state === 'paused' ? 'Resume' : 'Pause')) actions.toggleVideoPause();
  probeRect('videoPauseButton', itemRect());
  ImGui.SameLine();
  if (ImGui.Button('Cancel')) actions.cancelVideo();
  probeRect('videoCancelButton', itemRect());
}

function resultsSection(session, actions, colormap) {
  const { records } = session;
  const durationMs = Math.max(session.durationMs, records.keptUntilMs ?? 0);
  const time = [session.scrubMs / 1000];
  ImGui.SetNextItemWidth(-1);
  if (ImGui.SliderFloat('##time', time, 0, durationMs / 1000, '%.2f s')) actions.seekVideo(time[0] * 1000);
  ImGui.AlignTextToFramePadding();
  ImGui.Text('Frames:');
  ImGui.SameLine();
  if (ImGui.Button('CSV##frames')) actions.exportVideo('frames-csv');
  probeRect('videoCsvButton', itemRect());
  ImGui.SameLine();
  if (ImGui.Button('JSON##frames')) actions.exportVideo('frames-json');
  ImGui.SameLine();
  ImGui.Text(' Faces:');
  ImGui.SameLine();
  if (ImGui.Button('CSV##tracks')) actions.exportVideo('tracks-csv');
  ImGui.SameLine();
  if (ImGui.Button('JSON##tracks')) actions.exportVideo('tracks-json');
  const tracks = records.tracks();
  if (!tracks.length) return;
  legend();
  ImPlot.PushColormap(colormap);
  let first = null;
  for (const track of tracks) {
    ImGui.Separator();
    ImGui.Text(trackLine(track));
    const rect = stackedTimeline(records, track.track, durationMs, session.scrubMs, 110, actions.seekVideo);
    first ??= rect;
    emotionBars(`##histogram${track.track}`, track.counts, 90);
  }
  ImPlot.PopColormap();
  if (first) probeRect('videoTimeline', first);
}

/**
 * The window at rect. session: the VideoSession; actions: toggleVideoPause, cancelVideo,
 * seekVideo(ms), exportVideo(kind), backToCamera, openFiles; colormap: the plots' colormap index.
 */
export function drawVideoPanel(session, actions, colormap, rect) {
  ImGui.SetNextWindowPos(new ImVec2(rect.x, rect.y), ImGuiCond.Always);
  ImGui.SetNextWindowSize(new ImVec2(rect.width, rect.height), ImGuiCond.Always);
  ImGui.Begin('Video');
  if (ImGui.Button('Back to camera')) actions.backToCamera();
  probeRect('videoBackButton', itemRect());
  ImGui.SameLine();
  if (ImGui.Button('Open a video...')) actions.openFiles();
  ImGui.Text(`${session.name}${session.records?.width ? ` · ${session.records.width}x${session.records.height}` : ''}`);
  if (session.active) progressSection(session, actions);
  if (session.message) wrapped(session.state === 'error' || session.outcome?.error ? ERROR_COLOUR : MUTED_COLOUR, session.message);
  if (!session.active && session.records?.frames) resultsSection(session, actions, colormap);
  ImGui.End();
}
