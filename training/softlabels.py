"""Distillation targets from a fine-tuned face teacher (finetune.py): its softmax over every
fer/train image, averaged with the image's mirror, written as a small committed file so a later
session distils without the teacher's checkpoint: training/softlabels/<run>.npz holds
`probabilities` (float16 [N,7], rows in data.load()'s path-sorted order), `paths`, and the sha256
of the checkpoint and of the images it was computed from. Skips if the file exists. A --top
teacher reads features.py's cached maps, and its mirror is the maps mirrored (an approximation).

  /usr/bin/python3 training/softlabels.py --run t_faceres112
"""
import argparse
import hashlib
import os
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402

import data  # noqa: E402
from features import feature_path  # noqa: E402
from finetune import load_teacher, predict  # noqa: E402

SOFTLABELS = os.path.join(data.HERE, "softlabels")


def softlabel_path(run):
    return os.path.join(SOFTLABELS, f"{run}.npz")


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def images_sha256(x_uint8):
    return hashlib.sha256(np.ascontiguousarray(x_uint8).tobytes()).hexdigest()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--run", required=True, help="finetune.py run whose best.pt labels train")
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    out = softlabel_path(args.run)
    if os.path.exists(out):
        print(f"{out} exists")
        return
    torch.set_num_threads(args.threads)
    checkpoint = data.checkpoint_path(args.run)
    model, ck = load_teacher(checkpoint)
    train = data.load()["train"]
    t0, c0 = time.time(), time.process_time()
    a = ck["args"]
    inputs = np.load(feature_path(a["teacher"], a["size"]))["train_map"] if a.get("top") else train["x"]
    probabilities = np.exp(predict(model, inputs, mirror=True)).astype(np.float16)
    os.makedirs(SOFTLABELS, exist_ok=True)
    np.savez_compressed(out + ".tmp.npz", probabilities=probabilities, paths=train["paths"],
                        checkpoint_sha256=sha256_file(checkpoint), images_sha256=images_sha256(train["x"]),
                        teacher=a["teacher"], size=a["size"], top=bool(a.get("top")),
                        epoch=ck["state"]["best_epoch"])
    os.replace(out + ".tmp.npz", out)
    print(f"{out}: {len(probabilities)} images, {time.time() - t0:.0f} s wall, {time.process_time() - c0:.0f} s CPU")


if __name__ == "__main__":
    main()
