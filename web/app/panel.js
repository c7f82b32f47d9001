// The control panel: privacy note, camera picker, pause, detector range, smoothing, overlays,
// photo and snapshot buttons, messages, and the stats line (rates, ms per stage, faces, build).
import { ImGui, ImVec2, ImVec4, ImGuiCond, ImGuiWindowFlags } from '../vendor/jsimgui/mod.js';

const ERROR_COLOUR = new ImVec4(1.0, 0.55, 0.45, 1.0);
const NOTICE_COLOUR = new ImVec4(1.0, 0.85, 0.45, 1.0);
const MUTED_COLOUR = new ImVec4(0.7, 0.7, 0.75, 1.0);
const RANGES = [
  { value: 'short', label: 'short range (near)' },
  { value: 'full', label: 'full range (far, groups)' },
];

function buildLine(build) {
  if (!build) return 'wasm: loading...';
  const threads = build.threads ? `mt, ${build.hardwareThreads} threads` : 'st, one thread';
  return `emolens ${build.version} · wasm ${threads} · ${build.simd ? 'SIMD128' : 'no SIMD'}`;
}

/** "drawn 30 fps · camera 30 · analysis 12 (dropped 40)" and the last frame's stage timings. */
function statsLines(state, rates) {
  const lines = [`drawn ${rates.drawn.toFixed(0)} fps · camera ${rates.camera.toFixed(1)} · ` +
    `analysis ${rates.analysis.toFixed(1)} fps (${rates.dropped} frames skipped while busy)`];
  const timings = state.result?.timings;
  if (timings) {
    lines.push(`ms: read ${(timings.readMs ?? 0).toFixed(1)} · detect ${timings.detectMs.toFixed(1)}` +
      `${state.result.detectorRan ? '' : ' (tracked)'} · classify ${timings.classifyMs.toFixed(1)} · ` +
      `track ${timings.trackMs.toFixed(1)} · total ${timings.totalMs.toFixed(1)}`);
  }
  lines.push(`faces ${state.result?.faces.length ?? 0} · ${buildLine(state.build)}`);
  return lines;
}

function wrapped(colour, message) {
  ImGui.PushTextWrapPos(0);
  ImGui.TextColored(colour, message);
  ImGui.PopTextWrapPos();
}

/**
 * The panel at the top of rect, its full width, as tall as its contents; returns its height.
 * state: page state (see main.js); rates: {drawn, camera, analysis, dropped}; actions: selectCamera,
 * togglePause, retry, setRange, setSmoothing, openPhotos, snapshot, restartAnalysis, resetSession,
 * exportSession(format), exportPhotos(format) (shown in photo view).
 */
export function drawPanel(state, rates, actions, { x, y, width }) {
  ImGui.SetNextWindowPos(new ImVec2(x, y), ImGuiCond.Always);
  ImGui.SetNextWindowSize(new ImVec2(width, 0), ImGuiCond.Always);  // 0: fit the height to the contents
  ImGui.Begin('emolens', null, ImGuiWindowFlags.NoCollapse);
  wrapped(MUTED_COLOUR, 'Processing happens on this device; no frame is stored.');
  ImGui.Separator();

  const current = state.cameras.find((camera) => camera.deviceId === state.deviceId);
  if (ImGui.BeginCombo('Camera', current?.label ?? (state.cameras.length ? 'Choose...' : 'none'))) {
    for (const camera of state.cameras) {
      if (ImGui.Selectable(camera.label, camera.deviceId === state.deviceId)) actions.selectCamera(camera.deviceId);
    }
    ImGui.EndCombo();
  }
  if (ImGui.Button(state.paused ? 'Resume' : 'Pause')) actions.togglePause();
  if (ImGui.IsItemHovered()) ImGui.SetTooltip('Space pauses and resumes too.');
  ImGui.SameLine();
  if (ImGui.Button('Open photos...')) actions.openPhotos();
  if (ImGui.IsItemHovered()) ImGui.SetTooltip('JPEG/PNG photos, or a video (mp4, webm): or drop them on the page.');
  ImGui.SameLine();
  if (ImGui.Button('Snapshot PNG')) actions.snapshot();
  if (ImGui.IsItemHovered()) ImGui.SetTooltip('The picture with its boxes and labels as a PNG file (in photo view: the annotated photo).');

  const range = RANGES.find((item) => item.value === state.options.range) ?? RANGES[0];
  if (ImGui.BeginCombo('Detector', range.label)) {
    for (const item of RANGES) {
      if (ImGui.Selectable(item.label, item === range)) actions.setRange(item.value);
    }
    ImGui.EndCombo();
  }
  ImGui.SliderFloat('Smoothing', state.smoothingDraft, 0, 1, '%.2f');
  if (ImGui.IsItemDeactivatedAfterEdit()) actions.setSmoothing(state.smoothingDraft[0]);
  if (ImGui.IsItemHovered()) ImGui.SetTooltip('0 = raw per-frame labels, 1 = very steady. Changing it starts a new session.');
  ImGui.Checkbox('Boxes and labels', state.overlay.boxes);
  ImGui.SameLine();
  ImGui.Checkbox('Bar charts', state.overlay.charts);
  // Above the lines whose length varies, so these buttons stay put.
  ImGui.AlignTextToFramePadding();
  ImGui.Text('Session:');
  ImGui.SameLine();
  if (ImGui.Button('Reset')) actions.resetSession();
  ImGui.SameLine();
  if (ImGui.Button('JSON')) actions.exportSession('json');
  ImGui.SameLine();
  if (ImGui.Button('CSV')) actions.exportSession('csv');
  if (state.view === 'photo') {
    ImGui.AlignTextToFramePadding();
    ImGui.Text('Photos: ');
    ImGui.SameLine();
    if (ImGui.Button('JSON##photos')) actions.exportPhotos('json');
    ImGui.SameLine();
    if (ImGui.Button('CSV##photos')) actions.exportPhotos('csv');
  }

  ImGui.Separator();
  for (const line of statsLines(state, rates)) wrapped(MUTED_COLOUR, line);

  if (state.analysisNotice) wrapped(NOTICE_COLOUR, state.analysisNotice);
  if (state.analysisError) {
    wrapped(ERROR_COLOUR, state.analysisError);
    if (state.analysisFailed && ImGui.Button('Restart analysis')) actions.restartAnalysis();
  }
  if (state.contextLost) wrapped(NOTICE_COLOUR, 'The graphics context was lost; waiting for the browser to restore it...');
  if (state.cameraError) {
    ImGui.Separator();
    wrapped(ERROR_COLOUR, state.cameraError);
    if (ImGui.Button('Retry')) actions.retry();
  }
  const height = ImGui.GetWindowHeight();
  ImGui.End();
  return height;
}
