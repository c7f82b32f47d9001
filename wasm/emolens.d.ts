// Types for wasm/emolens.mjs, emolens' JS entry point (browsers, workers, Node 20).

export type Variant = 'st' | 'mt';

export interface BuildInfo {
  version: string;          // emolens version
  simd: boolean;            // built with wasm SIMD128 kernels
  threads: boolean;         // built with pthreads (mt variant)
  hardwareThreads: number;  // threads the runtime reports (1 in st)
  target: 'wasm' | 'native';
}

export interface LoadOptions {
  variant?: Variant | 'auto';  // default 'auto': mt when cross-origin isolated (always in Node), else st
  threads?: number;            // mt worker pool size; default: cores, at most 8
}

export interface EmolensModule {
  threads: number;             // threads per inference (1 in st)
  variant: Variant;            // the variant that was loaded
  buildInfo(): BuildInfo;      // what this module was built with
  dispose(): void;             // stops the mt worker threads (lets Node exit)
}

export function pickVariant(): Variant;                                 // mt if shared memory is usable
export function defaultThreadCount(): Promise<number>;                  // pool size used when not given
export function loadModule(options?: LoadOptions): Promise<EmolensModule>;  // load and instantiate

// ---- Analysis ----------------------------------------------------------------------------------

export type Emotion = 'angry' | 'disgust' | 'fear' | 'happy' | 'sad' | 'surprise' | 'neutral';
export type EmotionScores = Record<Emotion, number>;

/** Stable error codes: invalid_argument, unsupported_format, corrupt_image, image_too_large,
 *  invalid_model, model_missing, out_of_memory, disposed, internal. */
export class EmolensError extends Error {
  code: string;
}

export interface AnalyzerOptions extends LoadOptions {
  models?: string | URL;        // base URL of the model files; default: ../models/ beside wasm/
  range?: 'auto' | 'short' | 'full';  // detector: auto = short range for frames, full range for photos
  maxFaces?: number;            // 1..256, default 20
  minFaceSize?: number;         // pixels, >= 4, default 20
  detectEvery?: number;         // run the detector every k-th frame, track in between; 1..30, default 1
  smoothing?: number;           // temporal smoothing strength 0..1, default 0.5 (0 = raw)
  minDetectionScore?: number;   // (0, 1), default 0.5
  maxPixels?: number;           // largest frame/photo accepted, default 64 Mpx
}

export interface Face {
  id: number;                                   // stable track id (1..n in a photo)
  box: { x: number; y: number; width: number; height: number };  // frame pixels
  score: number;                                // detector confidence
  keypoints: { x: number; y: number }[];        // right eye, left eye, nose tip, mouth, right ear, left ear
  predicted: boolean;                           // box carried by the tracker between detector runs
  label: Emotion;                               // smoothed label
  confidence: number;                           // smoothed probability of the label
  probabilities: EmotionScores;                 // smoothed (photos: as classified)
  rawProbabilities: EmotionScores;              // this frame's classifier output
}

export interface FrameResult {
  timestampMs: number;
  width: number;
  height: number;
  detectorRan: boolean;
  faces: Face[];
  timings: { detectMs: number; trackMs: number; classifyMs: number; totalMs: number };
}

export interface Histogram { counts: EmotionScores; seconds: EmotionScores }

export interface Stats {
  labels: Emotion[];
  session: Histogram;                                   // all faces of the session
  tracks: (Histogram & { id: number })[];               // per face
  timeline: { timeMs: number; probabilities: EmotionScores }[];  // last 60 s, 100 ms bins
}

export interface Frame { data: Uint8Array | Uint8ClampedArray; width: number; height: number }  // RGBA, ImageData-like
// A frame of a video with its presentation time on the video's clock (ms, increasing).
export interface VideoFrameInput extends Frame { timestampMs: number }
// A JPEG/PNG decoded upright: a JPEG's EXIF orientation (1..8) is applied, as browsers do; 1 = as stored.
export interface DecodedImage extends Frame { data: Uint8Array; orientation: number }

export interface Analyzer {
  readonly variant: Variant;
  buildInfo(): BuildInfo & { variant: Variant };
  analyze(frame: Frame, timestampMs?: number): FrameResult;        // one frame of a stream
  analyzeImage(bytes: Uint8Array | ArrayBuffer): Promise<FrameResult>;  // a JPEG/PNG file: every face
  // A decoded video: reset(), then one FrameResult per frame at the frame's own (increasing) timestamp.
  analyzeVideo(frames: Iterable<VideoFrameInput> | AsyncIterable<VideoFrameInput>): AsyncGenerator<FrameResult, void, undefined>;
  decodeImage(bytes: Uint8Array | ArrayBuffer): DecodedImage;  // the RGBA pixels analyzeImage sees
  stats(): Stats;
  reset(): void;
  dispose(): void;
}

export function createAnalyzer(options?: AnalyzerOptions): Promise<Analyzer>;

export interface TrackSummary {
  id: number;                 // track id
  frames: number;             // analysed frames the track was in
  firstMs: number;            // its first and last timestamps
  lastMs: number;
  label: Emotion;             // the smoothed label of most of its frames
  counts: EmotionScores;      // frames per smoothed label
  probabilities: EmotionScores;  // mean smoothed probabilities
}

// Per-track summary of a video: add() each FrameResult, tracks() by id (memory grows with tracks, not frames).
export function createTrackSummary(): { add(result: FrameResult): void; tracks(): TrackSummary[] };

export interface Classification { logits: number[]; probabilities: EmotionScores }  // probabilities = softmax(logits)

export interface Classifier {
  variant: Variant;                                                 // the wasm variant that was loaded
  labels: Emotion[];
  size: number;                                                     // crops are size x size grey
  classify(crops: Uint8Array): Classification[];                    // grey crops back to back, in order
  classifyImage(bytes: Uint8Array | ArrayBuffer): Classification;   // a JPEG/PNG face crop of any size: grey, resized to size x size in wasm
  decodeImage(bytes: Uint8Array | ArrayBuffer): DecodedImage;  // RGBA, the decoder classifyImage uses
  dispose(): void;
}

export function createClassifier(options?: LoadOptions & { models?: string | URL; maxPixels?: number }): Promise<Classifier>;
