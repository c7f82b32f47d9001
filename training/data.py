"""Load the FER2013 / FER+ splits into memory once, cached as .npz under training/runs/.

Each split becomes: x uint8 [N,48,48], y int64 [N] (FER2013 label index), votes int16 [N,10]
(FER+ votes in labels.csv column order, -1 where the image has none), paths [N] (relative to the
split folder). Labels follow LABELS, the order the exported model's logits use.
"""
import csv
import os

import numpy as np
from PIL import Image

LABELS = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]
VOTE_COLUMNS = ["ferplus_neutral", "ferplus_happiness", "ferplus_surprise", "ferplus_sadness",
                "ferplus_anger", "ferplus_disgust", "ferplus_fear", "ferplus_contempt",
                "ferplus_unknown", "ferplus_NF"]
# FER+ vote column -> index in LABELS, for the 7 emotions we keep (contempt/unknown/NF dropped).
VOTE_TO_LABEL = {0: 6, 1: 3, 2: 5, 3: 4, 4: 0, 5: 1, 6: 2}

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = os.path.join(HERE, "runs")


def checkpoint_path(run, which="best"):
    """runs/<run>/<which>.pt: `best` (selected on valid) or `last` (the resume point)."""
    return os.path.join(RUNS, run, which + ".pt")


def data_root(flag=None):
    """The folder that contains fer/: --data, else $EMOLENS_DATA, else ../shared/data from the repo."""
    if flag:
        return flag
    if os.environ.get("EMOLENS_DATA"):
        return os.environ["EMOLENS_DATA"]
    return os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data"))


def _read_split(split_dir):
    with open(os.path.join(split_dir, "labels.csv"), newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["path"])
    n = len(rows)
    x = np.empty((n, 48, 48), np.uint8)
    y = np.empty(n, np.int64)
    votes = np.full((n, 10), -1, np.int16)
    for i, r in enumerate(rows):
        img = Image.open(os.path.join(split_dir, r["path"]))
        if img.mode != "L" or img.size != (48, 48):
            raise ValueError(f"{r['path']}: expected 48x48 grey, got {img.mode} {img.size}")
        x[i] = np.asarray(img)
        y[i] = LABELS.index(r["fer2013"])
        if r[VOTE_COLUMNS[0]] != "":
            votes[i] = [int(r[c]) for c in VOTE_COLUMNS]
    return x, y, votes, np.array([r["path"] for r in rows])


def load(root=None, cache=True):
    """{'train': {...}, 'valid': {...}}; decodes the PNGs once, then reads the .npz cache."""
    root = data_root(root)
    cache_path = os.path.join(RUNS, "fer_cache.npz")
    if cache and os.path.exists(cache_path):
        z = np.load(cache_path)
        return {s: {k: z[f"{s}_{k}"] for k in ("x", "y", "votes", "paths")}
                for s in ("train", "valid")}
    out = {}
    for s in ("train", "valid"):
        x, y, votes, paths = _read_split(os.path.join(root, "fer", s))
        out[s] = {"x": x, "y": y, "votes": votes, "paths": paths}
    if cache:
        os.makedirs(RUNS, exist_ok=True)
        np.savez(cache_path, **{f"{s}_{k}": v for s, d in out.items() for k, v in d.items()})
    return out


def ferplus_distribution(votes):
    """[N,7] float32 vote distribution over LABELS (emotion votes only); rows without any are 0."""
    dist = np.zeros((len(votes), len(LABELS)), np.float32)
    for col, lab in VOTE_TO_LABEL.items():
        dist[:, lab] = np.maximum(votes[:, col], 0)
    total = dist.sum(1, keepdims=True)
    return np.divide(dist, total, out=np.zeros_like(dist), where=total > 0)


def ferplus_majority(votes):
    """[N] FER+ majority label index, or -1 where it is contempt/unknown/NF, a tie, or no votes."""
    v = votes.astype(np.int64)
    top = v.max(1)
    unique = (v == top[:, None]).sum(1) == 1
    arg = v.argmax(1)
    lab = np.array([VOTE_TO_LABEL.get(int(a), -1) for a in arg])
    return np.where(unique & (top > 0), lab, -1)


def soft_targets(y, votes, fer2013_weight):
    """Training targets: fer2013_weight * one-hot(FER2013) + (1 - w) * FER+ distribution; the weight is
    a number or one per image ([N,1]).

    Images whose FER+ votes hold no emotion vote fall back to the pure one-hot label.
    """
    onehot = np.eye(len(LABELS), dtype=np.float32)[y]
    dist = ferplus_distribution(votes)
    has = dist.sum(1, keepdims=True) > 0
    mixed = fer2013_weight * onehot + (1.0 - fer2013_weight) * dist
    return np.where(has, mixed, onehot).astype(np.float32)
