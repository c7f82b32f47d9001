"""Pure-numpy reference forward pass of an exported emolens model; checks the parity fixture.

  /usr/bin/python3 training/reference.py

Reads models/expression.{json,bin} and tests/fixtures/expression_parity.{json,bin}, runs the graph
in float64 NHWC with nothing but numpy, and fails unless every fixture logit is within 1e-4 and
every argmax matches. This proves the export is self-consistent (layouts, folding, offsets) without
PyTorch and before the C++ engine exists.
"""
import argparse
import json
import os
import sys

import numpy as np

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def load_model(json_path):
    """(manifest, {weight name: float64 array}) from <name>.json and <name>.bin."""
    with open(json_path) as f:
        manifest = json.load(f)
    with open(os.path.splitext(json_path)[0] + ".bin", "rb") as f:
        blob = f.read()
    return manifest, decode_weights(manifest, blob)


def decode_weights(manifest, blob):
    """Weights as a loader reads them: checked against the format rules, f32/f16/i8 -> float64."""
    weights = {}
    for w in manifest["weights"]:
        dt = np.dtype({"f32": "<f4", "f16": "<f2", "i8": "i1"}[w["dtype"]])
        assert w["offset"] % 16 == 0 and w["offset"] + w["size"] <= len(blob), w["name"]
        assert w["size"] == int(np.prod(w["shape"])) * dt.itemsize, w["name"]
        a = np.frombuffer(blob, dt, count=w["size"] // dt.itemsize, offset=w["offset"])
        a = a.reshape(w["shape"]).astype(np.float64)
        if w["dtype"] == "i8":  # one scale per index along quant.axis
            axis, scales = w["quant"]["axis"], np.asarray(w["quant"]["scales"], np.float32)
            assert len(scales) == w["shape"][axis], w["name"]
            shape = [1] * a.ndim
            shape[axis] = -1
            a = (a.astype(np.float32) * scales.reshape(shape)).astype(np.float64)
        weights[w["name"]] = a
    return weights


def activation(x, name):
    if name == "relu":
        return np.maximum(x, 0)
    if name == "relu6":
        return np.clip(x, 0, 6)
    assert name == "none", name
    return x


def pad_nhwc(x, pad, value=0.0):
    top, left, bottom, right = pad
    return np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)), constant_values=value)


def windows(x, kh, kw, stride):
    """Yield (i, j, view) with view[n, oy, ox, c] = x[n, oy*sy + i, ox*sx + j, c]."""
    sy, sx = stride
    ho = (x.shape[1] - kh) // sy + 1
    wo = (x.shape[2] - kw) // sx + 1
    for i in range(kh):
        for j in range(kw):
            yield i, j, x[:, i:i + sy * (ho - 1) + 1:sy, j:j + sx * (wo - 1) + 1:sx, :]


def conv2d(x, w, b, stride, pad):  # w [Co,KH,KW,Ci]
    x = pad_nhwc(x, pad)
    return sum(v @ w[:, i, j, :].T for i, j, v in windows(x, w.shape[1], w.shape[2], stride)) + b


def depthwise_conv2d(x, w, b, stride, pad):  # w [1,KH,KW,C]
    x = pad_nhwc(x, pad)
    return sum(v * w[0, i, j] for i, j, v in windows(x, w.shape[1], w.shape[2], stride)) + b


def max_pool2d(x, kernel, stride, pad):
    x = pad_nhwc(x, pad, -np.inf)
    return np.max([v for _, _, v in windows(x, *kernel, stride)], axis=0)


def avg_pool2d(x, kernel, stride, pad):
    ones = pad_nhwc(np.ones_like(x[:1, :, :, :1]), pad)  # avg divides by the in-bounds count
    x = pad_nhwc(x, pad)
    total = sum(v for _, _, v in windows(x, *kernel, stride))
    count = sum(v for _, _, v in windows(ones, *kernel, stride))
    return total / count


def forward(manifest, weights, pixels):
    """uint8 [N,H,W] (grey) -> {name: array} of every output named in the manifest."""
    inp = manifest["input"]
    env = {inp["name"]: (pixels.astype(np.float64) * inp["scale"] + inp["offset"])[..., None]}
    for op in manifest["ops"]:
        t, ins = op["type"], op["inputs"]
        x = env[ins[0]]
        act = op.get("activation", "none")
        if t == "conv2d":
            y = activation(conv2d(x, weights[ins[1]], weights[ins[2]], op["stride"], op["pad"]), act)
        elif t == "depthwise_conv2d":
            y = activation(depthwise_conv2d(x, weights[ins[1]], weights[ins[2]], op["stride"], op["pad"]), act)
        elif t == "max_pool2d":
            y = max_pool2d(x, op["kernel"], op["stride"], op["pad"])
        elif t == "avg_pool2d":
            y = avg_pool2d(x, op["kernel"], op["stride"], op["pad"])
        elif t == "global_avg_pool":
            y = x.mean((1, 2), keepdims=True)
        elif t == "add":
            y = activation(x + env[ins[1]], act)
        elif t == "relu":
            y = activation(x, "relu")
        elif t == "fully_connected":
            y = activation(x.reshape(len(x), -1) @ weights[ins[1]].T + weights[ins[2]], act)
        else:
            raise ValueError(f"reference has no op {t}")
        env[op["outputs"][0]] = y
    return {name: env[name] for name in manifest["outputs"]}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", default=os.path.join(ROOT, "models", "expression.json"))
    p.add_argument("--fixture", default=os.path.join(ROOT, "tests", "fixtures", "expression_parity.json"))
    p.add_argument("--tolerance", type=float, default=1e-4)
    args = p.parse_args()

    manifest, weights = load_model(args.model)
    with open(args.fixture) as f:
        fixture = json.load(f)
    spec = fixture["inputs"]
    pixels = np.fromfile(os.path.join(os.path.dirname(args.fixture), spec["file"]), np.uint8)
    pixels = pixels.reshape(spec["count"], *spec["shape"])
    expected = np.array([im["logits"] for im in fixture["images"]])
    got = forward(manifest, weights, pixels)["logits"]
    diff = np.abs(got - expected).max()
    same = (got.argmax(1) == expected.argmax(1)).mean()
    labels = manifest["labels"]
    acc = np.mean([labels[k] == im["fer2013"] for k, im in zip(got.argmax(1), fixture["images"])])
    print(f"{len(pixels)} fixture images: max |logit diff| {diff:.2e} (tolerance {args.tolerance:g}), "
          f"argmax identical {same:.4f}, FER2013 acc on these {acc:.3f}")
    ok = diff <= args.tolerance and same == 1.0
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
