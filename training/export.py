"""Export a trained checkpoint to the emolens model format (models/README.md) and write the parity
fixture an engine test checks against.

  /usr/bin/python3 training/export.py --run main

Writes models/expression.{json,bin} (BatchNorm folded into the convs; conv/dense kernels int8 with
one fp32 scale per output channel, or fp16 with --kernels f16; biases fp32; NHWC layouts) and
tests/fixtures/expression_parity.{bin,json}: 200 fixed valid images as raw uint8 48x48 and the
logits PyTorch computes from exactly the exported (rounded) weights, eval mode, fp32 activations.
The valid metrics in the manifest are measured on those same weights.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

import data
import metrics
import reference
from inference import load_checkpoint
from faceapi_net import FaceApiExpressionNet
from model import ConvBN, Pool, Separable, count_macs, count_params
from tfjs_graph import same_pad

ROOT = os.path.normpath(os.path.join(data.HERE, ".."))
# float = pixel * SCALE + OFFSET reproduces training's (pixel / 255 - 0.5) / 0.5.
SCALE, OFFSET = 2.0 / 255.0, -1.0
PARITY_COUNT = 200
KERNEL_STORAGE = {"i8": "int8 with one fp32 scale per output channel (symmetric, max |w| / 127)",
                  "f16": "fp16"}


def fold(cbn):
    """ConvBN -> (torch-layout weight, bias), BN folded into the conv."""
    bn = cbn.bn
    g = (bn.weight / torch.sqrt(bn.running_var + bn.eps)).detach()
    return cbn.conv.weight.detach() * g[:, None, None, None], (bn.bias - bn.running_mean * g).detach()


class GraphBuilder:
    """Collects weights (kernels in `kernels` dtype, fp32 biases, 16-byte aligned) and ops in run order."""

    def __init__(self, kernels):
        self.kernels = kernels
        self.weights, self.blobs, self.ops, self.offset, self.count = [], [], [], 0, 0

    def weight(self, name, array, dtype, axis=0):
        """Stores one weight; an i8 one is quantised symmetrically per index along `axis`."""
        entry = {"name": name, "shape": list(array.shape), "dtype": dtype}
        if dtype == "i8":
            a = np.asarray(array, np.float32)
            other = tuple(d for d in range(a.ndim) if d != axis)
            scales = (np.abs(a).max(axis=other) / 127.0).astype(np.float32)
            shape = [1] * a.ndim
            shape[axis] = -1
            safe = np.where(scales > 0, scales, 1.0).reshape(shape)
            raw = np.clip(np.round(a / safe), -127, 127).astype(np.int8).tobytes()
            entry["quant"] = {"axis": axis, "scales": [float(v) for v in scales]}
        else:
            a = np.ascontiguousarray(array, dtype=np.float16 if dtype == "f16" else np.float32)
            raw = a.astype("<f2" if dtype == "f16" else "<f4").tobytes()
        entry.update({"offset": self.offset, "size": len(raw)})
        self.weights.append(entry)
        raw += b"\0" * (-len(raw) % 16)
        self.blobs.append(raw)
        self.offset += len(raw)
        return name

    def tensor(self):
        self.count += 1
        return f"t{self.count}"

    def emit_conv(self, name, w, b, depthwise, x, stride, pad, activation):
        """One conv2d / depthwise_conv2d op from torch-layout weights (w [Co,Ci,KH,KW], depthwise
        [C,1,KH,KW]) written in the engine's NHWC layouts; pad [top, left, bottom, right]."""
        if depthwise:  # -> [1,KH,KW,C]
            w = w[:, 0].permute(1, 2, 0)[None]
        else:  # -> [Co,KH,KW,Ci]
            w = w.permute(0, 2, 3, 1)
        y = self.tensor()
        self.ops.append({"type": "depthwise_conv2d" if depthwise else "conv2d",
                         "inputs": [x, self.weight(name + ".w", w.numpy().astype(np.float32), self.kernels,
                                                   axis=3 if depthwise else 0),
                                    self.weight(name + ".b", b.numpy().astype(np.float32), "f32")],
                         "outputs": [y], "stride": [stride, stride], "pad": pad, "activation": activation})
        return y

    def plain_conv(self, name, conv, x, stride, pad, activation):
        """An nn.Conv2d without BN (a missing bias written as zeros)."""
        b = conv.bias.detach() if conv.bias is not None else torch.zeros(conv.out_channels)
        return self.emit_conv(name, conv.weight.detach(), b, conv.groups > 1, x, stride, pad, activation)

    def head(self, fc, x):
        """Global average pool and the dense layer, writing "logits"."""
        y = self.tensor()
        self.ops.append({"type": "global_avg_pool", "inputs": [x], "outputs": [y]})
        self.ops.append({"type": "fully_connected",
                         "inputs": [y, self.weight("fc.w", fc.weight.detach().numpy(), self.kernels),
                                    self.weight("fc.b", fc.bias.detach().numpy(), "f32")],
                         "outputs": ["logits"], "activation": "none"})

    def conv(self, name, cbn, x, activation):
        """A ConvBN, BN folded in, PyTorch's symmetric padding."""
        p = cbn.conv.padding[0]
        assert cbn.conv.kernel_size[0] == 2 * p + 1, "same padding only"
        w, b = fold(cbn)
        return self.emit_conv(name, w, b, cbn.depthwise, x, cbn.conv.stride[0], [p, p, p, p], activation)


def build_graph(model, kernels):
    """Walk the network and emit the engine graph; returns a GraphBuilder."""
    if isinstance(model, FaceApiExpressionNet):
        return build_face_api_graph(model, kernels)
    g = GraphBuilder(kernels)
    x = "input"
    for i, layer in enumerate(model.features):
        name = f"f{i}"
        if isinstance(layer, ConvBN):
            x = g.conv(name, layer, x, "relu" if layer.relu else "none")
        elif isinstance(layer, Pool):
            y = g.tensor()
            g.ops.append({"type": "max_pool2d", "inputs": [x], "outputs": [y],
                          "kernel": [2, 2], "stride": [2, 2], "pad": [0, 0, 0, 0]})
            x = y
        elif isinstance(layer, Separable):
            h = g.conv(name + ".dw", layer.dw, x, "relu")
            y = g.conv(name + ".pw", layer.pw, h, "none" if layer.residual else "relu")
            if layer.residual:
                s = g.tensor()
                g.ops.append({"type": "add", "inputs": [x, y], "outputs": [s], "activation": "relu"})
                y = s
            x = y
        else:
            raise TypeError(f"no export rule for {type(layer).__name__}")
    g.head(model.fc, x)
    return g


def build_face_api_graph(model, kernels):
    """faceapi_net's dense blocks: each separable convolution as depthwise + 1x1 conv2d, the running
    sum kept un-rectified (later sums add to it) and rectified by a relu op where a convolution
    reads it; TF's SAME padding (the extra pixel bottom/right) spelled out per stride."""
    g = GraphBuilder(kernels)
    x, size = "input", 48
    for i, block in enumerate(model.blocks):
        name, stride = f"b{i}", block.stride
        top, bottom = same_pad(size, stride)
        pad = [top, top, bottom, bottom]  # [top, left, bottom, right] of a square map
        if block.first:
            total = g.plain_conv(name + ".c0", block.conv0, x, stride, pad, "relu")
        else:
            h = g.plain_conv(name + ".c0.dw", block.conv0.depthwise, x, stride, pad, "none")
            total = g.plain_conv(name + ".c0.pw", block.conv0.pointwise, h, 1, [0, 0, 0, 0], "relu")
        size = -(-size // stride)
        rectified = total  # out1 is already >= 0
        for j, conv in enumerate(block.convs, 1):
            h = g.plain_conv(f"{name}.c{j}.dw", conv.depthwise, rectified, 1, [1, 1, 1, 1], "none")
            out = g.plain_conv(f"{name}.c{j}.pw", conv.pointwise, h, 1, [0, 0, 0, 0], "none")
            last = j == len(block.convs)
            summed = g.tensor()
            g.ops.append({"type": "add", "inputs": [total, out], "outputs": [summed],
                          "activation": "relu" if last else "none"})
            total = rectified = summed
            if not last:
                rectified = g.tensor()
                g.ops.append({"type": "relu", "inputs": [total], "outputs": [rectified]})
        x = total
    g.head(model.fc, x)
    return g


_ACT = {"none": lambda t: t, "relu": torch.relu, "relu6": lambda t: torch.clamp(t, 0, 6)}


@torch.no_grad()
def torch_forward(manifest, weights, pixels):
    """PyTorch run of the exported graph (fp32 activations) on uint8 [N,48,48] -> logits [N,7]."""
    x = torch.from_numpy(pixels.astype(np.float32) * np.float32(manifest["input"]["scale"])
                         + np.float32(manifest["input"]["offset"]))[:, None]
    env = {"input": x}  # NCHW here; the layouts are converted back from the exported NHWC ones
    W = {k: torch.from_numpy(v.astype(np.float32)) for k, v in weights.items()}
    for op in manifest["ops"]:
        t, ins = op["type"], op["inputs"]
        a = env[ins[0]]
        act = _ACT[op.get("activation", "none")]
        if t in ("conv2d", "depthwise_conv2d"):
            top, left, bottom, right = op["pad"]
            a = F.pad(a, (left, right, top, bottom))
            if t == "conv2d":
                w = W[ins[1]].permute(0, 3, 1, 2)
                y = F.conv2d(a, w, W[ins[2]], op["stride"])
            else:
                w = W[ins[1]][0].permute(2, 0, 1)[:, None]
                y = F.conv2d(a, w, W[ins[2]], op["stride"], groups=w.shape[0])
            y = act(y)
        elif t == "max_pool2d":
            assert op["pad"] == [0, 0, 0, 0]
            y = F.max_pool2d(a, op["kernel"], op["stride"])
        elif t == "add":
            y = act(a + env[ins[1]])
        elif t == "relu":
            y = torch.relu(a)
        elif t == "global_avg_pool":
            y = a.mean((2, 3), keepdim=True)
        elif t == "fully_connected":
            flat = a.permute(0, 2, 3, 1).reshape(a.shape[0], -1)  # NHWC flatten order
            y = act(flat @ W[ins[1]].T + W[ins[2]])
        else:
            raise ValueError(f"op {t} not handled")
        env[op["outputs"][0]] = y
    return env[manifest["outputs"][0]].numpy()


def architecture(model):
    if isinstance(model, FaceApiExpressionNet):
        return ("face-api's FaceExpressionNet (training/faceapi_net.py; @vladmandic/face-api 1.7.15, MIT, its weights "
                "the starting point): four dense blocks of depthwise-separable convs "
                f"({'-'.join(map(str, model.widths))}), the first at stride 1 for a 48x48 grey crop, the others halving, "
                "global average pool, dropout, dense")
    return ("ExpressionNet (training/model.py): conv3x3 stem, 3x3 convs where stages widen "
            f"({'-'.join(map(str, model.widths))}), depthwise-separable residual blocks, max pools, global average "
            "pool, dropout, dense; BatchNorm folded at export")


def to_json(obj, indent=""):
    """Indented JSON, but lists of scalars on one line (shapes, logits, confusion rows) stay readable."""
    step = indent + " "
    if isinstance(obj, dict):
        items = [f"{step}{json.dumps(k)}: {to_json(v, step)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}" if items else "{}"
    if isinstance(obj, list) and any(isinstance(v, (dict, list)) for v in obj):
        return "[\n" + ",\n".join(step + to_json(v, step) for v in obj) + "\n" + indent + "]"
    return json.dumps(obj, ensure_ascii=False)


def parity_indices(n):
    """200 fixed valid images spread evenly over the path-sorted split (so every class appears)."""
    return np.unique(np.linspace(0, n - 1, PARITY_COUNT).round().astype(int))


def init_chain(run):
    """The earlier runs whose best weights this one started from (train.py --init), most recent first:
    their recipe differences, selected epoch and wall time, so a fine-tuned model's provenance is whole."""
    chain = []
    while run:
        if not os.path.exists(data.checkpoint_path(run, "last")):
            raise SystemExit(f"provenance: {os.path.join(data.RUNS, run)} (the --init of a run in this chain) is missing")
        best, last = torch.load(data.checkpoint_path(run, "best")), torch.load(data.checkpoint_path(run, "last"))
        a = best["args"]
        chain.append({"run": run, "epochs": a["epochs"], "selected_epoch": best["state"].get("best_epoch"),
                      "lr": a["lr"], "fer2013_weight": a["fer2013_weight"], "teachers": a.get("teachers") or None,
                      "wall_time_min_to_selected": round(best["state"]["wall_s"] / 60, 1),
                      "wall_time_min_whole_run": round(last["state"]["wall_s"] / 60, 1),
                      "threads": a["threads"]})
        run = a.get("init", "")
    return chain


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--run", default="main")
    p.add_argument("--checkpoint", default="best", help="best | last | a path")
    p.add_argument("--data", default=None)
    p.add_argument("--models", default=os.path.join(ROOT, "models"))
    p.add_argument("--fixtures", default=os.path.join(ROOT, "tests", "fixtures"))
    p.add_argument("--kernels", choices=("i8", "f16"), default="i8",
                   help="kernel storage: int8 + per-channel scale (half the download) or fp16")
    args = p.parse_args()
    torch.set_num_threads(2)

    ck_path = args.checkpoint if os.path.sep in args.checkpoint else \
        data.checkpoint_path(args.run, args.checkpoint)
    model, ck = load_checkpoint(ck_path)
    targs, state = ck["args"], ck["state"]

    g = build_graph(model, args.kernels)
    blob = b"".join(g.blobs)
    manifest = {
        "format": "emolens-model", "version": 1, "name": "expression",
        "input": {"name": "input", "shape": [1, 48, 48, 1], "colour": "grey",
                  "scale": SCALE, "offset": OFFSET},
        "outputs": ["logits"],
        "labels": data.LABELS,
        "weights": g.weights,
        "ops": g.ops,
    }
    weights = reference.decode_weights(manifest, blob)  # read back exactly as a loader would

    valid = data.load(args.data)["valid"]
    logits = torch_forward(manifest, weights, valid["x"])
    m = metrics.evaluate(logits.argmax(1), valid["y"], data.ferplus_majority(valid["votes"]))
    ck_m = ck["metrics"]
    best_epoch = state["epoch"] if args.checkpoint == "last" else state.get("best_epoch", state["epoch"])

    manifest["provenance"] = {
        "source": "trained by emolens training/ (train.py, model.py or faceapi_net.py, augment.py), exported by training/export.py",
        "data": "FER2013 'Training' split as in ../shared/data/fer/train (28,287 48x48 grey faces) with FER+ "
                "crowd votes; model selection on fer/valid (FER2013 PublicTest, 3,572 images). No other data.",
        "recipe": {
            "architecture": architecture(model),
            "parameters": count_params(model),
            "multiply_adds_per_image": count_macs(model),
            "targets": f"{targs['fer2013_weight']} * one-hot(FER2013 label) + {1 - targs['fer2013_weight']:.2f} "
                       "* FER+ vote distribution over the 7 emotions (contempt/unknown/NF votes dropped); "
                       "one-hot alone where an image has no emotion votes"
                       + (f"; then (1 - {targs['teacher_weight']}) * that + {targs['teacher_weight']} * the mean "
                          f"softmax of runs {targs['teachers']} (their best checkpoints, each training image and "
                          "its mirror: distillation, training/teacher.py)" if targs.get("teachers") else ""),
            "loss": f"soft-target cross-entropy, per-class weights prior^-{targs['class_power']} "
                    "(prior = mean training target)",
            "optimiser": f"AdamW lr {targs['lr']} (one-cycle, 15% warm-up, cosine), weight decay {targs['wd']}, "
                         f"batch {targs['batch']}, dropout {targs['dropout']}",
            "augmentation": "rotation ±10°, scale ±10%, shift ±4 px, horizontal flip, gamma, contrast "
                            "±30%, brightness ±0.12, 3x3 blur (p 0.2), Gaussian noise (σ ≤ 0.03)",
            "selection": "best epoch by mean(FER2013 acc, FER+ majority acc) on valid",
            "seed": targs["seed"],
            "epochs": targs["epochs"],
            "selected_epoch": best_epoch,
            "train_subset": targs["subset"] or "all",
        },
        "training_wall_time_min": round(state["wall_s"] / 60, 1),
        "initialised_from": init_chain(targs.get("init", "")),
        "training_machine": f"2 CPU cores shared with other jobs, torch.set_num_threads({targs['threads']}), no GPU",
        "torch": ck.get("torch", torch.__version__),
        "exported": time.strftime("%Y-%m-%d"),
        "weights_storage": f"conv/depthwise/dense kernels {KERNEL_STORAGE[args.kernels]}, biases fp32",
    }
    manifest["metrics"] = {
        "measured_by": "training/export.py: PyTorch forward of the exported (rounded) weights over all of "
                       "fer/valid (3,572 images), no test-time augmentation",
        "fer2013_acc": round(m["fer2013_acc"], 4),
        "ferplus_majority_acc": round(m["ferplus_majority_acc"], 4),
        "ferplus_majority_n": m["ferplus_majority_n"],
        "ferplus_majority_rule": "argmax of the 7 emotion votes; images whose top vote is contempt, "
                                 "unknown or NF, ties and images without votes are skipped",
        "macro_f1": round(m["macro_f1"], 4),
        "per_class": {k: {kk: (round(vv, 4) if isinstance(vv, float) else vv) for kk, vv in v.items()}
                      for k, v in m["per_class"].items()},
        "confusion": {"rows": "FER2013 label", "columns": "prediction", "order": data.LABELS,
                      "counts": m["confusion"]},
        "ferplus_recall": {k: round(v, 4) for k, v in m["ferplus_recall"].items()},
        "ferplus_confusion": m["ferplus_confusion"],
        "fp32_checkpoint": {"fer2013_acc": round(ck_m["fer2013_acc"], 4),
                            "ferplus_majority_acc": round(ck_m["ferplus_majority_acc"], 4),
                            "macro_f1": round(ck_m["macro_f1"], 4)},
    }

    os.makedirs(args.models, exist_ok=True)
    with open(os.path.join(args.models, "expression.bin"), "wb") as f:
        f.write(blob)
    with open(os.path.join(args.models, "expression.json"), "w") as f:
        f.write(to_json(manifest) + "\n")

    idx = parity_indices(len(valid["y"]))
    pix = valid["x"][idx]
    plog = torch_forward(manifest, weights, pix)
    majority = data.ferplus_majority(valid["votes"][idx])
    fixture = {
        "model": "models/expression.json",
        "inputs": {"file": "expression_parity.bin", "count": len(idx), "shape": [48, 48],
                   "dtype": "uint8", "layout": "image after image, row-major, no header"},
        "tolerance": {"max_abs_logit": 1e-3, "argmax": "identical"},
        "produced_by": "training/export.py: PyTorch (fp32 activations, eval) on the exported (rounded) weights; "
                       "training/reference.py reproduces it in numpy",
        "images": [{"path": "valid/" + str(valid["paths"][i]), "fer2013": data.LABELS[valid["y"][i]],
                    "ferplus_majority": data.LABELS[majority[j]] if majority[j] >= 0 else None,
                    "logits": [float(v) for v in plog[j]]} for j, i in enumerate(idx)],
    }
    os.makedirs(args.fixtures, exist_ok=True)
    with open(os.path.join(args.fixtures, "expression_parity.bin"), "wb") as f:
        f.write(np.ascontiguousarray(pix, np.uint8).tobytes())
    with open(os.path.join(args.fixtures, "expression_parity.json"), "w") as f:
        f.write(to_json(fixture) + "\n")

    with torch.no_grad():
        x = ((torch.from_numpy(valid["x"]).float() / 255 - 0.5) / 0.5)[:, None]
        ref = model(x).numpy()
    print(f"exported {ck_path} (epoch {best_epoch}): {count_params(model)} params, "
          f"{count_macs(model) / 1e6:.1f} M multiply-adds, .bin {len(blob)} bytes")
    print(f"{args.kernels} export vs fp32 checkpoint on valid: max |logit diff| {np.abs(ref - logits).max():.2e}, "
          f"argmax agreement {(ref.argmax(1) == logits.argmax(1)).mean():.4f}")
    print(f"valid (exported weights): {metrics.summary(m)}")
    print(f"wrote models/expression.json, models/expression.bin, tests/fixtures/expression_parity.{{bin,json}}")


if __name__ == "__main__":
    main()
