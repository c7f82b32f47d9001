// The camera page: camera → WebGL2 texture → Dear ImGui, with the analysis worker beside it.
import { ImGui, ImGuiImplWeb } from '../vendor/jsimgui/mod.js';
import { AnalysisClient } from './analysis-client.js';
import { Camera } from './camera.js';
import { FrameRate } from './frame-rate.js';
import { drawPanel, drawVideo } from './panel.js';
import { VideoTexture } from './video-texture.js';

const canvas = document.getElementById('emolens-canvas');
const statusLine = document.getElementById('emolens-status');

/** Page state for people (the status line) and for tests (body data attributes). */
function announce(state, message) {
  document.body.dataset.state = state;
  statusLine.textContent = message;
}

async function main() {
  try {
    await ImGuiImplWeb.Init({ canvas, backend: 'webgl2' });
  } catch (error) {
    announce('error', `emolens needs WebGL2, which this browser could not start (${error.message ?? error}).`);
    return;
  }
  const gl = canvas.getContext('webgl2');
  const state = {
    build: null, workerError: null, cameraError: null,
    cameras: [], deviceId: null, paused: false, cameraFps: 0,
  };
  const cameraRate = new FrameRate();
  const texture = new VideoTexture(gl);
  const camera = new Camera({ onEnded: (message) => showCameraError(message) });

  function showCameraError(message) {
    state.cameraError = message;
    announce('camera-error', message);
  }

  async function startCamera(deviceId = null) {
    state.cameraError = null;
    announce('starting', 'Starting the camera…');
    try {
      await camera.start(deviceId);
      state.deviceId = camera.deviceId;
      state.cameras = await camera.listCameras();
      announce('running', '');
    } catch (error) {
      showCameraError(error.message);
    }
  }

  const worker = new AnalysisClient();
  worker.init({ range: 'short' }).then(({ build }) => {
    state.build = build;
    Object.assign(document.body.dataset, {
      variant: build.variant, simd: String(build.simd), threads: String(build.threads),
    });
  }, (error) => {
    state.workerError = error.message;
  });

  const actions = {
    selectCamera: (deviceId) => startCamera(deviceId),
    togglePause: () => { state.paused = !state.paused; },
    retry: () => startCamera(state.deviceId),
  };

  let lastVideoTime = -1;
  function frame() {
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(canvas.clientWidth * ratio);
    canvas.height = Math.round(canvas.clientHeight * ratio);
    if (!state.paused && camera.running && camera.video.currentTime !== lastVideoTime) {
      lastVideoTime = camera.video.currentTime;
      texture.update(camera.video);
      cameraRate.tick();
    }
    state.cameraFps = camera.running && !state.paused ? cameraRate.perSecond : 0;

    ImGuiImplWeb.BeginRender();
    const io = ImGui.GetIO();
    drawVideo({ texture, mirrored: camera.facingUser }, io.DisplaySize.x, io.DisplaySize.y);
    drawPanel(state, actions);
    ImGuiImplWeb.EndRender();
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
  await startCamera();
}

main().catch((error) => announce('error', `emolens failed to start: ${error.message ?? error}`));
