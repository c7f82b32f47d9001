"""Distillation targets: the mean softmax of earlier runs' best checkpoints over every training
image and its mirror image (an ensemble no single browser-sized network can afford at 5 ms per
face, taught to one that can). Computed once per set of checkpoints and images, cached in runs/.
A teacher given as a .npz file is a committed soft-label file (softlabels.py: a fine-tuned face
network's mirror-averaged softmax), matched to the images by path."""
import hashlib
import os

import numpy as np
import torch

import data
from inference import load_checkpoint, predict


def teacher_probabilities(teachers, x_uint8, paths):
    """[N,7] float32: the mean over the teachers of each one's mirror-averaged softmax, where a
    teacher is an earlier run (its best.pt) or a soft-label .npz file."""
    files = [t for t in teachers if t.endswith(".npz")]
    runs = [t for t in teachers if not t.endswith(".npz")]
    parts = [_soft_label_file(f, paths) for f in files]
    if runs:
        parts.append(_run_probabilities(runs, x_uint8) * len(runs))
    return (sum(parts) / len(teachers)).astype(np.float32)


def _soft_label_file(path, paths):
    """The file's rows for these image paths; an image the file lacks stops with its name."""
    z = np.load(path)
    row = {p: i for i, p in enumerate(z["paths"])}
    missing = [p for p in paths if p not in row]
    if missing:
        raise SystemExit(f"{path}: no soft label for {len(missing)} images, e.g. {missing[0]}")
    return z["probabilities"][[row[p] for p in paths]].astype(np.float32)


def _run_probabilities(runs, x_uint8):
    checkpoints = [data.checkpoint_path(run) for run in runs]
    cache = os.path.join(data.RUNS, f"teacher_{'+'.join(runs)}_{_content_key(checkpoints, x_uint8)}.npy")
    if os.path.exists(cache):
        return np.load(cache)
    mirrored = np.ascontiguousarray(x_uint8[:, :, ::-1])
    total = np.zeros((len(x_uint8), len(data.LABELS)), np.float32)
    for checkpoint in checkpoints:
        model, _ = load_checkpoint(checkpoint)
        for images in (x_uint8, mirrored):
            total += torch.softmax(torch.from_numpy(predict(model, images)), 1).numpy()
    probabilities = total / (2 * len(runs))
    np.save(cache, probabilities)
    return probabilities


def _content_key(checkpoints, x_uint8):
    """Hash of the checkpoints' bytes and the images: a retrained run or another subset of the
    same size gets its own cache file instead of stale probabilities."""
    digest = hashlib.sha256(np.ascontiguousarray(x_uint8).tobytes())
    for path in checkpoints:
        with open(path, "rb") as f:
            digest.update(hashlib.sha256(f.read()).digest())
    return digest.hexdigest()[:16]
