"""How the exported classifier reads CK+ (posed, studio-lit faces) under controlled transforms.

  /usr/bin/python3 training/ckplus_probe.py [--model models/expression.json] [--json out.json]

CK+ is a measurement, never training data (../shared/data/README.md). This runs the exported
weights (the PyTorch forward export.py checks them with) on CK+ and on fer/valid after one image
transform at a time: zoom, shift, mirror, blur, gamma, contrast, histogram equalisation, and
matching each crop's brightness and contrast to FER's. A transform that recovers the weak classes'
recall names the gap between the two populations; one that changes nothing rules it out. It also
prints the intensity statistics the lighting transforms are judged against, what calibration
(logit offsets on angry and fear) trades, and how FER+ voters relabel FER2013's angry and fear.
"""
import argparse
import glob
import json
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

import data
import reference
from export import torch_forward

CKPLUS_LABELS = ["angry", "disgust", "fear", "happy", "sad", "surprise"]  # CK+ has no neutral here
WEAK = ["angry", "fear"]  # the classes CK+ exposes
OFFSETS = [(0, 0), (0.5, 0), (1, 0), (0, 1), (1, 1), (1.5, 1.5)]  # added to the angry / fear logits


def load_ckplus(root):
    """uint8 [N,48,48] and label indices into data.LABELS, path-sorted per class."""
    xs, ys = [], []
    for label in CKPLUS_LABELS:
        paths = sorted(glob.glob(os.path.join(root, label, "*.png")))
        if not paths:
            raise SystemExit(f"{os.path.join(root, label)}: no PNG crops (is ../shared/data/ckplus there?)")
        for p in paths:
            img = Image.open(p)
            if img.mode != "L" or img.size != (48, 48):
                raise SystemExit(f"{p}: expected 48x48 grey, got {img.mode} {img.size}")
            xs.append(np.asarray(img))
            ys.append(data.LABELS.index(label))
    return np.stack(xs), np.array(ys)


def warp(x, zoom=1.0, dy=0.0, dx=0.0, flip=False):
    """Similarity warp of uint8 [N,48,48] about the centre, replicated border: zoom > 1 magnifies the
    face (as a tighter crop would), dy > 0 moves the content down by dy pixels."""
    t = torch.from_numpy(x).float()[:, None]
    s = 1.0 / zoom
    theta = torch.tensor([[s * (-1 if flip else 1), 0.0, -dx * 2 / 48], [0.0, s, -dy * 2 / 48]]).expand(len(x), 2, 3)
    grid = F.affine_grid(theta, t.shape, align_corners=False)
    return F.grid_sample(t, grid, mode="bilinear", padding_mode="border", align_corners=False)[:, 0].numpy()


def equalise(x):
    """Per-image histogram equalisation (the classic CDF mapping)."""
    out = np.empty_like(x)
    for i, a in enumerate(x):
        cdf = np.bincount(a.ravel(), minlength=256).cumsum()
        lo = cdf[cdf > 0][0]
        out[i] = np.round((cdf[a] - lo) / max(cdf[-1] - lo, 1) * 255)
    return out


def match_stats(x, mean, std):
    """Each crop's mean and standard deviation set to the given ones."""
    f = x.astype(np.float64)
    m, s = f.mean((1, 2), keepdims=True), f.std((1, 2), keepdims=True) + 1e-6
    return (f - m) / s * std + mean


def blur(x):
    k = torch.tensor([1.0, 2.0, 1.0])
    k = (k[:, None] * k[None] / 16).view(1, 1, 3, 3)
    t = F.pad(torch.from_numpy(x).float()[:, None], (1, 1, 1, 1), mode="replicate")
    return F.conv2d(t, k)[:, 0].numpy()


def to_uint8(f):
    return np.clip(np.round(f), 0, 255).astype(np.uint8)


def transforms(fer_mean, fer_std):
    """(name, uint8 [N,48,48] -> float or uint8 [N,48,48]) in report order."""
    g = lambda gamma: (lambda x: 255.0 * (x / 255.0) ** gamma)  # noqa: E731
    c = lambda k: (lambda x: (x - x.mean((1, 2), keepdims=True)) * k + x.mean((1, 2), keepdims=True))  # noqa: E731
    return [
        ("identity", lambda x: x),
        ("mirror", lambda x: warp(x, flip=True)),
        ("zoom 0.85 (face smaller)", lambda x: warp(x, zoom=0.85)),
        ("zoom 0.92", lambda x: warp(x, zoom=0.92)),
        ("zoom 1.08", lambda x: warp(x, zoom=1.08)),
        ("zoom 1.15 (face larger)", lambda x: warp(x, zoom=1.15)),
        ("shift up 2 px", lambda x: warp(x, dy=-2)),
        ("shift down 2 px", lambda x: warp(x, dy=2)),
        ("blur 3x3", blur),
        ("gamma 0.7 (brighter)", g(0.7)),
        ("gamma 1.4 (darker)", g(1.4)),
        ("contrast x0.7", c(0.7)),
        ("contrast x1.3", c(1.3)),
        ("histogram equalisation", equalise),
        ("FER's mean and std", lambda x: match_stats(x, fer_mean, fer_std)),
    ]


def recalls(pred, y):
    return {data.LABELS[k]: float((pred[y == k] == k).mean()) for k in np.unique(y)}


def ckplus_summary(pred, y):
    """One line: accuracy and each CK+ class's recall."""
    return f"acc {(pred == y).mean():.4f}  recall[" + " ".join(f"{k[:3]}={v:.2f}" for k, v in recalls(pred, y).items()) + "]"


def intensity_stats(x):
    f = x.astype(np.float64)
    return {"mean": float(f.mean()), "per_crop_std_median": float(np.median(f.std((1, 2)))),
            "per_crop_mean_p10_p90": [float(v) for v in np.percentile(f.mean((1, 2)), [10, 90])],
            "saturated_fraction": float(((x == 0) | (x == 255)).mean())}


def relabelled(split):
    """How FER+ majorities split FER2013's weak classes: {label: {FER+ label or 'none': count}}."""
    plus = data.ferplus_majority(split["votes"])
    out = {}
    for label in WEAK:
        sel = split["y"] == data.LABELS.index(label)
        out[label] = {data.LABELS[k]: int((plus[sel] == k).sum()) for k in range(len(data.LABELS))}
        out[label]["none"] = int((plus[sel] < 0).sum())
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", default=os.path.join(reference.ROOT, "models", "expression.json"))
    p.add_argument("--ckplus", default=os.path.join(data.data_root(), "ckplus"))
    p.add_argument("--json", default="", help="also write the table as JSON here")
    args = p.parse_args()
    torch.set_num_threads(1)

    manifest, weights = reference.load_model(args.model)
    ck_x, ck_y = load_ckplus(args.ckplus)
    splits = data.load()
    valid = splits["valid"]
    fer_x, fer_y, fer_plus = valid["x"], valid["y"], data.ferplus_majority(valid["votes"])
    fer_stats = intensity_stats(fer_x)
    print(f"intensity  CK+ {json.dumps(intensity_stats(ck_x))}\n           FER valid {json.dumps(fer_stats)}")

    scored = fer_plus >= 0
    header = " ".join(f"{k[:7]:>7s}" for k in CKPLUS_LABELS) + f" {'FER2013':>8s} {'FER+':>6s}"

    def forward(x):  # in slices: one 3,572-image batch spends most of its time allocating
        return np.concatenate([torch_forward(manifest, weights, to_uint8(x[i:i + 256])) for i in range(0, len(x), 256)])

    def score(ck_logits, fer_logits, name):
        ck_pred, fer_pred = ck_logits.argmax(1), fer_logits.argmax(1)
        row = {"ckplus_acc": float((ck_pred == ck_y).mean()), "ckplus_recall": recalls(ck_pred, ck_y),
               "fer2013_acc": float((fer_pred == fer_y).mean()),
               "ferplus_majority_acc": float((fer_pred[scored] == fer_plus[scored]).mean())}
        print(f"{name:26s} {row['ckplus_acc']:8.3f} " + " ".join(f"{row['ckplus_recall'][k]:7.3f}" for k in CKPLUS_LABELS)
              + f" {row['fer2013_acc']:8.3f} {row['ferplus_majority_acc']:6.3f}")
        return row

    print(f"\n{'transform':26s} {'CK+ acc':>8s} {header}")
    rows = []
    for name, fn in transforms(fer_stats["mean"], fer_stats["per_crop_std_median"]):
        rows.append({"transform": name, **score(forward(fn(ck_x)), forward(fn(fer_x)), name)})
    ck_logits, fer_logits = forward(ck_x), forward(fer_x)

    print(f"\n{'offset angry / fear':26s} {'CK+ acc':>8s} {header}")
    calibration = []
    for angry, fear in OFFSETS:
        b = np.zeros(len(data.LABELS), np.float32)
        b[data.LABELS.index("angry")], b[data.LABELS.index("fear")] = angry, fear
        calibration.append({"angry": angry, "fear": fear,
                            **score(ck_logits + b, fer_logits + b, f"{angry:+.1f} / {fear:+.1f}")})

    split = {name: relabelled(splits[name]) for name in ("train", "valid")}
    print("\nFER+ majority of FER2013's weak classes:")
    for name, table in split.items():
        for label, counts in table.items():
            print(f"  {name:5s} FER2013 {label:5s}: {json.dumps(counts)}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"model": args.model, "transforms": rows, "calibration": calibration,
                       "ferplus_of_weak_classes": split}, f, indent=1)


if __name__ == "__main__":
    main()
