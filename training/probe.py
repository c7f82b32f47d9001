"""The teacher's floor: a softmax head on frozen features (features.py's cache), fitted with the
project's targets (train.py's soft targets and class weights), one L2 strength per run, the best
on valid reported with the metrics train.py logs. Minutes on 2 cores.

  /usr/bin/python3 training/probe.py --teacher faceres --size 112
Writes runs/probe_<teacher>_<size>.json.
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
from features import feature_path


def class_weights(targets, power=0.5):
    """train.py's per-class loss weights: prior^-power, the average sample keeping weight 1."""
    prior = targets.mean(0)
    w = prior ** -power
    return (w / (prior * w).sum()).astype(np.float32)


def fit_head(x, targets, weights, l2, iters=200):
    """Full-batch L-BFGS on weighted soft-target cross-entropy + l2 * |W|^2; returns (W, b)."""
    x, t, w = torch.from_numpy(x), torch.from_numpy(targets), torch.from_numpy(weights)
    lin = torch.nn.Linear(x.shape[1], t.shape[1])
    opt = torch.optim.LBFGS(lin.parameters(), lr=1, max_iter=iters, history_size=20,
                            line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = -(F.log_softmax(lin(x), 1) * t * w).sum(1).mean() + l2 * (lin.weight ** 2).sum()
        loss.backward()
        return loss
    opt.step(closure)
    return lin


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--teacher", default="faceres")
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--fer2013-weight", type=float, default=0.5)
    p.add_argument("--l2", type=float, nargs="+", default=[1e-5, 1e-4, 1e-3, 1e-2])
    args = p.parse_args()
    torch.set_num_threads(2)
    z = np.load(feature_path(args.teacher, args.size))
    d = data.load()
    mean, std = z["train"].astype(np.float32).mean(0), z["train"].astype(np.float32).std(0) + 1e-6
    xs = {s: (z[s].astype(np.float32) - mean) / std for s in ("train", "valid")}
    targets = data.soft_targets(d["train"]["y"], d["train"]["votes"], args.fer2013_weight)
    weights = class_weights(targets)
    majority = data.ferplus_majority(d["valid"]["votes"])
    results = []
    for l2 in args.l2:
        c0 = time.process_time()
        head = fit_head(xs["train"], targets, weights, l2)
        with torch.no_grad():
            pred = head(torch.from_numpy(xs["valid"])).argmax(1).numpy()
        m = metrics.evaluate(pred, d["valid"]["y"], majority)
        row = {"l2": l2, "cpu_s": time.process_time() - c0, "fear_recall": m["per_class"]["fear"]["recall"],
               **{k: m[k] for k in ("fer2013_acc", "ferplus_majority_acc", "macro_f1", "score")}}
        results.append(row)
        print(f"{args.teacher} {args.size}px l2 {l2:g}: {metrics.summary(m)}  ({row['cpu_s']:.0f} s CPU)", flush=True)
    best = max(results, key=lambda r: r["score"])
    if "valid_own" in z:  # the network's own classifier, as shipped (no head fitted)
        m = metrics.evaluate(z["valid_own"].argmax(1), d["valid"]["y"], majority)
        results.append({"own_output": True, "fear_recall": m["per_class"]["fear"]["recall"],
                        **{k: m[k] for k in ("fer2013_acc", "ferplus_majority_acc", "macro_f1", "score")}})
        print(f"{args.teacher} {args.size}px own output: {metrics.summary(m)}", flush=True)
    out = {"teacher": args.teacher, "size": args.size, "feature_dim": int(xs["train"].shape[1]),
           "extract_cpu_s": {s: float(z[f"{s}_cpu_s"]) for s in ("train", "valid")},
           "fer2013_weight": args.fer2013_weight, "runs": results, "best": best}
    with open(os.path.join(data.RUNS, f"probe_{args.teacher}_{args.size}.json"), "w") as f:
        json.dump(out, f, indent=1)
    print("best", json.dumps(best))


if __name__ == "__main__":
    main()
