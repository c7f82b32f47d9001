"""Distillation targets: a teacher's softmax over every fer/train image, averaged with the image's
mirror, written as a small committed file so a later session distils without the teacher:
training/softlabels/<name>.npz holds `probabilities` (float16 [N,7], rows in data.load()'s
path-sorted order), `paths`, and the sha256 of the teacher's weights and of the images. Skips if
the file exists. The teacher is either a fine-tuned face network (--run, finetune.py; a --top
teacher reads features.py's cached maps, and its mirror is the maps mirrored, an approximation) or
a peer's shipped expression network run by TF.js in Node (--peer, training/peer_probs.mjs, each
crop as `emolens eval --peers` hands it over).

  /usr/bin/python3 training/softlabels.py --run t_faceres112
  /usr/bin/python3 training/softlabels.py --peer face-api
"""
import argparse
import hashlib
import json
import os
import subprocess
import tempfile
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402

import data  # noqa: E402
from features import feature_path  # noqa: E402
from finetune import load_teacher, predict  # noqa: E402

SOFTLABELS = os.path.join(data.HERE, "softlabels")
ROOT = os.path.dirname(data.HERE)
# The npm package and weight files behind each peer (peers/<name>.mjs loads them).
PEER_WEIGHTS = {"face-api": ("@vladmandic/face-api", ["model/face_expression_model-weights_manifest.json", "model/face_expression_model.bin"])}


def softlabel_path(name):
    return os.path.join(SOFTLABELS, f"{name}.npz")


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def images_sha256(x_uint8):
    return hashlib.sha256(np.ascontiguousarray(x_uint8).tobytes()).hexdigest()


def run_probabilities(run, train, threads):
    """(probabilities, provenance) of a finetune.py run's best.pt over train."""
    torch.set_num_threads(threads)
    checkpoint = data.checkpoint_path(run)
    model, ck = load_teacher(checkpoint)
    a = ck["args"]
    inputs = np.load(feature_path(a["teacher"], a["size"]))["train_map"] if a.get("top") else train["x"]
    probabilities = np.exp(predict(model, inputs, mirror=True))
    return probabilities, dict(checkpoint_sha256=sha256_file(checkpoint), teacher=a["teacher"], size=a["size"],
                               top=bool(a.get("top")), epoch=ck["state"]["best_epoch"])


def peer_probabilities(peer, train):
    """(probabilities, provenance) of a peer's network over train, through Node (its CPU time is
    the child's, reported by peer_probs.mjs on stderr)."""
    package, weights = PEER_WEIGHTS[peer]
    package_dir = os.path.join(ROOT, "node_modules", package)
    with tempfile.TemporaryDirectory() as tmp:
        images, out = os.path.join(tmp, "crops.u8"), os.path.join(tmp, "probs.f32")
        np.ascontiguousarray(train["x"]).tofile(images)
        subprocess.run(["node", os.path.join(data.HERE, "peer_probs.mjs"), "--peer", peer, "--images", images, "--out", out],
                       check=True)
        probabilities = np.fromfile(out, np.float32).reshape(len(train["x"]), len(data.LABELS))
    with open(os.path.join(package_dir, "package.json")) as f:
        version = json.load(f)["version"]
    return probabilities, dict(teacher=peer, package=f"{package}@{version}",
                               weights_sha256=[sha256_file(os.path.join(package_dir, w)) for w in weights])


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--run", help="finetune.py run whose best.pt labels train")
    source.add_argument("--peer", choices=sorted(PEER_WEIGHTS), help="a peer's shipped expression network labels train")
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    out = softlabel_path(args.run or args.peer)
    if os.path.exists(out):
        print(f"{out} exists")
        return
    train = data.load()["train"]
    t0, c0 = time.time(), time.process_time()
    probabilities, provenance = (run_probabilities(args.run, train, args.threads) if args.run
                                 else peer_probabilities(args.peer, train))
    os.makedirs(SOFTLABELS, exist_ok=True)
    np.savez_compressed(out + ".tmp.npz", probabilities=probabilities.astype(np.float16), paths=train["paths"],
                        images_sha256=images_sha256(train["x"]), **provenance)
    os.replace(out + ".tmp.npz", out)
    print(f"{out}: {len(probabilities)} images, {time.time() - t0:.0f} s wall, {time.process_time() - c0:.0f} s CPU (this process)")


if __name__ == "__main__":
    main()
