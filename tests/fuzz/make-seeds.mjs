// Writes the seed corpus of every fuzz target into tests/fuzz/corpus/<target>/ (committed; rerun
// only to change the seeds). Everything is synthetic: ffmpeg's test pattern for images, hand-built
// models, no data from ../shared/data. Needs ffmpeg and flatc (scripts/install.sh installs both).
//   node tests/fuzz/make-seeds.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exifSegment, withSegment } from '../node/support/exif-jpeg.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.join(here, 'corpus');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'emolens-seeds-'));

function write(target, name, bytes) {
  fs.mkdirSync(path.join(corpus, target), { recursive: true });
  fs.writeFileSync(path.join(corpus, target, name), bytes);
}

/** One frame of ffmpeg's colour test pattern, encoded by ffmpeg. */
function testPattern(file, size, pixFmt, extra = []) {
  const out = path.join(scratch, file);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=1`,
    '-frames:v', '1', '-pix_fmt', pixFmt, ...extra, out]);
  return fs.readFileSync(out);
}

// --- image_decode: each PNG colour type stb handles, baseline JPEG colour and grey, broken variants.
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const png = testPattern('rgb.png', '16x12', 'rgb24');
const jpeg = testPattern('colour.jpg', '16x12', 'yuvj420p');
write('image_decode', 'png_1x1_rgba.png', ONE_PIXEL_PNG);
write('image_decode', 'png_16x12_rgb.png', png);
write('image_decode', 'png_16x12_grey_alpha.png', testPattern('ya.png', '16x12', 'ya8'));
write('image_decode', 'png_16x12_palette.png', testPattern('pal.png', '16x12', 'pal8'));
write('image_decode', 'png_8x6_rgb48.png', testPattern('rgb48.png', '8x6', 'rgb48be'));
write('image_decode', 'jpeg_16x12_420.jpg', jpeg);
write('image_decode', 'jpeg_1x1.jpg', testPattern('one.jpg', '1x1', 'yuvj444p'));
write('image_decode', 'jpeg_16x12_444.jpg', testPattern('c444.jpg', '16x12', 'yuvj444p'));
write('image_decode', 'png_truncated.png', png.subarray(0, 50));
write('image_decode', 'jpeg_truncated.jpg', jpeg.subarray(0, jpeg.length >> 1));
// A phone's EXIF orientation (turned on decoding), in both byte orders, and with IFD0's entry count past the segment.
write('image_decode', 'jpeg_exif6_mm.jpg', withSegment(jpeg, exifSegment(6, { bigEndian: true })));
write('image_decode', 'jpeg_exif5_ii.jpg', withSegment(jpeg, exifSegment(5)));
write('image_decode', 'jpeg_exif_ifd_count_huge.jpg', withSegment(jpeg, exifSegment(8, { entries: 0xffff })));
const huge = Buffer.from(ONE_PIXEL_PNG);
huge.writeUInt32BE(20000, 16);
huge.writeUInt32BE(20000, 20);
write('image_decode', 'png_header_20000x20000.png', huge);
write('image_decode', 'text.txt', Buffer.from('this is not an image\n'));

// --- model_loader: [u32 manifest length][manifest][bin], a small model using every op type.
class ModelBuilder {
  constructor(inputShape) {
    this.manifest = { format: 'emolens-model', version: 1, name: 'seed',
      input: { name: 'input', shape: inputShape, colour: 'rgb', scale: 1 / 255, offset: 0 },
      outputs: [], labels: ['a', 'b', 'c'], weights: [], ops: [] };
    this.chunks = [];
    this.offset = 0;
  }
  weight(name, shape, dtype = 'f32') {
    const count = shape.reduce((a, b) => a * b, 1);
    const bytes = Buffer.alloc(count * (dtype === 'f16' ? 2 : 4));
    for (let i = 0; i < count; ++i) {
      const v = Math.sin(i * 1.7 + name.length) * 0.5;  // deterministic, varied weights
      if (dtype === 'f16') bytes.writeUInt16LE(toHalf(v), 2 * i); else bytes.writeFloatLE(v, 4 * i);
    }
    const padded = Buffer.alloc(Math.ceil(bytes.length / 16) * 16);
    bytes.copy(padded);
    this.manifest.weights.push({ name, shape, dtype, offset: this.offset, size: bytes.length });
    this.chunks.push(padded);
    this.offset += padded.length;
    return name;
  }
  op(op) { this.manifest.ops.push(op); }
  encode(manifestText = JSON.stringify(this.manifest), bin = Buffer.concat(this.chunks)) {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(Buffer.byteLength(manifestText));
    return Buffer.concat([length, Buffer.from(manifestText), bin]);
  }
}

function toHalf(value) {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  if (exponent <= 0) return sign;  // the seeds only need normal numbers; tiny ones become 0
  return sign | (exponent << 10) | ((bits >>> 13) & 0x3ff);
}

const m = new ModelBuilder([1, 9, 9, 5]);
m.op({ type: 'depthwise_conv2d', inputs: ['input', m.weight('dw.w', [1, 3, 3, 5], 'f16'), m.weight('dw.b', [5])],
  outputs: ['a'], stride: [2, 2], pad: [1, 1, 1, 1], activation: 'relu6' });
m.op({ type: 'conv2d', inputs: ['a', m.weight('pw.w', [7, 1, 1, 5]), m.weight('pw.b', [7])], outputs: ['b'],
  activation: 'prelu', alpha: m.weight('slope', [7]) });
m.op({ type: 'max_pool2d', inputs: ['b'], outputs: ['c'], kernel: [2, 2], stride: [2, 2] });
m.op({ type: 'avg_pool2d', inputs: ['c'], outputs: ['c2'], kernel: [3, 3], stride: [1, 1], pad: [1, 1, 1, 1] });
m.op({ type: 'pad_channels', inputs: ['c2'], outputs: ['d'], after: 1 });
m.op({ type: 'add', inputs: ['d', 'd'], outputs: ['d2'], activation: 'relu' });
m.op({ type: 'concat', inputs: ['d2', 'd'], outputs: ['e'], axis: -1 });
m.op({ type: 'resize_bilinear', inputs: ['e'], outputs: ['f'], size: [3, 5], half_pixel_centers: true });
m.op({ type: 'sigmoid', inputs: ['f'], outputs: ['f2'] });
m.op({ type: 'reshape', inputs: ['f2'], outputs: ['g'], shape: [1, -1] });
m.op({ type: 'fully_connected', inputs: ['g', m.weight('fc.w', [3, 240]), m.weight('fc.b', [3])], outputs: ['h'] });
m.op({ type: 'softmax', inputs: ['h'], outputs: ['p'] });
m.op({ type: 'global_avg_pool', inputs: ['a'], outputs: ['q'] });
m.manifest.outputs = ['p', 'a', 'q'];
const valid = m.encode();
write('model_loader', 'all_ops.bin', valid);
const text = JSON.stringify(m.manifest);
const bin = Buffer.concat(m.chunks);
write('model_loader', 'manifest_truncated.bin', m.encode(text.slice(0, text.length >> 1)));
write('model_loader', 'weights_truncated.bin', m.encode(text, bin.subarray(0, bin.length - 40)));
write('model_loader', 'version_2.bin', m.encode(JSON.stringify({ ...m.manifest, version: 2 })));
write('model_loader', 'forward_reference.bin',
  m.encode(text.replace('"inputs":["a","pw.w","pw.b"]', '"inputs":["p","pw.w","pw.b"]'), bin));

// --- tflite: a tiny BlazeFace-shaped graph (fp16 weights behind DEQUANTIZE, SAME conv, channel PAD,
// residual ADD, pooling, depthwise, two heads reshaped and concatenated), built with flatc.
const f16Bytes = (count, seed) => {
  const b = Buffer.alloc(count * 2);
  for (let i = 0; i < count; ++i) b.writeUInt16LE(toHalf(Math.cos(i * 0.9 + seed) * 0.3), 2 * i);
  return [...b];
};
const f32Bytes = (values) => { const b = Buffer.alloc(values.length * 4); values.forEach((v, i) => b.writeFloatLE(v, 4 * i)); return [...b]; };
const i32Bytes = (values) => { const b = Buffer.alloc(values.length * 4); values.forEach((v, i) => b.writeInt32LE(v, 4 * i)); return [...b]; };
const tensors = [
  { name: 'input', shape: [1, 8, 8, 3], type: 'FLOAT32', buffer: 0 },            // 0
  { name: 'conv.w16', shape: [4, 3, 3, 3], type: 'FLOAT16', buffer: 1 },         // 1
  { name: 'conv.w', shape: [4, 3, 3, 3], type: 'FLOAT32', buffer: 0 },           // 2
  { name: 'conv.b', shape: [4], type: 'FLOAT32', buffer: 2 },                    // 3
  { name: 'x1', shape: [1, 8, 8, 4], type: 'FLOAT32', buffer: 0 },               // 4
  { name: 'pad', shape: [4, 2], type: 'INT32', buffer: 3 },                      // 5
  { name: 'x2', shape: [1, 8, 8, 6], type: 'FLOAT32', buffer: 0 },               // 6
  { name: 'dw.w', shape: [1, 3, 3, 4], type: 'FLOAT32', buffer: 4 },             // 7
  { name: 'dw.b', shape: [4], type: 'FLOAT32', buffer: 5 },                      // 8
  { name: 'x3', shape: [1, 8, 8, 4], type: 'FLOAT32', buffer: 0 },               // 9
  { name: 'x4', shape: [1, 8, 8, 4], type: 'FLOAT32', buffer: 0 },               // 10
  { name: 'x5', shape: [1, 4, 4, 4], type: 'FLOAT32', buffer: 0 },               // 11
  { name: 'shape', shape: [3], type: 'INT32', buffer: 6 },                       // 12
  { name: 'r1', shape: [1, 16, 4], type: 'FLOAT32', buffer: 0 },                 // 13
  { name: 'r2', shape: [1, 64, 4], type: 'FLOAT32', buffer: 0 },                 // 14
  { name: 'out', shape: [1, 80, 4], type: 'FLOAT32', buffer: 0 },                // 15
  { name: 'shape2', shape: [3], type: 'INT32', buffer: 7 },                      // 16
  { name: 'score', shape: [1, 16, 4], type: 'FLOAT32', buffer: 0 },              // 17
];
const tfliteModel = {
  version: 3,
  operator_codes: ['DEQUANTIZE', 'CONV_2D', 'PAD', 'DEPTHWISE_CONV_2D', 'ADD', 'MAX_POOL_2D', 'RESHAPE',
    'CONCATENATION', 'LOGISTIC'].map((code) => ({ builtin_code: code, version: 1 })),
  subgraphs: [{
    tensors,
    inputs: [0],
    outputs: [15, 17],
    operators: [
      { opcode_index: 0, inputs: [1], outputs: [2] },
      { opcode_index: 1, inputs: [0, 2, 3], outputs: [4], builtin_options_type: 'Conv2DOptions',
        builtin_options: { padding: 'SAME', stride_w: 1, stride_h: 1, fused_activation_function: 'RELU' } },
      { opcode_index: 3, inputs: [4, 7, 8], outputs: [9], builtin_options_type: 'DepthwiseConv2DOptions',
        builtin_options: { padding: 'SAME', stride_w: 1, stride_h: 1, depth_multiplier: 1 } },
      { opcode_index: 4, inputs: [4, 9], outputs: [10], builtin_options_type: 'AddOptions',
        builtin_options: { fused_activation_function: 'RELU6' } },
      { opcode_index: 5, inputs: [10], outputs: [11], builtin_options_type: 'Pool2DOptions',
        builtin_options: { padding: 'VALID', stride_w: 2, stride_h: 2, filter_width: 2, filter_height: 2 } },
      { opcode_index: 6, inputs: [11, 12], outputs: [13], builtin_options_type: 'ReshapeOptions',
        builtin_options: { new_shape: [1, 16, 4] } },
      { opcode_index: 6, inputs: [10, 16], outputs: [14], builtin_options_type: 'ReshapeOptions',
        builtin_options: { new_shape: [1, 64, 4] } },
      { opcode_index: 7, inputs: [13, 14], outputs: [15], builtin_options_type: 'ConcatenationOptions',
        builtin_options: { axis: 1 } },
      { opcode_index: 8, inputs: [13], outputs: [17] },
      { opcode_index: 2, inputs: [4, 5], outputs: [6] },
    ],
    name: 'main',
  }],
  description: 'emolens fuzz seed',
  buffers: [{}, { data: f16Bytes(108, 1) }, { data: f32Bytes([0.1, -0.2, 0.3, 0]) },
    { data: i32Bytes([0, 0, 0, 0, 0, 0, 0, 2]) }, { data: f32Bytes(Array.from({ length: 36 }, (_, i) => Math.sin(i) * 0.2)) },
    { data: f32Bytes([0, 0.1, 0, -0.1]) }, { data: i32Bytes([1, 16, 4]) }, { data: i32Bytes([1, 64, 4]) }],
};
const schema = path.join(here, '../../tools/tflite2emo/tflite_subset.fbs');
fs.writeFileSync(path.join(scratch, 'tiny.json'), JSON.stringify(tfliteModel));
execFileSync('flatc', ['-b', '-o', scratch, schema, path.join(scratch, 'tiny.json')]);
const tflite = fs.readFileSync(path.join(scratch, 'tiny.bin'));
write('tflite', 'tiny_blazeface_like.tflite', tflite);
write('tflite', 'truncated.tflite', tflite.subarray(0, tflite.length - 100));
write('tflite', 'no_identifier.tflite', Buffer.concat([tflite.subarray(0, 4), Buffer.from('XXXX'), tflite.subarray(8)]));

// --- analyzer: [8-byte header (see analyzer_fuzz.cpp)][pixels]; a synthetic frame, several modes.
const frame = testPattern('frame.rgb', '40x30', 'rgb24', ['-f', 'rawvideo']);
const header = (w, h, slack, flags, maxFaces, minFace, score, smoothing) =>
  Buffer.from([w - 1, h - 1, slack, flags, maxFaces, minFace, score, smoothing]);
write('analyzer', 'stream_160x120_rgba_3_frames.bin', Buffer.concat([header(160, 120, 4, 0b1000100, 3, 16, 12, 128), frame]));
write('analyzer', 'photo_96x72_rgb.bin', Buffer.concat([header(96, 72, 4, 0b11, 19, 0, 0, 0), frame]));
write('analyzer', 'stride_shorter_than_row.bin', Buffer.concat([header(64, 48, 0, 0, 0, 0, 128, 0), frame.subarray(0, 256)]));
write('analyzer', 'one_pixel.bin', header(1, 1, 4, 0b1100000, 1, 0, 255, 255));
fs.rmSync(scratch, { recursive: true, force: true });
console.log(`seeds written under ${corpus}`);
