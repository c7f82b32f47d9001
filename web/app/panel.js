// The ImGui windows of the camera page: the video filling the viewport and the control panel.
import { ImGui, ImVec2, ImVec4, ImGuiCond, ImGuiWindowFlags } from '../vendor/jsimgui/mod.js';

const ERROR_COLOUR = new ImVec4(1.0, 0.55, 0.45, 1.0);
const MUTED_COLOUR = new ImVec4(0.7, 0.7, 0.75, 1.0);
const BACKGROUND_WINDOW = ImGuiWindowFlags.NoDecoration | ImGuiWindowFlags.NoMove |
  ImGuiWindowFlags.NoBringToFrontOnFocus | ImGuiWindowFlags.NoSavedSettings | ImGuiWindowFlags.NoScrollWithMouse;

/** Draws the latest frame, letterboxed into the viewport, mirrored for a front camera. */
export function drawVideo(view, width, height) {
  ImGui.SetNextWindowPos(new ImVec2(0, 0));
  ImGui.SetNextWindowSize(new ImVec2(width, height));
  ImGui.Begin('##video', null, BACKGROUND_WINDOW);
  if (view.texture.width > 0) {
    const scale = Math.min(width / view.texture.width, height / view.texture.height);
    const shown = new ImVec2(view.texture.width * scale, view.texture.height * scale);
    ImGui.SetCursorPos(new ImVec2((width - shown.x) / 2, (height - shown.y) / 2));
    const [u0, u1] = view.mirrored ? [1, 0] : [0, 1];
    ImGui.Image(view.texture.ref, shown, new ImVec2(u0, 0), new ImVec2(u1, 1));
  }
  ImGui.End();
}

function buildLine(build) {
  if (!build) return 'wasm: loading…';
  const threads = build.threads ? `threads ${build.hardwareThreads}` : 'single thread';
  return `emolens ${build.version} · wasm ${build.variant} · ${build.simd ? 'SIMD128' : 'no SIMD'} · ${threads}`;
}

/** The control panel; `actions` has selectCamera(deviceId), togglePause() and retry(). */
export function drawPanel(state, actions) {
  ImGui.SetNextWindowPos(new ImVec2(12, 12), ImGuiCond.FirstUseEver);
  ImGui.SetNextWindowSize(new ImVec2(400, 0), ImGuiCond.FirstUseEver);
  ImGui.Begin('emolens');
  ImGui.PushTextWrapPos(0);
  ImGui.TextColored(MUTED_COLOUR, 'Processing happens on this device; no image leaves it.');
  ImGui.PopTextWrapPos();
  ImGui.Text(buildLine(state.build));
  if (state.workerError) ImGui.TextColored(ERROR_COLOUR, state.workerError);
  ImGui.Separator();

  const current = state.cameras.find((camera) => camera.deviceId === state.deviceId);
  if (ImGui.BeginCombo('Camera', current?.label ?? (state.cameras.length ? 'Choose…' : 'none'))) {
    for (const camera of state.cameras) {
      if (ImGui.Selectable(camera.label, camera.deviceId === state.deviceId)) actions.selectCamera(camera.deviceId);
    }
    ImGui.EndCombo();
  }
  if (ImGui.Button(state.paused ? 'Resume' : 'Pause')) actions.togglePause();
  ImGui.SameLine();
  ImGui.Text(`camera ${state.cameraFps.toFixed(1)} fps · display ${ImGui.GetIO().Framerate.toFixed(0)} fps`);

  if (state.cameraError) {
    ImGui.Separator();
    ImGui.PushTextWrapPos(0);
    ImGui.TextColored(ERROR_COLOUR, state.cameraError);
    ImGui.PopTextWrapPos();
    if (ImGui.Button('Retry')) actions.retry();
  }
  ImGui.End();
}
