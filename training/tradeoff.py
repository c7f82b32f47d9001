"""How far the two label sets pull a classifier apart, measured on valid.

  /usr/bin/python3 training/tradeoff.py --runs s6_w04 s6_ft2 [--which best]

1. The labels: on valid images with a FER+ majority, how often it equals the FER2013 label. Where
   they differ a prediction can match at most one, so on those images FER2013 accuracy + FER+
   majority accuracy <= 1 + agreement, whatever the network.
2. Each run's checkpoint and, given several runs, their weight average (a "soup": only meaningful
   for runs fine-tuned from a common ancestor), each alone and averaged with its mirror image.
3. Per-class logit offsets fitted on one half of valid (to the selection score) and measured on
   the other: whether re-weighting the classes lifts both accuracies or only trades one for the other.
"""
import argparse
import copy

import numpy as np
import torch

import data
import metrics
from inference import load_checkpoint, predict

OFFSET_GRID = np.round(np.arange(-1.0, 1.01, 0.1), 2)


def label_agreement(fer2013, ferplus_majority):
    scored = ferplus_majority >= 0
    return float((ferplus_majority[scored] == fer2013[scored]).mean()), int(scored.sum())


def weight_average(models):
    """A new network whose floating-point parameters and BN statistics are the models' mean."""
    states = [m.state_dict() for m in models]
    averaged = {k: torch.stack([s[k].float() for s in states]).mean(0).to(v.dtype) if v.is_floating_point() else v
                for k, v in states[0].items()}
    mean = copy.deepcopy(models[0])
    mean.load_state_dict(averaged)
    return mean


def scores(logits, valid, majority, rows=slice(None)):
    m = metrics.evaluate(logits[rows].argmax(1), valid["y"][rows], majority[rows])
    return m["fer2013_acc"], m["ferplus_majority_acc"], m["macro_f1"], m["score"]


def fit_offsets(logits, valid, majority, rows, sweeps=3):
    """Coordinate search over per-class logit offsets, maximising the selection score on rows."""
    offsets = np.zeros(len(data.LABELS))
    for _ in range(sweeps):
        for c in range(len(offsets)):
            def score_with(v):
                trial = offsets.copy()
                trial[c] = v
                return scores(logits + trial, valid, majority, rows)[3]
            offsets[c] = max(OFFSET_GRID, key=score_with)
    return offsets


def row(name, values):
    print(f"| {name} | " + " | ".join(f"{v:.4f}" for v in values) + " |")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--runs", nargs="+", required=True)
    p.add_argument("--which", default="best", help="best or last checkpoint of each run")
    p.add_argument("--data", default=None, help="folder containing fer/ (default $EMOLENS_DATA or ../shared/data)")
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    torch.set_num_threads(args.threads)

    valid = data.load(args.data)["valid"]
    majority = data.ferplus_majority(valid["votes"])
    agreement, scored = label_agreement(valid["y"], majority)
    print(f"labels: FER2013 = FER+ majority on {agreement:.4f} of the {scored} scored valid images; "
          f"on them FER2013 acc + FER+ acc <= {1 + agreement:.4f}\n")

    models = {run: load_checkpoint(data.checkpoint_path(run, args.which))[0] for run in args.runs}
    if len(args.runs) > 1:
        models["average of " + " + ".join(args.runs)] = weight_average(list(models.values()))
    mirrored = np.ascontiguousarray(valid["x"][:, :, ::-1])
    print("| model | FER2013 | FER+ majority | macro-F1 | score |\n|---|---|---|---|---|")
    logits = {}
    for name, model in models.items():
        logits[name] = predict(model, valid["x"])
        row(name, scores(logits[name], valid, majority))
        row(name + ", with mirror", scores(logits[name] + predict(model, mirrored), valid, majority))

    halves = np.array_split(np.random.default_rng(0).permutation(len(valid["y"])), 2)
    print("\n| model | offsets fitted on half | held-out half before (FER2013, FER+, F1, score) | after |"
          "\n|---|---|---|---|")
    for name, lg in logits.items():
        for fit, held_out in (halves, halves[::-1]):
            offsets = fit_offsets(lg, valid, majority, fit)
            before = scores(lg, valid, majority, held_out)
            after = scores(lg + offsets, valid, majority, held_out)
            print(f"| {name} | {' '.join(f'{o:+.1f}' for o in offsets)} | "
                  f"{' '.join(f'{v:.4f}' for v in before)} | {' '.join(f'{v:.4f}' for v in after)} |")


if __name__ == "__main__":
    main()
