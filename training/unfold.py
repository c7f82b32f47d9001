"""Rebuild a trainable checkpoint from an exported model, for fine-tuning when the run's own
checkpoint is gone (runs/ is gitignored, so a fresh checkout holds only models/).

  /usr/bin/python3 training/unfold.py --run shipped [--model models/expression.json]

Writes runs/<run>/best.pt and last.pt, which `train.py --init <run>` starts from. The export
folded each BatchNorm into its conv, so the BN statistics are re-measured. Each conv gets the
exported kernel and each BN the mean and variance of that conv's output over training images,
with the scale and shift chosen so that eval mode reproduces the export exactly (checked on valid).
Train mode then normalises by batch statistics close to those.
"""
import argparse
import os

import numpy as np
import torch

import data
import reference
from export import torch_forward
from inference import normalise, predict, to_input
from model import ConvBN, ExpressionNet

STAT_IMAGES = 4096


def conv_layers(model):
    """The ConvBN modules in the order export.build_graph names them (f<i>, f<i>.dw, f<i>.pw)."""
    out = {}
    for i, layer in enumerate(model.features):
        if isinstance(layer, ConvBN):
            out[f"f{i}"] = layer
        elif hasattr(layer, "dw"):
            out[f"f{i}.dw"], out[f"f{i}.pw"] = layer.dw, layer.pw
    return out


def load_exported(manifest, weights):
    """ExpressionNet whose every BN is the identity plus the exported bias (eval mode = export)."""
    # the four stages' widths are the output channels of the convs that widen them (model.py's layout)
    widths = tuple(weights[name].shape[0] for name in ("f0.w", "f2.w", "f6.w", "f10.pw.w"))
    model = ExpressionNet(widths=widths).to(memory_format=torch.channels_last)
    with torch.no_grad():
        for name, cbn in conv_layers(model).items():
            w = torch.from_numpy(weights[name + ".w"].astype(np.float32))
            # NHWC layouts back to torch's: [Co,KH,KW,Ci] -> [Co,Ci,KH,KW]; depthwise [1,KH,KW,C] -> [C,1,KH,KW]
            cbn.conv.weight.copy_(w[0].permute(2, 0, 1)[:, None] if cbn.depthwise else w.permute(0, 3, 1, 2))
            cbn.bn.weight.fill_(1.0)
            cbn.bn.bias.copy_(torch.from_numpy(weights[name + ".b"].astype(np.float32)))
            cbn.bn.running_mean.zero_()
            cbn.bn.running_var.fill_(1.0 - cbn.bn.eps)
        model.fc.weight.copy_(torch.from_numpy(weights["fc.w"].astype(np.float32)))
        model.fc.bias.copy_(torch.from_numpy(weights["fc.b"].astype(np.float32)))
    return model.eval()


@torch.no_grad()
def remeasure_bn(model, x_uint8):
    """Give each BN the statistics of its conv's output on x, keeping eval mode's function."""
    convs = list(conv_layers(model).values())
    sums = {id(c): [0.0, 0.0, 0] for c in convs}

    def hook(cbn):
        def record(_module, _inputs, y):
            acc = sums[id(cbn)]
            acc[0] += y.double().sum((0, 2, 3))
            acc[1] += (y.double() ** 2).sum((0, 2, 3))
            acc[2] += y.shape[0] * y.shape[2] * y.shape[3]
        return record

    handles = [c.conv.register_forward_hook(hook(c)) for c in convs]
    for i in range(0, len(x_uint8), 256):
        model(normalise(to_input(x_uint8[i:i + 256])))
    for h in handles:
        h.remove()
    for c in convs:
        s, sq, n = sums[id(c)]
        mean, var = s / n, (sq / n - (s / n) ** 2).clamp_min(1e-6)
        bn = c.bn
        bias = bn.bias.double().clone()
        bn.running_mean.copy_(mean)
        bn.running_var.copy_(var)
        bn.weight.copy_((var + bn.eps).sqrt())
        bn.bias.copy_(bias + mean)
    return model


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--run", required=True, help="runs/<run>/ to write")
    p.add_argument("--model", default=os.path.join(reference.ROOT, "models", "expression.json"))
    args = p.parse_args()
    torch.set_num_threads(1)
    manifest, weights = reference.load_model(args.model)
    d = data.load()
    pick = np.random.default_rng(1).permutation(len(d["train"]["x"]))[:STAT_IMAGES]
    model = remeasure_bn(load_exported(manifest, weights), d["train"]["x"][np.sort(pick)])

    exported = torch_forward(manifest, weights, d["valid"]["x"])
    rebuilt = predict(model, d["valid"]["x"])
    diff = float(np.abs(exported - rebuilt).max())
    agree = float((exported.argmax(1) == rebuilt.argmax(1)).mean())
    if diff > 1e-3 or agree < 1.0:
        raise SystemExit(f"rebuilt model differs from the export on valid: max |logit diff| {diff:.2e}, argmax agreement {agree:.4f}")
    recipe = manifest["provenance"]["recipe"]
    ck = {"model": model.state_dict(),
          "args": {"epochs": 0, "lr": 0.0, "fer2013_weight": float(recipe["targets"].split(" ")[0]),
                   "teachers": "", "threads": 0, "init": "", "dropout": 0.3, "widths": list(model.widths),
                   "unfolded_from": os.path.relpath(args.model, reference.ROOT)},
          "state": {"epoch": 0, "best_epoch": None, "wall_s": 0.0},
          "unfolded": {"max_logit_diff_valid": diff, "argmax_agreement_valid": agree}}
    os.makedirs(os.path.join(data.RUNS, args.run), exist_ok=True)
    for which in ("best", "last"):
        torch.save(ck, data.checkpoint_path(args.run, which))
    print(f"runs/{args.run}: rebuilt from {args.model}; on valid max |logit diff| {diff:.2e}, argmax agreement {agree:.4f}")


if __name__ == "__main__":
    main()
