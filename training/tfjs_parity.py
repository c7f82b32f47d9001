"""Parity of tfjs_graph.py (and faceapi_net.py) against TF.js itself: a few real fer/valid crops (evenly spaced over the
sorted split), prepared as each model expects, run through @tensorflow/tfjs (CPU backend, via
tfjs_run.mjs) and through the converted PyTorch module; prints the max abs difference per output.

  /usr/bin/python3 training/tfjs_parity.py [--n 8]
Exit status 1 if any output differs by more than --tol.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

import data
import teachers
from faceapi_net import FaceApiExpressionNet, prepare
from tfjs_graph import TfjsGraph

REPO = os.path.dirname(data.HERE)


def face_api_parity(crops):
    """faceapi_net.py (hand-written: face-api ships weights without a graph) against the package
    itself, through peer_probs.mjs: each crop's mirror-averaged softmax; returns the max abs diff."""
    net = FaceApiExpressionNet.load().eval()
    with torch.no_grad():
        ours = sum(torch.softmax(net(prepare(v)), 1).numpy() for v in (crops, crops[:, :, ::-1])) / 2
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = os.path.join(tmp, "crops.u8"), os.path.join(tmp, "probs.f32")
        np.ascontiguousarray(crops, np.uint8).tofile(inp)
        subprocess.run(["node", os.path.join(data.HERE, "peer_probs.mjs"), "--peer", "face-api", "--images", inp,
                        "--out", out], check=True, cwd=REPO)
        theirs = np.fromfile(out, np.float32).reshape(len(crops), -1)
    diff = float(np.abs(ours - theirs).max())
    print(f"face-api expression softmax (mirror-averaged) {len(crops)} crops at 112px: max |torch - face-api| {diff:.2e}")
    return diff


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=8, help="crops per model")
    p.add_argument("--tol", type=float, default=1e-3, help="max abs difference allowed (outputs are O(1))")
    args = p.parse_args()
    valid = data.load()["valid"]
    crops = valid["x"][np.linspace(0, len(valid["x"]) - 1, args.n).astype(int)]
    worst = 0.0
    for spec in teachers.SPECS.values():
        net = TfjsGraph.load(spec.model_json)
        x = spec.prepare(torch.from_numpy(crops), spec.size)  # NCHW as the module takes it
        with torch.no_grad():
            ours = net(x, spec.parity_outputs)
        with tempfile.TemporaryDirectory() as tmp:
            inp, out = os.path.join(tmp, "in.f32"), os.path.join(tmp, "out.json")
            nhwc = x.permute(0, 2, 3, 1).contiguous().numpy().astype("<f4")
            nhwc.tofile(inp)
            subprocess.run(["node", os.path.join(data.HERE, "tfjs_run.mjs"), spec.model_json, inp,
                            ",".join(map(str, nhwc.shape)), out, *spec.parity_outputs], check=True, cwd=REPO)
            with open(out) as f:
                theirs = json.load(f)
        for name in spec.parity_outputs:
            a = ours[name].numpy().reshape(-1)
            b = np.asarray(theirs[name], np.float32)
            diff = float(np.abs(a - b).max())
            worst = max(worst, diff)
            print(f"{spec.name:8s} {name:24s} {args.n} crops at {spec.size}px: max |torch - tfjs| {diff:.2e} "
                  f"(values up to {np.abs(b).max():.3g})")
    worst = max(worst, face_api_parity(crops))
    print("PASS" if worst <= args.tol else "FAIL", f"worst {worst:.2e}, tolerance {args.tol:g}")
    sys.exit(0 if worst <= args.tol else 1)


if __name__ == "__main__":
    main()
