// The camera page: camera → worker (analysis) and camera → WebGL2 texture → our image shader under
// Dear ImGui's overlay and windows (display), photo mode, statistics, exports. The UI draws at
// display rate; analysis runs at its own rate.
//
// This file composes: what the page does lives in the modules it imports (web/shared: what the
// widget uses too; here: drawing, photos, videos, exports, test probes, the redraw scheduler,
// context loss).
//
// [SECTION] state and page signals   [SECTION] analysis worker   [SECTION] camera and frames
// [SECTION] photos, videos, exports  [SECTION] layout and drawing
import { ImGui, ImGuiImplWeb } from '../vendor/jsimgui/mod.js';
import { AnalysisClient } from '../shared/analysis-client.js';
import { Camera } from '../shared/camera.js';
import { labelText } from '../shared/emotions.js';
import { FramePump } from '../shared/frame-pump.js';
import { FrameSender } from '../shared/frame-sender.js';
import { acceptPhotos } from '../shared/photo-input.js';
import { isVideoFile } from '../shared/video-file-kind.js';
import { handleContextLoss } from './context-loss.js';
import { canvasRegionPng, download, downloadText, photosCsv, photosJson, sessionCsv, sessionJson, stampedName } from './export.js';
import { FrameRate } from './frame-rate.js';
import { ImageRenderer, loadImageShaders } from './image-renderer.js';
import { ImageTexture } from './image-texture.js';
import { LoadingIndicator } from './loading.js';
import { plotColormap } from './palette.js';
import { drawPanel } from './panel.js';
import { drawPhotoPanel } from './photo-panel.js';
import { PhotoSession } from './photo-session.js';
import { drawStatistics } from './plots.js';
import { probeCount, probeFirstBox, probeSet } from './probes.js';
import { RedrawScheduler } from './redraw.js';
import { drawView, layout } from './view.js';

const canvas = document.getElementById('emolens-canvas');
const statusLine = document.getElementById('emolens-status');
const retryButton = document.getElementById('emolens-retry');
const summaryLine = document.getElementById('emolens-summary');
const loading = new LoadingIndicator(document.getElementById('emolens-loading'));

const ANALYSIS_OPTIONS = { range: 'short', smoothing: 0.5, statsEveryMs: 250 };

// [SECTION] state and page signals

const scheduler = new RedrawScheduler(canvas);
const redraw = () => scheduler.want();

const state = {
  view: 'camera',               // 'camera', 'photo' or 'video': what the big view shows
  build: null, options: { ...ANALYSIS_OPTIONS }, smoothingDraft: [ANALYSIS_OPTIONS.smoothing],
  result: null, stats: null,    // the latest camera result and session statistics
  analysisReady: false, analysisError: null, analysisFailed: false, analysisNotice: null,
  cameras: [], deviceId: null, cameraError: null, paused: false,
  overlay: { boxes: [true], charts: [true] },
  contextLost: false, capture: null,
};

/** Camera state for people (the status line, a Retry button) and for tests (body data-state). */
function announce(cameraState, message) {
  probeSet({ state: cameraState });
  statusLine.textContent = message;
  retryButton.hidden = cameraState !== 'camera-error';
  redraw();
}

/** A message about the analysis, a photo or the display, in the status line. */
function notify(message) {
  statusLine.textContent = message;
  redraw();
}

let lastSummary = '';
let lastSummaryAt = 0;
function facesInWords(faces) {
  return faces.length ? `${faces.length} face${faces.length === 1 ? '' : 's'}: ${faces.map(labelText).join(', ')}` : 'no face';
}

/**
 * The faces in words for screen readers (at most once a second unless forced) and as data-faces
 * for tests.
 */
function summarise(result, { prefix = '', force = false } = {}) {
  const now = performance.now();
  probeSet({ faces: result.faces.length });
  const text = `${prefix}${facesInWords(result.faces)}`;
  if (text !== lastSummary && (force || now - lastSummaryAt > 1000)) {
    summaryLine.textContent = text;
    lastSummary = text;
    lastSummaryAt = now;
  }
}

// [SECTION] analysis worker

const client = new AnalysisClient({
  onProgress: (event) => loading.progress(event),
  onCrash: (error) => {
    state.analysisReady = false;
    state.result = null;
    probeSet({ analysis: 'restarting' });
    probeCount('restarts');
    state.analysisNotice = `The analysis stopped unexpectedly (${error.message}). It is restarting; the session statistics start again.`;
    notify(state.analysisNotice);
    startAnalysis(() => client.restart());
  },
});

function startAnalysis(begin) {
  state.analysisError = null;
  state.analysisFailed = false;
  begin().then(({ build, options }) => {
    state.build = build;
    state.options = options;
    state.stats = null;
    state.analysisReady = true;
    if (state.analysisNotice) {
      state.analysisNotice = 'The analysis was restarted after it stopped unexpectedly; the session statistics started again.';
      notify(state.analysisNotice);
    }
    probeSet({ analysis: 'ready', variant: build.variant, simd: build.simd, threads: build.threads });
    performance.mark('emolens-analysis-ready');
    loading.analysisReady();
  }, (error) => {
    state.analysisError = `The analysis could not start: ${error.message}`;
    state.analysisFailed = true;
    probeSet({ analysis: 'error' });
    notify(state.analysisError);
    loading.analysisFailed(state.analysisError);
  });
}

/** New options make a new analyzer in the worker: the session starts again. */
function changeOptions(changes) {
  state.analysisReady = false;
  client.setOptions(changes).then(({ options }) => {
    state.options = options;
    state.smoothingDraft[0] = options.smoothing;
    state.stats = null;
    state.result = null;
    state.analysisReady = true;
  }, (error) => {
    state.analysisError = `The new settings were refused: ${error.message}`;
    state.analysisReady = !client.crashed;
  });
}

// [SECTION] camera and frames

const camera = new Camera({ onEnded: (message) => showCameraError(message) });
const cameraRate = new FrameRate();
const analysisRate = new FrameRate();
const drawRate = new FrameRate();
let firstResult = true;
const sender = new FrameSender();
let framesOffered = 0;  // camera frames presented while the analysis was ready (sent, or skipped while it was busy)

function showCameraError(message) {
  state.cameraError = message;
  state.result = null;
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

function onResult(result) {
  analysisRate.tick();
  redraw();
  if (state.view !== 'camera' || !camera.running || state.paused) return;
  state.result = result;
  if (result.stats) {
    state.stats = result.stats;
    const seconds = Object.values(result.stats.session.seconds).reduce((a, b) => a + b, 0);
    probeSet({ sessionSeconds: seconds.toFixed(2) });
  }
  probeCount('analysed');
  probeSet({ lastFrameMs: result.timestampMs.toFixed(1) });
  if (firstResult && result.faces.length) {
    performance.mark('emolens-first-face');
    firstResult = false;
  }
  summarise(result);
}

function onFrameError(error) {
  if (error.code === 'worker_crashed' || error.code === 'worker_restarted') return;  // onCrash tells
  state.analysisError = `A frame could not be analysed: ${error.message}`;
}

/**
 * Each presented camera frame: into the texture, and to the worker if it is free (else skipped).
 * A hidden page takes none: nobody sees it, and its CPU belongs to the visible tabs.
 */
function onVideoFrame(now, texture) {
  if (!camera.running || state.paused || document.hidden) return;
  texture.update(camera.video);
  cameraRate.tick(now);
  redraw();
  if (state.view !== 'camera' || !state.analysisReady) return;
  sender.send(client, camera.video, now).then((result) => result && onResult(result), onFrameError);
  // Frames offered and skipped (never queued) while the worker was busy.
  probeSet({ offered: ++framesOffered, dropped: sender.skipped });
}

// [SECTION] photos and exports

let photos = null;
let photoPicker = null;
// Video mode (./video-session.js, ./video-panel.js and the decoders they import) is fetched on the
// first video, so a camera-only visit never downloads it.
let videos = null;
let drawVideoPanel = null;
let startVideoMode = null;  // () => Promise, set up with the WebGL context in main()

/**
 * Dropped, pasted or picked files: a video starts video mode (one at a time: the first video; a
 * running one is replaced), the rest go to photo mode, which names what it cannot read.
 */
async function openFiles(files) {
  const kinds = await Promise.all(files.map(isVideoFile));
  const video = files.find((_, i) => kinds[i]);
  const others = files.filter((file, i) => !kinds[i] || file !== video);
  if (others.length) photos.add(others);
  if (!video) return;
  if (files.filter((_, i) => kinds[i]).length > 1) notify(`One video at a time: analysing "${video.name}" only.`);
  probeCount('videos');
  try {
    await startVideoMode();
  } catch (error) {
    notify(`Video mode could not be loaded: ${error.message}`);
    return;
  }
  state.view = 'video';
  videos.start(video).catch((error) => notify(`"${video.name}" could not be analysed: ${error.message}`));
}

let announcedOutcome = null;

/** Video mode's state for tests (body data-video-*) and, when it ends, for people (the status line). */
function announceVideo() {
  const { records } = videos;
  probeSet({
    videoState: videos.state === 'idle' ? null : videos.state,
    videoFrames: records ? records.framesSeen : null,
    videoTime: videos.shown ? (videos.shown.timeMs / 1000).toFixed(3) : null,
    videoTracks: records && !videos.active ? records.trackIds().join(',') : null,
    videoError: videos.outcome?.error?.code ?? null,
    videoSeconds: videos.outcome ? (videos.progress.elapsedMs / 1000).toFixed(3) : null,
  });
  if (videos.outcome && announcedOutcome !== videos.outcome) {
    announcedOutcome = videos.outcome;
    const [frames, tracks] = [records.framesSeen, records.trackIds().length];
    const seconds = videos.progress.elapsedMs / 1000;
    notify(videos.message || `${videos.name}: ${frames} frame${frames === 1 ? '' : 's'} analysed in ${seconds.toFixed(1)} s ` +
      `(${(frames / seconds).toFixed(1)} fps), ${tracks} face${tracks === 1 ? '' : 's'} tracked.`);
  }
  // While frames are analysed the page draws at the scheduler's idle rate, not per frame: with
  // software WebGL a draw per frame took half the page's analysis speed.
  if (videos.state !== 'analysing') redraw();
}

function videoExport(kind) {
  const { records, outcome } = videos;
  const name = `${videos.name.replace(/\.[^.]+$/, '')}-emolens`;
  const json = 'application/json';
  if (kind === 'frames-csv') download(new Blob(records.csv(), { type: 'text/csv' }), `${name}.csv`);
  else if (kind === 'frames-json') {
    download(new Blob(records.json({ fps: outcome.fps, duration: outcome.durationMs / 1000, error: outcome.error, variant: state.build?.variant }), { type: json }), `${name}.json`);
  } else if (kind === 'tracks-csv') downloadText(records.tracksCsv(), `${name}-faces.csv`, 'text/csv');
  else downloadText(JSON.stringify({ file: records.file, tracks: records.tracks() }, null, 2), `${name}-faces.json`, json);
}

function sessionExport(format) {
  const data = { build: state.build, options: state.options, stats: state.stats, result: state.result };
  const name = stampedName('emolens-session');
  if (format === 'json') downloadText(sessionJson(data), `${name}.json`, 'application/json');
  else downloadText(sessionCsv(data), `${name}.csv`, 'text/csv');
}

function photoExport(format) {
  const done = photos.photos.filter((photo) => photo.result || photo.error);
  const name = stampedName('emolens-photos');
  if (format === 'json') downloadText(photosJson(done), `${name}.json`, 'application/json');
  else downloadText(photosCsv(done), `${name}.csv`, 'text/csv');
}

/** Called right after a frame drawn for a snapshot: the image region, annotated, as a PNG file. */
function saveCapture(capture) {
  canvasRegionPng(canvas, capture.rect).then((blob) => download(blob, capture.filename),
    (error) => { state.analysisError = `The snapshot failed: ${error.message}`; });
}

// [SECTION] layout and drawing

/** What the big view shows now (see drawView): the selected photo, the camera frame, or nothing. */
function viewPicture(videoTexture) {
  const photo = state.view === 'photo' ? photos.selected : null;
  if (photo) {
    const { width, height, faces } = photo.result;
    return { texture: photo.texture, width, height, mirrored: false, faces, imageWidth: width };
  }
  if (state.view === 'video') {
    const { texture, shown, records } = videos;
    return texture.width && records?.frames ? { texture, width: texture.width, height: texture.height, mirrored: false, faces: shown?.faces ?? null, imageWidth: records?.width } : null;
  }
  if (state.view !== 'camera' || videoTexture.width === 0) return null;
  return { texture: videoTexture, width: videoTexture.width, height: videoTexture.height, mirrored: camera.facingUser,
    faces: state.result?.faces ?? null, imageWidth: state.result?.width };
}

/** The image shader could not be loaded, compiled or linked: nothing can be shown; say why. */
function showRendererError(error) {
  const message = `emolens cannot show the camera or photos: ${error.message}`;
  probeSet({ renderer: 'error' });
  loading.failed(message);
  announce('error', message);
}

async function main() {
  try {
    await ImGuiImplWeb.Init({ canvas, backend: 'webgl2', extensions: true });
  } catch (error) {
    loading.failed(`emolens needs WebGL2, which this browser could not start (${error.message ?? error}).`);
    announce('error', `emolens needs WebGL2, which this browser could not start (${error.message ?? error}).`);
    return;
  }
  const gl = canvas.getContext('webgl2');
  let images;
  try {
    images = new ImageRenderer(gl, await loadImageShaders());
  } catch (error) {
    showRendererError(error);
    return;
  }
  probeSet({ renderer: 'shaders/image' });
  loading.rendererReady();
  const font = ImGui.GetIO().Fonts.AddFontDefaultVector();
  const colormap = plotColormap();
  const videoTexture = new ImageTexture(gl);
  photos = new PhotoSession({
    client, gl,
    onChange: (photo) => {
      redraw();
      probeSet({ photos: photos.photos.filter((p) => !['waiting', 'analysing'].includes(p.status)).length });
      if (photos.photos.length && !videos?.active) state.view = 'photo';
      if (photo?.status === 'error') {
        probeSet({ photoError: photo.error.code });
        notify(photo.error.message);
      } else if (photo?.status === 'done') {
        notify(`${photo.name}: ${facesInWords(photo.result.faces)}.`);
        summarise(photo.result, { prefix: `${photo.name}: `, force: true });
      }
    },
  });
  startVideoMode = async () => {
    if (videos) return;
    const [session, panel] = await Promise.all([import('./video-session.js'), import('./video-panel.js')]);
    videos ??= new session.VideoSession({ client, gl, onChange: announceVideo });
    drawVideoPanel = panel.drawVideoPanel;
  };
  photoPicker = acceptPhotos({
    input: document.getElementById('emolens-photo-input'), target: document, onFiles: openFiles,
    onDragging: (on) => probeSet({ dragging: on ? 'true' : null }),
  });

  handleContextLoss(canvas, {
    onLost: () => {
      state.contextLost = true;
      probeSet({ gl: 'lost' });
      statusLine.textContent = 'The graphics context was lost; waiting for the browser to restore it…';
    },
    rebuild: () => {
      images.restore();
      videoTexture.recreate();
      photos.recreateTextures();
      videos?.recreateTexture();
    },
    onRestored: () => {
      state.contextLost = false;
      redraw();
      probeSet({ gl: 'restored' });
      statusLine.textContent = camera.running ? '' : statusLine.textContent;
    },
    onFailed: showRendererError,
  });

  const actions = {
    selectCamera: (deviceId) => startCamera(deviceId),
    togglePause: () => {
      state.paused = !state.paused;
      probeSet({ paused: state.paused });
    },
    retry: () => startCamera(state.deviceId),
    setRange: (range) => changeOptions({ range }),
    setSmoothing: (smoothing) => changeOptions({ smoothing }),
    restartAnalysis: () => startAnalysis(() => client.restart()),
    openPhotos: () => photoPicker.open(),
    resetSession: () => client.reset().then(() => client.stats()).then((stats) => { state.stats = stats; }, (error) => {
      if (error.code !== 'worker_crashed') state.analysisError = `The session could not be reset: ${error.message}`;
    }),
    exportSession: sessionExport,
    exportPhotos: photoExport,
    snapshot: () => { state.capture = { pending: true }; redraw(); },
    backToCamera: () => {
      // The video reset the analyzer and filled it with its own tracks: the camera session starts again.
      if (state.view === 'video') {
        videos.close();
        announceVideo();
        actions.resetSession();
      }
      state.view = 'camera';
    },
    openFiles: () => photoPicker.open(),
    toggleVideoPause: () => (videos.state === 'paused' ? videos.resume() : videos.pause()),
    cancelVideo: () => videos.cancel(),
    seekVideo: (ms) => videos.seek(ms),
    exportVideo: videoExport,
    clearPhotos: () => { photos.clear(); state.view = 'camera'; },
  };

  retryButton.addEventListener('click', () => actions.retry());
  // Shown again: draw now rather than at the idle rate; frames flow again by themselves (onVideoFrame).
  document.addEventListener('visibilitychange', () => {
    probeSet({ visibility: document.visibilityState });
    if (!document.hidden) redraw();
  });
  // Space pauses and resumes, unless a text field or a button has the keyboard.
  document.addEventListener('keydown', (event) => {
    if (event.key !== ' ' || ImGui.GetIO().WantTextInput || event.target.closest?.('button, input, select, textarea')) return;
    event.preventDefault();
    actions.togglePause();
  });

  new FramePump(camera.video, (now) => onVideoFrame(now, videoTexture));

  function frame(now) {
    requestAnimationFrame(frame);
    if (state.contextLost || !scheduler.due(now)) return;
    drawRate.tick(now);
    probeCount('drawn');
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(canvas.clientWidth * ratio);
    const height = Math.round(canvas.clientHeight * ratio);
    if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
    const rates = {
      drawn: drawRate.perSecond, camera: camera.running && !state.paused ? cameraRate.perSecond : 0,
      analysis: analysisRate.perSecond, dropped: sender.skipped,
    };

    ImGuiImplWeb.BeginRender();
    const io = ImGui.GetIO();
    const { fontSize, view, side } = layout(io.DisplaySize.x, io.DisplaySize.y);
    ImGui.PushFontFloat(font, fontSize);
    const capture = state.capture;
    images.clear();
    const overlay = { boxes: state.overlay.boxes[0], charts: state.overlay.charts[0], font, fontSize };
    const { placed, boxes } = drawView(view, viewPicture(videoTexture), images, overlay);
    if (boxes) probeFirstBox(boxes);
    if (!capture) {
      const panelHeight = drawPanel(state, rates, actions, side);
      const below = { x: side.x, y: side.y + panelHeight, width: side.width, height: side.height - panelHeight };
      if (state.view === 'photo') drawPhotoPanel(photos, actions, below);
      else if (state.view === 'video') drawVideoPanel(videos, actions, colormap, below);
      else drawStatistics({ stats: state.stats, nowMs: state.result?.timestampMs ?? 0, colormap }, below);
    }
    ImGui.PopFont();
    ImGuiImplWeb.EndRender();
    if (capture) {
      state.capture = null;
      const filename = state.view === 'photo' && photos.selected ? `${photos.selected.name.replace(/\.[^.]+$/, '')}-annotated.png` : `${stampedName('emolens-snapshot')}.png`;
      if (placed) saveCapture({ rect: placed, filename });
    }
  }
  requestAnimationFrame(frame);
  await startCamera();
}

startAnalysis(() => client.init(ANALYSIS_OPTIONS));
main().catch((error) => {
  loading.failed(`emolens failed to start: ${error.message ?? error}`);
  announce('error', `emolens failed to start: ${error.message ?? error}`);
});
