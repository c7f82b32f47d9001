"""Distillation targets: the mean softmax of earlier runs' best checkpoints over every training
image and its mirror image (an ensemble no single browser-sized network can afford at 5 ms per
face, taught to one that can). Computed once per set of checkpoints and images, cached in runs/."""
import hashlib
import os

import numpy as np
import torch

import data
from inference import load_checkpoint, predict


def teacher_probabilities(runs, x_uint8):
    """[N,7] float32: softmax averaged over the runs' best.pt and over each image and its mirror."""
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
