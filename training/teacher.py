"""Distillation targets: the mean softmax of earlier runs' best checkpoints over every training
image and its mirror image (an ensemble no single browser-sized network can afford at 5 ms per
face, taught to one that can). Computed once per set of runs and cached in runs/."""
import os

import numpy as np
import torch

import data
from inference import load_checkpoint, predict


def teacher_probabilities(runs, x_uint8):
    """[N,7] float32: softmax averaged over the runs' best.pt and over each image and its mirror."""
    cache = os.path.join(data.RUNS, f"teacher_{'+'.join(runs)}_{len(x_uint8)}.npy")
    if os.path.exists(cache):
        return np.load(cache)
    mirrored = np.ascontiguousarray(x_uint8[:, :, ::-1])
    total = np.zeros((len(x_uint8), len(data.LABELS)), np.float32)
    for run in runs:
        model, _ = load_checkpoint(os.path.join(data.RUNS, run, "best.pt"))
        for images in (x_uint8, mirrored):
            total += torch.softmax(torch.from_numpy(predict(model, images)), 1).numpy()
    probabilities = total / (2 * len(runs))
    np.save(cache, probabilities)
    return probabilities
