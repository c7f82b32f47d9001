// Runs a TF.js graph model with @tensorflow/tfjs on the CPU backend, for the converter's parity
// check (tfjs_parity.py): node training/tfjs_run.mjs <model.json> <input.f32> <N,H,W,C> <out.json> <node>...
// The input is raw little-endian float32 NHWC; the output JSON maps each node name to its values.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

const [modelPath, inputPath, shapeArg, outPath, ...nodes] = process.argv.slice(2);
if (!nodes.length) {
  console.error('usage: node training/tfjs_run.mjs <model.json> <input.f32> <N,H,W,C> <out.json> <node>...');
  process.exit(2);
}
const json = JSON.parse(fs.readFileSync(modelPath, 'utf8'));
const dir = path.dirname(modelPath);
const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
const shards = json.weightsManifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p))));
const joined = Buffer.concat(shards);
const weightData = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength);
await tf.setBackend('cpu');
const model = await tf.loadGraphModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }));
const shape = shapeArg.split(',').map(Number);
const raw = fs.readFileSync(inputPath);
const values = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
const input = tf.tensor(values, shape, 'float32');
const outs = model.execute(input, nodes);
const result = {};
(Array.isArray(outs) ? outs : [outs]).forEach((t, i) => { result[nodes[i]] = Array.from(t.dataSync()); });
fs.writeFileSync(outPath, JSON.stringify(result));
