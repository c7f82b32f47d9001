"""Frozen teacher features over fer/train and fer/valid, cached in runs/features_<teacher>_<size>.npz
(float16, [N,D] per split; with the network's own expression output where it has one, and the
feature maps at the spec's top_from node, from which finetune_top.py trains the last blocks).
Resumable per split: a finished split is not recomputed.

  /usr/bin/python3 training/features.py --teacher faceres --size 112
Prints images/s and the CPU seconds spent (the machine is shared: wall time is noisy).
"""
import argparse
import os
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402

import data  # noqa: E402
import teachers  # noqa: E402
from tfjs_graph import TfjsGraph  # noqa: E402


def feature_path(teacher, size):
    return os.path.join(data.RUNS, f"features_{teacher}_{size}.npz")


@torch.no_grad()
def extract(net, spec, x_uint8, size, batch=64):
    """{"": features float16 [N,D], "own": the network's expression probabilities [N,7],
    "map": float16 maps at spec.top_from}, the last two where the spec names them."""
    nodes = {"": spec.feature, "own": spec.own_output, "map": spec.top_from}
    nodes = {k: v for k, v in nodes.items() if v}
    parts = {k: [] for k in nodes}
    for i in range(0, len(x_uint8), batch):
        out = net(spec.prepare(torch.from_numpy(x_uint8[i:i + batch]), size), list(nodes.values()))
        for k, node in nodes.items():
            parts[k].append((teachers.pooled(out[node]) if k == "" else out[node]).numpy().astype(
                np.float32 if k == "own" else np.float16))
    return {k: np.concatenate(v) for k, v in parts.items()}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--teacher", choices=sorted(teachers.SPECS), default="faceres")
    p.add_argument("--size", type=int, default=0, help="input size (default: the network's own)")
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    spec = teachers.SPECS[args.teacher]
    size = args.size or spec.size
    path = feature_path(args.teacher, size)
    have = dict(np.load(path)) if os.path.exists(path) else {}
    d = data.load()
    net = TfjsGraph.load(spec.model_json).eval()
    for split in ("valid", "train"):
        if split in have:
            continue
        t0, c0 = time.time(), time.process_time()
        for k, v in extract(net, spec, d[split]["x"], size).items():
            have[split + (f"_{k}" if k else "")] = v
        wall, cpu = time.time() - t0, time.process_time() - c0
        have[f"{split}_cpu_s"] = np.float64(cpu)
        np.savez(path + ".tmp.npz", **have)
        os.replace(path + ".tmp.npz", path)
        print(f"{args.teacher} {size}px {split}: {len(have[split])} images, {have[split].shape[1]}-d, "
              f"{wall:.0f} s wall ({len(have[split]) / wall:.1f} img/s), {cpu:.0f} s CPU", flush=True)


if __name__ == "__main__":
    main()
