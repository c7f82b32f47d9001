// MediaPipe's own wasm (@mediapipe/face_detection, the legacy "solution" API), BlazeFace short
// range, from node_modules, inference in its wasm. Its input must be an element, so prepare(i)
// (untimed) puts the frame in a canvas; detect(i) is send() until its results callback has run
// (its GL upload of the canvas included: its graph takes frames through WebGL either way).
const BASE = '/npm/@mediapipe/face_detection/';

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

export async function createMethod(frames) {
  await loadScript(`${BASE}face_detection.js`);
  const detector = new window.FaceDetection({ locateFile: (file) => BASE + file });
  // Its graph's own score threshold is 0.5, emolens' default too. Setting minDetectionConfidence
  // replaces the detection calculator's options and its graph then fails (num_classes missing).
  // useCpuInference: the network runs in its wasm (TFLite + XNNPACK). Its default here (not an
  // Apple device) runs it in WebGL, which on this machine's software GL was slower still.
  detector.setOptions({ model: 'short', useCpuInference: true });
  let detections = null;
  detector.onResults((results) => { detections = results.detections; });
  await detector.initialize();
  const canvas = document.createElement('canvas');
  canvas.width = frames[0].width;
  canvas.height = frames[0].height;
  const context = canvas.getContext('2d');
  return {
    runtime: `MediaPipe ${window.VERSION ?? ''} wasm, CPU inference (its loader picks the SIMD build)`.replace('  ', ' '),
    prepare(i) {
      context.putImageData(frames[i], 0, 0);
    },
    async detect() {
      detections = null;
      await detector.send({ image: canvas });
      if (!detections) throw new Error('mediapipe: send() resolved before its results');
      return detections.length;
    },
  };
}
